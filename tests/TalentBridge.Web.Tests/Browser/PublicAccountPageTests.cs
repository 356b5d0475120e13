using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The public's side of the flow in headless Chromium, in Chinese, every page checked with axe-core: a person registers
/// and completes their profile, applies; the enterprise finds the candidate under 我的候选人, reveals the number with a
/// reason, they chat, the enterprise invites another talent (who is notified) and offers; the talent is notified, signs and opens the agreement; the operator's audit page shows each step; the
/// talent deletes their data and the enterprise still counts the application, under an anonymous name.
/// </summary>
public sealed class PublicAccountPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_person_registers_applies_signs_and_deletes_their_data()
    {
        var app = _session.App;
        long positionId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            var recruiterId = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'");
            var enterprise = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!;
            var today = ChinaTime.Today(TimeProvider.System);
            positionId = (await app.Service<PositionWrites>().CreateAsync(new Caller(recruiterId, Role.EnterpriseRecruiter, 1, null, null), new Position
            {
                EnterpriseId = 1, Title = "注册流程测试装配工", OccupationCode = "6-18-01-01", RegionCode = enterprise.RegionCode, Headcount = 3,
                SalaryMin = 6000, SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
            }, null, CancellationToken.None)).Value!.Id;
        }

        // Register: a wrong field is named, then the account exists and the person is signed in.
        var talent = await _session.NewPageAsync();
        await talent.GotoAsync("/account/register");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.FillAsync("#identifier", "13705780001");
        await talent.FillAsync("#displayName", "赵六");
        await talent.FillAsync("#password", "Zhao2026pw");
        await talent.FillAsync("#confirmPassword", "Zhao2026pw");
        await talent.EvalOnSelectorAsync("#consent", "e => e.removeAttribute('required')");
        await talent.ClickAsync("form.form button[type=submit]");
        await talent.WaitForSelectorAsync("#consent-error");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.FillAsync("#password", "Zhao2026pw");
        await talent.FillAsync("#confirmPassword", "Zhao2026pw");
        await talent.CheckAsync("#consent");
        await talent.ClickAsync("form.form button[type=submit]");
        await talent.WaitForSelectorAsync("text=注册成功");
        await BrowserSession.AssertAccessibleAsync(talent);

        // The profile, from 我的.
        await talent.ClickAsync("a[href='/talents/new']");
        await talent.WaitForSelectorAsync("#name");
        await talent.FillAsync("#name", "赵六");
        await talent.FillAsync("#phone", "13705780001");
        await talent.FillAsync("#birthYear", "1993");
        await talent.SelectOptionAsync("#residenceRegionCode", "331121");
        await talent.FillAsync("#occupation1", "6-18-01-01");
        await talent.FillAsync("#years1", "6");
        await talent.CheckAsync("#consentVersion");
        await talent.ClickAsync("form.form button[type=submit]");
        await talent.WaitForSelectorAsync("h1:text('赵六')");
        await talent.GotoAsync($"/positions/{positionId}");
        await talent.ClickAsync("form:has(button:text('一键投档')) button[type=submit]");
        await talent.WaitForSelectorAsync("p.state");
        var applicationPath = new Uri(talent.Url).AbsolutePath;

        // The enterprise: 我的候选人, the application, the number shown with a reason.
        var recruiter = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await recruiter.GotoAsync("/me");
        await BrowserSession.AssertAccessibleAsync(recruiter);
        await recruiter.ClickAsync("header a[href='/me/candidates']");
        await recruiter.WaitForSelectorAsync($"table.data a[href='{applicationPath}']");
        await BrowserSession.AssertAccessibleAsync(recruiter);
        await recruiter.ClickAsync($"table.data a[href='{applicationPath}']");
        await recruiter.WaitForSelectorAsync("#contact-heading");
        await recruiter.ClickAsync("form:has(#revealReason) button[type=submit]");
        await recruiter.WaitForSelectorAsync("#revealReason-error");
        await recruiter.FillAsync("#revealReason", "电话确认面试时间");
        await recruiter.ClickAsync("form:has(#revealReason) button[type=submit]");
        await recruiter.WaitForSelectorAsync(".revealed");
        Assert.Equal("13705780001", await recruiter.InnerTextAsync(".revealed"));
        await BrowserSession.AssertAccessibleAsync(recruiter);
        // They chat: each message appears on the other's open page.
        await recruiter.FillAsync("#body", "您好，请问下周二上午方便面试吗？");
        await recruiter.ClickAsync("form.message-form button[type=submit]");
        await talent.WaitForSelectorAsync("ol.messages li:has-text('下周二上午')");
        await talent.FillAsync("#body", "方便，谢谢！");
        await talent.ClickAsync("form.message-form button[type=submit]");
        await recruiter.WaitForSelectorAsync("ol.messages li:has-text('方便，谢谢')");

        // The enterprise also invites another talent to the position.
        long otherTalent;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            otherTalent = await c.ExecuteScalarAsync<long>("SELECT talent_id FROM accounts WHERE user_name = 'talent'");
            await c.ExecuteAsync("UPDATE talents SET visibility = 0 WHERE id = @otherTalent", new { otherTalent });
        }
        await recruiter.GotoAsync($"/talents/{otherTalent}");
        await recruiter.SelectOptionAsync("#invitePosition", positionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await recruiter.ClickAsync("form:has(#invitePosition) button[type=submit]");
        await recruiter.WaitForURLAsync(url => url.Contains("invited=", StringComparison.Ordinal));
        var invited = await _session.SignedInPageAsync("talent", "Talent#2026");
        await invited.GotoAsync("/me/notifications");
        Assert.Contains("注册流程测试装配工", await invited.InnerTextAsync("ul.inbox"), StringComparison.Ordinal);

        await recruiter.GotoAsync(applicationPath);
        await recruiter.ClickAsync("form:has(input[value=Shortlist]) button[type=submit]");
        await recruiter.WaitForSelectorAsync("p.notice[role=status]");
        await recruiter.FillAsync("#monthlySalary", "8200");
        await recruiter.ClickAsync("form:has(#monthlySalary) button[type=submit]");
        await recruiter.WaitForSelectorAsync("section.offer");

        // The talent: the badge and the inbox, then signing and the agreement.
        await talent.GotoAsync("/me/notifications");
        Assert.Contains("向您发出录用条件", await talent.InnerTextAsync("ul.inbox"), StringComparison.Ordinal);
        Assert.True(await talent.Locator("header .badge").CountAsync() == 1);
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("ul.inbox li.unread button");
        await talent.WaitForSelectorAsync("#confirm");
        await talent.CheckAsync("#confirm");
        await talent.ClickAsync("form:has(#confirm) button[type=submit]");
        await talent.WaitForSelectorAsync("a:text('查看协议')");
        await talent.ClickAsync("a:text('查看协议')");
        await talent.WaitForSelectorAsync("article.agreement");
        Assert.Contains("校验通过", await talent.InnerTextAsync("article.agreement"), StringComparison.Ordinal);
        Assert.Contains("8200", await talent.InnerTextAsync("article.agreement"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);

        // The operator's audit page: each step of the application.
        var admin = await _session.SignedInPageAsync("admin", "Admin#2026");
        await admin.GotoAsync($"/audit?subject=application&subjectId={applicationPath.Split('/')[^1]}");
        var audit = await admin.InnerTextAsync("table.data");
        foreach (var step in new[] { "投档", "企业查看", "发出录用", "签约" })
        {
            Assert.Contains(step, audit, StringComparison.Ordinal);
        }
        await BrowserSession.AssertAccessibleAsync(admin);

        // The talent sees who looked at the number, then deletes their data.
        await talent.GotoAsync("/me/data");
        Assert.Contains("电话确认面试时间", await talent.InnerTextAsync("#data-views + *"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.FillAsync("#password", "Zhao2026pw");
        await talent.ClickAsync("form:has(#password) button[type=submit]");
        await talent.WaitForSelectorAsync("text=您的个人信息已删除");
        await recruiter.GotoAsync("/me/candidates");
        var row = await recruiter.InnerTextAsync($"tr:has(a[href='{applicationPath}'])");
        Assert.Contains("已注销用户", row, StringComparison.Ordinal);
        Assert.DoesNotContain("赵六", await recruiter.ContentAsync(), StringComparison.Ordinal);
    }
}
