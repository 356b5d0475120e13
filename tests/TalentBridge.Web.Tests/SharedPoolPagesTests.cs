using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The shared pool's pages as forms over HTTP on both engines (the browser test drives the same in Chromium): a talent
/// applies with evidence rows and a file, the city's operator sees the rule-by-rule pre-score in the queue and on the
/// expert's page and admits, the expert appears in /shared; the admin page publishes a standard version and shows a
/// JSON error by path.
/// </summary>
public sealed partial class SharedPoolPagesTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_applies_by_the_form_and_the_operator_admits_from_the_expert_page(string engine)
    {
        var app = await apps.For(engine);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var experts = app.Service<Experts>();
        foreach (var mine in await experts.ForTalentAsync(1, CancellationToken.None))
        {
            foreach (var open in (await experts.ApplicationsAsync(mine.Id, CancellationToken.None)).Where(a => a.Admitted is null))
            {
                await experts.DecideAsync(new Platform.Accounts.Caller(null, Platform.Accounts.Role.PlatformAdmin, null, null, null), open.Id, false, "测试前清理",
                    CancellationToken.None);
            }
        }
        var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        var page = await talent.GetStringAsync("/me/expert");
        Assert.Contains("Evidence[4].Kind", page, StringComparison.Ordinal);
        var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("331121"), "PoolRegion" },
            { new StringContent("Consulting"), "Modes" },
            { new StringContent("阀门铸造工艺诊断"), "Summary" },
            { new StringContent("ProfessionalTitle"), "Evidence[0].Kind" },
            { new StringContent("Senior"), "Evidence[0].TitleLevel" },
            { new StringContent("正高级工程师"), "Evidence[0].Title" },
            { new StringContent("2018"), "Evidence[0].Year" },
            // A field of another kind in the same row is left out (the form shows every field without script).
            { new StringContent("3"), "Evidence[0].Placing" },
            { new StringContent(""), "Evidence[1].Kind" },
            { new StringContent("Experience"), "Evidence[2].Kind" },
            { new StringContent("abc"), "Evidence[2].Years" },
        };
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "Evidence[0].File", "title.png");
        var invalid = await talent.PostAsync("/me/expert", form);
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.True(invalidPage.Contains("Evidence[2].Years-error", StringComparison.Ordinal), invalid.StatusCode + " " + invalid.RequestMessage!.RequestUri + " " + Regex.Match(invalidPage, "<main.{0,1500}", RegexOptions.Singleline).Value);

        page = invalidPage;
        form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("331121"), "PoolRegion" },
            { new StringContent("Consulting"), "Modes" },
            { new StringContent("阀门铸造工艺诊断"), "Summary" },
            { new StringContent("ProfessionalTitle"), "Evidence[0].Kind" },
            { new StringContent("Senior"), "Evidence[0].TitleLevel" },
            { new StringContent("2018"), "Evidence[0].Year" },
            { new StringContent("3"), "Evidence[0].Placing" },
            { new StringContent(""), "Evidence[1].Kind" },
            { new StringContent("Experience"), "Evidence[2].Kind" },
            { new StringContent("22"), "Evidence[2].Years" },
        };
        file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "Evidence[0].File", "title.png");
        var sent = await talent.PostAsync("/me/expert", form);
        Assert.True(sent.RequestMessage!.RequestUri!.Query.Contains("sent=true", StringComparison.Ordinal), await sent.Content.ReadAsStringAsync());
        Assert.Contains("等待审核", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var queue = await lishui.GetStringAsync("/shared/admissions");
        var link = Regex.Match(queue, "href=\"/shared/experts/(\\d+)#application-(\\d+)\"[^>]*>([^<]+)</a>");
        var mineNow = (await experts.ForTalentAsync(1, CancellationToken.None))[0];
        Assert.Contains($"/shared/experts/{mineNow.Id}#application-", queue, StringComparison.Ordinal);
        Assert.True(link.Success);
        var expertPage = await lishui.GetStringAsync($"/shared/experts/{mineNow.Id}");
        Assert.Contains("职称不低于", expertPage, StringComparison.Ordinal);
        Assert.Contains("/api/v1/shared/files/", expertPage, StringComparison.Ordinal);
        var pending = (await experts.ApplicationsAsync(mineNow.Id, CancellationToken.None))[0];
        var decided = await lishui.PostAsync($"/shared/experts/{mineNow.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(expertPage).Groups[1].Value, ["ApplicationId"] = pending.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Decision"] = "admit", ["Reason"] = "正高级职称",
        }));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.True((await experts.ApplicationsAsync(mineNow.Id, CancellationToken.None))[0].Admitted);

        var enterprise = await UntranslatedTextTests.SignedInAsync(app, "enterprise.admin", "Enterprise#2026");
        var index = await enterprise.GetStringAsync("/shared?q=" + Uri.EscapeDataString(mineNow.Name) + "&region=331121");
        Assert.Contains($"/shared/experts/{mineNow.Id}", index, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_admin_page_publishes_a_standard_version_and_names_a_json_error_by_path(string engine)
    {
        var app = await apps.For(engine);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var page = await lishui.GetStringAsync("/shared/admin");
        var definition = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "<textarea id=\"definition\"[^>]*>([^<]*)</textarea>").Groups[1].Value);
        Assert.Contains("\"dimensions\"", definition, StringComparison.Ordinal);
        var bad = await lishui.PostAsync("/shared/admin?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["Definition"] = definition.Replace("\"threshold\"", "\"thresholdd\"", StringComparison.Ordinal),
            ["Note"] = "错误示例",
        }));
        Assert.Contains("thresholdd", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var good = await lishui.PostAsync("/shared/admin?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["Definition"] = definition, ["Note"] = "页面发布的新版本",
        }));
        var after = await good.Content.ReadAsStringAsync();
        Assert.Contains("页面发布的新版本", after, StringComparison.Ordinal);
        var county = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        var readOnly = await county.GetStringAsync("/shared/admin");
        Assert.DoesNotContain("<textarea id=\"definition\"", readOnly, StringComparison.Ordinal);
    }
}
