using Microsoft.Playwright;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The challenge board and the 安心宝 escrow in headless Chromium, every page checked with axe-core: an enterprise posts a
/// confidential challenge (by keyboard), the demo talent signs the NDA and proposes, the enterprise attaches a technology
/// manager, awards and draws up the contract, an operator records the deposit, the talent submits the first milestone, the
/// enterprise accepts it and the operator records the release — the ledger then shows the deposit gone out of escrow.
/// </summary>
public sealed class ChallengePageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private static async Task SubmitAsync(IPage page, string formSelector)
    {
        await page.ClickAsync($"{formSelector} button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(0, await page.Locator(".alert").CountAsync());
    }

    [Fact]
    public async Task A_challenge_goes_from_posting_to_a_released_first_milestone()
    {
        var enterprise = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        await enterprise.GotoAsync("/challenges/new");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        // By keyboard: each field is reached with Tab from the title.
        await enterprise.FocusAsync("#title");
        foreach (var text in new[] { "废水除磷工艺改进", "电镀废水总磷偶有超标，征集稳定达标的工艺方案", "现有工艺流程和三个月的监测数据（保密）", "环保工艺", "", "除磷、水处理", "12.345", "" })
        {
            await enterprise.Keyboard.PressAsync("Control+A");
            if (text.Length > 0)
            {
                await enterprise.Keyboard.TypeAsync(text);
            }
            await enterprise.Keyboard.PressAsync("Tab");
        }
        await enterprise.FillAsync("#deadline", DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await enterprise.SelectOptionAsync("#confidentiality", "NdaRequired");
        await enterprise.FocusAsync("#ndaTerms");
        await enterprise.Keyboard.PressAsync("Tab");
        Assert.Equal("BUTTON", await enterprise.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await enterprise.Keyboard.PressAsync("Enter");
        // A budget in fractions of a fen is refused at its field; the form keeps what was typed.
        await enterprise.WaitForSelectorAsync(".alert");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        Assert.Equal(1, await enterprise.Locator("#budget-error").CountAsync());
        Assert.Equal("废水除磷工艺改进", await enterprise.InputValueAsync("#title"));
        await enterprise.FillAsync("#budget", "50000");
        await enterprise.ClickAsync("form.form button[type=submit]");
        await enterprise.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/challenges/\\d+$"));
        var challengeUrl = new Uri(enterprise.Url).AbsolutePath;
        await BrowserSession.AssertAccessibleAsync(enterprise);

        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync("/challenges?field=环保");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("text=废水除磷工艺改进");
        Assert.Equal(0, await talent.Locator("#challenge-details").CountAsync());
        await SubmitAsync(talent, $"form[action='{challengeUrl}?handler=Nda']");
        Assert.Contains("监测数据", await talent.InnerTextAsync("#challenge-details"), StringComparison.Ordinal);
        await talent.FillAsync("#approach", "化学除磷加深度过滤，先小试后产线验证");
        await talent.FillAsync("#price", "40000");
        await talent.FillAsync("#durationDays", "90");
        await SubmitAsync(talent, $"form[action='{challengeUrl}?handler=Propose']");
        await BrowserSession.AssertAccessibleAsync(talent);

        await enterprise.GotoAsync(challengeUrl);
        await enterprise.SelectOptionAsync("#managerId", new SelectOptionValue { Index = 1 });
        await enterprise.FillAsync("#commissionBasisPoints", "500");
        await enterprise.FillAsync("#termsNote", "按支付金额的5%计");
        await SubmitAsync(enterprise, $"form[action='{challengeUrl}?handler=Manager']");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        await enterprise.ClickAsync("button[name=decision][value=Award]");
        await enterprise.WaitForSelectorAsync("#contract-heading");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        await enterprise.FillAsync("[id='milestones[0].title']", "小试达标");
        await enterprise.FillAsync("[id='milestones[0].amount']", "15000");
        await enterprise.FillAsync("[id='milestones[0].dueOn']", "2027-03-31");
        await enterprise.FillAsync("[id='milestones[1].title']", "产线验证");
        await enterprise.FillAsync("[id='milestones[1].amount']", "25000");
        await enterprise.FillAsync("[id='milestones[1].dueOn']", "2027-06-30");
        await enterprise.ClickAsync($"form[action='{challengeUrl}?handler=Contract'] button[type=submit]");
        await enterprise.WaitForURLAsync(url => url.Contains("/challenges/contracts/", StringComparison.Ordinal));
        var contractUrl = new Uri(enterprise.Url).AbsolutePath;
        await BrowserSession.AssertAccessibleAsync(enterprise);
        Assert.Contains("4,000.00", await enterprise.InnerTextAsync("dl.details"), StringComparison.Ordinal);

        var operatorPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await operatorPage.GotoAsync(contractUrl);
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.FillAsync("#reference", "BANK-2026-0001");
        await SubmitAsync(operatorPage, $"form[action='{contractUrl}?handler=Confirm']");
        Assert.Equal("4,000.00", await operatorPage.InnerTextAsync("td[data-account=Escrow]"));

        await talent.GotoAsync(contractUrl);
        await talent.FillAsync("#m0-Submit-note", "小试报告已上传");
        await SubmitAsync(talent, $"form[action='{contractUrl}?handler=Milestone&position=0']");
        await BrowserSession.AssertAccessibleAsync(talent);

        await enterprise.GotoAsync(contractUrl);
        await SubmitAsync(enterprise, $"form[action='{contractUrl}?handler=Milestone&position=0']");

        await operatorPage.GotoAsync(contractUrl);
        await operatorPage.FillAsync("#m0-Settle-reference", "BANK-2026-0002");
        await SubmitAsync(operatorPage, $"form[action='{contractUrl}?handler=Confirm&position=0']");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        Assert.Equal("0.00", await operatorPage.InnerTextAsync("td[data-account=Escrow]"));
        Assert.Equal("14,250.00", await operatorPage.InnerTextAsync("td[data-account=Solver]"));
        Assert.Equal("750.00", await operatorPage.InnerTextAsync("td[data-account=Fees]"));
        Assert.Contains("已结算", await operatorPage.InnerTextAsync("#milestone-0 + p .milestone-state"), StringComparison.Ordinal);
        Assert.Equal(6, await operatorPage.Locator("section[aria-labelledby=ledger-heading] tbody tr").CountAsync());

        await operatorPage.GotoAsync("/technology-managers");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
    }
}
