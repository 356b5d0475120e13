using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// Shortage catalogues and wage prices over HTTP (issue 13, items 3 and 4). For operators and administrators under
/// <c>/analytics/shortage</c> and <c>/analytics/wages</c>: the table computed from the facts for a region and period,
/// drafts, row edits (reason required) and publication, each write naming the draft's version (<c>If-Match</c> or
/// <c>version</c>). Public under <c>/catalogues</c>: the published versions, paged, and each version by its citable
/// path. Thin: the rules and scopes are <see cref="Publications"/>', <see cref="ShortageCatalogues"/>' and
/// <see cref="WagePrices"/>'.
/// </summary>
public static class PublicationsApi
{
    public sealed record DraftBody(string? Region, string? Period);

    public sealed record EditBody(string? OccupationCode, string? RegionCode, bool? Included, int? Stars, ShortageDriver? Driver, string? Note, string? Reason, int? Version);

    public sealed record PublishBody(int? Version);

    public static void MapPublicationsApi(this RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics").WithTags("Shortage catalogues and wage prices").RequireAuthorization();

        analytics.MapGet("/shortage", async Task<Results<Ok<ShortageTable>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (string? region,
                string? period, bool? children, ClaimsPrincipal user, ShortageCatalogues catalogues, CancellationToken ct) =>
            Computed(await catalogues.ComputeAsync(Caller.From(user), region, period, children ?? false, ct)))
            .WithSummary("The shortage index per occupation (细类 and 小类) of a region (default: the caller's) for a period (2026, 2026-H2, 2026-Q3), with its inputs; children=true adds each child region.");

        analytics.MapGet("/wages", async Task<Results<Ok<WagePriceTable>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (string? region,
                string? period, ClaimsPrincipal user, WagePrices wages, CancellationToken ct) =>
            Computed(await wages.ComputeAsync(Caller.From(user), region, period, ct)))
            .WithSummary("Wage prices (P10, P25, P50, P75, P90, mean in yuan a month) per occupation (细类 and 小类) × region (the region and its counties) for a period; hidden cells carry no figures, only why.");

        foreach (var kind in Enum.GetValues<PublicationKind>())
        {
            var name = Publications.KindName(kind);
            analytics.MapGet($"/{name}/drafts", async (ClaimsPrincipal user, Publications publications, CancellationToken ct) =>
                TypedResults.Ok(await publications.DraftsAsync(Caller.From(user), kind, ct)))
                .WithSummary($"The caller's region's {name} drafts, newest first.");

            analytics.MapPost($"/{name}/drafts", async (DraftBody body, ClaimsPrincipal user, HttpResponse response, Publications publications, CancellationToken ct) =>
                PoolsApi.Created(response, await publications.CreateDraftAsync(Caller.From(user), kind, body.Region, body.Period, ct),
                    p => $"/api/v1/analytics/{name}/drafts/{p.Id}"))
                .WithSummary($"Creates a {name} draft for a region and period: a frozen copy of the computed rows.");

            analytics.MapGet($"/{name}/drafts/{{id:long}}", async (long id, ClaimsPrincipal user, HttpResponse response, Publications publications, CancellationToken ct) =>
                PoolsApi.Found(response, await publications.FindAsync(Caller.From(user), id, ct) is { } p && p.Kind == kind ? p : null))
                .WithSummary("A draft or a published version with its rows; the ETag is its version.");

            analytics.MapGet($"/{name}/drafts/{{id:long}}/history", async Task<Results<Ok<IReadOnlyList<PublicationEditRecord>>, NotFound>> (long id, ClaimsPrincipal user,
                    Publications publications, CancellationToken ct) =>
                await publications.FindAsync(Caller.From(user), id, ct) is { } p && p.Kind == kind
                    ? TypedResults.Ok(await publications.HistoryAsync(Caller.From(user), id, ct))
                    : TypedResults.NotFound())
                .WithSummary("The edits of a draft with their reasons, oldest first.");

            analytics.MapPost($"/{name}/drafts/{{id:long}}/edits", async (long id, EditBody body, ClaimsPrincipal user, HttpResponse response,
                    Publications publications, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var version = SharedOrdersApi.Version(response, body.Version, errors);
                return errors.IsValid
                    ? PoolsApi.Answer(response, await publications.EditAsync(Caller.From(user), id, version,
                        new PublicationEdit(body.OccupationCode, body.RegionCode, body.Included, body.Stars, body.Driver, body.Note, body.Reason), ct))
                    : PoolsApi.Invalid(errors);
            }).WithSummary("Edits one row (occupationCode, regionCode) with a reason: included, stars and driver (shortage), note; a wage row can only be excluded or noted.");

            analytics.MapPost($"/{name}/drafts/{{id:long}}/publish", async (long id, PublishBody? body, ClaimsPrincipal user, HttpResponse response,
                    Publications publications, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var version = SharedOrdersApi.Version(response, body?.Version, errors);
                return errors.IsValid ? PoolsApi.Answer(response, await publications.PublishAsync(Caller.From(user), id, version, ct)) : PoolsApi.Invalid(errors);
            }).WithSummary("Publishes the draft as the next version of its kind, region and period; the version before is superseded.");
        }

        var catalogues = api.MapGroup("/catalogues").WithTags("Published catalogues and wage prices");

        catalogues.MapGet("/", async Task<Results<Ok<Page<PublicationSummary>>, ValidationProblem>> (string? region, string? kind, int? year, int? page, int? pageSize,
            Publications publications, CancellationToken ct) =>
        {
            var errors = new ValidationErrors()
                .When(kind is not null && Publications.TryParseKind(kind) is null, "kind", "must be shortage or wages")
                .When(year is < AnalyticsPeriod.MinYear or > AnalyticsPeriod.MaxYear, "year", $"must be between {AnalyticsPeriod.MinYear} and {AnalyticsPeriod.MaxYear}")
                .When(page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
                .When(pageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
            return errors.IsValid
                ? TypedResults.Ok(await publications.ListPublishedAsync(region, Publications.TryParseKind(kind), year, page ?? 1, pageSize ?? 20, ct))
                : PoolsApi.Invalid(errors);
        }).WithSummary("Published catalogues and wage-price tables, newest first; region (subtree), kind (shortage, wages), year, page, pageSize.");

        catalogues.MapGet("/{kind}/{region}/{period}", async (string kind, string region, string period, Publications publications, CancellationToken ct) =>
            Published(await Find(publications, kind, region, period, null, ct)))
            .WithSummary("The newest published version of a kind, region and period, with the rows the public sees.");

        catalogues.MapGet("/{kind}/{region}/{period}/v{n:int}", async (string kind, string region, string period, int n, Publications publications,
                CancellationToken ct) =>
            Published(await Find(publications, kind, region, period, n, ct)))
            .WithSummary("One published version (also a superseded one): its citable path.");
    }

    /// <summary>A published version as the public sees it: without excluded rows.</summary>
    public sealed record PublishedView(long Id, PublicationKind Kind, string RegionCode, string Period, PublicationState State, int PublishedVersion,
        DateTimeOffset PublishedAt, IReadOnlyList<ShortageRow> ShortageRows, IReadOnlyList<WagePriceRow> WageRows);

    private static Results<Ok<PublishedView>, NotFound> Published(Publication? p) =>
        p is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PublishedView(p.Id, p.Kind, p.RegionCode, p.Period, p.State, p.PublishedVersion!.Value, p.PublishedAt!.Value,
                p.PublicShortageRows, p.PublicWageRows));

    internal static Task<Publication?> Find(Publications publications, string kind, string region, string period, int? n, CancellationToken ct) =>
        Publications.TryParseKind(kind) is { } k ? publications.PublishedAsync(k, region, period, n, ct) : Task.FromResult<Publication?>(null);

    private static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Computed<T>(WriteResult<T> result) where T : class =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Ok(result.Value!),
            WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
            _ => TypedResults.Forbid(),
        };
}
