namespace TalentBridge.Web.Tests.Browser;

/// <summary>The 专精特新 self-assessment in headless Chromium, filled in with the keyboard only, and its answer checked with axe-core.</summary>
public sealed class ServicesPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_enterprise_fills_in_its_self_assessment_by_keyboard_and_reads_the_answer_per_tier()
    {
        var page = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        await page.GotoAsync("/enterprises/1/assessment");
        await BrowserSession.AssertAccessibleAsync(page);

        // Every figure field in the order the keyboard reaches it; the first is focused, then Tab moves on.
        var fields = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('form.assessment input[id^=\"figures.\"], form.assessment select[id^=\"figures.\"]')).map(e => e.id)");
        Assert.Contains("figures.rdSpend", fields);
        await page.FocusAsync($"[id='{fields[0]}']");
        foreach (var id in fields)
        {
            Assert.Equal(id, await page.EvaluateAsync<string>("() => document.activeElement.id"));
            var name = id["figures.".Length..];
            if (ServicesApiTests.StrongFigures.TryGetValue(name, out var value))
            {
                if (await page.EvaluateAsync<string>("() => document.activeElement.tagName") == "SELECT")
                {
                    // 未填写, 是, 否: one step down is 是.
                    await page.Keyboard.PressAsync("ArrowDown");
                }
                else
                {
                    await page.Keyboard.TypeAsync(value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            await page.Keyboard.PressAsync("Tab");
        }
        // The last Tab reached the submit button.
        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("assessment=", StringComparison.Ordinal));

        Assert.Equal(3, await page.Locator("article.tier-result").CountAsync());
        Assert.Contains("符合", await page.InnerTextAsync("#tier-innovativeSme"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#result .tag.unconfirmed").CountAsync() > 0);
        Assert.Equal("3000000", await page.InputValueAsync("[id='figures.rdSpend']"));
        Assert.Equal(1, await page.Locator("section[aria-labelledby=history-title] tbody tr").CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_policy_and_tier_pages_pass_axe_for_an_operator_and_an_enterprise()
    {
        var operatorPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        foreach (var path in new[] { "/enterprises/1", "/enterprises/1/policies", "/enterprises/1/policies?year=2025", "/services/policies",
            "/services/policies?key=absorbEmploymentSubsidy", "/services/qualified", "/services/qualified?year=2025", "/analytics/tiers",
            "/analytics/tiers?region=331121" })
        {
            await operatorPage.GotoAsync(path);
            await BrowserSession.AssertAccessibleAsync(operatorPage);
        }
        // A policy document with errors: the list by JSON path is accessible too.
        await operatorPage.GotoAsync("/services/policies");
        await operatorPage.FillAsync("#definition", "{ \"key\": \"Bad Key\" }");
        await operatorPage.FillAsync("#note", "试错");
        await operatorPage.ClickAsync("form.form button[type=submit]");
        await operatorPage.WaitForSelectorAsync(".alert");
        await BrowserSession.AssertAccessibleAsync(operatorPage);

        var enterprisePage = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        foreach (var path in new[] { "/enterprises/1", "/enterprises/1/policies" })
        {
            await enterprisePage.GotoAsync(path);
            await BrowserSession.AssertAccessibleAsync(enterprisePage);
        }
    }
}
