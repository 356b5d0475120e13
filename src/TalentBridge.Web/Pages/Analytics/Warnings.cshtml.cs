using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/warnings: the early-warning alerts of the operator's region (all for an administrator), filtered by kind,
/// severity, subject type, month, acknowledgement and region, sorted and paged; each with its measured value against the
/// threshold and a sparkline of the subject's last 12 months; acknowledged with a required note; exported as CSV (audited).
/// </summary>
public sealed class WarningsModel(WarningAlerts alerts, ReferenceData reference, Dashboard dashboard) : PageModel
{
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [BindProperty(SupportsGet = true), FromQuery]
    public WarningParameters Parameters { get; set; } = new();

    public Page<WarningAlert> Result { get; private set; } = new([], 0, 1, 20);
    public ValidationErrors Errors { get; private set; } = new();
    public string Home { get; private set; } = "";
    public string? Done { get; private set; }

    /// <summary>The alert whose acknowledgement was refused, with the note as it was sent.</summary>
    public long? FailedId { get; private set; }
    public string? FailedNote { get; private set; }
    public ValidationErrors AcknowledgementErrors { get; private set; } = new();

    /// <summary>Whether a filter is set or wrong: the folded filter form then shows open.</summary>
    public bool Active => !Errors.IsValid || new[] { Parameters.Kind, Parameters.Severity, Parameters.SubjectType, Parameters.Period,
        Parameters.Acknowledged, Parameters.Region, Parameters.Id }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The filters and sort as a query string (export and return links), without the page.</summary>
    public string FilterQuery => string.Join('&', new (string Key, string? Value)[]
        {
            ("id", Parameters.Id), ("kind", Parameters.Kind), ("severity", Parameters.Severity), ("subjectType", Parameters.SubjectType),
            ("period", Parameters.Period), ("acknowledged", Parameters.Acknowledged), ("region", Parameters.Region), ("sort", Parameters.Sort),
        }
        .Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(ct) ?? Page();
    }

    /// <summary>The filtered alerts as CSV; the export is audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var (query, errors) = Parameters.Parse(reference);
        if (!errors.IsValid)
        {
            return await LoadAsync(ct) ?? Page();
        }
        var csv = await alerts.ExportCsvAsync(Caller.From(User), query, ct);
        return File(csv!, "text/csv; charset=utf-8", "early-warnings.csv");
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, string? note, string? version, CancellationToken ct)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var result = await alerts.AcknowledgeAsync(Caller.From(User), id, note, FormReader.Version(version), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Invalid && result.Errors.ToDictionary().ContainsKey("note"))
        {
            (FailedId, FailedNote, AcknowledgementErrors) = (id, note, result.Errors);
            return await LoadAsync(ct) ?? Page();
        }
        // Acknowledged, or acknowledged by someone else meanwhile: the list shows who did.
        var query = FilterQuery;
        return Redirect("/analytics/warnings?" + (query.Length > 0 ? query + "&" : "") + "done=" + (result.Status == WriteStatus.Ok ? "acknowledged" : "changed") +
            "#alert-" + id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A measured value or threshold as shown: a share as a percentage, a count as a whole number.</summary>
    public static string Value(WarningAlert alert, double value) =>
        alert.IsShare ? value.ToString("P0", CultureInfo.CurrentCulture) : value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The months of the sparkline, oldest first, ending with the alert's month.</summary>
    public static IReadOnlyList<string> Months(WarningAlert alert)
    {
        var last = AnalyticsMonth.Parse(alert.Period)!.Value;
        return [.. Enumerable.Range(0, alert.Recent.Count).Select(i => AnalyticsMonth.Of(last.AddMonths(i + 1 - alert.Recent.Count)))];
    }

    private IActionResult? Refusal()
    {
        var caller = Caller.From(User);
        return !caller.IsSignedIn ? Challenge() : WarningAlerts.CanSee(caller) ? null : Forbid();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        Home = caller.ScopeRegion ?? dashboard.HomeRegion;
        var (query, errors) = Parameters.Parse(reference);
        Errors = errors;
        if (errors.IsValid)
        {
            Result = (await alerts.ListAsync(caller, query, ct))!;
        }
        return null;
    }
}
