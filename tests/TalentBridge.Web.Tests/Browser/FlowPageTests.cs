using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The one-click flow in headless Chromium, in Chinese: the talent applies with one click, the recruiter opens the
/// candidates and the application (viewed), shortlists, arranges an interview and makes an offer, the talent signs;
/// an illegal step is refused with the rule in words; a recruiter invites another talent, who accepts.
/// </summary>
public sealed class FlowPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private async Task<long> OpenPositionAsync(string title)
    {
        var app = _session.App;
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var recruiter = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'");
        var enterprise = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!;
        var today = ChinaTime.Today(TimeProvider.System);
        var created = await app.Service<PositionWrites>().CreateAsync(new Caller(recruiter, Role.EnterpriseRecruiter, 1, null, null), new Position
        {
            EnterpriseId = 1, Title = title, OccupationCode = "6-18-01-01", RegionCode = enterprise.RegionCode, Headcount = 2,
            SalaryMin = 6000, SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
        }, null, CancellationToken.None);
        return created.Value!.Id;
    }

    [Fact]
    public async Task A_talent_applies_and_the_enterprise_takes_it_to_a_signed_agreement()
    {
        var positionId = await OpenPositionAsync("一键流程测试数控车工");
        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync($"/positions/{positionId}");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("form:has(button:text('一键投档')) button[type=submit]");
        await talent.WaitForURLAsync(url => url.Contains("/applications/", StringComparison.Ordinal));
        Assert.Contains("已投递，等待企业查看", await talent.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        var applicationPath = new Uri(talent.Url).AbsolutePath;

        var recruiter = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await recruiter.GotoAsync($"/positions/{positionId}/candidates");
        await BrowserSession.AssertAccessibleAsync(recruiter);
        await recruiter.ClickAsync($"table.data a[href='{applicationPath}']");
        await recruiter.WaitForSelectorAsync("#profile-heading");
        Assert.Contains("已查看", await recruiter.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(recruiter);

        await recruiter.ClickAsync("form:has(input[value=Shortlist]) button[type=submit]");
        await recruiter.WaitForURLAsync(url => url.Contains("done=shortlist", StringComparison.Ordinal));
        var interviewAt = DateTime.UtcNow.AddHours(8).AddDays(3).ToString("yyyy-MM-ddT10:00", System.Globalization.CultureInfo.InvariantCulture);
        await recruiter.FillAsync("#interviewAt", interviewAt);
        await recruiter.FillAsync("#interviewPlace", "缙云县工业园 3 号楼");
        await recruiter.ClickAsync("form:has(#interviewPlace) button[type=submit]");
        await recruiter.WaitForURLAsync(url => url.Contains("done=scheduleInterview", StringComparison.Ordinal));
        await recruiter.FillAsync("#monthlySalary", "7800");
        await recruiter.FillAsync("#probationMonths", "2");
        await recruiter.ClickAsync("form:has(#monthlySalary) button[type=submit]");
        await recruiter.WaitForURLAsync(url => url.Contains("done=offer", StringComparison.Ordinal));
        Assert.Contains("7800 元/月", await recruiter.InnerTextAsync("section.offer"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(recruiter);

        // The talent must confirm the terms; the server refuses a sign without the tick too.
        await talent.GotoAsync(applicationPath);
        await talent.EvalOnSelectorAsync("#confirm", "e => e.removeAttribute('required')");
        await talent.ClickAsync("form:has(#confirm) button[type=submit]");
        await talent.WaitForSelectorAsync("#confirm-error");
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.CheckAsync("#confirm");
        await talent.ClickAsync("form:has(#confirm) button[type=submit]");
        await talent.WaitForURLAsync(url => url.Contains("done=sign", StringComparison.Ordinal));
        Assert.Contains("已签约", await talent.InnerTextAsync("p.state"), StringComparison.Ordinal);
        var history = await talent.InnerTextAsync("ol.timeline");
        foreach (var step in new[] { "投档", "企业查看", "列入候选", "安排面试", "发出录用", "签约" })
        {
            Assert.Contains(step, history, StringComparison.Ordinal);
        }
        await talent.GotoAsync("/me/applications");
        Assert.Contains("一键流程测试数控车工", await talent.InnerTextAsync("table.data"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);

        // A signed application has no steps left; a stale form gets the rule in words.
        await recruiter.GotoAsync(applicationPath);
        Assert.Equal(0, await recruiter.Locator("#actions-heading").CountAsync());
    }

    [Fact]
    public async Task A_recruiter_invites_a_talent_who_accepts_and_a_stale_step_is_refused_in_words()
    {
        var positionId = await OpenPositionAsync("一键邀约测试焊工");
        long talentId;
        await using (var c = await _session.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            talentId = await c.ExecuteScalarAsync<long>("SELECT talent_id FROM accounts WHERE user_name = 'talent'");
            await c.ExecuteAsync("UPDATE talents SET visibility = 0 WHERE id = @talentId", new { talentId });
        }
        var recruiter = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await recruiter.GotoAsync($"/talents/{talentId}");
        await recruiter.SelectOptionAsync("#invitePosition", positionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await recruiter.FillAsync("#inviteDays", "40");
        await recruiter.ClickAsync("form:has(#invitePosition) button[type=submit]");
        await recruiter.WaitForSelectorAsync("#inviteDays-error");
        await BrowserSession.AssertAccessibleAsync(recruiter);
        await recruiter.FillAsync("#inviteDays", "7");
        await recruiter.ClickAsync("form:has(#invitePosition) button[type=submit]");
        await recruiter.WaitForURLAsync(url => url.Contains("invited=", StringComparison.Ordinal));

        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync("/me/applications");
        Assert.Contains("一键邀约测试焊工", await talent.InnerTextAsync("#invitations-heading + ul"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("li:has-text('一键邀约测试焊工') button[value=accept]");
        await talent.WaitForSelectorAsync("#history-heading");
        Assert.Contains("done=acceptInvitation", talent.Url, StringComparison.Ordinal);
        Assert.Contains("来自邀约", await talent.InnerTextAsync("dl.details"), StringComparison.Ordinal);

        // The recruiter's page still shows the step forms of "viewed"; the talent withdraws meanwhile.
        var applicationPath = new Uri(talent.Url).AbsolutePath;
        await recruiter.GotoAsync(applicationPath);
        await talent.GotoAsync(applicationPath);
        Assert.Contains("企业已查看", await talent.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await talent.ClickAsync("form:has(input[value=Withdraw]) button[type=submit]");
        await talent.WaitForSelectorAsync("p.notice:has-text('投档已撤回')");
        await recruiter.ClickAsync("form:has(input[value=Shortlist]) button[type=submit]");
        await recruiter.WaitForSelectorAsync("div.alert");
        Assert.Contains("在您打开后已被他人更改", await recruiter.InnerTextAsync("div.alert"), StringComparison.Ordinal);
        Assert.Contains("人才已撤回", await recruiter.InnerTextAsync("p.state"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(recruiter);
    }
}
