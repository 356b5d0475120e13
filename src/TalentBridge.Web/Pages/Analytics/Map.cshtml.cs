using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/map (人才地图): the choropleth of a region's children drawn by <c>js/talent-map.js</c> with ECharts from the
/// figures in the page and the outlines of the API, a bar chart where no outlines exist (townships), and below it the
/// table of the same figures, which is also the page without JavaScript. Drilling down is a link (the URL changes, back
/// works); the filters are a GET form.
/// </summary>
public sealed class MapModel(TalentMap map, ReferenceData reference) : PageModel
{
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "period")] public string? Period { get; set; }
    [FromQuery(Name = "metric")] public string? Metric { get; set; }
    [FromQuery(Name = "occupation")] public string? Occupation { get; set; }
    [FromQuery(Name = "industry")] public string? Industry { get; set; }
    [FromQuery(Name = "digital")] public bool Digital { get; set; }
    [FromQuery(Name = "green")] public bool Green { get; set; }

    public TalentMapView View { get; private set; } = null!;
    public TalentMapMetric Chosen { get; private set; }
    public ValidationErrors Errors { get; } = new();

    public static readonly TalentMapMetric[] Metrics = Enum.GetValues<TalentMapMetric>();

    /// <summary>Web names; the default encoder writes &lt; and &gt; as escapes, so the JSON cannot end its script element.</summary>
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        Chosen = TalentMapApi.ParseMetric(Metric) ?? TalentMapMetric.Talents;
        Errors.When(TalentMapApi.ParseMetric(Metric) is null, "metric", "must be one of talents, positions, ratio, shortage, wage");
        var filter = new TalentMapFilter(Occupation, Industry, Digital, Green);
        var result = await map.QueryAsync(caller, Region, Period, filter, ct);
        if (result.Status == WriteStatus.Invalid)
        {
            // The figures without the input that is wrong, and the errors beside its field.
            Errors.AddMissing(result.Errors);
            var wrong = result.Errors.ToDictionary();
            result = await map.QueryAsync(caller, wrong.ContainsKey("region") ? null : Region, wrong.ContainsKey("period") ? null : Period,
                new TalentMapFilter(wrong.ContainsKey("occupation") ? null : Occupation, wrong.ContainsKey("industry") ? null : Industry, Digital, Green), ct);
        }
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        View = result.Value!;
        return Page();
    }

    /// <summary>This page for another region with the same month, metric and filters.</summary>
    public string Link(string regionCode)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal) { ["region"] = regionCode };
        if (Period is { Length: > 0 } && View.Period == Period.Trim())
        {
            query["period"] = View.Period;
        }
        if (Chosen != TalentMapMetric.Talents)
        {
            query["metric"] = Chosen.ToString().ToLowerInvariant();
        }
        query["occupation"] = View.Filter.Occupation;
        query["industry"] = View.Filter.Industry;
        query["digital"] = View.Filter.Digital ? "true" : null;
        query["green"] = View.Filter.Green ? "true" : null;
        return QueryHelpers.AddQueryString("/analytics/map", query.Where(p => p.Value is not null));
    }

    /// <summary>The month and the filters in words, for the legend and the table's caption.</summary>
    public string Scope(Ui t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var parts = new List<string> { View.Period ?? "—" };
        if (View.Filter.Occupation is { } o && reference.Occupations.Find(o.Length == 1 ? o + "-00-00-00" : o + "-00-00") is { } group)
        {
            parts.Add(t.Format("TalentMap.ScopeOccupation", group.Name));
        }
        if (View.Filter.Industry is { } i)
        {
            parts.Add(t.Format("TalentMap.ScopeIndustry", Choices.IndustryName(reference, i)));
        }
        if (View.Filter.Digital)
        {
            parts.Add(t["TalentMap.Digital"]);
        }
        if (View.Filter.Green)
        {
            parts.Add(t["TalentMap.Green"]);
        }
        return string.Join(Localization.IsEnglish ? " · " : "·", parts);
    }

    /// <summary>The figures for <c>js/talent-map.js</c>: one JSON block in the page (escaped for a script element by the serializer's default encoder).</summary>
    public string ChartData(Ui t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var answer = TalentMapApi.Answer(View, Chosen);
        return JsonSerializer.Serialize(new
        {
            metric = answer.Metric,
            metrics = Metrics.ToDictionary(m => m.ToString().ToLowerInvariant(), m => new { label = t[$"TalentMap.Metric.{m}"], counts = t[$"TalentMap.Counts.{m}"] }),
            scope = Scope(t),
            region = View.Region.Name,
            outlines = answer.Outlines,
            locale = Localization.IsEnglish ? "EN" : "ZH",
            noData = t["TalentMap.NoData"],
            high = t["TalentMap.High"],
            low = t["TalentMap.Low"],
            rows = View.Children.Select(f => new
            {
                code = f.Code, name = f.Name, href = f.Drillable ? Link(f.Code!) : null,
                values = Metrics.ToDictionary(m => m.ToString().ToLowerInvariant(), m => f.Value(m)),
            }),
        }, ScriptJson);
    }

    public static string Number(double? value, TalentMapMetric metric) => value switch
    {
        null => "—",
        { } v when metric is TalentMapMetric.Ratio or TalentMapMetric.Shortage => v.ToString(metric == TalentMapMetric.Ratio ? "0.00" : "0.0", CultureInfo.CurrentCulture),
        { } v => v.ToString("N0", CultureInfo.CurrentCulture),
    };
}
