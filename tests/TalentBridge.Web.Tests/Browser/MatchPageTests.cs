using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using TalentBridge.Platform.Matching;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>推荐人才 on the position page and 推荐岗位 on the talent page, with their explanations.</summary>
public sealed class MatchPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public async Task InitializeAsync()
    {
        await _session.InitializeAsync();
        // The pages say "warming" until the index is built; these tests are about the answers.
        await _session.App.Service<MatchService>().ReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
    }

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_enterprise_admin_sees_recommended_talents_with_explanations_on_its_own_position()
    {
        var (positionId, expected) = await OwnPositionWithMatchesAsync();
        output.WriteLine($"Position {positionId} has {expected} recommendations.");
        var page = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        await page.GotoAsync($"/positions/{positionId}");

        Assert.Equal("推荐人才", await page.InnerTextAsync("section.matches h2"));
        Assert.Contains("三倍", await page.InnerTextAsync("section.matches p.hint"), StringComparison.Ordinal);
        var rows = page.Locator("section.matches ol.match-list > li.match");
        var count = await rows.CountAsync();
        Assert.InRange(count, 1, 20);
        Assert.Equal(expected, count);
        for (var i = 0; i < count; i++)
        {
            await AssertExplainedAsync(rows.Nth(i));
        }
        // Enterprise users may open public talents: the names link to the talent pages.
        Assert.Equal(count, await rows.Locator("h3 a[href^='/talents/']").CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);

        await page.ClickAsync("a.lang");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Equal("Recommended talents", await page.InnerTextAsync("section.matches h2"));
        Assert.Contains("Position's view", await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_talent_sees_recommended_positions_on_their_own_page_and_can_turn_exposure_ranking_off()
    {
        using var api = _session.App.Client(await _session.App.TokenAsync("talent", "Talent#2026"));
        using var answer = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/talents/1/matches?exposureAware=false", UriKind.Relative)));
        var blocked = answer.RootElement.GetProperty("blocked").ValueKind != JsonValueKind.Null;
        var expected = answer.RootElement.GetProperty("results").GetArrayLength();
        output.WriteLine(blocked ? "Talent 1 is blocked." : $"Talent 1 has {expected} recommendations.");

        var page = await _session.SignedInPageAsync("talent", "Talent#2026");
        await page.GotoAsync("/talents/1");
        Assert.Equal("推荐岗位", await page.InnerTextAsync("section.matches h2"));
        await BrowserSession.AssertAccessibleAsync(page);
        if (blocked)
        {
            Assert.Contains("档案未公开或处于非活跃状态，暂无推荐", await page.InnerTextAsync("section.matches"), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("li.match").CountAsync());
            return;
        }

        Assert.Contains("曝光加权", await page.InnerTextAsync("section.matches p.exposure"), StringComparison.Ordinal);
        var rows = page.Locator("section.matches ol.match-list > li.match");
        Assert.Equal(expected, await rows.CountAsync());
        for (var i = 0; i < expected; i++)
        {
            await AssertExplainedAsync(rows.Nth(i));
            Assert.Equal(1, await rows.Nth(i).Locator("h3 a[href^='/positions/']").CountAsync());
        }
        foreach (var bonus in await rows.Locator(".score .bonus").AllInnerTextsAsync())
        {
            Assert.Matches(@"^曝光调整 [+-]\d+\.\d$", bonus);
        }

        await page.ClickAsync("section.matches p.exposure a");
        // Wait for the new page's content rather than the navigation event, which a loaded machine can miss.
        await page.WaitForSelectorAsync("section.matches p.exposure:has-text('原始排序')");
        Assert.Contains("exposure=off", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".score .bonus").CountAsync());
        Assert.Equal(expected, await rows.CountAsync());
        // Without the bonus the list is in score order.
        var scores = new List<double>();
        for (var i = 0; i < expected; i++)
        {
            scores.Add(await ScoreAsync(rows.Nth(i)));
        }
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_talent_and_an_anonymous_visitor_do_not_see_recommended_talents_on_a_position()
    {
        var (positionId, _) = await OwnPositionWithMatchesAsync();
        var page = await _session.SignedInPageAsync("talent", "Talent#2026");
        await page.GotoAsync($"/positions/{positionId}");
        Assert.Equal(0, await page.Locator("section.matches").CountAsync());
        Assert.DoesNotContain("推荐人才", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        var anonymous = await _session.NewPageAsync();
        await anonymous.GotoAsync($"/positions/{positionId}");
        Assert.Equal(0, await anonymous.Locator("section.matches").CountAsync());
        await BrowserSession.AssertAccessibleAsync(anonymous);
    }

    [Fact]
    public async Task Operators_see_recommended_talents_only_for_positions_in_their_region()
    {
        var (positionId, expected) = await OwnPositionWithMatchesAsync();
        using var api = _session.App.Client(await _session.App.TokenAsync("admin", "Admin#2026"));
        var position = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/positions/{positionId}", UriKind.Relative));
        var inQingtian = position.GetProperty("regionCode").GetString()!.StartsWith("331121", StringComparison.Ordinal);

        var lishui = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await lishui.GotoAsync($"/positions/{positionId}");
        Assert.Equal(expected, await lishui.Locator("section.matches li.match").CountAsync());
        await BrowserSession.AssertAccessibleAsync(lishui);

        var qingtian = await _session.SignedInPageAsync("qingtian.operator", "Operator#2026");
        await qingtian.GotoAsync($"/positions/{positionId}");
        Assert.Equal(inQingtian ? 1 : 0, await qingtian.Locator("section.matches").CountAsync());
        await BrowserSession.AssertAccessibleAsync(qingtian);
    }

    /// <summary>An open position of enterprise 1 that has recommendations, and how many (from the API).</summary>
    private async Task<(long Id, int Count)> OwnPositionWithMatchesAsync()
    {
        using var api = _session.App.Client(await _session.App.TokenAsync("enterprise.admin", "Enterprise#2026"));
        var list = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/positions?enterpriseId=1&status=Open&pageSize=100", UriKind.Relative));
        foreach (var position in list.GetProperty("items").EnumerateArray())
        {
            var id = position.GetProperty("id").GetInt64();
            var matches = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/positions/{id}/matches", UriKind.Relative));
            var count = matches.GetProperty("results").GetArrayLength();
            if (matches.GetProperty("blocked").ValueKind == JsonValueKind.Null && count > 0)
            {
                return (id, count);
            }
        }
        throw new InvalidOperationException("Enterprise 1 has no open position with recommendations in the demo data.");
    }

    /// <summary>A result shows a score and a bar whose segments add up to it, with a legend and both views.</summary>
    private static async Task AssertExplainedAsync(ILocator row)
    {
        var score = await ScoreAsync(row);
        Assert.InRange(score, 0.1, 100);
        var bar = row.Locator("svg.stacked");
        Assert.Equal(1, await bar.CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await bar.GetAttributeAsync("aria-label")));
        var widths = await bar.Locator("rect.seg").EvaluateAllAsync<double[]>("rects => rects.map(r => parseFloat(r.getAttribute('width')))");
        Assert.NotEmpty(widths);
        Assert.Equal(score, widths.Sum(), 0.051);
        Assert.Equal(widths.Length, await row.Locator("ul.legend li").CountAsync());
        Assert.Equal(2, await row.Locator("p.views strong").CountAsync());
        Assert.True(await row.Locator("div.conditions li").CountAsync() > 0);
    }

    private static async Task<double> ScoreAsync(ILocator row) =>
        double.Parse(await row.Locator(".score strong").InnerTextAsync(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
