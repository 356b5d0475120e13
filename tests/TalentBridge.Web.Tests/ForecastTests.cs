using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain.Analytics;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Demand forecasts on both engines, from fact cells the tests insert (months 2031-01 to 2033-12, which no demo data
/// holds): the forecast run stores per series exactly what <see cref="Forecasting.Forecast"/> gives — a seasonal series
/// gets a seasonal method, the stored errors of every method are the domain's — a short series is explained, the run's
/// summary is <see cref="Forecasting.Summarise"/> of its series, city series are the sums of their counties', and the
/// API and the page show them to operators of the region.
/// </summary>
public sealed class ForecastTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    internal const string Period = "2033-12";

    /// <summary>A season: little demand most of the year, a peak before and after the Spring Festival (one more each year).</summary>
    internal static readonly double[] Season = [30, 12, 8, 8, 9, 10, 10, 9, 8, 8, 10, 25];

    /// <summary>The three series the tests forecast, by county and occupation 细类: seasonal, short (8 months) and trending.</summary>
    internal static IEnumerable<(string Region, string Occupation, double[] Values)> Series() =>
    [
        ("331121000000", "2-02-07-13", [.. Enumerable.Range(0, 36).Select(i => Season[i % 12] + i / 12)]),
        ("331102000000", "2-02-07-13", [.. Enumerable.Range(0, 8).Select(i => 5.0 + i)]),
        ("331121000000", "4-10-01-05", [.. Enumerable.Range(0, 36).Select(i => 20.0 + 2 * i + (i % 3))]),
    ];

    /// <summary>Writes the series as fact cells ending with <see cref="Period"/> (headcount sought; open positions twice that).</summary>
    internal static async Task InsertAsync(Database db)
    {
        var last = AnalyticsMonth.Parse(Period)!.Value;
        await using var c = await db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("DELETE FROM analytics_cells WHERE period >= '2031-01' AND period <= '2033-12'");
        foreach (var (region, occupation, values) in Series())
        {
            for (var i = 0; i < values.Length; i++)
            {
                await c.ExecuteAsync(
                    "INSERT INTO analytics_cells (period, region_code, occupation_code, industry_section, digital, green, talents, talents_new, positions_open, " +
                    "positions_new, positions_closed, headcount_sought, applications, agreements, terminated, salary_weight, salary_sum) " +
                    "VALUES (@period, @region, @occupation, 'C', 0, 0, 0, 0, @open, 0, 0, @headcount, 0, 0, 0, 0, 0)",
                    new { period = AnalyticsMonth.Of(last.AddMonths(i + 1 - values.Length)), region, occupation, open = (int)values[i] * 2, headcount = (int)values[i] });
            }
        }
        for (var month = new DateOnly(2031, 1, 1); month <= new DateOnly(2033, 12, 1); month = month.AddMonths(1))
        {
            await AnalyticsRefresh.RollUpAsync(c, null, AnalyticsMonth.Of(month), CancellationToken.None);
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_run_stores_the_domain_forecasts_of_every_series_with_their_errors_and_summary(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        await InsertAsync(db);
        var summaries = await app.Service<Forecasts>().RunAsync(Period, CancellationToken.None);
        var options = new ForecastOptions(Forecasts.Horizon);

        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        async Task<JsonElement> SeriesAsync(string level, string region, string occupation, string measure = "headcount") =>
            await Json(await admin.GetAsync($"/api/v1/analytics/forecasts/series?measure={measure}&level={level}&region={region}&occupation={occupation}"));

        // Every county series is what the domain forecasts from its values; the errors stored are the domain's.
        var expected = new List<DemandForecast>();
        foreach (var (region, occupation, values) in Series())
        {
            var domain = Forecasting.Forecast(values, options);
            expected.Add(domain);
            var stored = await SeriesAsync("county", region[..6], occupation[..7]);
            Assert.Equal(values, stored.GetProperty("history").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(domain.Method.ToString(), stored.GetProperty("method").GetString());
            Assert.Equal(domain.Values, stored.GetProperty("forecast").EnumerateArray().Select(v => v.GetDouble()));
            var backtest = stored.GetProperty("backtest").EnumerateArray().ToList();
            Assert.Equal(domain.Backtest.Count, backtest.Count);
            foreach (var (method, b) in domain.Backtest.Zip(backtest))
            {
                Assert.Equal(method.Method.ToString(), b.GetProperty("method").GetString());
                Assert.Equal(method.Smape, b.GetProperty("smape").GetDouble());
                Assert.Equal(method.Mase, b.GetProperty("mase").ValueKind == JsonValueKind.Null ? null : b.GetProperty("mase").GetDouble());
            }
            Assert.Equal(domain.Chosen?.Smape, Nullable(stored, "smape"));
            Assert.Equal(domain.Naive2?.Smape, Nullable(stored, "naive2Smape"));
            Assert.Equal(domain.Naive2?.Mase, Nullable(stored, "naive2Mase"));
            Assert.Equal(domain.Values.Take(3).Sum(), stored.GetProperty("next3").GetDouble(), 9);
        }

        // The seasonal series gets a seasonal method, whose forecast has January's peak above March's trough; the short one is explained.
        var seasonal = await SeriesAsync("county", "331121", "2-02-07");
        Assert.NotEqual("Naive", seasonal.GetProperty("method").GetString());
        var next = seasonal.GetProperty("forecast").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.True(next[0] > 2 * next[2], string.Join(", ", next));
        var shortSeries = await SeriesAsync("county", "331102", "2-02-07-00");
        Assert.Equal("ShortSeries", shortSeries.GetProperty("note").GetString());
        Assert.Equal("Naive", shortSeries.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, shortSeries.GetProperty("smape").ValueKind);

        // The summary is the domain's over the same series (means up to the order of summation): two of three backtested.
        var summary = summaries.Single(s => s.Measure == Forecasts.Headcount && s.Level == Forecasts.County).Summary;
        var domainSummary = Forecasting.Summarise(expected);
        Assert.Equal((3, 2, domainSummary.ShareBeatingNaive2), (summary.Series, summary.Backtested, summary.ShareBeatingNaive2));
        Assert.Equal(domainSummary.MeanSmape!.Value, summary.MeanSmape!.Value, 9);
        Assert.Equal(domainSummary.MeanMaseNaive2!.Value, summary.MeanMaseNaive2!.Value, 9);
        Assert.Equal(domainSummary.Owa!.Value, summary.Owa!.Value, 9);
        var api = (await Json(await admin.GetAsync("/api/v1/analytics/forecasts/summary"))).EnumerateArray()
            .Single(s => s.GetProperty("measure").GetString() == "headcount" && s.GetProperty("level").GetString() == "county");
        Assert.Equal(summary.ShareBeatingNaive2, Nullable(api.GetProperty("summary"), "shareBeatingNaive2"));
        Assert.Equal(summary.Owa, Nullable(api.GetProperty("summary"), "owa"));

        // A city series (中类 × city) is the sum of its counties' 小类; the open-position measure is forecast as its own series.
        var city = await SeriesAsync("city", "3311", "2-02");
        // Aligned at the newest month: the short series adds to the last 8 months of the seasonal one.
        var summed = Enumerable.Reverse(Series().Where(s => s.Occupation.StartsWith("2-02", StringComparison.Ordinal))
            .Select(s => Enumerable.Reverse(s.Values).ToArray()).Aggregate((a, b) => [.. a.Select((v, i) => v + (i < b.Length ? b[i] : 0))]));
        Assert.Equal(summed, city.GetProperty("history").EnumerateArray().Select(v => v.GetDouble()));
        var open = await SeriesAsync("county", "331121", "2-02-07-00", "open");
        Assert.Equal(Series().First().Values.Select(v => v * 2), open.GetProperty("history").EnumerateArray().Select(v => v.GetDouble()));

        // The list: sorted, filtered, scoped; other roles are refused.
        var list = await Json(await admin.GetAsync("/api/v1/analytics/forecasts?level=county&sort=-demand&occupation=2-02"));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var scoped = await Json(await county.GetAsync("/api/v1/analytics/forecasts?level=county&pageSize=100"));
        Assert.All(scoped.GetProperty("items").EnumerateArray(), f => Assert.StartsWith("331121", f.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.Equal(2, scoped.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/v1/analytics/forecasts/series?region=331102&occupation=2-02-07")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/analytics/forecasts?measure=wages&sort=best")).StatusCode);
        using var recruiter = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/v1/analytics/forecasts")).StatusCode);

        // The page: the summary in words, the table, and the chart of a chosen series.
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await pages.GetStringAsync("/analytics/forecast?level=county&series=331121:2-02-07-00");
        Assert.Contains("低于 Naive2 基准", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-heading\"", html, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"forecast\"", html, StringComparison.Ordinal);
        Assert.Contains("序列过短", await pages.GetStringAsync("/analytics/forecast?series=331102:2-02-07-00"), StringComparison.Ordinal);
    }

    private static double? Nullable(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_refresh_queues_no_run_for_the_current_month_nor_for_a_month_older_than_the_newest_complete_one(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        var forecasts = app.Service<Forecasts>();
        var current = AnalyticsMonth.Current(DateTimeOffset.UtcNow);
        async Task<long> JobsAsync()
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'analytics.forecast'");
        }
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("INSERT INTO analytics_periods (period, refreshed_at, positions, postings, talents, agreements) VALUES (@period, @at, 0, 0, 0, 0) " +
                "ON CONFLICT (period) DO NOTHING", new { period = AnalyticsMonth.Of(current.AddMonths(-1)), at = DateTimeOffset.UtcNow });
        }
        var before = await JobsAsync();
        await forecasts.QueueAsync(AnalyticsMonth.Of(current), CancellationToken.None);
        await forecasts.QueueAsync(AnalyticsMonth.Of(current.AddMonths(-2)), CancellationToken.None);
        Assert.Equal(before, await JobsAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => forecasts.QueueAsync("2026-13", CancellationToken.None));
    }
}
