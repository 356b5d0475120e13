using Microsoft.Playwright;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The shared pool in headless Chromium, in Chinese, each page checked with axe-core: a talent applies with evidence
/// via the form (js/evidence.js shows the fields of the row's kind), the city's operator sees the rule-by-rule
/// pre-score in the queue and on the expert's page and admits, the expert then appears in /shared; the admin page
/// publishes a standard version.
/// </summary>
public sealed class SharedPoolPageTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_talent_applies_with_evidence_and_the_operator_admits_after_reading_the_pre_score()
    {
        var experts = _session.App.Service<Experts>();
        var admin = new Caller(null, Role.PlatformAdmin, null, null, null);
        foreach (var mine in await experts.ForTalentAsync(1, CancellationToken.None))
        {
            foreach (var open in (await experts.ApplicationsAsync(mine.Id, CancellationToken.None)).Where(a => a.Admitted is null))
            {
                await experts.DecideAsync(admin, open.Id, false, "测试前清理", CancellationToken.None);
            }
        }

        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync("/me/expert");
        await talent.WaitForSelectorAsync("form.sp-apply");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.SelectOptionAsync("#poolRegion", "331121");
        await talent.CheckAsync("#modes-Consulting");
        await talent.FillAsync("#summary", "阀门铸造工艺诊断与改进");
        await talent.SelectOptionAsync("[id='Evidence[0].Kind']", "ProfessionalTitle");
        await talent.WaitForSelectorAsync("[id='Evidence[0].TitleLevel']", new() { State = WaitForSelectorState.Visible });
        Assert.False(await talent.IsVisibleAsync("[id='Evidence[0].Placing']"));
        await talent.SelectOptionAsync("[id='Evidence[0].TitleLevel']", "Senior");
        await talent.FillAsync("[id='Evidence[0].Year']", "2018");
        await talent.SetInputFilesAsync("[id='Evidence[0].File']", new FilePayload { Name = "title.png", MimeType = "image/png", Buffer = Png });
        await talent.ClickAsync(".sp-add-row");
        await talent.WaitForSelectorAsync("[id='Evidence[5].Kind']");
        await talent.SelectOptionAsync("[id='Evidence[5].Kind']", "Experience");
        await talent.FillAsync("[id='Evidence[5].Years']", "22");
        await BrowserSession.AssertAccessibleAsync(talent);
        var sent = talent.WaitForURLAsync(url => url.Contains("sent=true", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await talent.ClickAsync("form.sp-apply button[type=submit]");
        await sent;
        await BrowserSession.AssertAccessibleAsync(talent);
        var expert = (await experts.ForTalentAsync(1, CancellationToken.None))[0];

        var operatorPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await operatorPage.GotoAsync("/shared/admissions");
        await operatorPage.WaitForSelectorAsync($"a[href^='/shared/experts/{expert.Id}#application-']");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.ClickAsync($"a[href^='/shared/experts/{expert.Id}#application-']");
        await operatorPage.WaitForSelectorAsync("form.sp-decide");
        Assert.Contains("职称不低于", await operatorPage.InnerTextAsync(".sp-assessment"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.CheckAsync("form.sp-decide input[value=admit]");
        await operatorPage.FillAsync("#reason", "正高级职称，经验丰富");
        var decided = operatorPage.WaitForURLAsync(url => url.Contains("#applications", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await operatorPage.ClickAsync("form.sp-decide button[type=submit]");
        await decided;
        Assert.Contains("已准入", await operatorPage.InnerTextAsync("#applications"), StringComparison.Ordinal);

        var enterprise = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        await enterprise.GotoAsync("/shared?region=331121&q=" + Uri.EscapeDataString(expert.Name));
        await enterprise.WaitForSelectorAsync($"a[href='/shared/experts/{expert.Id}']");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        await enterprise.GotoAsync("/shared");
        await enterprise.WaitForSelectorAsync("ul.sp-cards li");
        await BrowserSession.AssertAccessibleAsync(enterprise);
    }

    [Fact]
    public async Task The_admin_page_publishes_a_standard_version()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/shared/admin");
        await page.WaitForSelectorAsync("#definition");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#note", "浏览器发布的新版本");
        var published = page.WaitForURLAsync(url => url.Contains("done=standard", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.ClickAsync("form:has(#definition) button[type=submit]");
        await published;
        Assert.Contains("浏览器发布的新版本", await page.InnerTextAsync("section:has(#standards-title)"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
