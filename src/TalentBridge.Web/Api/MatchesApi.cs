using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Matching;

namespace TalentBridge.Web.Api;

/// <summary>GET /api/v1/positions/{id}/matches and /api/v1/talents/{id}/matches (docs/matching.md).</summary>
public static class MatchesApi
{
    public static void MapMatches(this RouteGroupBuilder api)
    {
        api.MapGet("/positions/{id:long}/matches", async Task<Results<Ok<MatchPage>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (long id, int? take, ClaimsPrincipal user, MatchQueries queries, CancellationToken ct) =>
            take is { } t && (t < 1 || t > MatchQueries.MaxTake)
                ? TakeInvalid()
                : Answer(await queries.TalentsForPositionAsync(Caller.From(user), id, take ?? 20, ct)))
            .WithTags("Matching")
            .RequireAuthorization()
            .WithSummary("推荐人才: the best talents for a position, each with its score and the factors, skills and hard conditions behind it.");

        api.MapGet("/talents/{id:long}/matches", async Task<Results<Ok<MatchPage>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (long id, int? take, bool? exposureAware, ClaimsPrincipal user, MatchQueries queries, CancellationToken ct) =>
            take is { } t && (t < 1 || t > MatchQueries.MaxTake)
                ? TakeInvalid()
                : Answer(await queries.PositionsForTalentAsync(Caller.From(user), id, take ?? 20, exposureAware ?? true, ct)))
            .WithTags("Matching")
            .RequireAuthorization()
            .WithSummary("推荐岗位: the best positions for a talent; exposureAware (default true) lifts small enterprises' and little-shown positions within a few points.");
    }

    private static ValidationProblem TakeInvalid() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["take"] = [$"must be between 1 and {MatchQueries.MaxTake}"] }, title: "The request has invalid fields.");

    private static Results<Ok<MatchPage>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Answer(MatchAnswer answer) => answer.Status switch
    {
        MatchStatus.Ok => TypedResults.Ok(answer.Page!),
        MatchStatus.NotFound => TypedResults.NotFound(),
        MatchStatus.Forbidden => TypedResults.Forbid(),
        _ => Warming(),
    };

    private static ProblemHttpResult Warming() => TypedResults.Problem(
        title: "The match index is still being built.", detail: "Retry in a few seconds.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
