using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Api;

/// <summary>
/// The three pools over HTTP. Reads query the stores; writes go through the pools' use cases
/// (<see cref="EnterpriseWrites"/>, …), the same the form pages use.
/// </summary>
public static class PoolsApi
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapReferenceApi();
        api.MapEnterprises();
        api.MapPositions();
        api.MapTalents();
        api.MapTokens();
        api.MapMatches();
        api.MapAuditApi();
        api.MapImportedPostingsApi();
        api.MapFlowApi();
        api.MapSharedOrdersApi();
        api.MapSharedPoolApi();
        api.MapTalentMapApi();
        api.MapPublicationsApi();
        api.MapWatchApi();
        api.MapAnalyticsApi();
        api.MapEnterpriseServicesApi();
        api.MapTitleReviewApi();
        api.MapTrainingApi();
        api.MapChallengesApi();
        api.MapIndicesApi();
        api.MapCompetitionsApi();
    }

    internal static ValidationProblem Invalid(ValidationErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        title: "The request has invalid fields.");

    /// <summary>A write's outcome as an HTTP answer: 200 with the new ETag, 400 with the fields, 404, 403 or 412.</summary>
    internal static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Answer<T>(HttpResponse response, WriteResult<T> result)
        where T : class, IVersioned =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Ok(Tagged(response, result.Value!)),
            WriteStatus.Invalid => Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Conflict => Changed(response, result.Value!),
            _ => TypedResults.Forbid(),
        };

    /// <summary>A create's outcome: 201 with the location and ETag of the new record, otherwise as <see cref="Answer{T}"/>.</summary>
    internal static Results<Created<T>, ValidationProblem, NotFound, ForbidHttpResult> Created<T>(HttpResponse response, WriteResult<T> result, Func<T, string> location)
        where T : class, IVersioned =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Created(location(result.Value!), Tagged(response, result.Value!)),
            WriteStatus.Invalid => Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Forbid(),
        };

    private static Results<NoContent, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Deleted<T>(HttpResponse response, WriteResult<T> result)
        where T : class, IVersioned =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.NoContent(),
            WriteStatus.Invalid => Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Conflict => Changed(response, result.Value!),
            _ => TypedResults.Forbid(),
        };

    /// <summary>A read's answer: 200 with the record's ETag, or 404.</summary>
    internal static Results<Ok<T>, NotFound> Found<T>(HttpResponse response, T? record) where T : class, IVersioned =>
        record is null ? TypedResults.NotFound() : TypedResults.Ok(Tagged(response, record));

    internal static T Tagged<T>(HttpResponse response, T record) where T : IVersioned
    {
        response.Headers.ETag = Versions.ETag(record.Version);
        return record;
    }

    internal static ProblemHttpResult Changed<T>(HttpResponse response, T current) where T : IVersioned => Changed(response, current.Version);

    internal static ProblemHttpResult Changed(HttpResponse response, int currentVersion)
    {
        response.Headers.ETag = Versions.ETag(currentVersion);
        return TypedResults.Problem("The record was changed by someone else since you read it (its ETag is now " +
            Versions.ETag(currentVersion) + "). Read it again, reapply your change and send it with the new ETag in If-Match.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else");
    }

    private static void MapEnterprises(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises");

        group.MapGet("/", async Task<Results<Ok<Page<Enterprise>>, ValidationProblem>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, EnterpriseStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference, EnterpriseStore.SortKeys.Keys.ToList());
            return errors.IsValid ? TypedResults.Ok(await store.ListAsync(query, Caller.From(user).ScopeRegion, ct)) : Invalid(errors);
        }).WithSummary("Enterprises, filtered by region subtree, industry and text; paged and sorted (sort=name, -headcount, …).");

        group.MapGet("/{id:long}", async (long id, HttpResponse response, EnterpriseStore store, CancellationToken ct) =>
            Found(response, await store.FindAsync(id, ct)));

        group.MapPost("/", async (Enterprise body, ClaimsPrincipal user, HttpResponse response, EnterpriseWrites writes, CancellationToken ct) =>
            Created(response, await writes.CreateAsync(Caller.From(user), body, null, ct), e => $"/api/v1/enterprises/{e.Id}"))
            .RequireAuthorization();

        group.MapPut("/{id:long}", async (long id, Enterprise body, ClaimsPrincipal user, HttpResponse response, EnterpriseWrites writes, CancellationToken ct) =>
            Answer(response, await writes.UpdateAsync(Caller.From(user), id, Versions.IfMatch(response), body, null, ct)))
            .RequireAuthorization().RequireIfMatch();

        group.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, EnterpriseWrites writes, CancellationToken ct) =>
            Deleted(response, await writes.DeleteAsync(Caller.From(user), id, Versions.IfMatch(response), ct)))
            .RequireAuthorization().RequireIfMatch();
    }

    private static void MapPositions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/positions").WithTags("Positions");

        group.MapGet("/", async Task<Results<Ok<Page<Position>>, ValidationProblem>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, PositionStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference, PositionStore.SortKeys.Keys.ToList());
            return errors.IsValid ? TypedResults.Ok(await store.ListAsync(query, Caller.From(user).ScopeRegion, ct)) : Invalid(errors);
        }).WithSummary("Positions, filtered by region subtree, occupation prefix, industry, education, enterprise, urgency, status and text.");

        group.MapGet("/{id:long}", async (long id, HttpResponse response, PositionStore store, CancellationToken ct) =>
            Found(response, await store.FindAsync(id, ct)));

        group.MapPost("/", async (Position body, long? fromCluster, ClaimsPrincipal user, HttpResponse response, PositionWrites writes, CancellationToken ct) =>
            Created(response, await writes.CreateAsync(Caller.From(user), body, null, ct, fromCluster), p => $"/api/v1/positions/{p.Id}"))
            .RequireAuthorization()
            .WithSummary("Posts a position for an enterprise; the industry defaults to the enterprise's. With fromCluster (operators), publishes that duplicate cluster as the position, once.");

        group.MapPut("/{id:long}", async (long id, Position body, ClaimsPrincipal user, HttpResponse response, PositionWrites writes, CancellationToken ct) =>
            Answer(response, await writes.UpdateAsync(Caller.From(user), id, Versions.IfMatch(response), body, null, ct)))
            .RequireAuthorization().RequireIfMatch()
            .WithSummary("Changes a position; it stays with its enterprise.");

        group.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, PositionWrites writes, CancellationToken ct) =>
            Deleted(response, await writes.DeleteAsync(Caller.From(user), id, Versions.IfMatch(response), ct)))
            .RequireAuthorization().RequireIfMatch();
    }

    private static void MapTalents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/talents").WithTags("Talents").RequireAuthorization();

        group.MapGet("/", async Task<Results<Ok<Page<TalentSummary>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, TalentStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (caller.MaxTalentVisibility is not { } visibility)
            {
                return TypedResults.Forbid();
            }
            var (query, errors) = parameters.Parse(reference, TalentStore.SortKeys.Keys.ToList());
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var page = await store.ListAsync(query, caller.ScopeRegion, visibility, ct);
            return TypedResults.Ok(new Page<TalentSummary>(page.Items.Select(TalentSummary.From).ToList(), page.Total, page.PageNumber, page.PageSize));
        }).WithSummary("Talents visible to the caller, filtered by residence region subtree, occupation prefix, minimum education and keyword. Lists carry no contact data; open a record for its masked contact data (audited).");

        group.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, TalentWrites writes, CancellationToken ct) =>
            Answer(response, await writes.ViewAsync(Caller.From(user), id, "api: talent record", ct)))
            .WithSummary("One talent record (masked contact data); every view by someone else is audited.");

        group.MapPost("/", async (TalentDraft body, ClaimsPrincipal user, HttpResponse response, TalentWrites writes, CancellationToken ct) =>
            Created(response, await writes.CreateAsync(Caller.From(user), body, null, ct), t => $"/api/v1/talents/{t.Id}"))
            .WithSummary("Registers a talent (operators and administrators); the person's consent to the current text is required.");

        group.MapPut("/{id:long}", async (long id, TalentDraft body, ClaimsPrincipal user, HttpResponse response, TalentWrites writes, CancellationToken ct) =>
            Answer(response, await writes.UpdateAsync(Caller.From(user), id, Versions.IfMatch(response), body, null, ct)))
            .RequireIfMatch()
            .WithSummary("Changes a talent record; an omitted phone or ID number keeps the stored one.");

        group.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, TalentWrites writes, CancellationToken ct) =>
            Deleted(response, await writes.DeleteAsync(Caller.From(user), id, Versions.IfMatch(response), ct)))
            .RequireIfMatch();
    }

    public sealed record TokenRequest(string? UserName, string? Password, string? Name);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    private static void MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", async (ClaimsPrincipal user, AccountStore accounts, CancellationToken ct) =>
            TypedResults.Ok(await accounts.ListTokensAsync(Caller.From(user).AccountId!.Value, ct)))
            .WithTags("Accounts").RequireAuthorization()
            .WithSummary("The caller's own API tokens, newest first (name, dates; never the token itself).");
        api.MapDelete("/tokens/{id:long}", async Task<Results<NoContent, NotFound>> (long id, ClaimsPrincipal user, AccountStore accounts, TimeProvider time, CancellationToken ct) =>
            await accounts.RevokeTokenAsync(Caller.From(user).AccountId!.Value, id, time.GetUtcNow(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithTags("Accounts").RequireAuthorization()
            .WithSummary("Revokes one of the caller's own API tokens at once (404 if it is not theirs or already revoked).");
        api.MapPost("/tokens", async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> (
            TokenRequest body, Login login, AccountStore accounts, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var errors = new ValidationErrors()
                .Required(body.UserName, "userName", 100)
                .Required(body.Password, "password", 200)
                .Required(body.Name, "name", 100);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var (outcome, account, retryAfter) = await login.VerifyAsync(body.UserName!, body.Password!, ClientAddress.Of(http), ct);
            if (outcome == LoginOutcome.Throttled)
            {
                http.Response.Headers.RetryAfter = ClientAddress.Seconds(retryAfter);
                return TypedResults.Problem("Too many failed sign-ins from this address; try again after the time in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
            if (outcome != LoginOutcome.Success)
            {
                return TypedResults.Problem(
                    // One answer for an unknown name, a wrong password and a locked account: none tells whether the name exists.
                    "Unknown user name or wrong password (after 5 wrong passwords in a row an account is locked for 15 minutes).",
                    statusCode: StatusCodes.Status401Unauthorized);
            }
            var expires = time.GetUtcNow().AddDays(90);
            var token = await accounts.CreateTokenAsync(account!.Id, body.Name!, time.GetUtcNow(), expires, ct);
            return TypedResults.Ok(new TokenResponse(token, expires));
        }).WithTags("Accounts")
          .WithSummary("Issues a 90-day API token for an account (send it as Authorization: Bearer …).");
    }
}
