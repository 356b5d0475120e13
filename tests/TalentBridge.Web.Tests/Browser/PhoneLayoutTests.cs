using Microsoft.Playwright;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>Pages at 390×844 (a phone): no horizontal scroll, lists as cards, folded filters, legible charts.</summary>
public sealed class PhoneLayoutTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private static async Task AssertFitsAsync(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"horizontal scroll on {page.Url}");
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Lists_become_cards_with_the_first_one_on_the_first_screen()
    {
        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.SetViewportSizeAsync(390, 844);
        foreach (var list in new[] { "/positions", "/talents", "/enterprises" })
        {
            await page.GotoAsync(list);
            await AssertFitsAsync(page);
            Assert.False(await page.IsVisibleAsync("#region"), "filters folded");
            var first = await page.Locator("table.data tbody tr").First.BoundingBoxAsync();
            Assert.True(first!.Y + 40 < 844, $"first item at {first.Y} on {list}");
            var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
            Assert.True(height < 5000, $"{list} is {height} px high");
        }
        await page.GotoAsync("/positions?region=331121");
        Assert.True(await page.IsVisibleAsync("#region"), "a set filter shows the form");
    }

    [Fact]
    public async Task Chart_labels_stay_legible_and_the_urgent_badge_stays_small()
    {
        var page = await _session.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/");
        await AssertFitsAsync(page);
        var smallest = await page.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('svg.chart text')].map(t =>
                parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a))
            """);
        Assert.True(smallest >= 12, $"chart text {smallest} px");
        var badges = page.Locator(".cards .tag.urgent");
        if (await badges.CountAsync() > 0)
        {
            var badge = await badges.First.BoundingBoxAsync();
            Assert.True(badge!.Width < 100, $"badge {badge.Width} px wide");
        }
    }

    [Fact]
    public async Task The_talent_reaches_their_own_record_and_sees_no_links_they_cannot_use()
    {
        var page = await _session.SignedInPageAsync("talent", "Talent#2026");
        await page.SetViewportSizeAsync(390, 844);
        await page.ClickAsync("header nav a[href='/talents/1']");
        await page.WaitForURLAsync(url => url.EndsWith("/talents/1", StringComparison.Ordinal));
        await AssertFitsAsync(page);
        Assert.Equal(0, await page.Locator("main a[href='/talents']").CountAsync());
        Assert.DoesNotContain("¥¥", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.GotoAsync("/talents/1/edit");
        await AssertFitsAsync(page);
        Assert.Equal(0, await page.Locator("select[multiple]").CountAsync());
        Assert.DoesNotContain("Ctrl", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await page.Locator("fieldset#workRegionCodes input[type=checkbox]").CountAsync() > 9);
    }
}
