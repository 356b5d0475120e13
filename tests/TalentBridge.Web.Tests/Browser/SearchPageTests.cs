using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>The keyword box of the lists and the occupation fields of the forms, in headless Chromium, keyboard only.</summary>
public sealed class SearchPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task Searching_positions_for_an_everyday_word_finds_the_occupation_by_relevance()
    {
        var page = await _session.NewPageAsync();
        await page.GotoAsync("/positions");
        Assert.Equal("", await page.InputValueAsync("#sort"));
        await page.FocusAsync("#q");
        await page.Keyboard.TypeAsync("丽水 厨师");
        var searched = page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.Keyboard.PressAsync("Enter");
        await searched;
        Assert.Equal("丽水 厨师", await page.InputValueAsync("#q"));
        var rows = await page.Locator("main a[href^='/positions/']").CountAsync();
        Assert.True(rows > 0);
        // Every result is a cook (烹调师 or 面点师 …), though no title says 厨师.
        var text = await page.InnerTextAsync("main");
        Assert.Contains("烹调", text, StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_occupation_is_typed_by_name_and_a_vague_one_is_refused_in_chinese()
    {
        var page = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await page.GotoAsync("/positions/new?enterpriseId=1");
        Assert.Equal("occupation-codes", await page.GetAttributeAsync("#occupationCode", "list"));
        Assert.True(await page.Locator("#occupation-codes option[value='4-10-01-05 养老护理员']").CountAsync() == 1);
        await page.FillAsync("#title", "养老护理员（名称测试）");
        await page.FillAsync("#salaryMin", "5000");
        await page.FillAsync("#salaryMax", "7000");
        await page.FillAsync("#occupationCode", "护理");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForSelectorAsync("#occupationCode-error");
        var error = await page.InnerTextAsync("#occupationCode-error");
        Assert.Contains("“护理”", error, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{4,}", error);
        Assert.Equal("true", await page.GetAttributeAsync("#occupationCode", "aria-invalid"));
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#occupationCode", "");
        await page.FocusAsync("#occupationCode");
        await page.Keyboard.TypeAsync("养老护理员");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => Regex.IsMatch(url, @"/positions/\d+$"));
        Assert.Contains("养老护理员", await page.InnerTextAsync("dl.details"), StringComparison.Ordinal);

        // The edit form shows it as the suggestion list would fill it in, and saves it unchanged.
        var details = page.Url;
        await page.GotoAsync(details + "/edit");
        Assert.Equal("4-10-01-05 养老护理员", await page.InputValueAsync("#occupationCode"));
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(details);
    }

    [Fact]
    public async Task A_talent_form_takes_occupations_as_code_and_name()
    {
        var page = await _session.SignedInPageAsync("qingtian.operator", "Operator#2026");
        await page.GotoAsync("/talents/new");
        await page.FillAsync("#name", "职业名称表单测试");
        await page.FillAsync("#phone", "13705781234");
        await page.FillAsync("#birthYear", "1979");
        await page.SelectOptionAsync("#residenceRegionCode", "331121");
        await page.FillAsync("#occupation1", "4-10-01-05 养老护理员");
        await page.FillAsync("#years1", "6");
        await page.FillAsync("#occupation2", "中式烹调师");
        await page.CheckAsync("#consentVersion");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => Regex.IsMatch(url, @"/talents/\d+$"));
        var details = await page.InnerTextAsync("dl.details");
        Assert.Contains("养老护理员", details, StringComparison.Ordinal);
        Assert.Contains("中式烹调师", details, StringComparison.Ordinal);
    }
}
