using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The enterprise-service pages on both engines: the self-assessment form names a bad figure and shows the answer per
/// tier after saving; an operator's tier confirmation changes the enterprise page, which the enterprise reads but cannot
/// change; the policy editor lists errors by JSON path; the qualified list pages and its download is audited; pages
/// outside the caller's scope are 404.
/// </summary>
public sealed partial class ServicesPagesTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_assessment_form_names_a_bad_figure_and_shows_every_tier_after_saving(string engine)
    {
        var app = await apps.For(engine);
        var enterprise = await UntranslatedTextTests.SignedInAsync(app, "enterprise.admin", "Enterprise#2026");
        var form = await enterprise.GetStringAsync("/enterprises/1/assessment");
        Assert.Contains("id=\"figures.rdSpend\"", form, StringComparison.Ordinal);
        Assert.Contains("单位：元", form, StringComparison.Ordinal);

        var fields = ServicesApiTests.StrongFigures.ToDictionary(p => "figures." + p.Key, p => p.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["figures.staff"] = "很多";
        var bad = await enterprise.PostAsync("/enterprises/1/assessment", Form(form, new Dictionary<string, string>(fields)));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#figures.staff\"", badPage, StringComparison.Ordinal);
        Assert.Contains("id=\"figures.staff-error\"", badPage, StringComparison.Ordinal);
        Assert.Contains("value=\"很多\"", badPage, StringComparison.Ordinal);

        fields["figures.staff"] = "120";
        // R&D spending of 0.17 % of revenue: 专精特新 fails on its R&D condition and the page says what would pass.
        fields["figures.rdSpend"] = "100000";
        var saved = await enterprise.PostAsync("/enterprises/1/assessment", Form(form, fields));
        var result = await saved.Content.ReadAsStringAsync();
        Assert.Contains("/enterprises/1/assessment?assessment=", saved.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Contains("id=\"result\"", result, StringComparison.Ordinal);
        Assert.Contains("创新型中小企业", result, StringComparison.Ordinal);
        Assert.Contains("专精特新“小巨人”", result, StringComparison.Ordinal);
        Assert.Contains("来源未确认", result, StringComparison.Ordinal);
        // The rule data's notes (in English) follow a Chinese label, marked as English.
        Assert.Contains("未核实之处（英文说明）：<span lang=\"en\">", result, StringComparison.Ordinal);
        Assert.Contains("<h4>怎样才能达到</h4>", result, StringComparison.Ordinal);
        Assert.Contains("<h4>缺少的数据</h4>", result, StringComparison.Ordinal);
        Assert.Contains("class=\"stacked\"", result, StringComparison.Ordinal);

        var inEnglish = await enterprise.GetStringAsync(saved.RequestMessage.RequestUri!.PathAndQuery + "&culture=en");
        Assert.Contains("<h4>What would change the answer</h4>", inEnglish, StringComparison.Ordinal);
        Assert.Contains("Source not confirmed", inEnglish, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_operators_tier_confirmation_shows_on_the_enterprise_page_which_the_enterprise_cannot_confirm(string engine)
    {
        var app = await apps.For(engine);
        long enterpriseId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.QuerySingleAsync<long>("SELECT min(id) FROM enterprises WHERE region_code LIKE '331121%' AND tier = 0");
            await c.ExecuteAsync("UPDATE accounts SET enterprise_id = @enterpriseId WHERE user_name = 'recruiter'", new { enterpriseId });
        }
        var own = await UntranslatedTextTests.SignedInAsync(app, "recruiter", "Recruiter#2026");
        var before = await own.GetStringAsync($"/enterprises/{enterpriseId}");
        Assert.Contains("尚无主管部门确认的梯度记录", before, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Tier", before, StringComparison.Ordinal);
        var refused = await own.PostAsync($"/enterprises/{enterpriseId}?handler=Tier", Form(before, new() { ["Tier"] = "LittleGiant", ["Evidence"] = "自称", ["Note"] = "自报", ["ValidFrom"] = "2026-01-01" }));
        Assert.Equal("/account/denied", refused.RequestMessage!.RequestUri!.AbsolutePath);

        var qingtian = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        var page = await qingtian.GetStringAsync($"/enterprises/{enterpriseId}");
        Assert.Contains("handler=Tier", page, StringComparison.Ordinal);
        var invalid = await qingtian.PostAsync($"/enterprises/{enterpriseId}?handler=Tier", Form(page, new() { ["Tier"] = "Srdi", ["Evidence"] = "", ["Note"] = "", ["ValidFrom"] = "明天" }));
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("id=\"evidence-error\"", invalidPage, StringComparison.Ordinal);
        Assert.Contains("id=\"validFrom-error\"", invalidPage, StringComparison.Ordinal);
        var done = await qingtian.PostAsync($"/enterprises/{enterpriseId}?handler=Tier",
            Form(page, new() { ["Tier"] = "Srdi", ["Evidence"] = "浙经信企业〔2026〕12号\n证书 ZJ-2026-001", ["Note"] = "省级名单核对", ["ValidFrom"] = "2026-01-01", ["ValidUntil"] = "2028-12-31" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var after = await own.GetStringAsync($"/enterprises/{enterpriseId}");
        Assert.Contains("省级名单核对", after, StringComparison.Ordinal);
        Assert.Contains("<dd>专精特新</dd>", after, StringComparison.Ordinal);

        // Outside the operator's subtree: not found.
        long outside;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            outside = await c.QuerySingleAsync<long>("SELECT min(id) FROM enterprises WHERE region_code NOT LIKE '331121%'");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync($"/enterprises/{outside}/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"/enterprises/{outside}/policies")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_policy_editor_lists_errors_by_json_path_and_the_qualified_download_is_audited(string engine)
    {
        var app = await apps.For(engine);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var page = await lishui.GetStringAsync("/services/policies");
        Assert.Contains("一次性吸纳就业补贴", page, StringComparison.Ordinal);
        var definition = WebUtility.HtmlDecode(Regex.Match(page, "<textarea id=\"definition\"[^>]*>([^<]*)</textarea>").Groups[1].Value);
        var key = "pagePolicy" + engine;
        var bad = await lishui.PostAsync("/services/policies", Form(page, new()
        {
            ["Definition"] = definition.Replace("\"newPolicy\"", $"\"{key}\"", StringComparison.Ordinal).Replace("\"atMost\": 3", "\"atMost\": \"three\"", StringComparison.Ordinal),
            ["Note"] = "页面新建",
        }));
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<code>eligibility[0].atMost</code>", badPage, StringComparison.Ordinal);
        Assert.Contains("<code>nameZh</code>", badPage, StringComparison.Ordinal);
        var good = await lishui.PostAsync("/services/policies", Form(page, new()
        {
            ["Definition"] = definition.Replace("\"newPolicy\"", $"\"{key}\"", StringComparison.Ordinal)
                .Replace("\"nameZh\": \"\"", "\"nameZh\": \"页面补贴\"", StringComparison.Ordinal).Replace("\"nameEn\": \"\"", "\"nameEn\": \"Page subsidy\"", StringComparison.Ordinal)
                .Replace("\"document\": \"\"", "\"document\": \"测试文件\"", StringComparison.Ordinal).Replace("\"note\": \"\"", "\"note\": \"页面测试\"", StringComparison.Ordinal),
            ["Note"] = "页面新建",
        }));
        Assert.Contains($"key={key}", good.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Contains("已发布新版本", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var list = await lishui.GetStringAsync($"/services/qualified?policy={key}");
        Assert.Contains("页面补贴", list, StringComparison.Ordinal);
        var csv = await lishui.GetAsync($"/services/qualified?handler=Csv&policy={key}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.True(await ServicesApiTests.AuditRowsAsync(app, "policyQualified", null, "export", key) >= 1);
        var recruiter = await UntranslatedTextTests.SignedInAsync(app, "recruiter", "Recruiter#2026");
        Assert.Equal("/account/denied", (await recruiter.GetAsync("/services/qualified")).RequestMessage!.RequestUri!.AbsolutePath);
    }
}
