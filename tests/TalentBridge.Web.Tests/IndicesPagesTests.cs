using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The composite-index pages on both engines: the list with the seed reproductions; the tree editor listing errors by
/// JSON path and publishing a version; figures uploaded with errors by row and column; a run whose page shows the
/// ranking with rank bands (chart data and table), the coherence report, an audited export and a publication; other
/// roles refused.
/// </summary>
public sealed partial class IndicesPagesTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static string TokenOf(string page) => Token().Match(page).Groups[1].Value;

    private static MultipartFormDataContent Upload(string page, string name, string csv, string fileName = "figures.csv") => new()
    {
        { new StringContent(TokenOf(page)), "__RequestVerificationToken" },
        { new StringContent(name), "Name" },
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", fileName },
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_list_shows_the_trees_and_the_seed_reproductions_and_other_roles_are_refused(string engine)
    {
        var app = await apps.For(engine);
        using var operatorBrowser = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var list = await operatorBrowser.GetStringAsync("/analytics/indices");
        Assert.Contains("全球城市人才黏性指数（B.11）", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/analytics/indices/run?key=b12-international-talent-service\"", list, StringComparison.Ordinal);
        Assert.Contains("0.7000", list, StringComparison.Ordinal);
        Assert.Contains("117 / 120", list, StringComparison.Ordinal);
        var tree = await operatorBrowser.GetStringAsync("/analytics/indices/tree?key=b12-international-talent-service");
        Assert.Contains("51 项指标", tree, StringComparison.Ordinal);
        Assert.Contains("缺少第 17 项", tree, StringComparison.Ordinal);
        Assert.Contains("负向（−）", tree, StringComparison.Ordinal);

        using var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        Assert.Equal("/account/denied", (await talent.GetAsync("/analytics/indices")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorBrowser.GetAsync("/analytics/indices/run?key=no-such-tree")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_tree_editor_lists_errors_by_json_path_and_publishes_a_version(string engine)
    {
        var app = await apps.For(engine);
        using var browser = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var key = "p-" + engine + "-" + Guid.NewGuid().ToString("N")[..8];
        var form = await browser.GetStringAsync("/analytics/indices/tree");
        var definition = $$"""
            { "key": "{{key}}", "nameZh": "测试指数", "nameEn": "Test", "source": { "document": "测试", "confirmed": false, "note": "test" },
              "nodes": [ { "code": "d", "nameZh": "维度", "nameEn": "D" },
                         { "code": "x", "parent": "d", "nameZh": "指标", "nameEn": "X", "unit": "count", "direction": "positive", "weight": 0.5 },
                         { "code": "y", "parent": "dd", "nameZh": "指标二", "nameEn": "Y", "unit": "count", "direction": "negative" } ] }
            """;
        var bad = await browser.PostAsync("/analytics/indices/tree", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(form), ["Definition"] = definition, ["Note"] = "第一版",
        }));
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("<code>nodes[2].parent</code>", badPage, StringComparison.Ordinal);
        Assert.Contains("不是节点的编码", badPage, StringComparison.Ordinal);

        var good = await browser.PostAsync("/analytics/indices/tree", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(form), ["Definition"] = definition.Replace("\"dd\"", "\"d\"", StringComparison.Ordinal).Replace(", \"weight\": 0.5", "", StringComparison.Ordinal),
            ["Note"] = "第一版",
        }));
        Assert.Contains($"key={key}&published=true", good.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var page = await good.Content.ReadAsStringAsync();
        Assert.Contains("已发布新版本", page, StringComparison.Ordinal);
        Assert.Contains("v1 ·", page, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Figures_are_uploaded_run_shown_with_rank_bands_exported_and_published(string engine)
    {
        var app = await apps.For(engine);
        using var browser = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        const string runPath = "/analytics/indices/run?key=b11-city-talent-retention";
        var form = await browser.GetStringAsync(runPath);
        Assert.Contains("unit,name,kind,group,period,01,02", form, StringComparison.Ordinal);

        var bad = await browser.PostAsync(runPath + "&handler=Upload", Upload(form, "坏数据", "unit,period,01\nny,2024,很多\n"));
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<code>rows[2].01</code>", badPage, StringComparison.Ordinal);
        Assert.Contains("不是数值", badPage, StringComparison.Ordinal);

        var uploaded = await browser.PostAsync(runPath + "&handler=Upload", Upload(form, "五城", IndicesApiTests.B11Csv));
        Assert.Contains("uploaded=", uploaded.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var runForm = await uploaded.Content.ReadAsStringAsync();
        Assert.Contains("五城", runForm, StringComparison.Ordinal);
        var dataset = Regex.Match(runForm, "<option value=\"(\\d+)\" selected=\"selected\">").Groups[1].Value;
        Assert.NotEmpty(dataset);

        var ran = await browser.PostAsync(runPath + "&handler=Run", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(runForm), ["Dataset"] = dataset, ["Region"] = "", ["Year"] = "2025",
            ["Specification"] = """{ "period": "2024", "uncertainty": { "runs": 100, "vary": [ { "step": "aggregation", "options": ["arithmetic", "geometric"] } ] } }""",
        }));
        var result = await ran.Content.ReadAsStringAsync();
        Assert.Matches("/analytics/indices/runs/\\d+$", ran.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("id=\"rank-bands-data\"", result, StringComparison.Ordinal);
        Assert.Contains("\"p95\":", result, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" data-label=\"评价对象\">北京</th>", result, StringComparison.Ordinal);
        Assert.Contains("克朗巴哈 α", result, StringComparison.Ordinal);
        Assert.Contains("几何平均 ", result, StringComparison.Ordinal);
        var run = ran.RequestMessage.RequestUri.AbsolutePath;
        var id = long.Parse(run[(run.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        var sorted = await browser.GetStringAsync(run + "?sort=name");
        Assert.Contains("aria-current=\"true\">名称", sorted, StringComparison.Ordinal);
        var csv = await browser.GetAsync(run + "?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "indexRun", id, "export"));

        var missingNote = await browser.PostAsync(run + "?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(result), ["Note"] = "",
        }));
        Assert.Contains("id=\"note-error\"", await missingNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var published = await browser.PostAsync(run + "?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf(result), ["Note"] = "年度发布",
        }));
        Assert.Contains("/analytics/indices/published/b11-city-talent-retention/", published.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("年度发布", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var qingtian = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync(run)).StatusCode);
    }
}
