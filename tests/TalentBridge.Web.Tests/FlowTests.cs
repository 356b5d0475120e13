using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The one-click flow (issue 6) on the demo data of both engines: apply, the enterprise's steps, signing with its
/// immutable agreement and the position's headcount, illegal steps, two recruiters at once, invitations and the
/// expiry jobs.
/// </summary>
public sealed class FlowTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private sealed class MovedTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private sealed record Setup(TestApp App, Database Db, Position Position, Caller Recruiter, Caller Talent, long TalentId, IReadOnlyList<long> Others)
    {
        /// <summary>The caller of another public talent.</summary>
        public Caller Other(int i) => Talent with { TalentId = Others[i] };

        public Applications Applications => App.Service<Applications>();
        public Invitations Invitations => App.Service<Invitations>();
    }

    /// <summary>A fresh open position of demo enterprise 1 (headcount <paramref name="headcount"/>) and six public talents from the <paramref name="nth"/>.</summary>
    private static async Task<Setup> SetupAsync(TestApp app, int nth, int headcount = 1)
    {
        var db = app.Service<Database>();
        await using var c = await db.OpenAsync(CancellationToken.None);
        var recruiterAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'");
        var talentAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'talent'");
        var talents = (await c.QueryAsync<long>("SELECT id FROM talents WHERE visibility = 0 ORDER BY id LIMIT 6 OFFSET @nth", new { nth })).ToList();
        var talentId = talents[0];
        var recruiter = new Caller(recruiterAccount, Role.EnterpriseRecruiter, 1, null, null);
        var enterprise = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!;
        var today = ChinaTime.Today(TimeProvider.System);
        var created = await app.Service<PositionWrites>().CreateAsync(recruiter, new Position
        {
            EnterpriseId = 1, Title = $"流程测试岗位{nth}", OccupationCode = "6-18-01-01", RegionCode = enterprise.RegionCode, Headcount = headcount,
            SalaryMin = 6000, SalaryMax = 9000, PostedOn = today, ExpiresOn = today.AddDays(30),
        }, null, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, created.Status);
        return new Setup(app, db, created.Value!, recruiter, new Caller(talentAccount, Role.Talent, null, null, talentId), talentId, talents[1..]);
    }

    private static OfferTerms Offer(Setup s, int signInDays = 3) => new()
    {
        PositionTitle = s.Position.Title, OccupationCode = s.Position.OccupationCode, MonthlySalary = 7500, MonthsPerYear = 13,
        StartOn = ChinaTime.Today(TimeProvider.System).AddDays(10), RegionCode = s.Position.RegionCode, ProbationMonths = 2,
        SignBy = ChinaTime.Today(TimeProvider.System).AddDays(signInDays),
    };

    private static async Task<Application> StepAsync(Setup s, Caller caller, long id, StepRequest request)
    {
        var result = await s.Applications.ActAsync(caller, id, request, CancellationToken.None);
        Assert.True(result.Status == WriteStatus.Ok, $"{request.Action}: {result.Status} {result.Errors}");
        return result.Value!;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_applies_and_signs_the_offer_and_the_agreement_and_position_follow(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 0);
        var applied = await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, applied.Status);
        var id = applied.Value!.Id;
        Assert.Equal(ApplicationState.Applied, applied.Value.State);
        var again = await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None);
        Assert.Equal(["has an open application of yours already"], again.Errors.ToDictionary()["positionId"]);

        await StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.View));
        await StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.Shortlist));
        var noPlace = await s.Applications.ActAsync(s.Recruiter, id, new StepRequest(ApplicationAction.ScheduleInterview,
            InterviewAt: DateTimeOffset.UtcNow.AddDays(2)), CancellationToken.None);
        Assert.Equal(WriteStatus.Invalid, noPlace.Status);
        Assert.Contains("interviewPlace", noPlace.Errors.ToDictionary().Keys);
        await StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.ScheduleInterview, InterviewAt: DateTimeOffset.UtcNow.AddDays(2),
            InterviewPlace: "缙云县五云街道工业园 3 号楼"));
        var badOffer = await s.Applications.ActAsync(s.Recruiter, id, new StepRequest(ApplicationAction.Offer, Offer: Offer(s) with { MonthlySalary = 0 }),
            CancellationToken.None);
        Assert.Contains("monthlySalary", badOffer.Errors.ToDictionary().Keys);
        var offered = await StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.Offer, Offer: Offer(s)));
        Assert.Equal(7500, offered.Offer!.MonthlySalary);
        var signed = await StepAsync(s, s.Talent, id, new StepRequest(ApplicationAction.Sign, offered.Version));
        Assert.Equal(ApplicationState.Signed, signed.State);

        var history = await s.Applications.HistoryAsync(id, CancellationToken.None);
        Assert.Equal(["apply", "view", "shortlist", "scheduleInterview", "offer", "sign"], history.Select(h => h.Action));
        Assert.Equal(history.Select(h => h.To).SkipLast(1), history.Skip(1).Select(h => h.From!.Value));

        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        var kinds = (await c.QueryAsync<string>("SELECT kind FROM events WHERE subject_type = 'application' AND subject_id = @id ORDER BY id", new { id })).ToList();
        Assert.Equal(history.Select(h => "application." + h.Action), kinds);
        Assert.Equal(6, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject_type = 'application' AND subject_id = @id", new { id }));

        // The agreement's hash is that of its stored terms and confirmations; it cannot be changed or removed.
        DateTimeOffset offeredAt = default, signedAt = default;
        string terms = "", hash = "";
        long? offeredBy = null, signedBy = null;
        await using (var reader = await c.ExecuteReaderAsync(
            "SELECT terms, offered_at, offered_by, signed_at, signed_by, content_hash FROM agreements WHERE application_id = @id", new { id }))
        {
            Assert.True(await reader.ReadAsync());
            (terms, offeredAt, offeredBy, signedAt, signedBy, hash) = (reader.GetString(0), reader.Timestamp(1), reader.NullableLong(2), reader.Timestamp(3),
                reader.NullableLong(4), reader.GetString(5));
        }
        Assert.Equal(hash, JsonSerializer.Deserialize<OfferTerms>(terms, Row.Json)!.AgreementHash(id, s.TalentId, 1, offeredAt, offeredBy, signedAt, signedBy));
        Assert.Equal((s.Recruiter.AccountId, s.Talent.AccountId), (offeredBy, signedBy));
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("UPDATE agreements SET content_hash = 'x' WHERE application_id = @id", new { id }));
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("DELETE FROM agreements WHERE application_id = @id", new { id }));

        var position = (await s.App.Service<PositionStore>().FindAsync(s.Position.Id, CancellationToken.None))!;
        Assert.Equal((0, PositionStatus.Closed), (position.Headcount, position.Status));
        Assert.Equal(["is not open for applications"],
            (await s.Applications.ApplyAsync(s.Other(0), s.Position.Id, false, CancellationToken.None)).Errors.ToDictionary()["positionId"]);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Offers_beyond_the_headcount_cannot_all_be_signed(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 30, headcount: 1);
        var first = (await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None)).Value!.Id;
        var second = (await s.Applications.ApplyAsync(s.Other(0), s.Position.Id, false, CancellationToken.None)).Value!.Id;
        var offers = new[] { first, second }.Select(id => StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.Offer, Offer: Offer(s)))).ToList();
        await Task.WhenAll(offers);
        await StepAsync(s, s.Talent, first, new StepRequest(ApplicationAction.Sign));
        var late = await s.Applications.ActAsync(s.Other(0), second, new StepRequest(ApplicationAction.Sign), CancellationToken.None);
        Assert.Equal(["the position has no place left"], late.Errors.ToDictionary()["action"]);
        // Nothing of the refused step was kept: still offered, no agreement, the position full and closed once.
        Assert.Equal(ApplicationState.Offered, (await s.Applications.FindAsync(s.Other(0), second, CancellationToken.None))!.State);
        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM agreements WHERE position_id = @Id", new { s.Position.Id }));
        var position = (await s.App.Service<PositionStore>().FindAsync(s.Position.Id, CancellationToken.None))!;
        Assert.Equal((0, PositionStatus.Closed), (position.Headcount, position.Status));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM application_events WHERE application_id = @second AND action = 'sign'",
            new { second }) + 1);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Illegal_steps_and_strangers_are_refused_with_the_rule(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 6, headcount: 3);
        var id = (await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None)).Value!.Id;
        var shortlistByTalent = await s.Applications.ActAsync(s.Talent, id, new StepRequest(ApplicationAction.Shortlist), CancellationToken.None);
        Assert.Equal(["only the enterprise may shortlist an application"], shortlistByTalent.Errors.ToDictionary()["action"]);
        var signTooEarly = await s.Applications.ActAsync(s.Talent, id, new StepRequest(ApplicationAction.Sign), CancellationToken.None);
        Assert.Equal(["cannot sign an application that is applied"], signTooEarly.Errors.ToDictionary()["action"]);
        var stranger = s.Other(0);
        Assert.Equal(WriteStatus.NotFound, (await s.Applications.ActAsync(stranger, id, new StepRequest(ApplicationAction.Withdraw), CancellationToken.None)).Status);
        Assert.Null(await s.Applications.FindAsync(new Caller(s.Recruiter.AccountId, Role.EnterpriseRecruiter, 2, null, null), id, CancellationToken.None));

        await StepAsync(s, s.Talent, id, new StepRequest(ApplicationAction.Withdraw));
        var afterWithdrawal = await s.Applications.ActAsync(s.Recruiter, id, new StepRequest(ApplicationAction.Shortlist), CancellationToken.None);
        Assert.Equal(["cannot shortlist an application that is withdrawn: it is closed"], afterWithdrawal.Errors.ToDictionary()["action"]);
        // The position keeps its record of applications: it is closed, not deleted.
        var delete = await s.App.Service<PositionWrites>().DeleteAsync(s.Recruiter, s.Position.Id, null, CancellationToken.None);
        Assert.Equal(["has 1 applications and invitations; close it instead"], delete.Errors.ToDictionary()["id"]);
        // A withdrawn application is closed: the talent may apply again.
        Assert.Equal(WriteStatus.Ok, (await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None)).Status);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Two_recruiters_acting_on_one_application_at_once_move_it_once(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 12, headcount: 3);
        for (var round = 0; round < 5; round++)
        {
            var talent = s.Other(round);
            var id = (await s.Applications.ApplyAsync(talent, s.Position.Id, false, CancellationToken.None)).Value!.Id;
            // Both saw version 1; one shortlists while the other refuses.
            var results = await Task.WhenAll(
                Task.Run(() => s.Applications.ActAsync(s.Recruiter, id, new StepRequest(ApplicationAction.Shortlist, 1), CancellationToken.None)),
                Task.Run(() => s.Applications.ActAsync(s.Recruiter, id, new StepRequest(ApplicationAction.Refuse, 1, Reason: "岗位已满"), CancellationToken.None)));
            Assert.Single(results, r => r.Status == WriteStatus.Ok);
            Assert.Single(results, r => r.Status == WriteStatus.Conflict);
            var history = await s.Applications.HistoryAsync(id, CancellationToken.None);
            var stored = (await s.Applications.FindAsync(s.Recruiter, id, CancellationToken.None))!;
            Assert.Equal(2, history.Count);
            Assert.Equal((history[^1].To, 2), (stored.State, stored.Version));
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_invitation_is_accepted_into_an_application_or_declined_or_expires(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 18, headcount: 5);
        var invited = await s.Invitations.InviteAsync(s.Recruiter, s.Position.Id, s.TalentId, "您好，诚邀您来面试数控车工岗位。", 7, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, invited.Status);
        var twice = await s.Invitations.InviteAsync(s.Recruiter, s.Position.Id, s.TalentId, "再次邀请", 7, CancellationToken.None);
        Assert.Equal(["has an open invitation to this position already"], twice.Errors.ToDictionary()["talentId"]);
        Assert.Contains("message", (await s.Invitations.InviteAsync(s.Recruiter, s.Position.Id, s.Others[0], " ", 7, CancellationToken.None)).Errors.ToDictionary().Keys);
        Assert.Contains("positionId", (await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None)).Errors.ToDictionary().Keys);

        var accepted = await s.Invitations.AnswerAsync(s.Talent, invited.Value!.Id, InvitationAction.Accept, invited.Value.Version, true, CancellationToken.None);
        Assert.Equal(InvitationState.Accepted, accepted.Value!.State);
        var application = (await s.Applications.FindAsync(s.Talent, accepted.Value.ApplicationId!.Value, CancellationToken.None))!;
        Assert.Equal((invited.Value.Id, ApplicationState.Applied, true), (application.InvitationId!.Value, application.State, application.KeepForOtherPositions));
        var late = await s.Invitations.AnswerAsync(s.Talent, invited.Value.Id, InvitationAction.Decline, null, false, CancellationToken.None);
        Assert.Equal(["cannot decline an invitation that is accepted: it is closed"], late.Errors.ToDictionary()["action"]);

        var other = s.Other(0);
        var second = (await s.Invitations.InviteAsync(s.Recruiter, s.Position.Id, other.TalentId!.Value, "邀请", 1, CancellationToken.None)).Value!;
        Assert.Equal(InvitationState.Declined,
            (await s.Invitations.AnswerAsync(other, second.Id, InvitationAction.Decline, null, false, CancellationToken.None)).Value!.State);

        // The expiry job of an unanswered invitation, run by a node whose clock has passed the deadline.
        var third = s.Other(1);
        var unanswered = (await s.Invitations.InviteAsync(s.Recruiter, s.Position.Id, third.TalentId!.Value, "邀请", 1, CancellationToken.None)).Value!;
        var reference = s.App.Service<ReferenceData>();
        var later = new MovedTime(TimeSpan.FromDays(2));
        var handler = new FlowExpiryHandler(new Applications(s.Db, reference, later), new Invitations(s.Db, reference, later));
        var job = new Job(0, Applications.ExpireJobKind, JsonSerializer.Serialize(new ExpiryPayload("invitation", unanswered.Id), Row.Json), 1);
        await new FlowExpiryHandler(s.Applications, s.Invitations).RunAsync(job, CancellationToken.None);
        Assert.Equal(InvitationState.Sent, (await s.Invitations.FindAsync(third, unanswered.Id, CancellationToken.None))!.State);
        await handler.RunAsync(job, CancellationToken.None);
        await handler.RunAsync(job, CancellationToken.None);
        Assert.Equal(InvitationState.Expired, (await s.Invitations.FindAsync(third, unanswered.Id, CancellationToken.None))!.State);
        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM events WHERE kind = 'invitation.expire' AND subject_id = @id", new { id = unanswered.Id }));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM jobs WHERE kind = @kind AND payload LIKE @payload", new { kind = Applications.ExpireJobKind, payload = $"%\"id\":{unanswered.Id}}}%" }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_unsigned_offer_expires_after_its_last_signing_day(string engine)
    {
        var s = await SetupAsync(await apps.For(engine), 24, headcount: 2);
        var id = (await s.Applications.ApplyAsync(s.Talent, s.Position.Id, false, CancellationToken.None)).Value!.Id;
        await StepAsync(s, s.Recruiter, id, new StepRequest(ApplicationAction.Offer, Offer: Offer(s, signInDays: 1)));
        var job = new Job(0, Applications.ExpireJobKind, JsonSerializer.Serialize(new ExpiryPayload("application", id), Row.Json), 1);
        var reference = s.App.Service<ReferenceData>();
        await new FlowExpiryHandler(new Applications(s.Db, reference, new MovedTime(TimeSpan.FromDays(1))), s.Invitations).RunAsync(job, CancellationToken.None);
        Assert.Equal(ApplicationState.Offered, (await s.Applications.FindAsync(s.Talent, id, CancellationToken.None))!.State);
        await new FlowExpiryHandler(new Applications(s.Db, reference, new MovedTime(TimeSpan.FromDays(3))), s.Invitations).RunAsync(job, CancellationToken.None);
        var expired = (await s.Applications.FindAsync(s.Talent, id, CancellationToken.None))!;
        Assert.Equal(ApplicationState.Expired, expired.State);
        Assert.Equal(FlowActor.System, (await s.Applications.HistoryAsync(id, CancellationToken.None))[^1].Actor);
    }
}
