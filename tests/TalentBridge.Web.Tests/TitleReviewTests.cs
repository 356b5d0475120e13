using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using TalentBridge.Domain;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The 职称 review on both engines (issue 15, item 5): an application from apply to the certificate's public check,
/// with the employer's publicity and the result notice in working days, an objection that blocks until resolved,
/// conflict-of-interest exclusion, the quorum, the secret ballot exactly at two thirds, revocation; the API's scope and
/// the public verification; talent recognition feeding a shared-pool application (item 4). Time is a
/// <see cref="FakeTimeProvider"/>; each test uses a talent, an enterprise and experts of its own.
/// </summary>
public sealed class TitleReviewTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private sealed record Setup(TestApp App, Database Db, FakeTimeProvider Time, TitleReviews Reviews, Caller Applicant, string ApplicantName, Caller Employer,
        Caller Operator, long EmployerId, IReadOnlyList<(long ExpertId, Caller Caller)> Experts, long CommitteeId);

    private static long _unique;

    private static async Task<Caller> AccountAsync(TestApp app, string name, Role role, long? enterpriseId, string? region, long? talentId)
    {
        var accounts = app.Service<AccountStore>();
        var userName = $"tr.{app.Engine}.{name}.{Guid.NewGuid():N}";
        var id = await accounts.CreateAsync(userName, userName, app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Secret#2026"), role,
            enterpriseId, region, talentId, DateTimeOffset.UtcNow, CancellationToken.None);
        return new Caller(id, role, enterpriseId, region, talentId);
    }

    /// <summary>A fresh applicant (a talent without applications) of an enterprise in 丽水, five experts — the first at the applicant's employer — and a committee of the other four.</summary>
    private static async Task<Setup> SetupAsync(TestApp app)
    {
        var db = app.Service<Database>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 8, 2, 0, 0, TimeSpan.Zero));
        var reviews = new TitleReviews(db, app.Service<ReferenceData>(), app.Service<WorkCalendars>(), app.Service<SignInThrottle>(), time);
        await using var c = await db.OpenAsync(CancellationToken.None);
        var n = Interlocked.Increment(ref _unique);
        var talents = (await c.QueryAsync<(long Id, string Name)>(
            "SELECT id, name FROM talents WHERE id NOT IN (SELECT talent_id FROM tr_applications) AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) " +
            "ORDER BY id DESC LIMIT 6 OFFSET @skip", new { skip = n * 6 })).ToList();
        var employerId = await c.QueryFirstAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '3311%' ORDER BY id LIMIT 1 OFFSET @n", new { n = 20 + n });
        var otherEmployer = await c.QueryFirstAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '3311%' AND id <> @employerId ORDER BY id LIMIT 1", new { employerId });
        var applicant = await AccountAsync(app, "applicant", Role.Talent, null, null, talents[0].Id);
        var employer = await AccountAsync(app, "employer", Role.EnterpriseAdmin, employerId, null, null);
        var operatorCaller = await AccountAsync(app, "operator", Role.Operator, null, "3311", null);
        var committee = await c.ExecuteScalarAsync<long>("INSERT INTO tr_committees (name, region_code, created_at) VALUES ('测试评委会', '331100000000', @now) RETURNING id",
            new { now = Database.Utc(DateTimeOffset.UtcNow) });
        var experts = new List<(long, Caller)>();
        for (var i = 1; i <= 5; i++)
        {
            var caller = await AccountAsync(app, $"expert{i}", Role.Talent, null, null, talents[i].Id);
            var expertId = await c.ExecuteScalarAsync<long>(
                "INSERT INTO tr_experts (account_id, talent_id, employer_id, name, specialty, region_code, committee_id, created_at) " +
                "VALUES (@account, @talent, @employer, @name, '机械工程', '331100000000', @committee, @now) RETURNING id",
                new { account = caller.AccountId, talent = talents[i].Id, employer = i == 1 ? employerId : otherEmployer, name = $"专家{i}号", committee = i == 1 ? (long?)null : committee, now = Database.Utc(DateTimeOffset.UtcNow) });
            experts.Add((expertId, caller));
        }
        return new Setup(app, db, time, reviews, applicant, talents[0].Name, employer, operatorCaller, employerId, experts, committee);
    }

    private static TitleReviewDraft Draft(Setup s, long? referee = null) => new()
    {
        EmployerId = s.EmployerId, Series = "工程技术", TitleName = "高级工程师", TitleLevel = ProfessionalTitleLevel.AssociateSenior,
        Summary = "主持完成数控产线改造，获市科技进步二等奖。", RefereeExpertIds = referee is null ? [] : [referee.Value],
    };

    private static TitleReviewDetail Ok(WriteResult<TitleReviewDetail> result)
    {
        Assert.True(result.Status == WriteStatus.Ok, $"{result.Status}: {result.Errors}");
        return result.Value!;
    }

    private static string Error(WriteResult<TitleReviewDetail> result, string field)
    {
        Assert.Equal(WriteStatus.Invalid, result.Status);
        return string.Join(" | ", result.Errors.ToDictionary()[field]);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_application_goes_from_apply_to_a_verified_certificate_with_every_rule_kept(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var ct = CancellationToken.None;
        var (conflicted, a, b, c2, d) = (s.Experts[0], s.Experts[1], s.Experts[2], s.Experts[3], s.Experts[4]);

        var applied = Ok(await s.Reviews.ApplyAsync(s.Applicant, Draft(s, referee: d.ExpertId), ct));
        var id = applied.Application.Id;
        Assert.Equal(TitleReviewState.EmployerReview, applied.Application.State);
        Assert.Equal(WriteStatus.Invalid, (await s.Reviews.ApplyAsync(s.Applicant, Draft(s), ct)).Status);
        // Only the employer's side starts the publicity.
        Assert.Contains("only the enterprise", Error(await s.Reviews.StepAsync(s.Applicant, id, TitleReviewAction.StartPublicity, null, null, ct), "action"), StringComparison.Ordinal);
        var publicity = Ok(await s.Reviews.StepAsync(s.Employer, id, TitleReviewAction.StartPublicity, null, null, ct));
        // Posted Monday 8 June 2026 (China time): five working days 9–15 June.
        Assert.Equal(new DateOnly(2026, 6, 15), publicity.Notices.Single().Period.LastDay);
        Assert.Contains("2026-06-15", Error(await s.Reviews.StepAsync(s.Employer, id, TitleReviewAction.Recommend, null, null, ct), "action"), StringComparison.Ordinal);

        // An objection during the publicity blocks the recommendation until the employer resolves it.
        var objected = (await s.Reviews.ObjectAsync(s.Experts[4].Caller, id, "业绩材料存疑", ct)).Value!;
        s.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal("has 1 unresolved objections", Error(await s.Reviews.StepAsync(s.Employer, id, TitleReviewAction.Recommend, null, null, ct), "action"));
        Assert.Equal(WriteStatus.Invalid, (await s.Reviews.ObjectAsync(s.Experts[4].Caller, id, "期满后的异议", ct)).Status);
        Ok(await s.Reviews.ResolveObjectionAsync(s.Employer, id, objected.Id, ObjectionResolution.Dismissed, "经核实材料属实", ct));
        Ok(await s.Reviews.StepAsync(s.Employer, id, TitleReviewAction.Recommend, null, null, ct));
        Assert.Equal("is required", Error(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.RefuseEligibility, null, null, ct), "reason"));
        var eligible = Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.ConfirmEligibility, null, null, ct));
        Assert.Equal(TitleReviewState.PanelAssignment, eligible.Application.State);

        // Conflicts of interest: the employer's own expert and the applicant's referee are excluded, with the reason.
        var candidates = (await s.Reviews.CandidatesAsync(s.Operator, id, ct))!;
        Assert.Equal([ConflictReason.SameEmployer], candidates.Single(x => x.ExpertId == conflicted.ExpertId).Conflicts);
        Assert.Equal([ConflictReason.Referee], candidates.Single(x => x.ExpertId == d.ExpertId).Conflicts);
        Assert.Null(await s.Reviews.CandidatesAsync(s.Applicant, id, ct));
        Assert.Contains("same employer", Error(await s.Reviews.AssignPanelAsync(s.Operator, id, [conflicted.ExpertId, a.ExpertId, b.ExpertId], null, ct), "expertIds"),
            StringComparison.Ordinal);
        Assert.Contains("at least 3", Error(await s.Reviews.AssignPanelAsync(s.Operator, id, [a.ExpertId, b.ExpertId], null, ct), "expertIds"), StringComparison.Ordinal);
        Ok(await s.Reviews.AssignPanelAsync(s.Operator, id, [a.ExpertId, b.ExpertId, c2.ExpertId], null, ct));

        // Scores: every panel expert, within the scale; the scoring closes only when all have scored.
        Assert.Equal(WriteStatus.Invalid, (await s.Reviews.ScoreAsync(a.Caller, id, 101, null, ct)).Status);
        Assert.Equal(WriteStatus.NotFound, (await s.Reviews.ScoreAsync(d.Caller, id, 80, null, ct)).Status);
        Ok(await s.Reviews.ScoreAsync(a.Caller, id, 85, "业绩突出", ct));
        Ok(await s.Reviews.ScoreAsync(b.Caller, id, 78, null, ct));
        Assert.Equal("waits for 1 panel scores", Error(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.CloseScoring, null, null, ct), "action"));
        Ok(await s.Reviews.ScoreAsync(c2.Caller, id, 90, null, ct));
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.CloseScoring, null, null, ct));

        // The committee has four members (a, b, c2, d); d is the applicant's referee and may not sit. Three of four is the quorum.
        Assert.Contains("excluded", Error(await s.Reviews.OpenBallotAsync(s.Operator, id, s.CommitteeId, [a.ExpertId, b.ExpertId, d.ExpertId], null, ct), "presentExpertIds"),
            StringComparison.Ordinal);
        Assert.Contains("quorum is 3 of 4", Error(await s.Reviews.OpenBallotAsync(s.Operator, id, s.CommitteeId, [a.ExpertId, b.ExpertId], null, ct), "presentExpertIds"),
            StringComparison.Ordinal);
        var voting = Ok(await s.Reviews.OpenBallotAsync(s.Operator, id, s.CommitteeId, [a.ExpertId, b.ExpertId, c2.ExpertId], null, ct));
        Assert.Equal((4, 3), (voting.Ballot!.Members, voting.Ballot.Present));

        // Two yes of three present is exactly two thirds: 以上 includes it, so the application passes.
        Ok(await s.Reviews.VoteAsync(a.Caller, id, Vote.Yes, ct));
        Assert.Equal("you have voted already", Error(await s.Reviews.VoteAsync(a.Caller, id, Vote.No, ct), "vote"));
        Assert.Equal(WriteStatus.NotFound, (await s.Reviews.VoteAsync(d.Caller, id, Vote.Yes, ct)).Status);
        Ok(await s.Reviews.VoteAsync(b.Caller, id, Vote.No, ct));
        Assert.Equal("waits for 1 votes", Error(await s.Reviews.CloseBallotAsync(s.Operator, id, null, ct), "action"));
        Ok(await s.Reviews.VoteAsync(c2.Caller, id, Vote.Yes, ct));
        var passed = Ok(await s.Reviews.CloseBallotAsync(s.Operator, id, null, ct));
        Assert.Equal(TitleReviewState.Passed, passed.Application.State);
        Assert.Equal(new BallotTally(4, 3, 2, 1, 0), passed.Ballot!.Tally);

        // Secret ballot: who voted is stored, the votes are not linked to anyone; the audit rows name voters, never votes.
        await using (var c = await s.Db.OpenAsync(ct))
        {
            Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_ballot_voters WHERE application_id = @id AND voted = 1", new { id }));
            var columns = engine == TestDatabases.Postgres
                ? await c.QueryAsync<string>("SELECT column_name FROM information_schema.columns WHERE table_name = 'tr_votes'")
                : await c.QueryAsync<string>("SELECT name FROM pragma_table_info('tr_votes')");
            Assert.Equal(["application_id", "ballot_key", "vote"], columns.Order(StringComparer.Ordinal));
            var votes = await c.QueryAsync<string?>("SELECT detail FROM audit_log WHERE subject_type = 'titleReview' AND subject_id = @id AND reason = 'vote'", new { id });
            Assert.Equal(3, votes.Count());
            Assert.All(votes, v => Assert.DoesNotContain("Yes", v ?? "", StringComparison.OrdinalIgnoreCase));
        }

        // Acceptance and the result notice; the certificate only after it has run.
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Accept, null, null, ct));
        Assert.StartsWith("must wait until the notice ends", Error(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Certify, null, null, ct), "action"),
            StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromDays(10));
        var certified = Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Certify, null, null, ct));
        Assert.Equal(TitleReviewState.Certified, certified.Application.State);
        var code = certified.Certificate!.Code;
        var (check, _) = await s.Reviews.VerifyAsync(code.ToLowerInvariant(), $"tr-{engine}-ok", ct);
        Assert.Equal(HolderName.Mask(s.ApplicantName), check!.HolderName);
        Assert.Equal(("高级工程师", CertificateStatus.Valid), (check.TitleName, check.Status));
        Assert.Null((await s.Reviews.VerifyAsync(code[..^1] + (code[^1] == '0' ? '1' : '0'), $"tr-{engine}-bad", ct)).Certificate);

        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Revoke, "材料造假", null, ct));
        Assert.Equal(CertificateStatus.Revoked, (await s.Reviews.VerifyAsync(code, $"tr-{engine}-ok", ct)).Certificate!.Status);

        var detail = (await s.Reviews.FindAsync(s.Applicant, id, ct))!;
        Assert.Equal(
            [TitleReviewAction.StartPublicity, TitleReviewAction.Recommend, TitleReviewAction.ConfirmEligibility, TitleReviewAction.AssignPanel,
             TitleReviewAction.CloseScoring, TitleReviewAction.OpenBallot, TitleReviewAction.Pass, TitleReviewAction.Accept, TitleReviewAction.Certify,
             TitleReviewAction.Revoke],
            detail.Steps.Select(x => x.Action));
        // The applicant sees no panel scores; an operator does.
        Assert.All(detail.Panel, p => Assert.Null(p.Score));
        Assert.Equal(3, (await s.Reviews.FindAsync(s.Operator, id, ct))!.Panel.Count(p => p.Score is not null));
        await using (var c = await s.Db.OpenAsync(ct))
        {
            Assert.True(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject_type = 'titleReview' AND subject_id = @id", new { id }) >= 18);
            Assert.Equal(10, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_steps WHERE application_id = @id", new { id }));
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_upheld_objection_to_the_result_notice_rejects_the_application(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var ct = CancellationToken.None;
        var id = Ok(await s.Reviews.ApplyAsync(s.Applicant, Draft(s), ct)).Application.Id;
        Ok(await s.Reviews.StepAsync(s.Employer, id, TitleReviewAction.StartPublicity, null, null, ct));
        s.Time.Advance(TimeSpan.FromDays(8));
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Recommend, null, null, ct));
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.ConfirmEligibility, null, null, ct));
        var (a, b, c2, d) = (s.Experts[1], s.Experts[2], s.Experts[3], s.Experts[4]);
        Ok(await s.Reviews.AssignPanelAsync(s.Operator, id, [a.ExpertId, b.ExpertId, c2.ExpertId], null, ct));
        foreach (var e in new[] { a, b, c2 })
        {
            Ok(await s.Reviews.ScoreAsync(e.Caller, id, 70, null, ct));
        }
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.CloseScoring, null, null, ct));
        Ok(await s.Reviews.OpenBallotAsync(s.Operator, id, s.CommitteeId, [a.ExpertId, b.ExpertId, c2.ExpertId, d.ExpertId], null, ct));
        // Three yes of four present is 0.75 ≥ 2/3: passes.
        foreach (var (e, vote) in new[] { (a, Vote.Yes), (b, Vote.Yes), (c2, Vote.Yes), (d, Vote.Abstain) })
        {
            Ok(await s.Reviews.VoteAsync(e.Caller, id, vote, ct));
        }
        Ok(await s.Reviews.CloseBallotAsync(s.Operator, id, null, ct));
        Ok(await s.Reviews.StepAsync(s.Operator, id, TitleReviewAction.Accept, null, null, ct));
        var objected = (await s.Reviews.ObjectAsync(s.Employer, id, "论文涉嫌抄袭", ct)).Value!;
        Assert.Equal(WriteStatus.Invalid, (await s.Reviews.ResolveObjectionAsync(s.Employer, id, objected.Id, ObjectionResolution.Upheld, "属实", ct)).Status);
        var rejected = Ok(await s.Reviews.ResolveObjectionAsync(s.Operator, id, objected.Id, ObjectionResolution.Upheld, "经查属实", ct));
        Assert.Equal(TitleReviewState.Rejected, rejected.Application.State);
        Assert.Empty(rejected.Actions);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_api_keeps_applications_to_their_parties_and_the_public_check_needs_no_sign_in(string engine)
    {
        var app = await apps.For(engine);
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        var bad = await talent.PostAsJsonAsync("/api/v1/title-reviews", new { series = "", titleLevel = "none" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "series", "titleName", "summary", "titleLevel", "employerId" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/title-reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/title-reviews/verify/AAAA-BBBB")).StatusCode);
        using var other = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        var created = await talent.PostAsJsonAsync("/api/v1/title-reviews", new
        {
            employerId = 2, series = "工程技术", titleName = "工程师", titleLevel = "intermediate", summary = "三年项目经历",
        });
        if (created.StatusCode == HttpStatusCode.Created)
        {
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("id").GetInt64();
            // Enterprise 1's recruiter is no party to an application with employer 2.
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/title-reviews/{id}")).StatusCode);
            var step = await talent.PostAsJsonAsync($"/api/v1/title-reviews/{id}/steps", new { action = "withdraw", reason = "转岗" });
            Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        }
        else
        {
            // Another test run left an application of the demo talent under review.
            Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_recognised_class_is_stored_explained_and_joins_a_shared_pool_application(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        var recognitions = app.Service<Recognitions>();
        long talentId;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            talentId = await c.QueryFirstAsync<long>(
                "SELECT id FROM talents WHERE residence_region_code LIKE '331121%' AND id NOT IN (SELECT talent_id FROM shared_experts) " +
                "AND id NOT IN (SELECT talent_id FROM tr_recognitions) ORDER BY id DESC LIMIT 1");
        }
        var qingtian = await AccountAsync(app, "qt", Role.Operator, null, "331121", null);
        var songyang = await AccountAsync(app, "sy", Role.Operator, null, "331124", null);
        var claim = new RecognitionClaim { AnnualSalaryFen = 60_000_000, SalaryYear = DateTime.UtcNow.Year - 1 };
        Assert.Equal(WriteStatus.Forbidden, (await recognitions.RecordAsync(songyang, talentId, claim, CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.Invalid, (await recognitions.RecordAsync(qingtian, talentId, new RecognitionClaim(), CancellationToken.None)).Status);
        var stored = await recognitions.RecordAsync(qingtian, talentId, claim, CancellationToken.None);
        Assert.Equal(WriteStatus.Ok, stored.Status);
        Assert.Equal("D", stored.Value!.Result.Level);
        Assert.True(stored.Value.Result.Criteria.Single(x => x.Key == "salary-d").Met);
        Assert.Equal("D", (await recognitions.ListAsync(qingtian, talentId, CancellationToken.None))!.Single().Result.Level);

        var experts = app.Service<Experts>();
        var applied = await experts.ApplyAsync(qingtian, new AdmissionRequest
        {
            TalentId = talentId, PoolRegion = "331121", Modes = ServiceModes.Consulting, Summary = "数字经济咨询",
            Evidence = new AdmissionEvidence { Items = [new EvidenceItem { Kind = EvidenceKind.Experience, Years = 8 }] },
        }, CancellationToken.None);
        Assert.True(applied.Status == WriteStatus.Ok, $"{applied.Status} {applied.Errors}");
        var items = applied.Value!.Evidence.Items;
        Assert.True(items.Count(i => i.Title?.StartsWith(Recognitions.EvidencePrefix, StringComparison.Ordinal) == true) == 1,
            string.Join(", ", items.Select(i => $"{i.Kind} {i.Title}")));
        var item = items.Single(i => i.Title?.StartsWith(Recognitions.EvidencePrefix, StringComparison.Ordinal) == true);
        Assert.Equal((EvidenceKind.Certificate, RecognitionLevel.County), (item.Kind, item.Level));
        Assert.Contains("D类", item.Title, StringComparison.Ordinal);
        // An applicant cannot type a recognition of their own.
        var typed = await experts.ApplyAsync(qingtian, new AdmissionRequest
        {
            TalentId = talentId, PoolRegion = "331121", Modes = ServiceModes.Consulting, Summary = "再次申请",
            Evidence = new AdmissionEvidence { Items = [new EvidenceItem { Kind = EvidenceKind.Certificate, Title = Recognitions.EvidencePrefix + "A类" }] },
        }, CancellationToken.None);
        Assert.Equal(WriteStatus.Invalid, typed.Status);
    }
}
