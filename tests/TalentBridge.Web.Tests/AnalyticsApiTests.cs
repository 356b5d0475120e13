using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Supply and demand over the API and the page, and the termination of agreements, on the demo's 24 months of history
/// (small scale; the seeding refreshes every month's facts), on both engines.
/// </summary>
public sealed class AnalyticsApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private const string Path = "/api/v1/analytics/supply-demand";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<HttpClient> OperatorAsync(TestApp app, string user = "lishui.operator") =>
        app.Client(await app.TokenAsync(user, "Operator#2026"));

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_operator_sees_a_years_supply_and_demand_of_the_region_with_its_trend(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = await OperatorAsync(app);
        var view = await Json(await lishui.GetAsync(Path));
        Assert.Equal("3311", view.GetProperty("region").GetString());
        Assert.Equal(3, view.GetProperty("level").GetInt32());
        var trend = view.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(12, trend.Count);
        Assert.Equal(view.GetProperty("to").GetString(), trend[^1].GetProperty("period").GetString());
        // The history has demand, talents and applications in every month, and a year before for the year-on-year change.
        Assert.All(trend, m => Assert.True(m.GetProperty("headcountSought").GetInt64() > 0 && m.GetProperty("talents").GetInt64() > 0));
        Assert.Contains(trend, m => m.GetProperty("demandYearOnYear").ValueKind == JsonValueKind.Number);
        var totals = view.GetProperty("totals");
        var rows = view.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.Count is > 0 and <= 50);
        Assert.Equal(trend.Sum(m => m.GetProperty("headcountSought").GetInt64()), totals.GetProperty("headcountSought").GetInt64());
        Assert.Equal(trend.Sum(m => m.GetProperty("applications").GetInt64()), totals.GetProperty("applications").GetInt64());
        // Stock is the last month's: the rows (flows and stock read apart) add up to the trend's last month.
        Assert.Equal(trend[^1].GetProperty("talents").GetInt64(), totals.GetProperty("talents").GetInt64());
        Assert.Equal(trend[^1].GetProperty("positionsOpen").GetInt64(), totals.GetProperty("positionsOpen").GetInt64());
        // Rows are 小类 in Lishui's counties, largest demand first.
        Assert.All(rows, r => Assert.Matches("^(\\d-\\d\\d-\\d\\d-00)?$", r.GetProperty("occupationCode").GetString()!));
        Assert.All(rows, r => Assert.StartsWith("3311", r.GetProperty("regionCode").GetString()!, StringComparison.Ordinal));
        var demand = rows.Select(r => r.GetProperty("headcountSought").GetInt64()).ToList();
        Assert.Equal(demand.OrderDescending(), demand);

        // Drill into 青田县 at 细类: rows in its townships, no more than the city's.
        var qingtian = await Json(await lishui.GetAsync($"{Path}?region=331121&level=4&sort=ratio&order=asc&pageSize=500"));
        var qingtianRows = qingtian.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(qingtianRows);
        Assert.All(qingtianRows, r => Assert.StartsWith("331121", r.GetProperty("regionCode").GetString()!, StringComparison.Ordinal));
        Assert.True(qingtian.GetProperty("totals").GetProperty("headcountSought").GetInt64() < totals.GetProperty("headcountSought").GetInt64());
        var ratios = qingtianRows.Where(r => r.GetProperty("ratio").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("ratio").GetDouble()).ToList();
        Assert.Equal(ratios.Order(), ratios);

        // Digital occupations only: fewer, each one of them.
        var digital = await Json(await lishui.GetAsync($"{Path}?digital=true&level=4&pageSize=500"));
        Assert.True(digital.GetProperty("totals").GetProperty("headcountSought").GetInt64() < totals.GetProperty("headcountSought").GetInt64());
        var reference = app.Service<Domain.Reference.ReferenceData>();
        Assert.All(digital.GetProperty("rows").EnumerateArray(), r => Assert.True(reference.Occupations.Find(r.GetProperty("occupationCode").GetString()!)!.IsDigital));

        // Manufacturing only: demand, open positions and applications follow the industry, talents (no industry) do not.
        var manufacturing = await Json(await lishui.GetAsync($"{Path}?industry=C&level=4&pageSize=500"));
        var manufacturingTotals = manufacturing.GetProperty("totals");
        var manufacturingTrend = manufacturing.GetProperty("trend").EnumerateArray().ToList();
        Assert.InRange(manufacturingTotals.GetProperty("headcountSought").GetInt64(), 1, totals.GetProperty("headcountSought").GetInt64() - 1);
        Assert.Equal(manufacturingTrend.Sum(m => m.GetProperty("headcountSought").GetInt64()), manufacturingTotals.GetProperty("headcountSought").GetInt64());
        Assert.Equal(manufacturingTrend[^1].GetProperty("positionsOpen").GetInt64(), manufacturingTotals.GetProperty("positionsOpen").GetInt64());
        Assert.Equal(totals.GetProperty("talents").GetInt64(), manufacturingTotals.GetProperty("talents").GetInt64());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_wrong_filter_is_named_and_only_operators_and_admins_get_figures(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = await OperatorAsync(app);
        var bad = await lishui.GetAsync($"{Path}?level=5&occupation=9-99&region=999999&from=2026-13&to=x&industry=ZZ&sort=name&page=0&pageSize=501");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[] { "level", "occupation", "region", "from", "to", "industry", "sort", "page", "pageSize" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var range = await Json(await lishui.GetAsync($"{Path}?from=2024-01&to=2026-06"));
        Assert.Equal("must be at most 24 months after from", range.GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.Equal("must not be before from",
            (await Json(await lishui.GetAsync($"{Path}?from=2026-06&to=2026-01"))).GetProperty("errors").GetProperty("to")[0].GetString());

        // A county's operator sees only the county.
        using var qingtian = await OperatorAsync(app, "qingtian.operator");
        Assert.Equal("331121", (await Json(await qingtian.GetAsync(Path))).GetProperty("region").GetString());
        var outside = await Json(await qingtian.GetAsync($"{Path}?region=331102"));
        Assert.Equal("must lie inside your region (331121)", outside.GetProperty("errors").GetProperty("region")[0].GetString());

        using var recruiter = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(Path)).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_export_holds_every_row_in_csv_or_excel_and_is_audited(string engine)
    {
        var app = await apps.For(engine);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var view = await Json(await admin.GetAsync($"{Path}?level=2&pageSize=1"));
        var csv = await admin.GetAsync($"{Path}/export?level=2&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("occupation_code,occupation,region_code,region,headcount_sought", lines[0], StringComparison.Ordinal);
        Assert.Equal(view.GetProperty("total").GetInt32() + 2, lines.Length); // header, rows, total
        var excel = await admin.GetAsync($"{Path}/export?level=2&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await excel.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Path}/export?format=pdf")).StatusCode);

        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var audited = (await c.QueryAsync<string>(
            "SELECT detail FROM audit_log WHERE action = 'export' AND subject_type = 'analytics' AND reason = 'supply-demand' ORDER BY id")).ToList();
        Assert.Contains("format=csv&level=2", audited);
        Assert.Contains("format=xlsx&level=2", audited);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_page_shows_the_table_trend_and_errors_in_both_languages(string engine)
    {
        var app = await apps.For(engine);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var page = await lishui.GetStringAsync("/analytics/supply-demand?level=4&region=331102");
        Assert.Contains("人力资源供需分析", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/analytics/supply-demand?level=4&amp;region=331102&amp;sort=ratio&amp;order=desc\"", page, StringComparison.Ordinal);
        Assert.Contains("/analytics/supply-demand?handler=Csv&amp;level=4&amp;region=331102", page, StringComparison.Ordinal);
        var wrong = await lishui.GetStringAsync("/analytics/supply-demand?from=2026-13");
        Assert.Contains("id=\"from-error\"", wrong, StringComparison.Ordinal);
        var english = await lishui.GetStringAsync("/analytics/supply-demand?culture=en");
        Assert.Contains("Labour supply and demand", english, StringComparison.Ordinal);
        var csv = await lishui.GetAsync("/analytics/supply-demand?handler=Csv&level=2");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);

        var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        var denied = await talent.GetAsync("/analytics/supply-demand");
        Assert.StartsWith("/account/denied", denied.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("/analytics/supply-demand", await talent.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("/analytics/supply-demand", await lishui.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_operator_terminates_an_agreement_with_a_reason_once(string engine)
    {
        var app = await apps.For(engine);
        long application;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            // A demo agreement outside 青田县 that is still in force (the history terminated a few), of an enterprise with users.
            application = await c.ExecuteScalarAsync<long>(
                "SELECT g.application_id FROM agreements g JOIN applications a ON a.id = g.application_id WHERE g.terminated_at IS NULL " +
                "AND g.region_code LIKE '3311%' AND g.region_code NOT LIKE '331121%' AND EXISTS (SELECT 1 FROM accounts u WHERE u.enterprise_id = a.enterprise_id AND u.role IN (2, 3)) " +
                "ORDER BY g.id DESC LIMIT 1");
        }
        using var qingtian = await OperatorAsync(app, "qingtian.operator");
        Assert.Equal(HttpStatusCode.NotFound,
            (await qingtian.PostAsJsonAsync($"/api/v1/agreements/{application}/termination", new { reason = "越权" })).StatusCode);
        using var lishui = await OperatorAsync(app);
        var missing = await lishui.PostAsJsonAsync($"/api/v1/agreements/{application}/termination", new { reason = "" });
        Assert.Equal("is required", (await Json(missing)).GetProperty("errors").GetProperty("reason")[0].GetString());
        var done = await Json(await lishui.PostAsJsonAsync($"/api/v1/agreements/{application}/termination", new { reason = "企业停产，双方协商解约" }));
        Assert.Equal("企业停产，双方协商解约", done.GetProperty("terminationReason").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("terminatedBy").GetString()));
        Assert.True(done.GetProperty("hashMatches").GetBoolean());
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            // Terminated by an operator: every account of both sides is told, in the same transaction.
            var sides = await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM accounts u JOIN applications a ON a.id = @application " +
                "WHERE u.talent_id = a.talent_id OR (u.enterprise_id = a.enterprise_id AND u.role IN (2, 3))", new { application });
            var told = await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM notifications WHERE kind = 'agreement.terminate' AND subject_type = 'agreement' AND subject_id = @application",
                new { application });
            Assert.True(sides > 0);
            Assert.Equal(sides, told);
        }
        var again = await lishui.PostAsJsonAsync($"/api/v1/agreements/{application}/termination", new { reason = "再次" });
        Assert.Equal("is terminated already", (await Json(again)).GetProperty("errors").GetProperty("agreement")[0].GetString());

        // The page shows the termination and no longer offers the form.
        var browser = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var page = await browser.GetStringAsync($"/agreements/{application}");
        Assert.Contains("企业停产，双方协商解约", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Terminate", page, StringComparison.Ordinal);
    }
}
