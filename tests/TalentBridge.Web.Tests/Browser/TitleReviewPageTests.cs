using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using TalentBridge.Domain;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// A 职称 application in headless Chromium from the apply form (filled in by keyboard) to the public certificate check,
/// every page checked with axe-core: the operator sets up a committee of three experts on the experts page, the talent
/// applies, the employer publishes and recommends, the operator confirms and assigns the panel (the demo expert at the
/// employer shown as excluded), the experts score and vote, the operator closes the ballot, accepts and certifies, and
/// anyone checks the code without signing in. The two notices' five working days are fast-forwarded by moving their
/// stored dates back (SQL on tr_notices, computed with the app's holiday calendar), as the app runs on the real clock.
/// </summary>
public sealed class TitleReviewPageTests : IAsyncLifetime
{
    private static readonly string[] Votes = ["Yes", "Yes", "No"];

    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private static async Task SubmitAsync(IPage page, string form, string done)
    {
        var answered = page.WaitForURLAsync(url => url.Contains("done=" + done, StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.ClickAsync($"#form-{form} button[type=submit]");
        await answered;
    }

    /// <summary>Moves a notice's dates back so that its five working days ended yesterday or earlier.</summary>
    private async Task NoticeHasRunAsync(long applicationId, int kind)
    {
        var app = _session.App;
        var calendar = await app.Service<WorkCalendars>().CurrentAsync(CancellationToken.None);
        var period = NoticePeriod.Start(ChinaTime.Today(TimeProvider.System).AddDays(-20), 5, calendar);
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteAsync(
            "UPDATE tr_notices SET posted_on = @PostedOn, first_day = @FirstDay, last_day = @LastDay WHERE application_id = @applicationId AND kind = @kind",
            new { period.PostedOn, period.FirstDay, period.LastDay, applicationId, kind }));
    }

    [Fact]
    public async Task An_application_goes_from_the_apply_form_to_the_public_certificate_check()
    {
        var app = _session.App;
        // Three people of the talent pool with accounts of their own become the new committee's experts.
        var experts = new List<(string UserName, long TalentId)>();
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            var talents = await c.QueryAsync<long>(
                "SELECT id FROM talents WHERE id > 1 AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) ORDER BY id DESC LIMIT 3");
            foreach (var talentId in talents)
            {
                var userName = $"browser.expert.{talentId}";
                await app.Service<AccountStore>().CreateAsync(userName, userName, app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Expert#2026"),
                    Role.Talent, null, null, talentId, DateTimeOffset.UtcNow, CancellationToken.None);
                experts.Add((userName, talentId));
            }
        }

        var bureau = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await bureau.GotoAsync("/title-reviews/experts");
        await BrowserSession.AssertAccessibleAsync(bureau);
        await bureau.FillAsync("#committee-name", "浏览器测试评委会");
        await bureau.SelectOptionAsync("#committee-region", "3311");
        await SubmitAsync(bureau, "committee", "committee");
        var committeeId = await bureau.EvalOnSelectorAsync<string>("#committeeId", "s => [...s.options].find(o => o.text === '浏览器测试评委会').value");
        var names = new[] { "浏览器专家甲", "浏览器专家乙", "浏览器专家丙" };
        for (var i = 0; i < experts.Count; i++)
        {
            await bureau.FillAsync("#userName", experts[i].UserName);
            await bureau.FillAsync("#name", names[i]);
            await bureau.FillAsync("#specialty", "机械工程");
            await bureau.SelectOptionAsync("#regionCode", "3311");
            await bureau.FillAsync("#talentId", experts[i].TalentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await bureau.SelectOptionAsync("#committeeId", committeeId);
            await SubmitAsync(bureau, "expert", "register");
        }
        Assert.Contains("浏览器专家丙", await bureau.InnerTextAsync("section[aria-labelledby=experts-heading] table"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(bureau);

        // The talent applies by keyboard: type, Tab to the next field, arrows in the select.
        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync("/title-reviews/new");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.FocusAsync("#employerId");
        await talent.Keyboard.TypeAsync("1");
        await talent.Keyboard.PressAsync("Tab");
        Assert.Equal("series", await talent.EvaluateAsync<string>("() => document.activeElement.id"));
        await talent.Keyboard.TypeAsync("工程技术");
        await talent.Keyboard.PressAsync("Tab");
        await talent.Keyboard.TypeAsync("正高级工程师");
        await talent.Keyboard.PressAsync("Tab");
        Assert.Equal("titleLevel", await talent.EvaluateAsync<string>("() => document.activeElement.id"));
        for (var i = 0; i < 5; i++)
        {
            await talent.Keyboard.PressAsync("ArrowDown");
        }
        Assert.Equal("Senior", await talent.InputValueAsync("#titleLevel"));
        await talent.Keyboard.PressAsync("Tab");
        await talent.Keyboard.TypeAsync("主持省级重点研发项目“数控机床远程运维平台”，成果在三家企业推广应用。");
        await talent.Keyboard.PressAsync("Tab");
        Assert.StartsWith("refereeExpertIds-", await talent.EvaluateAsync<string>("() => document.activeElement.id"), StringComparison.Ordinal);
        await talent.FocusAsync("#form-apply button[type=submit]");
        var applied = talent.WaitForURLAsync(url => url.Contains("done=apply", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await talent.Keyboard.PressAsync("Enter");
        await applied;
        var path = new Uri(talent.Url).AbsolutePath;
        var id = long.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("单位审核中", await talent.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);

        var employer = await _session.SignedInPageAsync("enterprise.admin", "Enterprise#2026");
        await employer.GotoAsync(path);
        await SubmitAsync(employer, "step-StartPublicity", "startPublicity");
        Assert.Contains("公示期于", await employer.InnerTextAsync("section[aria-labelledby=notices-heading]"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(employer);
        await NoticeHasRunAsync(id, 1);
        await employer.GotoAsync(path);
        await SubmitAsync(employer, "step-Recommend", "recommend");

        await bureau.GotoAsync(path);
        await SubmitAsync(bureau, "step-ConfirmEligibility", "confirmEligibility");
        // The demo's expert at enterprise 1 (the employer) is excluded, with the reason; the committee's three are chosen.
        Assert.Contains("回避：同一单位", await bureau.InnerTextAsync("#form-panel"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(bureau);
        var expertIds = new List<long>();
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            foreach (var (userName, _) in experts)
            {
                expertIds.Add(await c.ExecuteScalarAsync<long>("SELECT x.id FROM tr_experts x JOIN accounts a ON a.id = x.account_id WHERE a.user_name = @userName", new { userName }));
            }
        }
        foreach (var expertId in expertIds)
        {
            await bureau.CheckAsync($"#panel-{expertId}");
        }
        await SubmitAsync(bureau, "panel", "panel");

        var reviewers = new List<IPage>();
        for (var i = 0; i < experts.Count; i++)
        {
            var page = await _session.SignedInPageAsync(experts[i].UserName, "Expert#2026");
            await page.GotoAsync(path);
            await page.FillAsync("#score", (80 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#comment", "业绩突出，达到正高级水平。");
            await SubmitAsync(page, "score", "score");
            reviewers.Add(page);
        }
        await BrowserSession.AssertAccessibleAsync(reviewers[0]);

        await bureau.GotoAsync(path);
        await SubmitAsync(bureau, "step-CloseScoring", "closeScoring");
        foreach (var expertId in expertIds)
        {
            await bureau.CheckAsync($"#present-{committeeId}-{expertId}");
        }
        await BrowserSession.AssertAccessibleAsync(bureau);
        await SubmitAsync(bureau, $"ballot-{committeeId}", "ballot");

        // Two yes and one no of three present: two thirds, which 三分之二以上 includes.
        foreach (var (page, vote) in reviewers.Zip(Votes))
        {
            await page.GotoAsync(path);
            await page.CheckAsync($"#vote-{vote}");
            await SubmitAsync(page, "vote", "vote");
            Assert.DoesNotContain("表决结果", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        }
        await BrowserSession.AssertAccessibleAsync(reviewers[2]);

        await bureau.GotoAsync(path);
        await SubmitAsync(bureau, "closeBallot", "closeBallot");
        var ballot = await bureau.InnerTextAsync("section[aria-labelledby=ballot-heading]");
        Assert.Contains("通过", ballot, StringComparison.Ordinal);
        Assert.Matches("同意\\s+2", ballot);
        await SubmitAsync(bureau, "step-Accept", "accept");
        await NoticeHasRunAsync(id, 2);
        await bureau.GotoAsync(path);
        await SubmitAsync(bureau, "step-Certify", "certify");
        var code = await bureau.InnerTextAsync("#certificate-code");
        Assert.Contains("已发证", await bureau.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(bureau);

        // Anyone checks the certificate without signing in: the code typed in lower case, Enter submits.
        var anyone = await _session.NewPageAsync();
        await anyone.GotoAsync("/verify");
        await BrowserSession.AssertAccessibleAsync(anyone);
        await anyone.FocusAsync("#code");
        await anyone.Keyboard.TypeAsync(code.ToLowerInvariant());
        var checkedUrl = anyone.WaitForURLAsync(url => url.Contains("/verify/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await anyone.Keyboard.PressAsync("Enter");
        await checkedUrl;
        var result = await anyone.InnerTextAsync("section.verify-result");
        Assert.Contains("证书有效", result, StringComparison.Ordinal);
        Assert.Contains("正高级工程师", result, StringComparison.Ordinal);
        Assert.Contains("*", result, StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(anyone);

        // The talent checks which class a salary would reach (试算) with the keyboard: the answer, nothing recorded.
        var self = await _session.SignedInPageAsync("talent", "Talent#2026");
        await self.GotoAsync("/talents/1/recognitions");
        await BrowserSession.AssertAccessibleAsync(self);
        await self.FocusAsync("#annualSalaryYuan");
        await self.Keyboard.TypeAsync("600000");
        await self.Keyboard.PressAsync("Tab");
        await self.Keyboard.TypeAsync((DateTime.UtcNow.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await self.Keyboard.PressAsync("Enter");
        await self.WaitForSelectorAsync("section[aria-labelledby=preview-heading]");
        Assert.Contains("认定为D类", await self.InnerTextAsync("section[aria-labelledby=preview-heading]"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(self);
    }
}
