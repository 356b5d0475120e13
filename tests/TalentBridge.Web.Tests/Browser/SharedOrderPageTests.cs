using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The shared pool's orders in headless Chromium, in Chinese, with axe-core on every page: an enterprise places an order
/// with the form (a wrong budget is refused at its field first), the county's operator opens it and proposes the best
/// candidate, the expert accepts on /me/proposals, and the engagement page shows its conversation; the list and the
/// dashboard are accessible too.
/// </summary>
public sealed class SharedOrderPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private async Task<string> AccountAsync(string name, Role role, long? enterpriseId, long? talentId)
    {
        var app = _session.App;
        var accounts = app.Service<AccountStore>();
        if (await accounts.FindByUserNameAsync(name, CancellationToken.None) is null)
        {
            await accounts.CreateAsync(name, name, app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Secret#2026"), role, enterpriseId, null, talentId,
                DateTimeOffset.UtcNow, CancellationToken.None);
        }
        return name;
    }

    [Fact]
    public async Task An_enterprise_orders_an_operator_proposes_the_expert_accepts_and_the_engagement_has_its_conversation()
    {
        long enterpriseId;
        await using (var c = await _session.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.ExecuteScalarAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 1");
        }
        var enterprise = await _session.SignedInPageAsync(await AccountAsync("sp.page.enterprise", Role.EnterpriseAdmin, enterpriseId, null), "Secret#2026");
        await enterprise.GotoAsync("/shared/orders/new");
        await enterprise.WaitForSelectorAsync("#title");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        await enterprise.FillAsync("#title", "页面测试铸造诊断");
        await enterprise.FillAsync("#problem", "阀体铸件气孔率偏高，希望专家现场诊断铸造工艺并给出改进方案。");
        await enterprise.FillAsync("#field", "铸造工艺");
        await enterprise.CheckAsync("#serviceMode-Consulting");
        await enterprise.FillAsync("#durationDays", "30");
        await enterprise.FillAsync("#budgetMin", "20000");
        await enterprise.FillAsync("#budgetMax", "5000");
        await enterprise.ClickAsync("form.form button[type=submit]");
        await enterprise.WaitForSelectorAsync("#budgetMax-error");
        await BrowserSession.AssertAccessibleAsync(enterprise);
        await enterprise.FillAsync("#budgetMax", "30000");
        await enterprise.ClickAsync("form.form button[type=submit]");
        await enterprise.WaitForURLAsync(url => url.Contains("done=place", StringComparison.Ordinal));
        await enterprise.WaitForSelectorAsync("#clock-heading");
        Assert.Contains("待推荐", await enterprise.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(enterprise);
        var orderPath = new Uri(enterprise.Url).AbsolutePath;
        await enterprise.GotoAsync("/shared/orders");
        await enterprise.WaitForSelectorAsync($"table.data a[href='{orderPath}']");
        await BrowserSession.AssertAccessibleAsync(enterprise);

        var operatorPage = await _session.SignedInPageAsync("qingtian.operator", "Operator#2026");
        await operatorPage.GotoAsync(orderPath);
        await operatorPage.WaitForSelectorAsync("#candidates-heading");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.FillAsync("ol.candidates li:first-child input[name=note]", "请尽快联系企业");
        await operatorPage.ClickAsync("ol.candidates li:first-child form.propose button[type=submit]");
        await operatorPage.WaitForURLAsync(url => url.Contains("done=propose", StringComparison.Ordinal));
        Assert.Contains("已推荐", await operatorPage.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await operatorPage.GotoAsync("/shared/orders?overdue=true&sort=dueAt");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.GotoAsync("/shared/dashboard");
        await operatorPage.WaitForSelectorAsync("svg.chart");
        await BrowserSession.AssertAccessibleAsync(operatorPage);

        long talentId;
        await using (var c = await _session.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            talentId = await c.ExecuteScalarAsync<long>(
                "SELECT x.talent_id FROM order_proposals p JOIN shared_experts x ON x.id = p.expert_id JOIN demand_orders o ON o.id = p.order_id " +
                "WHERE o.title = '页面测试铸造诊断' ORDER BY p.id DESC LIMIT 1");
        }
        var expert = await _session.SignedInPageAsync(await AccountAsync("sp.page.expert", Role.Talent, null, talentId), "Secret#2026");
        await expert.GotoAsync("/me/proposals");
        await expert.WaitForSelectorAsync("ul.proposals");
        await BrowserSession.AssertAccessibleAsync(expert);
        await expert.ClickAsync("li.proposal:has-text('页面测试铸造诊断') form:has(input[value=accept]) button[type=submit]");
        await expert.WaitForURLAsync(url => url.Contains("done=accept", StringComparison.Ordinal));
        await expert.ClickAsync("li.proposal:has-text('页面测试铸造诊断') a.button");
        await expert.WaitForSelectorAsync("#conversation");
        await BrowserSession.AssertAccessibleAsync(expert);
        await expert.FillAsync("#body", "您好，我明天到厂查看铸件。");
        await expert.ClickAsync("form.message-form button[type=submit]");
        await expert.WaitForSelectorAsync("ol.messages li:has-text('我明天到厂查看铸件')");

        await enterprise.GotoAsync(new Uri(expert.Url).AbsolutePath);
        await enterprise.WaitForSelectorAsync("ol.messages li:has-text('我明天到厂查看铸件')");
        await BrowserSession.AssertAccessibleAsync(enterprise);
    }
}
