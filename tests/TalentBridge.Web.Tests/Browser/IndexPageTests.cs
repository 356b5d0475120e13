using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using TalentBridge.Domain.Indices;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The composite-index pages in headless Chromium (issue 15): an analyst uploads figures (a bad file first, refused by
/// row and column), computes the B.11 index from the keyboard, sees the ranking with its rank-band chart and the
/// coherence report, publishes the result and opens the published version; axe-core on every page, Chinese and English.
/// </summary>
public sealed class IndexPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    /// <summary>Six cities on every indicator of the shipped B.11 tree, each better than the next (negative indicators the other way).</summary>
    private static byte[] Figures(string? badCell = null)
    {
        var tree = IndexTree.Embedded("b11-city-talent-retention");
        var text = new StringBuilder("unit,name,kind,group,period," + string.Join(',', tree.Indicators.Select(i => i.Code)) + "\n");
        string[] cities = ["北京", "上海", "伦敦", "纽约", "东京", "巴黎"];
        for (var c = 0; c < cities.Length; c++)
        {
            var level = 90 - 15 * c;
            var values = tree.Indicators.Select((i, k) => (i.Direction == IndicatorDirection.Negative ? 100 - level : level + k % 3).ToString(CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $"c{c},{cities[c]},city,,2024,").AppendJoin(',', c == 2 && badCell is not null ? values.Skip(1).Prepend(badCell) : values).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task An_analyst_uploads_figures_computes_by_keyboard_sees_the_rank_bands_and_publishes()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/analytics/indices");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GotoAsync("/analytics/indices/run?key=b11-city-talent-retention");
        await BrowserSession.AssertAccessibleAsync(page);

        // A figure that is no number: nothing is stored, the error names the row and the column.
        var name = "浏览器测试数据 " + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#name", name);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "figures.csv", MimeType = "text/csv", Buffer = Figures("很多") });
        await page.FocusAsync("#name");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".alert >> text=rows[4].01");
        Assert.Equal(0, await page.Locator("#dataset option", new() { HasText = name }).CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#name", name);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "figures.csv", MimeType = "text/csv", Buffer = Figures() });
        await page.FocusAsync("#name");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("uploaded=", StringComparison.Ordinal));
        Assert.Contains(name, await page.InnerTextAsync("#dataset option:checked"), StringComparison.Ordinal);
        Assert.Contains("\"period\": \"2024\"", await page.InputValueAsync("#specification"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        // Compute with the keyboard: the default specification (1,000 Monte Carlo runs) over the uploaded figures.
        await page.FocusAsync("form[data-busy=run-busy] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/analytics/indices/runs/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var ranking = page.Locator("h2#ranking ~ table").First;
        var firstRow = await ranking.Locator("tbody tr").First.InnerTextAsync();
        Assert.Contains("北京", firstRow, StringComparison.Ordinal);
        Assert.Equal(6, await ranking.Locator("tbody tr").CountAsync());
        await page.WaitForSelectorAsync("#rank-bands:not([hidden]) canvas");
        Assert.True(await page.Locator("h2#coherence").IsVisibleAsync());
        Assert.Contains("克朗巴哈 α", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        // Publish by keyboard; the published version shows the same ranking.
        await page.FocusAsync("#note");
        await page.Keyboard.TypeAsync("浏览器测试发布");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/analytics/indices/published/b11-city-talent-retention/", StringComparison.Ordinal));
        Assert.Contains("发布版本", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("北京", await page.Locator("h2#ranking ~ table").First.Locator("tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        var published = page.Url;
        await page.GotoAsync("/culture?lang=en&returnUrl=" + Uri.EscapeDataString(new Uri(published).PathAndQuery));
        Assert.Contains("published version", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GotoAsync("/analytics/indices/tree?key=b12-international-talent-service");
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
