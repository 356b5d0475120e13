using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// 一键沟通 (issue 6) on both engines: both sides talk, unread counts follow the read marks, strangers never see a
/// conversation and no message crosses into another conversation (also not on the live stream), attachments are checked
/// by their bytes and size with nothing stored when refused, posting closes with the application, and a message written
/// on one app node reaches the stream served by another node on the same database.
/// </summary>
public sealed partial class ConversationTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A clock some days ahead, for the rule that closes a conversation 30 days after signing.</summary>
    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>
    /// A fresh open position of demo enterprise 1 with an application of the demo talent (account <c>talent</c>), and
    /// the callers around it: the recruiter, the enterprise's administrator, the operator of Lishui, and a talent and a
    /// recruiter of enterprise 2 who are strangers to it (with accounts of their own, password <c>Chat#2026</c>).
    /// </summary>
    private sealed record Setup(TestApp App, long PositionId, long ApplicationId, Caller Talent, Caller Recruiter, Caller EnterpriseAdmin, Caller Operator,
        Caller OtherTalent, string OtherTalentUser, Caller OtherRecruiter, string OtherRecruiterUser)
    {
        public Conversations Conversations => App.Service<Conversations>();
        public ConversationKey Key => new(ConversationKind.Application, ApplicationId);
    }

    /// <summary>The setup of one test; <paramref name="nth"/> picks the stranger talent, so that tests sharing an app do not share it.</summary>
    private static async Task<Setup> SetupAsync(TestApp app, string title, int nth)
    {
        var db = app.Service<Database>();
        long Account(IEnumerable<(string User, long Id)> rows, string user) => rows.Single(r => r.User == user).Id;
        List<(string User, long Id)> accounts;
        long talentId, otherTalentId;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            accounts = [.. await c.QueryAsync<(string, long)>("SELECT user_name, id FROM accounts WHERE user_name IN ('talent', 'recruiter', 'enterprise.admin', 'lishui.operator')")];
            talentId = await c.ExecuteScalarAsync<long>("SELECT talent_id FROM accounts WHERE user_name = 'talent'");
            otherTalentId = await c.ExecuteScalarAsync<long>(
                "SELECT id FROM talents WHERE visibility = 0 AND id <> @talentId AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) ORDER BY id LIMIT 1 OFFSET @nth",
                new { talentId, nth });
        }
        var recruiter = new Caller(Account(accounts, "recruiter"), Role.EnterpriseRecruiter, 1, null, null);
        var enterprise = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!;
        var today = ChinaTime.Today(TimeProvider.System);
        var position = await app.Service<PositionWrites>().CreateAsync(recruiter, new Position
        {
            EnterpriseId = 1, Title = title, OccupationCode = "6-18-01-01", RegionCode = enterprise.RegionCode, Headcount = 3,
            SalaryMin = 6000, SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
        }, null, CancellationToken.None);
        var talent = new Caller(Account(accounts, "talent"), Role.Talent, null, null, talentId);
        var applied = await app.Service<Applications>().ApplyAsync(talent, position.Value!.Id, false, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, applied.Status);

        var store = app.Service<AccountStore>();
        var hash = new PasswordHasher<Account>().HashPassword(null!, "Chat#2026");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var otherTalentUser = $"chat.talent.{suffix}";
        var otherRecruiterUser = $"chat.recruiter.{suffix}";
        var otherTalentAccount = await store.CreateAsync(otherTalentUser, "另一位人才", hash, Role.Talent, null, null, otherTalentId, DateTimeOffset.UtcNow,
            CancellationToken.None);
        var otherRecruiterAccount = await store.CreateAsync(otherRecruiterUser, "别家招聘", hash, Role.EnterpriseRecruiter, 2, null, null, DateTimeOffset.UtcNow,
            CancellationToken.None);
        return new Setup(app, position.Value.Id, applied.Value!.Id, talent, recruiter,
            new Caller(Account(accounts, "enterprise.admin"), Role.EnterpriseAdmin, 1, null, null),
            new Caller(Account(accounts, "lishui.operator"), Role.Operator, null, "3311", null),
            new Caller(otherTalentAccount, Role.Talent, null, null, otherTalentId), otherTalentUser,
            new Caller(otherRecruiterAccount, Role.EnterpriseRecruiter, 2, null, null), otherRecruiterUser);
    }

    private static async Task<ConversationMessage> SendAsync(Setup s, Caller caller, ConversationKey key, string? body, AttachmentUpload? attachment = null)
    {
        var result = await s.Conversations.SendAsync(caller, key, body, attachment, CancellationToken.None);
        Assert.True(result.Status == WriteStatus.Ok, $"{result.Status} {result.Errors}");
        return result.Value!;
    }

    private static async Task<IReadOnlyList<ConversationMessage>> AllAsync(Setup s, Caller caller, ConversationKey key) =>
        await s.Conversations.ListAsync((await s.Conversations.FindAsync(caller, key, CancellationToken.None))!, 0, 500, CancellationToken.None);

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Conversation_both_sides_talk_and_unread_counts_follow_what_each_account_has_read(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), "沟通测试数控车工", 0);
        var unreadBefore = await s.Conversations.UnreadCountAsync(s.Recruiter, CancellationToken.None);
        var first = await SendAsync(s, s.Talent, s.Key, "  您好，请问岗位需要倒班吗？  ");
        Assert.Equal(("您好，请问岗位需要倒班吗？", FlowActor.Talent), (first.Body, first.SenderSide));
        await SendAsync(s, s.Talent, s.Key, "另外，工作地点在哪里？");

        // Every user of the enterprise has the talent's two messages unread; the talent has none (its own).
        Assert.Equal(unreadBefore + 2, await s.Conversations.UnreadCountAsync(s.Recruiter, CancellationToken.None));
        Assert.Equal(2, (await s.Conversations.UnreadAsync(s.EnterpriseAdmin, ConversationKind.Application, [s.ApplicationId], CancellationToken.None))[s.ApplicationId]);
        Assert.Empty(await s.Conversations.UnreadAsync(s.Talent, ConversationKind.Application, [s.ApplicationId], CancellationToken.None));
        Assert.Equal(0, await s.Conversations.UnreadCountAsync(s.Operator, CancellationToken.None));

        var messages = await AllAsync(s, s.Recruiter, s.Key);
        Assert.Equal(["您好，请问岗位需要倒班吗？", "另外，工作地点在哪里？"], messages.Select(m => m.Body));
        var afterFirst = await s.Conversations.ListAsync((await s.Conversations.FindAsync(s.Recruiter, s.Key, CancellationToken.None))!, messages[0].Id, 10,
            CancellationToken.None);
        Assert.Equal([messages[1].Id], afterFirst.Select(m => m.Id));
        await s.Conversations.MarkReadAsync(s.Recruiter, s.Key, messages[0].Id, CancellationToken.None);
        Assert.Equal(1, (await s.Conversations.UnreadAsync(s.Recruiter, ConversationKind.Application, [s.ApplicationId], CancellationToken.None))[s.ApplicationId]);
        // A read mark never moves back.
        await s.Conversations.MarkReadAsync(s.Recruiter, s.Key, messages[1].Id, CancellationToken.None);
        await s.Conversations.MarkReadAsync(s.Recruiter, s.Key, messages[0].Id, CancellationToken.None);
        Assert.Equal(unreadBefore, await s.Conversations.UnreadCountAsync(s.Recruiter, CancellationToken.None));
        Assert.Equal(2, (await s.Conversations.UnreadAsync(s.EnterpriseAdmin, ConversationKind.Application, [s.ApplicationId], CancellationToken.None))[s.ApplicationId]);

        // The enterprise's answer: unread for the talent, and a reply reads everything before it.
        var reply = await SendAsync(s, s.EnterpriseAdmin, s.Key, "不需要倒班，地点在缙云县工业园。");
        Assert.Equal(FlowActor.Enterprise, reply.SenderSide);
        Assert.Equal(0, (await s.Conversations.UnreadAsync(s.EnterpriseAdmin, ConversationKind.Application, [s.ApplicationId], CancellationToken.None))
            .GetValueOrDefault(s.ApplicationId));
        Assert.Equal(1, (await s.Conversations.UnreadAsync(s.Talent, ConversationKind.Application, [s.ApplicationId], CancellationToken.None))[s.ApplicationId]);
        var mine = await s.Conversations.MineAsync(s.Talent, 1, 50, CancellationToken.None);
        var line = Assert.Single(mine.Items, i => i.Key == s.Key);
        Assert.Equal(("沟通测试数控车工", reply.Id, 1), (line.PositionTitle, line.LastMessageId, line.Unread));
        Assert.Equal(reply.Id, (await s.Conversations.MineAsync(s.Recruiter, 1, 50, CancellationToken.None)).Items[0].LastMessageId);

        // Operators of the region read (audited) but do not write.
        var supervised = (await s.Conversations.FindAsync(s.Operator, s.Key, CancellationToken.None))!;
        Assert.Null(supervised.Side);
        Assert.Equal(WriteStatus.Forbidden, (await s.Conversations.SendAsync(s.Operator, s.Key, "运营人员不应能发言", null, CancellationToken.None)).Status);

        // Each message has its audit row and event, without its text.
        await using var c = await s.App.Service<Database>().OpenAsync(CancellationToken.None);
        var audit = (await c.QueryAsync<(string Reason, string Detail)>(
            "SELECT reason, detail FROM audit_log WHERE subject_type = 'message' AND subject_id = @id", new { id = reply.Id })).Single();
        Assert.Equal($"application:{s.ApplicationId}", audit.Reason);
        Assert.DoesNotContain("缙云", audit.Detail, StringComparison.Ordinal);
        Assert.Equal(Conversations.SendEventKind, await c.ExecuteScalarAsync<string>(
            "SELECT kind FROM events WHERE subject_type = 'message' AND subject_id = @id", new { id = reply.Id }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Conversation_strangers_never_see_it_and_no_message_crosses_into_another_conversation(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), "沟通隔离测试焊工", 1);
        // Conversation B: the other talent's application to the same position.
        var b = (await s.App.Service<Applications>().ApplyAsync(s.OtherTalent, s.PositionId, false, CancellationToken.None)).Value!;
        var keyB = new ConversationKey(ConversationKind.Application, b.Id);
        var secret = await SendAsync(s, s.Talent, s.Key, "我的手机号是 13900001234", new AttachmentUpload("简历.png", Png.Length, Png));

        foreach (var stranger in new[] { s.OtherTalent, s.OtherRecruiter, s.Operator with { RegionCode = "3301" } })
        {
            Assert.Null(await s.Conversations.FindAsync(stranger, s.Key, CancellationToken.None));
            Assert.Equal(WriteStatus.NotFound, (await s.Conversations.SendAsync(stranger, s.Key, "你好", null, CancellationToken.None)).Status);
        }
        Assert.Empty(await AllAsync(s, s.OtherTalent, keyB));
        Assert.DoesNotContain((await s.Conversations.MineAsync(s.OtherTalent, 1, 50, CancellationToken.None)).Items, i => i.Key == s.Key);

        using var talentB = await UntranslatedTextTests.SignedInAsync(s.App, s.OtherTalentUser, "Chat#2026");
        using var otherRecruiter = await UntranslatedTextTests.SignedInAsync(s.App, s.OtherRecruiterUser, "Chat#2026");
        foreach (var client in new[] { talentB, otherRecruiter })
        {
            foreach (var path in new[] { $"/applications/{s.ApplicationId}", $"/applications/{s.ApplicationId}/messages/stream",
                         $"/applications/{s.ApplicationId}/messages/{secret.Id}/attachment" })
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        // B's attachment address with A's message id finds nothing either.
        Assert.Equal(HttpStatusCode.NotFound, (await talentB.GetAsync($"/applications/{b.Id}/messages/{secret.Id}/attachment")).StatusCode);

        // B's live stream gets B's messages only, while A's conversation goes on.
        var stream = ReadStreamAsync(talentB, $"/applications/{b.Id}/messages/stream?after=0", got => got.Count >= 2, TimeSpan.FromSeconds(20));
        await SendAsync(s, s.Recruiter, s.Key, "A 会话：请带上证书原件。");
        var inB = await SendAsync(s, s.Recruiter, keyB, "B 会话：您好，请问何时方便面试？");
        await SendAsync(s, s.Talent, s.Key, "A 会话：好的。");
        var inB2 = await SendAsync(s, s.OtherTalent, keyB, "B 会话：明天上午可以。");
        var received = await stream;
        Assert.Equal([inB.Id, inB2.Id], received.Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(received, e => Assert.StartsWith("B 会话", e.GetProperty("body").GetString(), StringComparison.Ordinal));
        Assert.Equal([false, true], received.Select(e => e.GetProperty("ours").GetBoolean()));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Conversation_attachments_are_checked_by_their_bytes_and_size_and_nothing_is_stored_when_refused(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), "沟通附件测试电工", 2);
        async Task<(long Messages, long Audit)> CountAsync()
        {
            await using var c = await s.App.Service<Database>().OpenAsync(CancellationToken.None);
            return (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM messages WHERE application_id = @id", new { id = s.ApplicationId }),
                await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject_type = 'message'"));
        }
        var before = await CountAsync();
        async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(string? body, AttachmentUpload? attachment)
        {
            var result = await s.Conversations.SendAsync(s.Talent, s.Key, body, attachment, CancellationToken.None);
            Assert.Equal(WriteStatus.Invalid, result.Status);
            return result.Errors.ToDictionary();
        }
        var executable = "MZ\u0090\0\u0003"u8.ToArray();
        Assert.Equal(["must be a PDF, PNG or JPEG file (its content is checked, not its name)"],
            (await RefusedAsync("简历见附件", new AttachmentUpload("简历.pdf", executable.Length, executable)))["attachment"]);
        var html = "<html><script>alert(1)</script>"u8.ToArray();
        Assert.Contains("attachment", (await RefusedAsync(null, new AttachmentUpload("photo.png", html.Length, html))).Keys);
        Assert.Equal(["must be at most 2 MB"], (await RefusedAsync(null, new AttachmentUpload("big.pdf", Conversations.MaxAttachmentBytes + 1, [])))["attachment"]);
        Assert.Equal(["is empty"], (await RefusedAsync(null, new AttachmentUpload("empty.pdf", 0, [])))["attachment"]);
        Assert.Equal(["write a message or attach a file"], (await RefusedAsync("   ", null))["body"]);
        Assert.Equal(["must be at most 2000 characters"], (await RefusedAsync(new string('长', Conversations.MaxBody + 1), null))["body"]);
        Assert.Equal(before, await CountAsync());

        // Through the page as its script sends it: the errors come back in the page's language, named by field.
        using var talent = await UntranslatedTextTests.SignedInAsync(s.App, "talent", "Talent#2026");
        var page = await talent.GetStringAsync($"/applications/{s.ApplicationId}");
        Assert.Contains("id=\"conversation-heading\"", page, StringComparison.Ordinal);
        var token = FormToken().Match(page).Groups[1].Value;
        async Task<HttpResponseMessage> PostAsync(string? body, string? fileName, byte[]? content)
        {
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            if (body is not null)
            {
                form.Add(new StringContent(body), "body");
            }
            if (fileName is not null)
            {
                var file = new ByteArrayContent(content!);
                // The client's type is not believed: only the bytes decide.
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "attachment", fileName);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/applications/{s.ApplicationId}?handler=Message") { Content = form };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return await talent.SendAsync(request);
        }
        var tooBig = await PostAsync("附件", "scan.pdf", new byte[Conversations.MaxAttachmentBytes + 1]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooBig.StatusCode);
        var errors = JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("不能超过 2 MB", errors.GetProperty("attachment")[0].GetString());
        var disguised = await PostAsync(null, "scan.pdf", executable);
        Assert.Equal("只能是 PDF、PNG 或 JPEG 文件（按文件内容检查，而非文件名）",
            JsonDocument.Parse(await disguised.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("attachment")[0].GetString());
        Assert.Equal(before, await CountAsync());

        // A PNG named .pdf by its sender is stored as a PNG and offered only as a download of that type.
        var sent = await PostAsync("证书扫描件", "证书.pdf", Png);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var json = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("证书.pdf.png", json.GetProperty("attachment").GetProperty("name").GetString());
        using var download = await talent.GetAsync(json.GetProperty("attachment").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal((before.Messages + 1, before.Audit + 1), await CountAsync());

        // Without script the form posts, is redirected back to the conversation and shows the message.
        using var plain = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("不用脚本也能发送"), "body" } };
        var shown = await talent.PostAsync($"/applications/{s.ApplicationId}?handler=Message", plain);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("不用脚本也能发送", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Conversation_posting_closes_with_the_application_and_thirty_days_after_signing_and_stays_readable(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), "沟通关闭测试钳工", 3);
        var applications = s.App.Service<Applications>();
        await SendAsync(s, s.Talent, s.Key, "您好");
        var offer = new OfferTerms
        {
            PositionTitle = "沟通关闭测试钳工", OccupationCode = "6-18-01-01", MonthlySalary = 7000, MonthsPerYear = 12,
            StartOn = ChinaTime.Today(TimeProvider.System).AddDays(10), RegionCode = (await applications.FindAsync(s.Talent, s.ApplicationId, CancellationToken.None))!.RegionCode,
            SignBy = ChinaTime.Today(TimeProvider.System).AddDays(3),
        };
        Assert.Equal(WriteStatus.Ok, (await applications.ActAsync(s.Recruiter, s.ApplicationId, new StepRequest(ApplicationAction.Offer, Offer: offer),
            CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.Ok, (await applications.ActAsync(s.Talent, s.ApplicationId, new StepRequest(ApplicationAction.Sign), CancellationToken.None)).Status);
        // Signed: still open (arrival, paperwork) …
        await SendAsync(s, s.Recruiter, s.Key, "欢迎加入，请于入职日带身份证。");
        // … until 30 days after signing.
        var later = new Conversations(s.App.Service<Database>(), applications, s.App.Service<Invitations>(), s.App.Service<Platform.SharedPool.Engagements>(),
            new Later(TimeSpan.FromDays(31)));
        var closed = await later.SendAsync(s.Talent, s.Key, "还在吗？", null, CancellationToken.None);
        Assert.Equal(["is closed: 30 days have passed since signing"], closed.Errors.ToDictionary()["conversation"]);
        Assert.Equal(2, (await AllAsync(s, s.Talent, s.Key)).Count);

        // A withdrawn application's conversation is read-only at once.
        var other = (await applications.ApplyAsync(s.OtherTalent, s.PositionId, false, CancellationToken.None)).Value!;
        var otherKey = new ConversationKey(ConversationKind.Application, other.Id);
        await SendAsync(s, s.OtherTalent, otherKey, "我想再考虑一下");
        await applications.ActAsync(s.OtherTalent, other.Id, new StepRequest(ApplicationAction.Withdraw), CancellationToken.None);
        var afterWithdrawal = await s.Conversations.SendAsync(s.Recruiter, otherKey, "好的", null, CancellationToken.None);
        Assert.Equal(["is closed: the application has ended"], afterWithdrawal.Errors.ToDictionary()["conversation"]);
        Assert.Single(await AllAsync(s, s.Recruiter, otherKey));

        // An invitation's conversation: open while it waits for an answer, then the talk goes on in the application.
        var invitations = s.App.Service<Invitations>();
        var invitation = (await invitations.InviteAsync(s.Recruiter, s.PositionId, s.OtherTalent.TalentId!.Value, "诚邀您面试", 7, CancellationToken.None)).Value!;
        var invitationKey = new ConversationKey(ConversationKind.Invitation, invitation.Id);
        await SendAsync(s, s.OtherTalent, invitationKey, "请问薪资可以谈吗？");
        await SendAsync(s, s.Recruiter, invitationKey, "可以面谈。");
        Assert.Equal(1, await s.Conversations.UnreadCountAsync(s.OtherTalent, CancellationToken.None));
        await invitations.AnswerAsync(s.OtherTalent, invitation.Id, InvitationAction.Accept, null, false, CancellationToken.None);
        var accepted = (await s.Conversations.FindAsync(s.OtherTalent, invitationKey, CancellationToken.None))!;
        Assert.Equal(("is closed: the invitation was accepted; write in the application", false), (accepted.ClosedBecause, accepted.CanWrite));
        Assert.NotNull(accepted.ApplicationId);
        Assert.Equal(WriteStatus.Ok, (await s.Conversations.SendAsync(s.OtherTalent, new ConversationKey(ConversationKind.Application, accepted.ApplicationId!.Value),
            "已接受邀约", null, CancellationToken.None)).Status);

        // The invitation's page keeps the conversation readable and points to the application; strangers get 404.
        using var invitee = await UntranslatedTextTests.SignedInAsync(s.App, s.OtherTalentUser, "Chat#2026");
        var page = await invitee.GetStringAsync($"/invitations/{invitation.Id}");
        Assert.Contains("请问薪资可以谈吗？", page, StringComparison.Ordinal);
        Assert.Contains("本次沟通已关闭：邀约已接受，请在投档中继续沟通", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applications/{accepted.ApplicationId}#conversation\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"form message-form\"", page, StringComparison.Ordinal);
        using var stranger = await UntranslatedTextTests.SignedInAsync(s.App, "talent", "Talent#2026");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/invitations/{invitation.Id}")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Conversation_message_posted_on_one_node_arrives_on_the_stream_of_another_node(string engine)
    {
        var first = await apps.For(engine);
        var s = await SetupAsync(first, "沟通双节点测试", 4);
        await using var second = await first.AnotherNodeAsync();
        var earlier = await SendAsync(s, s.Recruiter, s.Key, "节点一之前的消息");

        // The talent follows the conversation on node 2; the recruiter writes through node 1's page.
        using var talentOnSecond = await UntranslatedTextTests.SignedInAsync(second, "talent", "Talent#2026");
        var stream = ReadStreamAsync(talentOnSecond, $"/applications/{s.ApplicationId}/messages/stream?after={earlier.Id}", got => got.Count >= 1,
            TimeSpan.FromSeconds(30));
        using var recruiterOnFirst = await UntranslatedTextTests.SignedInAsync(first, "recruiter", "Recruiter#2026");
        var page = await recruiterOnFirst.GetStringAsync($"/applications/{s.ApplicationId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(page).Groups[1].Value), "__RequestVerificationToken" }, { new StringContent("节点一发出，节点二收到"), "body" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/applications/{s.ApplicationId}?handler=Message") { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.Created, (await recruiterOnFirst.SendAsync(request)).StatusCode);

        var received = Assert.Single(await stream);
        Assert.Equal("节点一发出，节点二收到", received.GetProperty("body").GetString());
        Assert.Equal("enterprise", received.GetProperty("side").GetString());
        // Delivered to an open page: read, on every node (the stream marks it just after sending it).
        for (var wait = 0; wait < 50 && (await s.Conversations.UnreadAsync(s.Talent, ConversationKind.Application, [s.ApplicationId], CancellationToken.None)).Count > 0; wait++)
        {
            await Task.Delay(100);
        }
        Assert.Empty(await s.Conversations.UnreadAsync(s.Talent, ConversationKind.Application, [s.ApplicationId], CancellationToken.None));
    }

    /// <summary>Reads a server-sent event stream until <paramref name="enough"/> holds or the time is up; the data of each event received.</summary>
    internal static async Task<List<JsonElement>> ReadStreamAsync(HttpClient client, string path, Func<List<JsonElement>, bool> enough, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new List<JsonElement>();
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token), Encoding.UTF8);
            while (!enough(received) && await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    received.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Time is up: the test asserts on what arrived.
        }
        return received;
    }
}
