using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>
/// /shared/dashboard: the 48-hour response figures of the operator's region per county and per month, a bar chart of
/// orders and on-time answers per county, the orders still waiting, and the CSV and Excel exports (audited).
/// </summary>
public sealed class DashboardModel(SlaDashboard dashboard, Database db, ReferenceData reference, Dashboard home, TimeProvider time) : PageModel
{
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }

    public SlaDashboardView View { get; private set; } = null!;
    public ValidationErrors Errors { get; } = new();
    public string Home { get; private set; } = "";

    /// <summary>The filters as a query string, for the export link.</summary>
    public string FilterQuery => string.Join('&', new (string Key, string? Value)[] { ("region", Region), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The figures as an Excel workbook; the export is audited.</summary>
    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    /// <summary>The figures as CSV (UTF-8 with a byte-order mark); the export is audited.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "demandOrder", null, caller.ScopeRegion,
            "sla dashboard", string.Join('&', new[] { "format=" + format, FilterQuery }.Where(p => p.Length > 0))), ct);
        return format == "csv"
            ? File(SlaDashboard.Csv(View, Label), "text/csv; charset=utf-8", "sla-dashboard.csv")
            : File(SlaDashboard.Excel(View, Label), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "sla-dashboard.xlsx");
    }

    /// <summary>A group's name: a county's name, a month as it is, both for a county's month.</summary>
    public string Label(string key)
    {
        if (key.Length == 0)
        {
            return "";
        }
        var parts = key.Split(' ');
        return string.Join(" ", parts.Select(p => p.Contains('-', StringComparison.Ordinal) ? p : Choices.RegionName(reference, p)));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        Home = caller.ScopeRegion ?? home.HomeRegion;
        Errors.When(!string.IsNullOrWhiteSpace(Region) && reference.Regions.Find(Region.Trim()) is null, "region", "is not in the region catalogue")
            .When(From is { Length: > 0 } f && !IsMonth(f), "fromMonth", "must be a month (YYYY-MM)")
            .When(To is { Length: > 0 } t && !IsMonth(t), "toMonth", "must be a month (YYYY-MM)");
        var view = await dashboard.BuildAsync(caller, Errors.IsValid ? Region?.Trim() : null, Errors.IsValid ? From : null, Errors.IsValid ? To : null, ct);
        if (view is null)
        {
            return Forbid();
        }
        View = view;
        return null;
    }

    private static bool IsMonth(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}
