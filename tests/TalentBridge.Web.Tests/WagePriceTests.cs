using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Wage prices on both engines, from fact rows the test inserts (nothing fills the facts here): a hand-computed table
/// of 2 occupations (细类 A, B of 小类 2-02-10) in 丽水市 and two counties. B in 莲都区 has 10 observations (primary:
/// too few); each equation total = Σ parts with a single hidden member then hides one more — A 莲都 (for 小类 in 莲都),
/// B 青田 (for B in 丽水), A 青田 (for A in 丽水) — and the four hidden cells form a 2 × 2 pattern no sums and
/// differences can solve. A in 丽水市 = 75 observations: 5000 × 10, 6000 × 22, 7000 × 22, 8000 × 10, 9000 × 11.
/// </summary>
public sealed class WagePriceTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    internal const string A = "2-02-10-03";
    internal const string B = "2-02-10-04";

    private static readonly string[] Figures = ["p10", "p25", "p50", "p75", "p90", "mean"];

    /// <summary>Inserts wage observations: (month, region, occupation, employer, wage, weight).</summary>
    internal static async Task ObservationsAsync(TestApp app, params (string Month, string Region, string Occupation, string Employer, int Wage, int Weight)[] rows)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        foreach (var r in rows)
        {
            await c.ExecuteAsync(
                "INSERT INTO wage_observations (period, region_code, occupation_code, employer_key, source, source_id, monthly_wage, weight) " +
                "VALUES (@Month, @region, @Occupation, @Employer, 'position', 0, @Wage, @Weight)",
                new { r.Month, region = r.Region.PadRight(12, '0'), r.Occupation, r.Employer, r.Wage, r.Weight });
        }
    }

    /// <summary>The table above for <paramref name="year"/>'s first quarter (and A 青田 at 6500 in the quarter before), unique employer keys per year.</summary>
    internal static Task TableAsync(TestApp app, int year)
    {
        var q = $"{year}-02";
        string E(int n) => $"e:{year}{n}";
        return ObservationsAsync(app,
            (q, "331102001", A, E(1), 5000, 10), (q, "331102001", A, E(2), 6000, 10), ($"{year}-01", "331102", A, E(3), 7000, 10), (q, "331102", A, E(4), 8000, 10),
            (q, "331121", A, E(5), 6000, 12), ($"{year}-03", "331121", A, E(6), 7000, 12), (q, "331121", A, E(7), 9000, 11),
            (q, "331102", B, E(12), 3000, 10),
            (q, "331121", B, E(8), 4000, 10), (q, "331121", B, E(9), 4000, 10), (q, "331121", B, E(10), 4000, 10), (q, "331121", B, E(11), 4000, 10),
            // Outside the quarter, outside the city, without occupation: never counted.
            ($"{year}-04", "331102", A, E(1), 90000, 10), (q, "330102", A, E(1), 90000, 10), (q, "331102", "", E(1), 90000, 10),
            // The quarter before: A in 青田 only (published), median 6500.
            ($"{year - 1}-12", "331121", A, E(5), 6500, 12), ($"{year - 1}-12", "331121", A, E(6), 6500, 12), ($"{year - 1}-12", "331121", A, E(7), 6500, 11));
    }

    private static JsonElement Cell(JsonElement table, string occupation, string region) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("occupationCode").GetString() == occupation && r.GetProperty("regionCode").GetString() == region);

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_table_is_kept_with_the_facts_it_was_computed_from_and_computed_again_after_a_refresh(string engine)
    {
        var app = await apps.For(engine);
        await TableAsync(app, 2015);
        var db = app.Service<Database>();
        async Task RefreshedAsync(string month, DateTimeOffset at)
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            await c.ExecuteAsync("DELETE FROM analytics_periods WHERE period = @month", new { month });
            await c.ExecuteAsync("INSERT INTO analytics_periods (period, refreshed_at, positions, postings, talents, agreements) VALUES (@month, @at, 0, 0, 0, 0)",
                new { month, at = Database.Utc(at) });
        }
        var first = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var month in (string[])["2014-12", "2015-01", "2015-02", "2015-03"])
        {
            await RefreshedAsync(month, first);
        }
        using var client = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        async Task<long> MeanAsync() => Cell(await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/wages?region=3311&period=2015-Q1"), A, "3311")
            .GetProperty("mean").GetInt64();
        Assert.Equal(6867, await MeanAsync());

        // An observation written behind the refresh's back is not seen while the kept table's facts stand …
        await ObservationsAsync(app, ("2015-02", "331102", A, "e:20159", 30000, 25));
        Assert.Equal(6867, await MeanAsync());
        // … and is once a month of the period has been refreshed again.
        await RefreshedAsync("2015-02", first.AddHours(1));
        Assert.Equal(12650, await MeanAsync());

        // The job computes and keeps the tables of the operators' regions for the month's year and the two before it (those
        // with facts on record: 2014 and 2015), once.
        var wages = app.Service<WagePrices>();
        Assert.True(await wages.PrecomputeAsync("2015-03", CancellationToken.None) > 0);
        Assert.Equal(0, await wages.PrecomputeAsync("2015-03", CancellationToken.None));
        await using var read = await db.OpenAsync(CancellationToken.None);
        Assert.Equal(["2014", "2015"], await read.QueryAsync<string>(
            "SELECT period FROM analytics_wage_cells WHERE region_code = '331121' AND period IN ('2013', '2014', '2015') ORDER BY period"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_table_has_the_hand_computed_percentiles_and_suppression(string engine)
    {
        var app = await apps.For(engine);
        await TableAsync(app, 2019);
        using var client = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var response = await client.GetAsync("/api/v1/analytics/wages?region=3311&period=2019-Q1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2018-Q4", table.GetProperty("previousPeriod").GetString());
        Assert.Equal(9, table.GetProperty("rows").GetArrayLength());

        var a = Cell(table, A, "3311");
        Assert.Equal("Published", a.GetProperty("disclosure").GetString());
        Assert.Equal(75, a.GetProperty("observations").GetInt64());
        Assert.Equal(7, a.GetProperty("employers").GetInt32());
        Assert.Equal([5000, 6000, 7000, 8000, 9000, 6867], Figures.Select(p => a.GetProperty(p).GetInt64()));
        Assert.Equal(6500, a.GetProperty("previousP50").GetInt64());
        Assert.Equal(500.0 / 6500, a.GetProperty("p50Change").GetDouble(), 6);

        var b = Cell(table, B, "3311");
        Assert.Equal("Published", b.GetProperty("disclosure").GetString());
        Assert.Equal(4000, b.GetProperty("p50").GetInt64());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("previousP50").ValueKind);
        Assert.Equal("Published", Cell(table, "2-02-10", "3311").GetProperty("disclosure").GetString());
        Assert.Equal(125, Cell(table, "2-02-10", "3311").GetProperty("observations").GetInt64());
        Assert.Equal("Published", Cell(table, "2-02-10", "331102").GetProperty("disclosure").GetString());
        Assert.Equal("Published", Cell(table, "2-02-10", "331121").GetProperty("disclosure").GetString());

        var primary = Cell(table, B, "331102");
        Assert.Equal("FewObservations", primary.GetProperty("disclosure").GetString());
        // A hidden cell carries no figure at all: not its median, not its counts.
        Assert.Equal(JsonValueKind.Null, primary.GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Null, primary.GetProperty("observations").ValueKind);
        foreach (var (occupation, region) in new[] { (A, "331102"), (A, "331121"), (B, "331121") })
        {
            var secondary = Cell(table, occupation, region);
            Assert.Equal("Secondary", secondary.GetProperty("disclosure").GetString());
            Assert.Equal(JsonValueKind.Null, secondary.GetProperty("mean").ValueKind);
        }

        // The page shows the same: the median of A in 丽水市, and "—" with both footnotes for the hidden cells.
        using var page = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await page.GetStringAsync("/analytics/wages?period=2019-Q1&group=2-02-10&sort=occupation");
        Assert.Contains("7,000", html, StringComparison.Ordinal);
        Assert.Contains("note-hidden2", html, StringComparison.Ordinal);
        Assert.Contains("data-disclosure=\"Secondary\"", html, StringComparison.Ordinal);

        // Operators only; a county operator computes its county, not the city.
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/api/v1/analytics/wages?region=3311&period=2019-Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/v1/analytics/wages?period=2019-Q1")).StatusCode);
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync("/api/v1/analytics/wages?period=2019-Q1")).StatusCode);
        var invalid = await client.GetAsync("/api/v1/analytics/wages?period=2019-Q5");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("period", out _));
    }
}
