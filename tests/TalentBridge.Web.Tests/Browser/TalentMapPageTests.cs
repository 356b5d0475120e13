using Microsoft.Playwright;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// 人才地图 in headless Chromium with a month of facts inserted for the demo database: the province's map is drawn (the
/// canvas has coloured pixels), clicking 丽水市 on the map drills down to its counties, clicking 青田县 to its townships
/// (a bar chart, no outlines ship for townships), back returns to the counties; the metric switch redraws and keeps
/// the choice in the URL; the table of the same figures is there, and axe-core finds no serious violation.
/// </summary>
public sealed class TalentMapPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public async Task InitializeAsync()
    {
        await _session.InitializeAsync();
        await TalentMapFacts.DemoAsync(_session.App.Service<Database>(), _session.App.Service<ReferenceData>(), "2035-06");
    }

    public Task DisposeAsync() => _session.DisposeAsync();

    /// <summary>Pixels of the chart's canvas that are drawn and not white: a map or bar chart, not an empty box.</summary>
    private static Task<int> PaintedPixelsAsync(IPage page) => page.EvaluateAsync<int>("""
        () => {
          const canvas = document.querySelector('#talent-map canvas');
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) painted++;
          }
          return painted;
        }
        """);

    /// <summary>Where on the page a longitude and latitude are drawn on the map (inside the region there), scrolled into view.</summary>
    private static async Task<(float X, float Y)> MapPointAsync(IPage page, double longitude, double latitude)
    {
        await page.Locator("#talent-map").ScrollIntoViewIfNeededAsync();
        var point = await page.EvaluateAsync<double[]>("""
            ([lng, lat]) => {
              const box = document.getElementById('talent-map');
              const [x, y] = echarts.getInstanceByDom(box).convertToPixel({ seriesIndex: 0 }, [lng, lat]);
              const rect = box.getBoundingClientRect();
              return [rect.left + x, rect.top + y];
            }
            """, new[] { longitude, latitude });
        return ((float)point[0], (float)point[1]);
    }

    private static async Task ClickMapAtAsync(IPage page, double longitude, double latitude)
    {
        var (x, y) = await MapPointAsync(page, longitude, latitude);
        await page.Mouse.ClickAsync(x, y);
    }

    [Fact]
    public async Task The_map_draws_drills_down_from_the_province_to_a_county_and_back()
    {
        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.GotoAsync("/analytics/map");
        await page.WaitForSelectorAsync("#talent-map[data-drawn='map']");
        Assert.Contains("浙江省", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.True(await PaintedPixelsAsync(page) > 5000, "the province's map is not drawn");
        Assert.Equal(11, await page.Locator("#talent-map-table tbody tr").CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);

        // 丽水市 (its centroid) → its nine counties.
        var toCity = page.WaitForURLAsync(url => url.Contains("region=3311", StringComparison.Ordinal));
        await ClickMapAtAsync(page, 119.517, 28.198);
        await toCity;
        await page.WaitForSelectorAsync("#talent-map[data-drawn='map']");
        Assert.Contains("丽水市", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(9, await page.Locator("#talent-map-table tbody tr").CountAsync());
        Assert.True(await PaintedPixelsAsync(page) > 5000, "the city's map is not drawn");

        // The metric switch redraws at once and keeps the choice in the URL.
        await page.SelectOptionAsync("#metric", "wage");
        await page.WaitForFunctionAsync("location.search.includes('metric=wage')");
        Assert.Contains("中位数", await page.InnerTextAsync("#map-legend"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#metric", "talents");

        // 青田县 → its townships: no outlines ship for townships, so a bar chart and the table, with the reason.
        var toCounty = page.WaitForURLAsync(url => url.Contains("region=331121", StringComparison.Ordinal));
        await ClickMapAtAsync(page, 120.29, 28.14);
        await toCounty;
        await page.WaitForSelectorAsync("#talent-map[data-drawn='bars']");
        Assert.True(await PaintedPixelsAsync(page) > 2000, "the townships' bar chart is not drawn");
        Assert.Contains("鹤城街道", await page.InnerTextAsync("#talent-map-table"), StringComparison.Ordinal);
        Assert.Contains("乡镇（街道）一级没有随平台提供的地图边界", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        // Back to the counties; the breadcrumb leads up to the province.
        await page.GoBackAsync();
        await page.WaitForURLAsync(url => url.Contains("region=3311", StringComparison.Ordinal) && !url.Contains("331121", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#talent-map[data-drawn='map']");
        await page.ClickAsync("nav.trail a:has-text('浙江省')");
        await page.WaitForURLAsync(url => url.Contains("region=33", StringComparison.Ordinal) && !url.Contains("3311", StringComparison.Ordinal));
        Assert.Equal(11, await page.Locator("#talent-map-table tbody tr").CountAsync());
    }

    [Fact]
    public async Task The_map_and_its_tooltip_work_under_the_apps_content_security_policy()
    {
        // The session's pages bypass the CSP (to inject axe-core); this one runs under it, as a user's browser does.
        var signIn = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        var context = await signIn.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.App.Address.ToString(), StorageState = await signIn.Context.StorageStateAsync(),
        });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Type == "error")
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add(error);
        await page.GotoAsync("/analytics/map?metric=shortage");
        await page.WaitForSelectorAsync("#talent-map[data-drawn='map']");
        Assert.True(await PaintedPixelsAsync(page) > 5000, "the map is not drawn under the CSP");
        var (x, y) = await MapPointAsync(page, 120.29, 28.14);
        await page.Mouse.MoveAsync(x, y);
        await page.WaitForFunctionAsync("[...document.querySelectorAll('#talent-map div')].some(d => d.textContent.includes('紧缺指数') && d.textContent.includes('青田县'))");
        Assert.Empty(violations);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_outlines_page_is_accessible()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/analytics/outlines");
        Assert.Equal("地图边界", await page.InnerTextAsync("h1"));
        Assert.Equal(1, await page.Locator("table.data tbody tr").CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
