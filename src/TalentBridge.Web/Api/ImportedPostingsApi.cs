using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>The imported postings list over HTTP: operators (their region's subtree) and administrators.</summary>
public static class ImportedPostingsApi
{
    public static void MapImportedPostingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/imported-postings", async Task<Results<Ok<Page<ImportedPosting>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] ListParameters parameters, string? source, bool? duplicates, bool? published, ClaimsPrincipal user, ImportedPostings postings,
            ReferenceData reference, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!caller.CanImport)
            {
                return TypedResults.Forbid();
            }
            var (query, errors) = parameters.Parse(reference, [.. ImportedPostings.SortKeys.Keys]);
            var (page, more) = errors.IsValid ? await postings.ListAsync(caller, query, source, duplicates, published, ct) : (null, errors);
            return page is not null ? TypedResults.Ok(page) : TypedResults.ValidationProblem(more.ToDictionary(), title: "The request has invalid fields.");
        }).WithTags("Imports").RequireAuthorization()
            .WithSummary("Imported source postings with their cluster, filtered by source platform, region subtree, occupation prefix, duplicates (true: in a cluster with other sources), published (true: its cluster became a position, positionId) and text; sort postedOn, title, source, cluster.");
    }
}
