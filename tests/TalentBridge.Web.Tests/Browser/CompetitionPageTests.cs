using Dapper;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// A judge scores in headless Chromium (issue 16, item 4): the organiser changes the track by keyboard before entry opens,
/// the sheet is filled and saved by keyboard, a judge of the entrant's enterprise sees that they stand aside and why, a
/// judge who scored is removed with a reason, the published results show ranks and awards and the entrant's inbox leads
/// to them; axe-core on every page, Chinese and English.
/// </summary>
public sealed class CompetitionPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_judge_scores_by_keyboard_another_stands_aside_and_the_results_show_the_awards()
    {
        var ct = CancellationToken.None;
        var organiser = new Caller(null, Role.PlatformAdmin, null, null, null);
        var competitions = _session.App.Service<Platform.Competitions.Competitions>();
        var judging = _session.App.Service<CompetitionJudging>();
        var competition = (await competitions.CreateAsync(organiser, new Competition
        {
            Name = "浏览器测试技能赛", Organiser = "丽水市人社局", RegionCode = "3311", Level = RecognitionLevel.City,
            EntryFrom = new DateOnly(2026, 3, 1), EntryUntil = new DateOnly(2026, 4, 1), FinalOn = new DateOnly(2026, 5, 1),
        }, ct)).Value!;
        var track = (await competitions.AddTrackAsync(organiser, competition.Id, new Track
        {
            Name = "电工", Criteria = [new("安全规范", 40), new("接线工艺", 60)], Gold = 1, Silver = 1, Bronze = 1,
        }, ct)).Value!;
        foreach (var judge in new[] { "lishui.operator", "qingtian.operator", "recruiter", "admin" })
        {
            Assert.NotNull((await judging.AssignAsync(organiser, competition.Id, track.Id, judge, null, ct)).Value);
        }

        // The organiser changes the track by keyboard while the competition is a draft: criteria not adding up to 100 are refused at the field.
        var organiserPage = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await organiserPage.GotoAsync($"/competitions/{competition.Id}/manage");
        await organiserPage.ClickAsync($"a[href='/competitions/{competition.Id}/tracks/{track.Id}']");
        await organiserPage.WaitForSelectorAsync("#criteria");
        await BrowserSession.AssertAccessibleAsync(organiserPage);
        await organiserPage.FocusAsync("#name");
        await organiserPage.Keyboard.PressAsync("Control+A");
        await organiserPage.Keyboard.TypeAsync("低压电工");
        await organiserPage.FillAsync("#criteria", "");
        await organiserPage.FocusAsync("#criteria");
        await organiserPage.Keyboard.TypeAsync("安全规范 40");
        await organiserPage.Keyboard.PressAsync("Enter");
        await organiserPage.Keyboard.TypeAsync("接线工艺 50");
        await organiserPage.FocusAsync("form:has(#criteria) button[type=submit]");
        await organiserPage.Keyboard.PressAsync("Enter");
        await organiserPage.WaitForSelectorAsync("#criteria-error");
        Assert.Contains("100", await organiserPage.InnerTextAsync("#criteria-error"), StringComparison.Ordinal);
        Assert.Equal("低压电工", await organiserPage.InputValueAsync("#name"));
        await BrowserSession.AssertAccessibleAsync(organiserPage);
        await organiserPage.FillAsync("#criteria", "安全规范 40\n接线工艺 60");
        await organiserPage.FocusAsync("form:has(#criteria) button[type=submit]");
        await organiserPage.Keyboard.PressAsync("Enter");
        await organiserPage.WaitForURLAsync(url => url.Contains("/manage", StringComparison.Ordinal));
        Assert.Equal("低压电工", await organiserPage.InnerTextAsync($"#board-{track.Id}"));
        await competitions.StepAsync(organiser, competition.Id, null, CompetitionAction.OpenEntry, ct);
        string uscc;
        List<long> others;
        await using (var c = await _session.App.Service<Database>().OpenAsync(ct))
        {
            uscc = await c.QuerySingleAsync<string>("SELECT uscc FROM enterprises WHERE id = 1");
            others = [.. await c.QueryAsync<long>("SELECT id FROM talents WHERE id > 1 ORDER BY id LIMIT 2")];
        }
        var entries = _session.App.Service<CompetitionEntries>();
        var mine = (await entries.EnterAsync(new Caller(null, Role.Talent, null, null, 1), competition.Id,
            new EntryForm { TrackId = track.Id, Title = "配电柜安装" }, uscc, ct)).Value!;
        var second = (await entries.EnterAsync(new Caller(null, Role.Talent, null, null, others[0]), competition.Id,
            new EntryForm { TrackId = track.Id, Title = "照明线路敷设" }, null, ct)).Value!;
        var third = (await entries.EnterAsync(new Caller(null, Role.Talent, null, null, others[1]), competition.Id,
            new EntryForm { TrackId = track.Id, Title = "电机控制回路" }, null, ct)).Value!;
        await competitions.StepAsync(organiser, competition.Id, null, CompetitionAction.CloseEntry, ct);

        // 丽水's operator scores the first entry with the keyboard only.
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync($"/competitions/{competition.Id}/judge");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FocusAsync($"#points-{mine.Id}-0");
        await page.Keyboard.TypeAsync("36.5");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("70");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync($"article[aria-labelledby=entry-{mine.Id}] .alert");
        // 70 is above the criterion's 60: the sheet is refused naming the criterion, and the typed values stay.
        Assert.Contains("接线工艺", await page.InnerTextAsync($"article[aria-labelledby=entry-{mine.Id}] .alert"), StringComparison.Ordinal);
        Assert.Equal("70", await page.InputValueAsync($"#points-{mine.Id}-1"));
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync($"#points-{mine.Id}-1", "");
        await page.FocusAsync($"#points-{mine.Id}-1");
        await page.Keyboard.TypeAsync("52");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync($"article[aria-labelledby=entry-{mine.Id}] >> text=您的评分：88.50");

        // The recruiter works for the entrant's enterprise: no sheet, the reason instead.
        var recruiter = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await recruiter.GotoAsync($"/competitions/{competition.Id}/judge");
        var aside = recruiter.Locator($"article[aria-labelledby=entry-{mine.Id}]");
        Assert.Contains("同单位回避", await aside.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await aside.Locator("input[name=points]").CountAsync());
        Assert.Equal(2, await recruiter.Locator("input[name=points]").CountAsync() / 2);
        await BrowserSession.AssertAccessibleAsync(recruiter);

        // The other sheets, then the organiser publishes: entries with three sheets tie for gold, the first (two sheets) has no result.
        var judges = (await judging.BoardAsync(organiser, competition.Id, ct))!.Judges.ToDictionary(j => j.UserName, j => j.AccountId);
        foreach (var (judge, entry, points) in new (string, long, decimal[])[]
        {
            ("qingtian.operator", mine.Id, [38, 50]),
            ("lishui.operator", second.Id, [30, 50]), ("qingtian.operator", second.Id, [30, 50]), ("recruiter", second.Id, [30, 50]),
            ("lishui.operator", third.Id, [30, 50]), ("qingtian.operator", third.Id, [30, 50]), ("recruiter", third.Id, [30, 50]),
            ("admin", second.Id, [40, 60]),
        })
        {
            Assert.NotNull((await judging.ScoreAsync(new Caller(judges[judge], null, null, null, null), competition.Id, entry, points, ct)).Value);
        }

        // The administrator's sheet is discarded with them: removing a judge who has scored needs a reason; the track can no longer change.
        await organiserPage.GotoAsync($"/competitions/{competition.Id}/manage");
        Assert.Equal(0, await organiserPage.Locator($"a[href='/competitions/{competition.Id}/tracks/{track.Id}']").CountAsync());
        var admin = (await judging.BoardAsync(organiser, competition.Id, ct))!.Judges.Single(j => j.UserName == "admin");
        await organiserPage.SelectOptionAsync("#removeJudgeId", admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await organiserPage.FocusAsync("form:has(#removeJudgeId) button[type=submit]");
        await organiserPage.Keyboard.PressAsync("Enter");
        await organiserPage.WaitForSelectorAsync("#reason-error");
        await BrowserSession.AssertAccessibleAsync(organiserPage);
        await organiserPage.FocusAsync("#reason");
        await organiserPage.Keyboard.TypeAsync("评委临时回避");
        await organiserPage.Keyboard.PressAsync("Enter");
        await organiserPage.WaitForSelectorAsync("p.notice[role=status]");
        Assert.Equal(0, await organiserPage.Locator($"#removeJudgeId option[value='{admin.Id}']").CountAsync());
        Assert.NotNull((await _session.App.Service<CompetitionResults>().PublishAsync(organiser, competition.Id, null, ct)).Value);

        var visitor = await _session.NewPageAsync();
        await visitor.GotoAsync($"/competitions/{competition.Id}");
        var results = await visitor.InnerTextAsync("section[aria-labelledby=results-heading]");
        Assert.Contains("照明线路敷设", results, StringComparison.Ordinal);
        Assert.Contains("金奖", results, StringComparison.Ordinal);
        Assert.Contains("并列", results, StringComparison.Ordinal);
        Assert.Contains("有效评分不足 3 个", results, StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync($"/culture?lang=en&returnUrl=%2Fcompetitions%2F{competition.Id}");
        Assert.Contains("Gold", await visitor.InnerTextAsync("section[aria-labelledby=results-heading]"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(visitor);

        // The demo talent's entry had two sheets only: the inbox says so and leads to the results.
        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync("/me/notifications");
        var note = talent.Locator("ul.inbox li", new() { HasText = "浏览器测试技能赛·低压电工" });
        Assert.Contains("有效评分不足 3 个", await note.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        await note.Locator("button").ClickAsync();
        await talent.WaitForURLAsync(url => url.Contains($"/competitions/{competition.Id}", StringComparison.Ordinal));
        await talent.WaitForSelectorAsync("section[aria-labelledby=results-heading]");

        await organiserPage.GotoAsync($"/competitions/{competition.Id}/results");
        await BrowserSession.AssertAccessibleAsync(organiserPage);
        await organiserPage.GotoAsync($"/competitions/{competition.Id}/manage");
        await BrowserSession.AssertAccessibleAsync(organiserPage);
        await organiserPage.GotoAsync("/competitions");
        await BrowserSession.AssertAccessibleAsync(organiserPage);
    }
}
