namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// A shortage catalogue in headless Chromium, in Chinese, with axe-core on every page: the city's operator opens the
/// shortage page for a year of facts, creates a draft, edits a row (a missing reason is refused at its field), and
/// publishes with the confirmation; signed out, the public URL shows version 1 with its rows, its citable address and
/// the print stylesheet; the list of publications links to it.
/// </summary>
public sealed class PublicationPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_operator_publishes_a_catalogue_and_the_public_sees_version_1()
    {
        await ShortageCatalogueTests.ExampleAsync(_session.App, 2016);
        await WagePriceTests.TableAsync(_session.App, 2016);
        var operatorPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await operatorPage.GotoAsync("/analytics/wages?period=2016-Q1");
        await operatorPage.WaitForSelectorAsync("ol.footnotes");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.GotoAsync("/analytics/shortage?period=2016");
        await operatorPage.WaitForSelectorAsync("table.publication");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        Assert.Contains("计算机软件工程技术人员", await operatorPage.InnerTextAsync("table.publication"), StringComparison.Ordinal);

        await operatorPage.ClickAsync("form[action*='handler=Draft'] button[type=submit]");
        await operatorPage.WaitForURLAsync(url => url.Contains("/analytics/drafts/", StringComparison.Ordinal));
        await operatorPage.WaitForSelectorAsync("#publish-heading");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        var draftPath = new Uri(operatorPage.Url).AbsolutePath;

        await operatorPage.ClickAsync("table.publication tr:has-text('2-02-10-03') a:has-text('修改')");
        await operatorPage.WaitForSelectorAsync("#edit-heading");
        await operatorPage.FillAsync("#note", "重点引进");
        await operatorPage.EvalOnSelectorAsync("#reason", "e => e.removeAttribute('required')");
        await operatorPage.ClickAsync("#edit form button[type=submit]");
        await operatorPage.WaitForSelectorAsync("#reason-error");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        await operatorPage.FillAsync("#reason", "产业规划重点");
        await operatorPage.ClickAsync("#edit form button[type=submit]");
        await operatorPage.WaitForURLAsync(url => url.Contains("done=edit", StringComparison.Ordinal));
        Assert.Contains("产业规划重点", await operatorPage.InnerTextAsync("ol.history"), StringComparison.Ordinal);

        await operatorPage.ClickAsync("#publish");
        await operatorPage.WaitForSelectorAsync("#confirm-error");
        Assert.Equal(draftPath, new Uri(operatorPage.Url).AbsolutePath);
        await operatorPage.CheckAsync("#confirm");
        await operatorPage.ClickAsync("#publish");
        await operatorPage.WaitForURLAsync(url => url.EndsWith("/catalogues/shortage/3311/2016/v1", StringComparison.Ordinal));

        var visitor = await _session.NewPageAsync();
        await visitor.GotoAsync("/catalogues/shortage/3311/2016/v1");
        await visitor.WaitForSelectorAsync("table.publication");
        await BrowserSession.AssertAccessibleAsync(visitor);
        Assert.Contains("第 1 版", await visitor.InnerTextAsync("#version"), StringComparison.Ordinal);
        var rows = await visitor.InnerTextAsync("table.publication");
        Assert.Contains("计算机软件工程技术人员", rows, StringComparison.Ordinal);
        Assert.Contains("重点引进", rows, StringComparison.Ordinal);
        Assert.Equal(1, await visitor.Locator("link[rel=stylesheet][media=print][href*='catalogue-print.css']").CountAsync());
        Assert.Equal(1, await visitor.Locator("a[href='/catalogues/method#shortage']").CountAsync());
        await visitor.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await visitor.IsVisibleAsync("header.top"));
        Assert.True(await visitor.IsVisibleAsync("table.publication"));

        await visitor.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });
        await visitor.GotoAsync("/catalogues/shortage/3311/2016");
        Assert.Contains("第 1 版", await visitor.InnerTextAsync("p.notice"), StringComparison.Ordinal);
        await visitor.GotoAsync("/catalogues");
        await visitor.WaitForSelectorAsync("a[href='/catalogues/shortage/3311/2016/v1']");
        await BrowserSession.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync("/catalogues/method");
        await BrowserSession.AssertAccessibleAsync(visitor);
    }
}
