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
using TalentBridge.Platform.Privacy;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Personal-information rights (issue 6, item 8) and the agreement's page (item 5) on both engines: the contact reveal
/// only to an enterprise applied to, audited with the reason and shown to the talent; the download of everything held;
/// deletion by anonymisation that keeps counts and the agreements' hashes; the retention of refused snapshots.
/// </summary>
public sealed partial class PersonalDataTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private sealed record Person(long AccountId, long TalentId, string Phone, Caller Caller);

    /// <summary>A registered talent with their own record (the phone sealed), as the pages make one.</summary>
    private static async Task<Person> RegisterAsync(TestApp app, string phone)
    {
        var registered = await app.Service<PublicAccounts>().RegisterAsync(
            new RegistrationRequest(phone, "李四", "Talent2026", TalentDraft.CurrentConsentVersion, "zh-CN"), "10.0.0." + phone[^2..], CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, registered.Result.Status);
        var accountId = registered.Result.Value!.Id;
        var created = await app.Service<TalentWrites>().CreateAsync(new Caller(accountId, Role.Talent, null, null, null), new TalentDraft
        {
            Name = "李四", Phone = phone, BirthYear = 1990, Gender = Gender.Female, Education = EducationLevel.Master, Major = "机械设计",
            ResidenceRegionCode = "331122", WorkRegionCodes = ["331122"], Occupations = [new TalentOccupation("6-18-01-01", 5)],
            Skills = [new TalentSkill("数控编程", 4)], ConsentVersion = TalentDraft.CurrentConsentVersion,
        }, null, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, created.Status);
        return new Person(accountId, created.Value!.Id, phone, new Caller(accountId, Role.Talent, null, null, created.Value.Id));
    }

    /// <summary>The demo recruiter of enterprise 1 and three fresh open positions of it.</summary>
    private static async Task<(Caller Recruiter, long[] Positions)> RecruiterAsync(TestApp app)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var recruiter = new Caller(await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'"), Role.EnterpriseRecruiter, 1, null,
            null);
        var region = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!.RegionCode;
        var today = ChinaTime.Today(TimeProvider.System);
        var positions = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var created = await app.Service<PositionWrites>().CreateAsync(recruiter, new Position
            {
                EnterpriseId = 1, Title = $"个人信息测试岗位{i}", OccupationCode = "6-18-01-01", RegionCode = region, Headcount = 5, SalaryMin = 6000,
                SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
            }, null, CancellationToken.None);
            positions.Add(created.Value!.Id);
        }
        return (recruiter, [.. positions]);
    }

    private static async Task<Application> StepAsync(TestApp app, Caller caller, long id, StepRequest request)
    {
        var result = await app.Service<Applications>().ActAsync(caller, id, request, CancellationToken.None);
        Assert.True(result.Status == WriteStatus.Ok, $"{request.Action}: {result.Status} {result.Errors}");
        return result.Value!;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_contact_is_revealed_only_to_an_enterprise_applied_to_with_a_logged_reason(string engine)
    {
        var app = await apps.For(engine);
        var person = await RegisterAsync(app, engine == "sqlite" ? "13600001001" : "13600002001");
        var (recruiter, positions) = await RecruiterAsync(app);
        var applications = app.Service<Applications>();
        var privacy = app.Service<PersonalData>();
        var id = (await applications.ApplyAsync(person.Caller, positions[0], false, CancellationToken.None)).Value!.Id;

        Assert.Equal(WriteStatus.Invalid, (await privacy.RevealContactAsync(recruiter, id, " ", CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.NotFound, (await privacy.RevealContactAsync(recruiter with { EnterpriseId = 2 }, id, "面试", CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.Forbidden, (await privacy.RevealContactAsync(person.Caller, id, "面试", CancellationToken.None)).Status);
        var (status, phone, _) = await privacy.RevealContactAsync(recruiter, id, "电话确认面试时间", CancellationToken.None);
        Assert.Equal((WriteStatus.Ok, person.Phone), (status, phone));

        // The talent sees who looked and why; the download and the page view are themselves logged.
        var export = (await privacy.ExportAsync(person.Caller, "test", CancellationToken.None))!;
        var view = Assert.Single(export.Views, v => v.Reason.Contains("contact reveal", StringComparison.Ordinal));
        Assert.Contains("电话确认面试时间", view.Reason, StringComparison.Ordinal);
        Assert.NotNull(view.Who);
        Assert.Equal(id, Assert.Single(export.Applications).Application.Id);
        Assert.Equal("李四", export.Applications[0].SentProfile!.Name);
        Assert.Equal("apply", Assert.Single(export.Applications[0].History).Action);
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'export' AND subject_type = 'talent' AND subject_id = @TalentId", new { person.TalentId }));

        // A demo record has no sealed phone: the reveal says so, on the field.
        var demo = await c.ExecuteScalarAsync<long>("SELECT id FROM talents WHERE phone_sealed IS NULL AND visibility = 0 ORDER BY id LIMIT 1");
        var demoAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'talent'");
        var demoApplication = (await applications.ApplyAsync(new Caller(demoAccount, Role.Talent, null, null, demo), positions[1], false, CancellationToken.None)).Value!;
        var none = await privacy.RevealContactAsync(recruiter, demoApplication.Id, "面试", CancellationToken.None);
        Assert.Equal(["the talent left no phone number the platform may show; write in the conversation instead"], none.Errors.ToDictionary()["reason"]);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Deletion_anonymises_the_person_and_keeps_counts_and_the_signed_agreement(string engine)
    {
        var app = await apps.For(engine);
        var person = await RegisterAsync(app, engine == "sqlite" ? "13600001002" : "13600002002");
        var (recruiter, positions) = await RecruiterAsync(app);
        var applications = app.Service<Applications>();
        var signedId = (await applications.ApplyAsync(person.Caller, positions[0], false, CancellationToken.None)).Value!.Id;
        var offer = new OfferTerms
        {
            PositionTitle = "数控工程师", OccupationCode = "6-18-01-01", MonthlySalary = 9000, MonthsPerYear = 13, RegionCode = "331122", ProbationMonths = 3,
            StartOn = ChinaTime.Today(TimeProvider.System).AddDays(20), SignBy = ChinaTime.Today(TimeProvider.System).AddDays(5),
        };
        var offered = await StepAsync(app, recruiter, signedId, new StepRequest(ApplicationAction.Offer, Offer: offer));
        await StepAsync(app, person.Caller, signedId, new StepRequest(ApplicationAction.Sign, offered.Version));
        var openId = (await applications.ApplyAsync(person.Caller, positions[1], true, CancellationToken.None)).Value!.Id;
        var sent = await app.Service<Conversations>().SendAsync(person.Caller, new ConversationKey(ConversationKind.Application, openId),
            "我的微信号是 lisi1990", null, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, sent.Status);

        // The agreement's page for the talent: verified, printable, downloadable (audited); nobody else's.
        var agreement = (await app.Service<Agreements>().FindAsync(person.Caller, signedId, CancellationToken.None))!;
        Assert.True(agreement.HashMatches);
        Assert.Null(await app.Service<Agreements>().FindAsync(recruiter with { EnterpriseId = 2 }, signedId, CancellationToken.None));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var login = await client.GetStringAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = person.Phone, ["Password"] = "Talent2026", ["__RequestVerificationToken"] = FormToken().Match(login).Groups[1].Value,
        }))).StatusCode);
        var page = await client.GetStringAsync($"/agreements/{signedId}");
        Assert.Contains("校验通过", page, StringComparison.Ordinal);
        Assert.Contains(agreement.ContentHash, page, StringComparison.Ordinal);
        var download = await client.GetAsync($"/agreements/{signedId}?handler=Download");
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(agreement.ContentHash, JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement.GetProperty("contentHash").GetString());
        var data = await client.GetStringAsync("/me/data");
        Assert.Contains("136****", data, StringComparison.Ordinal);
        var json = JsonDocument.Parse(await client.GetStringAsync("/me/data?handler=Download")).RootElement;
        Assert.Equal(2, json.GetProperty("applications").GetArrayLength());
        Assert.Contains("lisi1990", json.GetProperty("messages").ToString(), StringComparison.Ordinal);

        // A wrong password deletes nothing; the right one anonymises and signs out.
        var privacy = app.Service<PersonalData>();
        Assert.Equal(["is not the password of this account"],
            (await privacy.DeleteAsync(person.Caller, "wrong", CancellationToken.None)).Errors.ToDictionary()["password"]);
        var form = await client.GetStringAsync("/me/data");
        var deleted = await client.PostAsync("/me/data?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["password"] = "Talent2026", ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value,
        }));
        Assert.Equal("/?deleted=1", deleted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);

        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var talent = await c.QuerySingleAsync<(string Name, string Masked, string? Sealed, string? Major, string Skills)>(
            "SELECT name, phone_masked, phone_sealed, major, skills FROM talents WHERE id = @TalentId", new { person.TalentId });
        Assert.Equal((PersonalData.AnonymisedName, "***", null, null, "[]"), (talent.Name, talent.Masked, talent.Sealed, talent.Major, talent.Skills));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts WHERE contact_hash IS NOT NULL AND id = @AccountId", new { person.AccountId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM applications WHERE talent_id = @TalentId AND snapshot IS NOT NULL", new { person.TalentId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM messages WHERE application_id = @openId", new { openId }));
        // Counts remain: both applications, the open one now withdrawn (the enterprise was told); the agreement and its hash.
        var states = (await c.QueryAsync<int>("SELECT state FROM applications WHERE talent_id = @TalentId ORDER BY id", new { person.TalentId })).ToList();
        Assert.Equal([(int)ApplicationState.Signed, (int)ApplicationState.Withdrawn], states);
        Assert.Equal(agreement.ContentHash, await c.ExecuteScalarAsync<string>("SELECT content_hash FROM agreements WHERE application_id = @signedId", new { signedId }));
        var note = (await app.Service<Inbox>().ListAsync(recruiter.AccountId!.Value, false, 1, 20, CancellationToken.None)).Items
            .First(n => n.SubjectId == openId && n.Kind == "application.withdraw");
        Assert.Equal(PersonalData.AnonymisedName, note.Args[2]);
        // The name is no longer found by the search, and the phone number can register again.
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM talent_terms WHERE talent_id = @TalentId AND term = '李四'", new { person.TalentId }));
        var again = await app.Service<PublicAccounts>().RegisterAsync(
            new RegistrationRequest(person.Phone, "李四", "Talent2026", TalentDraft.CurrentConsentVersion, "zh-CN"), "10.9.9.9", CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, again.Result.Status);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Refused_snapshots_are_deleted_after_the_period_unless_the_talent_agreed_to_be_kept(string engine)
    {
        var app = await apps.For(engine);
        var person = await RegisterAsync(app, engine == "sqlite" ? "13600001003" : "13600002003");
        var (recruiter, positions) = await RecruiterAsync(app);
        var applications = app.Service<Applications>();
        var dropped = (await applications.ApplyAsync(person.Caller, positions[0], false, CancellationToken.None)).Value!.Id;
        var kept = (await applications.ApplyAsync(person.Caller, positions[1], true, CancellationToken.None)).Value!.Id;
        var open = (await applications.ApplyAsync(person.Caller, positions[2], false, CancellationToken.None)).Value!.Id;
        await StepAsync(app, recruiter, dropped, new StepRequest(ApplicationAction.Refuse, Reason: "经验不符"));
        await StepAsync(app, recruiter, kept, new StepRequest(ApplicationAction.Refuse, Reason: "经验不符"));

        var privacy = app.Service<PersonalData>();
        await privacy.ApplyRetentionAsync(TimeSpan.FromDays(1), CancellationToken.None);
        Assert.NotNull(await applications.SentProfileAsync(dropped, CancellationToken.None));
        await privacy.ApplyRetentionAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Null(await applications.SentProfileAsync(dropped, CancellationToken.None));
        Assert.NotNull(await applications.SentProfileAsync(kept, CancellationToken.None));
        Assert.NotNull(await applications.SentProfileAsync(open, CancellationToken.None));
    }
}
