using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Public accounts and notifications (issue 6, items 1 and 7) on both engines, through the real pages: registration with
/// consent kept, sign-in with the phone number, the password reset by a code from the outbox, the inbox of flow events
/// with its unread count, and the outgoing message in the recipient's language.
/// </summary>
public sealed partial class PublicAccountsTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string path, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string identifier, string password = "Talent2026", bool consent = true,
        string? confirm = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["identifier"] = identifier, ["displayName"] = "王小明", ["password"] = password, ["confirmPassword"] = confirm ?? password,
        };
        if (consent)
        {
            fields["Consent"] = "true";
        }
        return PostAsync(client, "/account/register", "/account/register", fields);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        PostAsync(client, "/account/login", "/account/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });

    /// <summary>The outbox lines sent to <paramref name="to"/>, waiting up to ten seconds for <paramref name="count"/> of them (the job runner sends).</summary>
    private static async Task<List<JsonElement>> OutboxAsync(TestApp app, string to, int count)
    {
        var directory = ((FileNotificationSender)app.Service<INotificationSender>()).Directory;
        for (var i = 0; ; i++)
        {
            var lines = Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory).SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement)
                    .Where(e => e.GetProperty("to").GetString() == to).ToList()
                : [];
            // Delivery is a job: it may wait for a long job that is already running (a forecast run on a loaded CI machine).
            if (lines.Count >= count || i == 600)
            {
                return lines;
            }
            await Task.Delay(100);
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_registers_with_consent_and_signs_in_with_the_phone_number(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        using var client = Browser(app);
        await using var c = await db.OpenAsync(CancellationToken.None);
        var before = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts");

        // Bad input: every field named, nothing stored.
        var bad = await RegisterAsync(client, "1380013", "short", consent: false);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("必须是 11 位大陆手机号或电子邮箱地址", page, StringComparison.Ordinal);
        Assert.Contains("至少需要 8 个字符", page, StringComparison.Ordinal);
        Assert.Contains("id=\"consent-error\"", page, StringComparison.Ordinal);
        Assert.Contains("必须与密码一致", await (await RegisterAsync(client, "13900001111", confirm: "Other2026")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts"));

        var ok = await RegisterAsync(client, "139 0000 1111");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/me?done=register", ok.Headers.Location!.OriginalString);
        var me = await client.GetStringAsync("/me");
        Assert.Contains("139****1111", me, StringComparison.Ordinal);
        Assert.Contains("完善个人档案", me, StringComparison.Ordinal);

        // Stored: hash, mask and sealed copy, never the number; consent version and time; the audit row.
        var row = await c.QuerySingleAsync<(long Id, string UserName, string Masked, string Sealed, string Version)>(
            "SELECT id, user_name, contact_masked, contact_sealed, consent_version FROM accounts WHERE contact_masked = '139****1111'");
        Assert.DoesNotContain("13900001111", row.UserName + row.Sealed, StringComparison.Ordinal);
        Assert.Equal("13900001111", app.Service<ContactProtector>().Unseal(row.Sealed));
        Assert.Equal(TalentDraft.CurrentConsentVersion, row.Version);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE subject_type = 'account' AND subject_id = @Id AND reason = 'register'", new { row.Id }));

        // The same number again is refused on its field; signing in with it (in any spelling) works.
        using var other = Browser(app);
        Assert.Contains("已注册，请直接登录或找回密码", await (await RegisterAsync(other, "+86 13900001111")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(other, "139-0000-1111", "Talent2026")).StatusCode);
        Assert.Contains("王小明", await other.GetStringAsync("/me"), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_forgotten_password_is_reset_with_the_code_sent_and_old_sessions_end(string engine)
    {
        var app = await apps.For(engine);
        var email = $"reset.{engine}@example.com";
        using var first = Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(first, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/me")).StatusCode);

        using var client = Browser(app);
        // An unknown address gets the same answer and no message.
        var unknown = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Send", new Dictionary<string, string> { ["identifier"] = "nobody@example.com" });
        Assert.Contains("如果该号码或邮箱已注册", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sent = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Send", new Dictionary<string, string> { ["identifier"] = email });
        Assert.Contains("如果该号码或邮箱已注册", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = Assert.Single(await OutboxAsync(app, email, 1));
        Assert.Equal("Email", message.GetProperty("channel").GetString());
        var code = Regex.Match(message.GetProperty("body").GetString()!, "\\d{6}").Value;
        Assert.Contains("验证码", message.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(await OutboxAsync(app, "nobody@example.com", 0));
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            // The jobs table holds the code sealed only.
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE payload LIKE @code", new { code = $"%{code}%" }));
        }

        var wrongCode = code == "000000" ? "111111" : "000000";
        var wrong = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Reset",
            new Dictionary<string, string> { ["identifier"] = email, ["code"] = wrongCode, ["password"] = "NewPass2026" });
        Assert.Contains("错误或已过期", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var weak = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Reset",
            new Dictionary<string, string> { ["identifier"] = email, ["code"] = code, ["password"] = "onlyletters" });
        Assert.Contains("必须同时包含字母和数字", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reset = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Reset",
            new Dictionary<string, string> { ["identifier"] = email, ["code"] = code, ["password"] = "NewPass2026" });

        Assert.Equal("/account/login?reset=1", reset.Headers.Location!.OriginalString);

        // The code is spent, the old session ended, the new password works and the old one does not.
        var again = await PostAsync(client, "/account/forgot", "/account/forgot?handler=Reset",
            new Dictionary<string, string> { ["identifier"] = email, ["code"] = code, ["password"] = "Another2026" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, email, "Talent2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email.ToUpperInvariant(), "NewPass2026")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Flow_events_reach_the_other_side_s_inbox_and_a_reachable_talent_by_message(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        var phone = engine == "sqlite" ? "13700002222" : "13700003333";
        using var client = Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(client, phone)).StatusCode);
        await using var c = await db.OpenAsync(CancellationToken.None);
        var accountId = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE contact_masked = @m", new { m = ContactProtector.MaskPhone(phone) });

        // The registered talent creates their own record (once), with the phone sealed for a later reveal.
        var self = new Caller(accountId, Role.Talent, null, null, null);
        var draft = new TalentDraft
        {
            Name = "王小明", Phone = phone, BirthYear = 1995, Gender = Gender.Male, Education = EducationLevel.Bachelor, ResidenceRegionCode = "331122",
            WorkRegionCodes = ["331122"], Occupations = [new TalentOccupation("6-18-01-01", 3)], ConsentVersion = TalentDraft.CurrentConsentVersion,
        };
        var created = await app.Service<TalentWrites>().CreateAsync(self, draft, null, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, created.Status);
        var talentId = created.Value!.Id;
        Assert.Equal(talentId, await c.ExecuteScalarAsync<long?>("SELECT talent_id FROM accounts WHERE id = @accountId", new { accountId }));
        Assert.Equal(phone, app.Service<ContactProtector>().Unseal(
            await c.ExecuteScalarAsync<string>("SELECT phone_sealed FROM talents WHERE id = @talentId", new { talentId }) ?? ""));
        Assert.Equal(WriteStatus.Forbidden, (await app.Service<TalentWrites>().CreateAsync(self with { TalentId = talentId }, draft, null, CancellationToken.None)).Status);

        // The talent applies: the enterprise's users are told; the enterprise views: the talent is told, in the inbox and by SMS.
        var recruiterId = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'");
        var recruiter = new Caller(recruiterId, Role.EnterpriseRecruiter, 1, null, null);
        var positionId = await c.ExecuteScalarAsync<long>(
            "SELECT id FROM positions WHERE enterprise_id = 1 AND status = 0 AND headcount > 0 AND expires_on >= @today ORDER BY id LIMIT 1",
            new { today = ChinaTime.Today(TimeProvider.System) });
        var inbox = app.Service<Inbox>();
        var recruiterUnread = await inbox.UnreadCountAsync(recruiterId, CancellationToken.None);
        var talent = self with { TalentId = talentId };
        var applied = await app.Service<Applications>().ApplyAsync(talent, positionId, false, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, applied.Status);
        Assert.Equal(recruiterUnread + 1, await inbox.UnreadCountAsync(recruiterId, CancellationToken.None));
        var note = (await inbox.ListAsync(recruiterId, true, 1, 5, CancellationToken.None)).Items[0];
        Assert.Equal(("application.apply", applied.Value!.Id, "王小明"), (note.Kind, note.SubjectId, note.Args[2]));
        Assert.Equal(0, await inbox.UnreadCountAsync(accountId, CancellationToken.None));

        Assert.Equal(WriteStatus.Ok, (await app.Service<Applications>().ActAsync(recruiter, applied.Value.Id, new StepRequest(ApplicationAction.View),
            CancellationToken.None)).Status);
        Assert.Equal(1, await inbox.UnreadCountAsync(accountId, CancellationToken.None));
        var sms = Assert.Single(await OutboxAsync(app, phone, 1));
        Assert.Equal("Phone", sms.GetProperty("channel").GetString());
        Assert.Contains($"已查看您对岗位「{applied.Value.PositionTitle}」的投档", sms.GetProperty("body").GetString(), StringComparison.Ordinal);

        // The page: the badge, the list, opening marks read (signed in again: the record changed the account's rights).
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, phone, "Talent2026")).StatusCode);
        var header = await client.GetStringAsync("/me/notifications");
        Assert.Contains("1 条未读通知", header, StringComparison.Ordinal);
        Assert.Contains("已查看您对岗位", header, StringComparison.Ordinal);
        var mine = (await inbox.ListAsync(accountId, false, 1, 5, CancellationToken.None)).Items[0];
        var open = await PostAsync(client, "/me/notifications", "/me/notifications?handler=Open",
            new Dictionary<string, string> { ["id"] = mine.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["link"] = mine.Link });
        Assert.Equal($"/applications/{applied.Value.Id}", open.Headers.Location!.OriginalString);
        Assert.Equal(0, await inbox.UnreadCountAsync(accountId, CancellationToken.None));
        Assert.Contains("没有未读通知", await client.GetStringAsync("/me/notifications?unread=true"), StringComparison.Ordinal);
        // Someone else's notification cannot be marked through the form.
        Assert.Equal(0, await inbox.MarkReadAsync(accountId, note.Id, CancellationToken.None));
    }

    [Fact]
    public void Every_kind_of_flow_event_has_a_notification_text()
    {
        var kinds = Enum.GetValues<ApplicationAction>().Select(a => "application." + Applications.Action(a))
            .Concat(["application.apply", "application.acceptInvitation", "invitation.invite", "invitation.decline", "invitation.expire"]);
        Assert.All(kinds, k => Assert.True(NotificationTemplates.Has("Notify." + k), k));
    }
}
