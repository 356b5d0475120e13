using Dapper;
using Microsoft.Playwright;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// 一键沟通 in headless Chromium, in Chinese: the talent and the recruiter, each in a browser of their own, talk on the
/// application page and see each other's messages arrive without reloading; the header's badge counts what is unread;
/// a file that is no PDF, PNG or JPEG is refused at its field.
/// </summary>
public sealed class ConversationPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    /// <summary>An application of the demo talent to a new open position of demo enterprise 1.</summary>
    private async Task<long> ApplicationAsync(string title)
    {
        var app = _session.App;
        long recruiterAccount, talentAccount, talentId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            recruiterAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'");
            (talentAccount, talentId) = await c.QuerySingleAsync<(long, long)>("SELECT id, talent_id FROM accounts WHERE user_name = 'talent'");
        }
        var enterprise = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!;
        var today = ChinaTime.Today(TimeProvider.System);
        var position = await app.Service<PositionWrites>().CreateAsync(new Caller(recruiterAccount, Role.EnterpriseRecruiter, 1, null, null), new Domain.Pools.Position
        {
            EnterpriseId = 1, Title = title, OccupationCode = "6-18-01-01", RegionCode = enterprise.RegionCode, Headcount = 1,
            SalaryMin = 6000, SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
        }, null, CancellationToken.None);
        var applied = await app.Service<Applications>().ApplyAsync(new Caller(talentAccount, Role.Talent, null, null, talentId), position.Value!.Id, false,
            CancellationToken.None);
        return applied.Value!.Id;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("#body", text);
        await page.ClickAsync("form.message-form button[type=submit]");
    }

    private static string Message(string text) => $"ol.messages li:has-text('{text}')";

    [Fact]
    public async Task Talent_and_recruiter_chat_live_and_the_badge_counts_unread_messages()
    {
        var id = await ApplicationAsync("沟通页面测试数控车工");
        var path = $"/applications/{id}";
        var talent = await _session.SignedInPageAsync("talent", "Talent#2026");
        await talent.GotoAsync(path);
        await talent.WaitForSelectorAsync("#conversation-heading");
        Assert.Contains("还没有消息", await talent.InnerTextAsync("section.conversation"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);

        var recruiter = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await recruiter.GotoAsync(path);
        await recruiter.WaitForSelectorAsync("#conversation-heading");

        // Each side's message appears on the other's open page without a reload.
        await SendAsync(recruiter, "您好，欢迎投递，请问何时方便面试？");
        await recruiter.WaitForSelectorAsync(Message("您好，欢迎投递") + ".ours");
        await talent.WaitForSelectorAsync(Message("您好，欢迎投递"));
        Assert.Contains(path, talent.Url, StringComparison.Ordinal);
        await SendAsync(talent, "周三上午可以。");
        await recruiter.WaitForSelectorAsync(Message("周三上午可以"));
        Assert.Equal("", await talent.InputValueAsync("#body"));
        Assert.Equal(0, await talent.Locator("section.conversation [data-empty]").CountAsync());
        await BrowserSession.AssertAccessibleAsync(talent);
        await BrowserSession.AssertAccessibleAsync(recruiter);

        // Read on the open page, so no badge; a message that arrives while the talent is elsewhere is counted.
        await talent.GotoAsync("/me/applications");
        Assert.Equal(0, await talent.Locator("#unread-badge").CountAsync());
        await SendAsync(recruiter, "请带上技能证书原件。");
        await recruiter.WaitForSelectorAsync(Message("请带上技能证书原件"));
        await talent.GotoAsync("/me/applications");
        Assert.Contains("1", await talent.InnerTextAsync("#unread-badge"), StringComparison.Ordinal);
        Assert.Contains("1 条未读", await talent.InnerTextAsync("table.data"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("header a[href='/messages']");
        await talent.WaitForSelectorAsync("h1:has-text('我的消息')");
        Assert.Contains("沟通页面测试数控车工", await talent.InnerTextAsync("table.data"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(talent);
        await talent.ClickAsync("table.data a:has-text('沟通页面测试数控车工')");
        await talent.WaitForSelectorAsync(Message("请带上技能证书原件"));
        Assert.Equal(0, await talent.Locator("#unread-badge").CountAsync());

        // A file that only claims to be a PDF is refused at its field, in Chinese; nothing is sent.
        await talent.SetInputFilesAsync("#attachment", new FilePayload { Name = "证书.pdf", MimeType = "application/pdf", Buffer = "not a pdf"u8.ToArray() });
        await talent.ClickAsync("form.message-form button[type=submit]");
        await talent.WaitForSelectorAsync("#attachment-error");
        Assert.Contains("只能是 PDF、PNG 或 JPEG 文件", await talent.InnerTextAsync("#attachment-error"), StringComparison.Ordinal);
        Assert.Equal("true", await talent.GetAttributeAsync("#attachment", "aria-invalid"));
        await BrowserSession.AssertAccessibleAsync(talent);
        Assert.Equal(3, await talent.Locator("ol.messages li").CountAsync());
    }
}
