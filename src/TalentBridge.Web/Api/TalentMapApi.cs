using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Api;

/// <summary>
/// 人才地图 over HTTP (issue 13, item 1): the figures of a region's children and the outlines of those children. Thin:
/// scope and rules are <see cref="TalentMap"/>'s and <see cref="MapOutlines"/>'; a region outside an operator's is 404.
/// </summary>
public static class TalentMapApi
{
    /// <summary>One child region's figures; <c>value</c> is the requested metric's.</summary>
    public sealed record MapRow(string? Code, string Name, long Talents, long OpenPositions, long HeadcountSought, long Applications, double? SupplyDemandRatio,
        double? ShortageIndex, int? MedianWage, bool Drillable, double? Value);

    public sealed record MapRegion(string Code, string Name, RegionLevel Level);

    /// <summary>The map of a region: its children (<c>rows</c>), the remainder assigned to no child, the total and where the outlines are.</summary>
    public sealed record MapAnswer(MapRegion Region, IReadOnlyList<MapRegion> Trail, string? Period, IReadOnlyList<string> Periods, string Metric,
        TalentMapFilter Filter, IReadOnlyList<MapRow> Rows, MapRow? Unassigned, MapRow Total, string? Outlines);

    public static void MapTalentMapApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/analytics").WithTags("Analytics").RequireAuthorization();

        group.MapGet("/map", async Task<Results<Ok<MapAnswer>, ValidationProblem, NotFound, ForbidHttpResult>> (string? region, string? period, string? metric,
            string? occupation, string? industry, bool? digital, bool? green, ClaimsPrincipal user, TalentMap map, CancellationToken ct) =>
        {
            if (ParseMetric(metric) is not { } chosen)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("metric", "must be one of talents, positions, ratio, shortage, wage"));
            }
            var result = await map.QueryAsync(Caller.From(user), region, period, new TalentMapFilter(occupation, industry, digital ?? false, green ?? false), ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Ok(Answer(result.Value!, chosen)),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("人才地图: the figures of a region's children for a month (default: the caller's top region, the newest month): talents, open " +
            "positions, people sought, applications, talents per open position, shortage index (60–100 across the children) and median offered " +
            "monthly wage; metric (talents, positions, ratio, shortage, wage) picks each row's value; filters occupation (大类 or 中类 code), " +
            "industry (section letter), digital, green.");

        group.MapGet("/outlines/{region}", async Task<IResult> (string region, ClaimsPrincipal user, HttpContext context, MapOutlines outlines, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!caller.IsAdmin && !caller.IsOperator)
            {
                return TypedResults.Forbid();
            }
            if (!caller.InScope(region) || await outlines.ForAsync(region, ct) is not { } found)
            {
                return TypedResults.NotFound();
            }
            context.Response.Headers.ETag = found.ETag;
            // Revalidated on every use: an operator's new upload shows at once, an unchanged file costs a 304.
            context.Response.Headers.CacheControl = "private, no-cache";
            if (context.Request.Headers.IfNoneMatch.Contains(found.ETag))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
            return TypedResults.Text(found.GeoJson, "application/geo+json", System.Text.Encoding.UTF8);
        }).WithSummary("The outlines of a region's children as GeoJSON (each feature's properties: code, name): an operator's upload in force, " +
            "else the shipped file; 404 when there are none (townships). Cached with an ETag.");
    }

    /// <summary>The metric named in a query (talents when none), or null for an unknown name.</summary>
    public static TalentMapMetric? ParseMetric(string? text) =>
        string.IsNullOrWhiteSpace(text) ? TalentMapMetric.Talents
        : Enum.TryParse<TalentMapMetric>(text.Trim(), ignoreCase: true, out var m) && Enum.IsDefined(m) && !char.IsDigit(text.Trim()[0]) ? m : null;

    public static MapAnswer Answer(TalentMapView view, TalentMapMetric metric)
    {
        ArgumentNullException.ThrowIfNull(view);
        MapRow Row(TalentMapFigures f) => new(f.Code, f.Name, f.Talents, f.OpenPositions, f.HeadcountSought, f.Applications, f.SupplyDemandRatio,
            f.ShortageIndex, f.MedianWage, f.Drillable, f.Value(metric));
        return new MapAnswer(new MapRegion(view.Region.Code, view.Region.Name, view.Region.Level),
            [.. view.Trail.Select(r => new MapRegion(r.Code, r.Name, r.Level))], view.Period, view.Periods, metric.ToString().ToLowerInvariant(), view.Filter,
            [.. view.Children.Select(Row)], view.Unassigned is { } u ? Row(u) : null, Row(view.Total),
            view.HasOutlines ? $"/api/v1/analytics/outlines/{view.Region.Code}" : null);
    }
}
