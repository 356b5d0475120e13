using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Web.Pages;

namespace TalentBridge.Web.Api;

/// <summary>
/// Labour-market analytics over HTTP (issue 13): supply and demand by occupation × region × month, as JSON and as an
/// audited CSV or Excel export. Thin: the filters' rules, the scope and the figures are <see cref="SupplyDemand"/>'s.
/// </summary>
public static class AnalyticsApi
{
    public static void MapAnalyticsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/analytics").WithTags("Analytics").RequireAuthorization();

        group.MapGet("/supply-demand", async Task<Results<Ok<SupplyDemandView>, ValidationProblem, ForbidHttpResult>> ([AsParameters] SupplyDemandParameters query,
            ClaimsPrincipal user, SupplyDemand supplyDemand, CancellationToken ct) =>
        {
            var (view, errors) = await supplyDemand.BuildAsync(Caller.From(user), query.Filter, false, ct);
            return view is not null ? TypedResults.Ok(view) : errors.IsValid ? TypedResults.Forbid() : PoolsApi.Invalid(errors);
        }).WithSummary("Supply and demand (operators: their region; administrators): rows per occupation group (level 2 中类, 3 小类, 4 细类) in the " +
            "region's children with headcount sought, new and open positions, talents, applications, ratio (sought per application) and year-on-year " +
            "changes; the monthly trend. Filters: occupation, region, from/to (YYYY-MM, at most 24 months; default the last 12 with facts), industry " +
            "(section or finer code), digital, green; sort demand|supply|ratio|yoy, order asc|desc, page, pageSize.");

        group.MapGet("/supply-demand/export", async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] SupplyDemandParameters query, string? format, ClaimsPrincipal user, SupplyDemand supplyDemand, ReferenceData reference,
            CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx"))
            {
                return PoolsApi.Invalid(new Domain.ValidationErrors().Add("format", "must be one of csv, xlsx"));
            }
            var caller = Caller.From(user);
            var (view, errors) = await supplyDemand.BuildAsync(caller, query.Filter, true, ct);
            if (view is null)
            {
                return errors.IsValid ? TypedResults.Forbid() : PoolsApi.Invalid(errors);
            }
            await supplyDemand.AuditExportAsync(caller, query.Filter, format, ct);
            return Export(view, format, r => Names(reference, r, "（未细分）"));
        }).WithSummary("Every row of the supply-and-demand view (the same filters) as CSV (UTF-8 with BOM) or Excel (format=csv|xlsx); audited.");
    }

    /// <summary>The query string of the view; <see cref="Filter"/> passes it on unchecked (SupplyDemand checks every field).</summary>
    public sealed record SupplyDemandParameters(string? Level, string? Occupation, string? Region, string? From, string? To, string? Industry, bool? Digital,
        bool? Green, string? Sort, string? Order, int? Page, int? PageSize)
    {
        public SupplyDemandFilter Filter => new(Level, Occupation, Region, From, To, Industry, Digital ?? false, Green ?? false, Sort,
            string.Equals(Order, "asc", StringComparison.Ordinal), Page, PageSize);
    }

    /// <summary>An exported file of the view (the page and the API export the same).</summary>
    internal static FileContentHttpResult Export(SupplyDemandView view, string format, Func<SupplyDemandRow, (string, string)> names) =>
        format == "csv"
            ? TypedResults.File(SupplyDemand.Csv(view, names), "text/csv; charset=utf-8", "supply-demand.csv")
            : TypedResults.File(SupplyDemand.Excel(view, names), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "supply-demand.xlsx");

    /// <summary>A row's occupation and region names; a region's remainder row (records naming no child) carries <paramref name="remainder"/>.</summary>
    internal static (string Occupation, string Region) Names(ReferenceData reference, SupplyDemandRow row, string remainder) =>
        (row.OccupationCode.Length == 0 ? "" : Choices.OccupationName(reference, row.OccupationCode),
            Choices.RegionName(reference, row.RegionCode) + (row.Remainder ? remainder : ""));
}
