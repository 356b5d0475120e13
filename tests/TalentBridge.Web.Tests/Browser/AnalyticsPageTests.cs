using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// Supply and demand in headless Chromium, in Chinese, with axe-core: the operator of 丽水市 opens the page from the
/// navigation, sees the trend and the table, filters to 细类 in 莲都区, sorts by ratio, is told at the field when a month
/// is wrong; and terminates an agreement from its page (the reason is required first).
/// </summary>
public sealed class AnalyticsPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_operator_filters_sorts_and_drills_supply_and_demand()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/");
        await page.ClickAsync("nav a[href='/analytics/supply-demand']");
        await page.WaitForSelectorAsync("#trend-heading");
        await BrowserSession.AssertAccessibleAsync(page);
        Assert.True(await page.Locator("svg.chart rect.bar-1").CountAsync() >= 12);

        await page.SelectOptionAsync("#level", "4");
        await page.SelectOptionAsync("#region", "331102");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForSelectorAsync("#rows-heading");
        Assert.Contains("level=4", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("th a[href*='sort=ratio']");
        await page.WaitForSelectorAsync("th[aria-sort=descending] a[href*='sort=ratio']");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GotoAsync("/analytics/supply-demand?from=2026-13");
        await page.WaitForSelectorAsync("#from-error");
        Assert.Equal("true", await page.GetAttributeAsync("#from", "aria-invalid"));
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_operator_terminates_an_agreement_from_its_page()
    {
        long application;
        await using (var c = await _session.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            application = await c.ExecuteScalarAsync<long>(
                "SELECT application_id FROM agreements WHERE terminated_at IS NULL AND region_code LIKE '3311%' ORDER BY id LIMIT 1");
        }
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync($"/agreements/{application}");
        await page.WaitForSelectorAsync("#terminate-heading");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.ClickAsync("section.danger button[type=submit]");
        await page.WaitForSelectorAsync("#reason-error");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#reason", "企业经营调整，双方协商解约");
        await page.ClickAsync("section.danger button[type=submit]");
        await page.WaitForSelectorAsync("text=企业经营调整，双方协商解约");
        Assert.Equal(0, await page.Locator("#terminate-heading").CountAsync());
    }
}
