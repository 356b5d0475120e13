using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The shared pool's orders in headless Chromium, in Chinese, with axe-core on every page: an enterprise places an order
/// with the form (a wrong budget is refused at its field first), the county's operator opens it and proposes the best
/// candidate, the expert accepts on /me/proposals, and the engagement page shows its conversation; the list and the
/// dashboard are accessible too. An order nobody answered for 20 days is escalated by the app's own job runner, and
/// the city's operator finds it marked in the overdue list and proposes from there.
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

    [Fact]
    public async Task An_order_nobody_answers_is_escalated_and_the_city_operator_proposes_from_the_overdue_list()
    {
        var app = _session.App;
        var db = app.Service<Database>();
        var reference = app.Service<ReferenceData>();
        long enterpriseId;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.ExecuteScalarAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 1");
        }
        // Placed 20 days ago: the 24-hour warning and the 48-hour escalation are long due when the app's runner looks.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-20));
        var orders = new DemandOrders(db, reference, new SharedPools(db, reference, past), app.Service<ExpertMatcher>(), past);
        var placed = await orders.PlaceAsync(new Caller(null, Role.EnterpriseAdmin, enterpriseId, null, null), enterpriseId, new DemandOrderDraft
        {
            Title = "页面测试无人应答", Problem = "注塑件翘曲变形，希望专家分析模具与工艺参数。", Field = "注塑工艺",
            ServiceMode = ServiceModes.Consulting, DurationDays = 14, BudgetMin = 3000, BudgetMax = 8000, Place = "青田县",
        }, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, placed.Status);
        var orderPath = $"/shared/orders/{placed.Value!.Id}";

        var city = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        for (var attempt = 0; ; attempt++)
        {
            await city.GotoAsync(orderPath);
            await city.WaitForSelectorAsync("#clock-heading");
            if (await city.IsVisibleAsync("p.state .tag.urgent"))
            {
                break;
            }
            Assert.True(attempt < 60, "the job runner did not escalate the order within a minute");
            await Task.Delay(1000);
        }
        Assert.True(await city.IsVisibleAsync("section.clock-panel.clock-over"));
        await BrowserSession.AssertAccessibleAsync(city);

        await city.GotoAsync("/shared/orders?overdue=true&sort=dueAt");
        var row = city.Locator($"table.data tr:has(a[href='{orderPath}'])");
        await row.WaitForAsync();
        Assert.Contains("已升级", await row.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(city);
        await row.Locator($"a[href='{orderPath}']").ClickAsync();
        await city.WaitForSelectorAsync("#candidates-heading");
        await city.ClickAsync("ol.candidates li:first-child form.propose button[type=submit]");
        await city.WaitForURLAsync(url => url.Contains("done=propose", StringComparison.Ordinal));
        Assert.Contains("已推荐", await city.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(city);
    }
}
