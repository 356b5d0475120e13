using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/tiers (issue 14, item 4): confirmed 专精特新 tiers in the analytics — per child region and month, the
/// enterprises holding each tier and the demand and hires they account for beside all enterprises, the 12-month trend,
/// drill-down and audited CSV/Excel exports. Operators (their region) and administrators. Every rule is <see cref="TierBreakdown"/>'s.
/// </summary>
public sealed class TiersModel(TierBreakdown breakdown, SupplyDemand supplyDemand, ReferenceData reference) : PageModel
{
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "period")] public string? Period { get; set; }

    public TierBreakdownView? View { get; private set; }
    public ValidationErrors Errors { get; private set; } = new();
    public string Home { get; private set; } = "";

    public string Query(bool withRegion = true) => string.Join('&', new (string Key, string? Value)[] { ("region", withRegion ? Region : null), ("period", Period) }
        .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (View is null)
        {
            return Page();
        }
        var bytes = await breakdown.ExportAsync(Caller.From(User), View, format, code => Choices.RegionName(reference, code), ct);
        return format == "csv"
            ? File(bytes, "text/csv; charset=utf-8", $"enterprise-tiers-{View.Region}-{View.Period}.csv")
            : File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"enterprise-tiers-{View.Region}-{View.Period}.xlsx");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
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
        (View, Errors) = await breakdown.BuildAsync(caller, Region, Period, ct);
        return null;
    }
}
