using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The shortage index on both engines from fact rows the test inserts: the worked example of docs/shortage-index.md
/// (A: D 50, S 20, 20 agreements → 100, 5 stars, 应聘不足; B: 20, 80, 18 → 60, 1 star, no shortage; C: 10, 10, 5 →
/// 60 + 4480/177, 4 stars; D: 4 sought → no index), A's inputs summed over two months and two townships of the year,
/// rows outside the year or the city ignored; the 小类 are compared among themselves.
/// </summary>
public sealed class ShortageCatalogueTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    internal const string C = "4-01-02-01";
    internal const string D = "6-18-01-01";

    /// <summary>Inserts analytics cells: (month, region, occupation, headcount sought, applications, agreements).</summary>
    internal static async Task CellsAsync(TestApp app, params (string Month, string Region, string Occupation, int Sought, int Applications, int Agreements)[] rows)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        foreach (var r in rows)
        {
            await c.ExecuteAsync(
                "INSERT INTO analytics_cells (period, region_code, occupation_code, industry_section, digital, green, talents, talents_new, positions_open, " +
                "positions_new, positions_closed, headcount_sought, applications, agreements, terminated, salary_weight, salary_sum) " +
                "VALUES (@Month, @region, @Occupation, 'I', 0, 0, 0, 0, 0, 0, 0, @Sought, @Applications, @Agreements, 0, 0, 0)",
                new { r.Month, region = r.Region.PadRight(12, '0'), r.Occupation, r.Sought, r.Applications, r.Agreements });
        }
        foreach (var month in rows.Select(r => r.Month).Distinct())
        {
            await AnalyticsRefresh.RollUpAsync(c, null, month, CancellationToken.None);
        }
    }

    /// <summary>The worked example in 丽水市 for <paramref name="year"/>.</summary>
    internal static Task ExampleAsync(TestApp app, int year) => CellsAsync(app,
        ($"{year}-03", "331102001", WagePriceTests.A, 30, 10, 12), ($"{year}-06", "331121001", WagePriceTests.A, 20, 10, 8),
        ($"{year}-07", "331121", WagePriceTests.B, 20, 80, 18),
        ($"{year}-12", "331102", C, 10, 10, 5),
        ($"{year}-01", "331181", D, 4, 3, 0),
        ($"{year + 1}-01", "331102", WagePriceTests.A, 500, 0, 0), ($"{year}-03", "330102", WagePriceTests.A, 500, 0, 0));

    private static JsonElement Row(JsonElement table, string occupation) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("occupationCode").GetString() == occupation && r.GetProperty("regionCode").GetString() == "3311");

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_index_of_the_worked_example_is_shown_with_its_inputs(string engine)
    {
        var app = await apps.For(engine);
        await ExampleAsync(app, 2019);
        using var client = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var response = await client.GetAsync("/api/v1/analytics/shortage?period=2019");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("3311", table.GetProperty("regionCode").GetString());

        var a = Row(table, WagePriceTests.A);
        Assert.Equal((50, 20, 20), (a.GetProperty("headcountSought").GetInt32(), a.GetProperty("applications").GetInt32(), a.GetProperty("agreements").GetInt32()));
        Assert.Equal(0.4, a.GetProperty("fillRate").GetDouble(), 9);
        Assert.Equal(100, a.GetProperty("index").GetDouble(), 9);
        Assert.Equal(5, a.GetProperty("stars").GetInt32());
        Assert.Equal("FewApplicants", a.GetProperty("driver").GetString());
        Assert.True(a.GetProperty("included").GetBoolean());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("wageGrowth").ValueKind);

        var b = Row(table, WagePriceTests.B);
        Assert.Equal(60, b.GetProperty("index").GetDouble(), 9);
        Assert.Equal(1, b.GetProperty("stars").GetInt32());
        Assert.Equal("None", b.GetProperty("driver").GetString());
        Assert.False(b.GetProperty("included").GetBoolean());

        var c = Row(table, C);
        Assert.Equal(60 + 4480.0 / 177, c.GetProperty("index").GetDouble(), 9);
        Assert.Equal(4, c.GetProperty("stars").GetInt32());

        var d = Row(table, D);
        Assert.Equal(JsonValueKind.Null, d.GetProperty("index").ValueKind);
        Assert.Equal("TooFewSought", d.GetProperty("excluded").GetString());

        // 小类 2-02-10 (D 70, S 100) against 4-01-02 (10, 10): gaps −1 and 0, ratios −3/17 and 0 → 60 and 100.
        Assert.Equal(60, Row(table, "2-02-10").GetProperty("index").GetDouble(), 9);
        Assert.Equal(100, Row(table, "4-01-02").GetProperty("index").GetDouble(), 9);

        // With children, each county is a comparison of its own: in 莲都区 A (30, 10) and C (10, 10) rank 100 and 60.
        var children = await client.GetFromJsonAsync<JsonElement>("/api/v1/analytics/shortage?period=2019&children=true");
        var liandu = children.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("regionCode").GetString() == "331102").ToList();
        Assert.Equal(100, liandu.Single(r => r.GetProperty("occupationCode").GetString() == WagePriceTests.A).GetProperty("index").GetDouble(), 9);
        Assert.Equal(60, liandu.Single(r => r.GetProperty("occupationCode").GetString() == C).GetProperty("index").GetDouble(), 9);

        using var page = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await page.GetStringAsync("/analytics/shortage?period=2019&level=4&sort=-index");
        Assert.Contains("计算机软件工程技术人员", html, StringComparison.Ordinal);
        Assert.Contains("85.3", html, StringComparison.Ordinal);
        Assert.Contains("★★★★★", html, StringComparison.Ordinal);
        Assert.Contains("应聘不足", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("2-02-10-03", StringComparison.Ordinal) < html.IndexOf("2-02-10-04", StringComparison.Ordinal), "sorted by index, highest first");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/analytics/shortage?period=2019&sort=nonsense")).StatusCode);
    }
}
