using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/forecast: the stored forecast run — its summary in words (the share of series whose chosen method beats
/// Naive2, mean errors, OWA), a table of series filtered by measure, level, occupation group and region, sorted by demand
/// or error and paged, each with its method, next 3 and 6 months and backtest errors; and for a chosen series a chart of
/// its history and forecast with the backtest of every method.
/// </summary>
public sealed class ForecastModel(Forecasts forecasts, ReferenceData reference, Dashboard dashboard) : PageModel
{
    [BindProperty(SupportsGet = true), FromQuery]
    public ForecastParameters Parameters { get; set; } = new();

    /// <summary>The chosen series: "region code:occupation code".</summary>
    [FromQuery(Name = "series")] public string? Series { get; set; }

    public ForecastQuery Query { get; private set; } = new();
    public Page<ForecastRow> Result { get; private set; } = new([], 0, 1, 20);
    public ForecastRunSummary? Summary { get; private set; }
    public ForecastRow? Chosen { get; private set; }
    public ValidationErrors Errors { get; private set; } = new();
    public string Home { get; private set; } = "";

    public bool Active => !Errors.IsValid || new[] { Parameters.Occupation, Parameters.Region }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The filters and sort as a query string without the page and the chosen series.</summary>
    public string FilterQuery => string.Join('&', new (string Key, string? Value)[]
        {
            ("measure", Parameters.Measure), ("level", Parameters.Level), ("occupation", Parameters.Occupation), ("region", Parameters.Region),
            ("sort", Parameters.Sort), ("page", Parameters.Page),
        }
        .Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!Forecasts.CanSee(caller))
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? dashboard.HomeRegion;
        (Query, Errors) = Parameters.Parse(reference);
        if (!Errors.IsValid)
        {
            return Page();
        }
        Summary = (await forecasts.SummariesAsync(ct)).FirstOrDefault(s => s.Measure == Query.Measure && s.Level == Query.Level);
        Result = (await forecasts.ListAsync(caller, Query, ct))!;
        if (Series?.Split(':') is [var region, var occupation])
        {
            Chosen = await forecasts.FindAsync(caller, Query.Measure, Query.Level, region, occupation, ct);
        }
        return Page();
    }

    /// <summary>The months of a series' chart: its history ending with the run's month, then the forecast's.</summary>
    public static IReadOnlyList<string> Months(ForecastRow row)
    {
        var last = AnalyticsMonth.Parse(row.Period)!.Value;
        return [.. Enumerable.Range(1 - row.History.Count, row.History.Count + row.Forecast.Count).Select(i => AnalyticsMonth.Of(last.AddMonths(i)))];
    }

    /// <summary>An occupation group's name (the code when the catalogue lacks it, as for four 小类 of the source).</summary>
    public string OccupationName(string code) => reference.Occupations.Find(code)?.Name ?? OccupationCatalogue.Prefix(code);
}
