using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// A talent sees a training recommendation in headless Chromium (issue 16): the programme teaching their heaviest gap is
/// listed with the positions it would raise, enrolment works by keyboard, an operator records the completion; axe-core
/// on every page, Chinese and English.
/// </summary>
public sealed class TrainingPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_talent_sees_a_recommendation_with_the_positions_it_opens_enrols_by_keyboard_and_the_operator_completes_it()
    {
        // A programme for the demo talent's heaviest gap, added as an administrator would.
        var admin = new Caller(null, Role.PlatformAdmin, null, null, null);
        var talentCaller = new Caller(null, Role.Talent, null, null, 1);
        var advice = (await _session.App.Service<TrainingAdvisor>().ForTalentAsync(talentCaller, 1, CancellationToken.None)).Advice!;
        var skill = advice.Gaps[0].Skill;
        var programmes = _session.App.Service<Programmes>();
        var provider = (await programmes.CreateProviderAsync(admin, new TrainingProvider(0, "浏览器测试培训中心", "331102", null, 0), CancellationToken.None)).Value!;
        var programme = (await programmes.CreateAsync(admin, new Programme
        {
            ProviderId = provider.Id, Name = $"{skill}实战班", Skills = [skill], DurationHours = 32, CostFen = 120_000, SubsidyFen = 120_000,
            SubsidyEligibility = SubsidyEligibility.Everyone, RegionCode = "331102",
        }, CancellationToken.None)).Value!;

        var page = await _session.SignedInPageAsync("talent", "Talent#2026");
        await page.GotoAsync("/me/training");
        await BrowserSession.AssertAccessibleAsync(page);
        var card = page.Locator("li.recommendation", new() { HasText = programme.Name });
        Assert.Equal(1, await card.CountAsync());
        Assert.Contains(skill, await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await card.Locator("tbody tr").CountAsync() > 0);
        Assert.Contains("实付 0 元", await card.InnerTextAsync(), StringComparison.Ordinal);

        // Enrol with the keyboard: focus the card's button and press Enter.
        await card.Locator("button[type=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("section[aria-labelledby=enrolments-heading] tbody tr");
        Assert.Contains(programme.Name, await page.InnerTextAsync("section[aria-labelledby=enrolments-heading]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("li.recommendation", new() { HasText = programme.Name }).CountAsync());
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GotoAsync("/training?q=" + Uri.EscapeDataString(skill));
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GotoAsync("/culture?lang=en&returnUrl=%2Fme%2Ftraining");
        Assert.Contains("My training", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        var operatorPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await operatorPage.GotoAsync("/training/enrolments");
        await BrowserSession.AssertAccessibleAsync(operatorPage);
        var row = operatorPage.Locator("tbody tr", new() { HasText = programme.Name });
        await row.Locator("button[type=submit]").ClickAsync();
        await operatorPage.WaitForSelectorAsync("p.notice");
        await operatorPage.GotoAsync("/talents/1");
        Assert.Contains(skill, await operatorPage.InnerTextAsync("main"), StringComparison.Ordinal);
        await _session.App.Service<TrainingGaps>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        await operatorPage.GotoAsync("/training/demand");
        Assert.True(await operatorPage.Locator("svg.chart").CountAsync() == 1);
        await BrowserSession.AssertAccessibleAsync(operatorPage);
    }

    [Fact]
    public async Task An_operator_adds_a_programme_with_errors_shown_per_field_then_saved()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/training/programmes/edit");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#costFen", "12.345");
        await page.ClickAsync("form.form button[type=submit] >> nth=0");
        await page.WaitForSelectorAsync(".alert");
        foreach (var field in new[] { "providerId", "name", "skills", "durationHours", "costFen", "regionCode" })
        {
            Assert.Equal("true", await page.GetAttributeAsync($"#{field}", "aria-invalid") ?? (await page.Locator($"#{field}").EvaluateAsync<string>(
                "e => e.closest('.field, div').querySelector('.error') ? 'true' : 'false'")));
        }
        await BrowserSession.AssertAccessibleAsync(page);
        await page.SelectOptionAsync("#providerId", new[] { new Microsoft.Playwright.SelectOptionValue { Index = 1 } });
        await page.FillAsync("#name", "焊工取证班（测试）");
        await page.FillAsync("#skills", "焊接、识图");
        await page.FillAsync("#durationHours", "60");
        await page.FillAsync("#costFen", "2400");
        await page.FillAsync("#subsidyFen", "1440.50");
        await page.SelectOptionAsync("#subsidyEligibility", "Everyone");
        await page.FillAsync("#regionCode", "331102");
        await page.ClickAsync("form.form button[type=submit] >> nth=0");
        await page.WaitForURLAsync(url => url.Contains("/training?q=", StringComparison.Ordinal));
        Assert.Contains("1,440.5", await page.InnerTextAsync("table"), StringComparison.Ordinal);
    }
}
