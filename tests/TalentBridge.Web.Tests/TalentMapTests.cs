using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Fact rows for the talent map's tests: nothing fills the fact tables on this branch, so a test inserts the month's
/// cells and wage observations itself (and the month into <c>analytics_periods</c>, as the refresh job would).
/// </summary>
internal static class TalentMapFacts
{
    public sealed record Cell(string Region, string Occupation, string Industry, int Talents, int Open, int Sought = 0, int Applications = 0,
        bool Digital = false, bool Green = false);

    public sealed record Wage(string Region, string Occupation, int MonthlyWage, int Weight);

    public static async Task InsertAsync(Database db, string period, IEnumerable<Cell> cells, IEnumerable<Wage> wages)
    {
        await db.InTransactionAsync(async (c, tx) =>
        {
            foreach (var cell in cells)
            {
                await c.ExecuteAsync(
                    "INSERT INTO analytics_cells (period, region_code, occupation_code, industry_section, digital, green, talents, talents_new, positions_open, " +
                    "positions_new, positions_closed, headcount_sought, applications, agreements, terminated, salary_weight, salary_sum) VALUES " +
                    "(@period, @region, @Occupation, @Industry, @digital, @green, @Talents, 0, @Open, 0, 0, @Sought, @Applications, 0, 0, 0, 0)",
                    new { period, region = cell.Region.PadRight(12, '0'), cell.Occupation, cell.Industry, digital = cell.Digital ? 1 : 0, green = cell.Green ? 1 : 0,
                        cell.Talents, cell.Open, cell.Sought, cell.Applications }, tx);
            }
            var id = 0;
            foreach (var wage in wages)
            {
                await c.ExecuteAsync(
                    "INSERT INTO wage_observations (period, region_code, occupation_code, employer_key, source, source_id, monthly_wage, weight) " +
                    "VALUES (@period, @region, @Occupation, 'e:1', 'position', @id, @MonthlyWage, @Weight)",
                    new { period, region = wage.Region.PadRight(12, '0'), wage.Occupation, id = ++id, wage.MonthlyWage, wage.Weight }, tx);
            }
            await AnalyticsRefresh.RollUpAsync(c, tx, period, CancellationToken.None);
            await c.ExecuteAsync("INSERT INTO analytics_periods (period, refreshed_at, positions, postings, talents, agreements) VALUES (@period, @now, 0, 0, 0, 0)",
                new { period, now = DateTimeOffset.UtcNow }, tx);
            return 0;
        }, CancellationToken.None);
    }

    /// <summary>
    /// A demo month for the pages: every county of Zhejiang with figures, and every township of 丽水市 (so that the map
    /// of a Lishui county is a bar chart of its townships).
    /// </summary>
    public static Task DemoAsync(Database db, Domain.Reference.ReferenceData reference, string period)
    {
        var cells = new List<Cell>();
        foreach (var city in reference.Regions.Children("33"))
        {
            foreach (var county in reference.Regions.Children(city.Code))
            {
                var places = city.Code == "3311" ? reference.Regions.Children(county.Code) : [county];
                foreach (var place in places)
                {
                    var n = int.Parse(place.Code[^3..], System.Globalization.CultureInfo.InvariantCulture) % 17;
                    cells.Add(new Cell(place.Code, "4-10-01-05", "Q", 20 + (n * 13), 5 + (n * 3), 6 + n, 3 + (2 * n)));
                }
            }
        }
        return InsertAsync(db, period, cells, [new Wage("331121001", "4-10-01-05", 5200, 3), new Wage("331102001", "4-10-01-05", 6100, 2)]);
    }
}

/// <summary>
/// 人才地图 on both engines: the children's figures are the month's cells summed per child region (townships under a
/// county, the county's own rows as the remainder), the ratio, the weighted median wage and the shortage index follow the
/// documented rules, the filters select cells, an operator sees only their subtree, and the API names wrong fields.
/// </summary>
public sealed class TalentMapTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private const string Plain = "4-10-01-05", Digital = "2-02-07-07", Green = "2-02-01-03";
    private const string Month = "2035-06";

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Row(JsonElement map, string code) =>
        map.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);

    private static async Task SeedAsync(TestApp app)
    {
        await TalentMapFacts.InsertAsync(app.Service<Database>(), Month,
        [
            new("331121001", Plain, "C", 0, 10, 20, 10),
            new("331121001", Plain, "", 40, 0),
            new("331121002", Digital, "I", 30, 5, 10, 40, Digital: true),
            new("331121", Plain, "C", 5, 1, 1, 0),
            new("331102001", Green, "C", 100, 50, 60, 30, Green: true),
            new("330102001", Plain, "", 7, 0),
        ],
        [
            new("331121001", Plain, 5000, 1), new("331121001", Plain, 6000, 3),
            new("331102001", Green, 8000, 2), new("331102001", Green, 4000, 1), new("331102001", Green, 9000, 1),
        ]);
        // An older month the default must not pick.
        await TalentMapFacts.InsertAsync(app.Service<Database>(), "2035-05", [new("331121001", Plain, "", 999, 0)], []);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_map_sums_the_months_cells_per_child_region_and_applies_filters_and_scope(string engine)
    {
        var app = await apps.For(engine);
        await SeedAsync(app);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));

        // Counties of 丽水市: the newest month, sums of their townships' and their own cells.
        var city = await Json(await lishui.GetAsync("/api/v1/analytics/map"));
        Assert.Equal("3311", city.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal(Month, city.GetProperty("period").GetString());
        Assert.Equal(["2035-06", "2035-05"], city.GetProperty("periods").EnumerateArray().Select(p => p.GetString()).Take(2));
        Assert.Equal("/api/v1/analytics/outlines/3311", city.GetProperty("outlines").GetString());
        var qt = Row(city, "331121");
        Assert.Equal(75, qt.GetProperty("talents").GetInt64());
        Assert.Equal(16, qt.GetProperty("openPositions").GetInt64());
        Assert.Equal(31, qt.GetProperty("headcountSought").GetInt64());
        Assert.Equal(50, qt.GetProperty("applications").GetInt64());
        Assert.Equal(4.69, qt.GetProperty("supplyDemandRatio").GetDouble());
        Assert.Equal(6000, qt.GetProperty("medianWage").GetInt32());
        Assert.True(qt.GetProperty("drillable").GetBoolean());
        var ld = Row(city, "331102");
        Assert.Equal(2.0, ld.GetProperty("supplyDemandRatio").GetDouble());
        Assert.Equal(8000, ld.GetProperty("medianWage").GetInt32());
        // 莲都区 seeks 60 against 30 applications, 青田县 31 against 50: the shorter supply is 100, the other 60.
        Assert.Equal(100, ld.GetProperty("shortageIndex").GetDouble());
        Assert.Equal(60, qt.GetProperty("shortageIndex").GetDouble());
        Assert.Equal(2, city.GetProperty("rows").GetArrayLength());
        Assert.Equal(175, city.GetProperty("total").GetProperty("talents").GetInt64());
        Assert.Equal(JsonValueKind.Null, city.GetProperty("unassigned").ValueKind);

        // Townships of 青田县: the county's own cells are the remainder; no shipped outlines.
        var county = await Json(await lishui.GetAsync("/api/v1/analytics/map?region=331121&metric=ratio"));
        Assert.Equal(40, Row(county, "331121001").GetProperty("talents").GetInt64());
        Assert.Equal(4.0, Row(county, "331121001").GetProperty("value").GetDouble());
        Assert.Equal(30, Row(county, "331121002").GetProperty("talents").GetInt64());
        Assert.False(Row(county, "331121002").GetProperty("drillable").GetBoolean());
        Assert.Equal(5, county.GetProperty("unassigned").GetProperty("talents").GetInt64());
        Assert.Equal(JsonValueKind.Null, county.GetProperty("outlines").ValueKind);
        Assert.Equal(["3311", "331121"], county.GetProperty("trail").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        // Filters: the industry counts positions only (talents carry none); occupation group; digital; green.
        var manufacturing = await Json(await lishui.GetAsync("/api/v1/analytics/map?industry=c"));
        Assert.Equal(75, Row(manufacturing, "331121").GetProperty("talents").GetInt64());
        Assert.Equal(11, Row(manufacturing, "331121").GetProperty("openPositions").GetInt64());
        var care = await Json(await lishui.GetAsync("/api/v1/analytics/map?occupation=4-10"));
        Assert.Equal(45, Row(care, "331121").GetProperty("talents").GetInt64());
        Assert.Single(care.GetProperty("rows").EnumerateArray());
        var digital = await Json(await lishui.GetAsync("/api/v1/analytics/map?digital=true"));
        Assert.Equal(30, Row(digital, "331121").GetProperty("talents").GetInt64());
        Assert.Equal(JsonValueKind.Null, Row(digital, "331121").GetProperty("medianWage").ValueKind);
        var green = await Json(await lishui.GetAsync("/api/v1/analytics/map?green=true&occupation=2-00-00-00&metric=wage"));
        Assert.Equal(8000, Row(green, "331102").GetProperty("value").GetDouble());
        Assert.Single(green.GetProperty("rows").EnumerateArray());
        var older = await Json(await lishui.GetAsync("/api/v1/analytics/map?region=331121&period=2035-05"));
        Assert.Equal(999, Row(older, "331121001").GetProperty("talents").GetInt64());

        // Scope: the province for administrators, nothing above an operator's region.
        var province = await Json(await admin.GetAsync("/api/v1/analytics/map"));
        Assert.Equal("33", province.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal(175, Row(province, "3311").GetProperty("talents").GetInt64());
        Assert.Equal(7, Row(province, "3301").GetProperty("talents").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync("/api/v1/analytics/map?region=3311")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishui.GetAsync("/api/v1/analytics/map?region=33")).StatusCode);
        Assert.Equal("331121", (await Json(await qingtian.GetAsync("/api/v1/analytics/map"))).GetProperty("region").GetProperty("code").GetString());
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync("/api/v1/analytics/map")).StatusCode);
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/analytics/map")).StatusCode);

        // Wrong input names the field.
        foreach (var (query, field) in new[]
        {
            ("metric=colour", "metric"), ("period=2035-13", "period"), ("occupation=9", "occupation"), ("occupation=4-10-01", "occupation"),
            ("industry=Z", "industry"), ("region=331121001", "region"), ("region=99", "region"),
        })
        {
            var wrong = await lishui.GetAsync("/api/v1/analytics/map?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), query);
        }

        // The page shows the same figures in its table, the filters and the township notice.
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await pages.GetStringAsync("/analytics/map?region=331121");
        Assert.Contains("id=\"talent-map-table\"", html, StringComparison.Ordinal);
        Assert.Contains("鹤城街道", html, StringComparison.Ordinal);
        Assert.Contains("未细分到乡镇", html, StringComparison.Ordinal);
        Assert.Contains("乡镇（街道）一级没有随平台提供的地图边界", html, StringComparison.Ordinal);
        var filtered = await pages.GetStringAsync("/analytics/map?occupation=nonsense&metric=wage");
        Assert.Contains("id=\"occupation-error\"", filtered, StringComparison.Ordinal);
        Assert.Contains("青田县", filtered, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync("/analytics/map?region=3301")).StatusCode);
    }

    [Fact]
    public void The_shortage_index_rescales_across_the_regions_compared()
    {
        var index = TalentMap.ShortageIndex([(60, 30), (31, 50), (0, 10), (10, 0)]);
        Assert.Null(index[2]);
        Assert.Equal(60, index[1]);
        // Gaps 30, −19, 10 over the largest 30; ratios 30/90, −19/81, 10/10: φ = 0.667, −0.434, 0.667.
        Assert.Equal(100, index[3]);
        Assert.Equal(100, index[0]);
        // The gap keeps the size of the shortfall: 10 missing weigh more than 5 at the same ratio.
        Assert.Equal(new double?[] { 60, 100 }, TalentMap.ShortageIndex([(10, 5), (20, 10)]));
        Assert.Equal(new double?[] { 80, 80 }, TalentMap.ShortageIndex([(10, 5), (10, 5)]));
    }
}
