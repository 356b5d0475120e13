using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/supply-demand (issue 13, item 2): supply and demand by occupation × region × month for operators (their
/// region) and administrators — filters, a sortable paged table, the monthly trend with its year-on-year change, and the
/// audited CSV and Excel exports. Every rule is <see cref="SupplyDemand"/>'s.
/// </summary>
public sealed class SupplyDemandModel(SupplyDemand supplyDemand, ReferenceData reference, Ui ui) : PageModel
{
    [FromQuery(Name = "level")] public string? Level { get; set; }
    [FromQuery(Name = "occupation")] public string? Occupation { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "industry")] public string? Industry { get; set; }
    [FromQuery(Name = "digital")] public bool Digital { get; set; }
    [FromQuery(Name = "green")] public bool Green { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "order")] public string? Order { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public SupplyDemandView? View { get; private set; }
    public ValidationErrors Errors { get; private set; } = new();

    /// <summary>The region whose children the region filter offers: the caller's own, or the platform's home region.</summary>
    public string Home { get; private set; } = "";

    private SupplyDemandFilter Filter => new(Level, Occupation, Region, From, To, Industry, Digital, Green, Sort, Order == "asc", PageNumber);

    /// <summary>The filters as a query string (for the export, sort and drill-down links), without the page and, when asked, the sort or region.</summary>
    public string Query(bool withSort = true, bool withRegion = true) => string.Join('&', new (string Key, string? Value)[]
        {
            ("level", Level), ("occupation", Occupation), ("region", withRegion ? Region : null), ("from", From), ("to", To), ("industry", Industry),
            ("digital", Digital ? "true" : null), ("green", Green ? "true" : null), ("sort", withSort ? Sort : null), ("order", withSort ? Order : null),
        }
        .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(false, ct) ?? Page();

    /// <summary>Every row as CSV (UTF-8 with a byte-order mark); the export is audited.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    /// <summary>Every row as an Excel workbook; the export is audited.</summary>
    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (await LoadAsync(true, ct) is { } refused)
        {
            return refused;
        }
        if (View is null)
        {
            return Page();
        }
        await supplyDemand.AuditExportAsync(Caller.From(User), Filter, format, ct);
        var file = AnalyticsApi.Export(View, format, Names);
        return File(file.FileContents.ToArray(), file.ContentType!, file.FileDownloadName);
    }

    /// <summary>A row's occupation and region as the page shows them.</summary>
    public (string Occupation, string Region) Names(SupplyDemandRow row)
    {
        var (occupation, region) = AnalyticsApi.Names(reference, row, ui["SupplyDemand.Remainder"]);
        return (occupation.Length == 0 ? ui[ReferenceEquals(row, View?.Totals) ? "SupplyDemand.Total" : "SupplyDemand.UnknownOccupation"] : occupation, region);
    }

    private async Task<IActionResult?> LoadAsync(bool allRows, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? supplyDemand.HomeRegion;
        (View, Errors) = await supplyDemand.BuildAsync(caller, Filter, allRows, ct);
        return null;
    }
}
