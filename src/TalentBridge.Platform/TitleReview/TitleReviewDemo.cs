using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.TitleReview;

/// <summary>
/// The 职称 review's demo data (issue 15): a city committee of six review experts (the demo account <c>reviewer</c>
/// among them), two more experts — one at enterprise 1, so that its applicants' panels show the exclusion — and six
/// applications taken through the real use cases on a clock that starts ten weeks ago: one certified (the demo talent's,
/// with a verification code), one in the committee's ballot waiting for the reviewer's vote, one in its result notice
/// with an open objection, one waiting for its panel, one in enterprise 1's publicity, one not recommended; and one
/// talent recognition in 青田.
/// </summary>
public sealed class TitleReviewDemo(Database db, ReferenceData reference, ContactProtector protector, AccountStore accounts, IPasswordHasher<Account> hasher,
    TimeProvider time)
{
    /// <summary>The demo's own clock: each step is taken at the time it sets, never later than now.</summary>
    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Expert(long Id, Caller Caller);

    private static Caller Of((long Id, Role Role, long? EnterpriseId, string? Region, long? TalentId) a) => new(a.Id, a.Role, a.EnterpriseId, a.Region, a.TalentId);

    public async Task SeedAsync(string cityCode, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // 10:00 China time, ten weeks ago: the steps' dates are whole working days.
        var clock = new StepClock(new DateTimeOffset(ChinaTime.Date(now).AddDays(-70).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        var experts = new ReviewExperts(db, clock);
        var reviews = new TitleReviews(db, reference, new WorkCalendars(db, clock), new SignInThrottle(db, protector, 20, TimeSpan.FromMinutes(15)), clock);
        var (lo, hi) = RegionCatalogue.SubtreeRange(cityCode);
        Dictionary<string, Caller> demo;
        List<(long Id, string Name)> expertTalents, applicants;
        List<long> enterprises;
        string reviewerName;
        await using (var c = await db.OpenAsync(ct))
        {
            demo = (await c.QueryAsync<(long Id, Role Role, long? EnterpriseId, string? Region, long? TalentId, string UserName)>(
                "SELECT id, role, enterprise_id, region_code, talent_id, user_name FROM accounts WHERE user_name IN ('lishui.operator', 'qingtian.operator', 'enterprise.admin', 'talent', 'reviewer')"))
                .ToDictionary(a => a.UserName, a => Of((a.Id, a.Role, a.EnterpriseId, a.Region, a.TalentId)), StringComparer.Ordinal);
            expertTalents = [.. await c.QueryAsync<(long, string)>(
                "SELECT id, name FROM talents WHERE professional_title >= 4 AND residence_region_code BETWEEN @lo AND @hi " +
                "AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) ORDER BY id LIMIT 7", new { lo, hi })];
            applicants = [.. await c.QueryAsync<(long, string)>(
                "SELECT id, name FROM talents WHERE professional_title = 3 AND residence_region_code BETWEEN @lo AND @hi " +
                "AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) ORDER BY id DESC LIMIT 5", new { lo, hi })];
            reviewerName = await c.QuerySingleOrDefaultAsync<string>("SELECT t.name FROM talents t JOIN accounts a ON a.talent_id = t.id WHERE a.user_name = 'reviewer'") ?? "";
            enterprises = [.. await c.QueryAsync<long>("SELECT id FROM enterprises WHERE region_code BETWEEN @lo AND @hi ORDER BY id LIMIT 12", new { lo, hi })];
        }
        if (expertTalents.Count < 7 || applicants.Count < 5 || enterprises.Count < 12 || !enterprises.Contains(1) || demo.Count < 5 || demo["reviewer"].TalentId is null)
        {
            return;
        }
        var bureau = demo["lishui.operator"];

        var committee = (await experts.CreateCommitteeAsync(bureau, "丽水市工程技术系列高级职称评审委员会", cityCode, ct)).Value!;
        string[] specialties = ["机械工程", "电气自动化", "材料成型", "化工工艺", "计算机应用", "工业设计", "机械工程"];
        var panel = new List<Expert>();
        // The reviewer and five more sit on the committee; the sixth and seventh do not, and the seventh works at enterprise 1.
        for (var i = 0; i < 8; i++)
        {
            var (userName, account, talentId, name) = i == 0
                ? ("reviewer", demo["reviewer"], demo["reviewer"].TalentId, reviewerName)
                : ($"expert.{i}", await DemoAccountAsync($"expert.{i}", expertTalents[i - 1], ct), expertTalents[i - 1].Id, expertTalents[i - 1].Name);
            var registered = await experts.RegisterAsync(bureau, new ReviewExpertDraft
            {
                UserName = userName, Name = name, Specialty = specialties[i % specialties.Length], RegionCode = cityCode, TalentId = talentId,
                EmployerId = i == 7 ? 1 : enterprises[2 + i], CommitteeId = i <= 5 ? committee.Id : null,
            }, ct);
            panel.Add(new Expert(registered.Value?.Id ?? throw new InvalidOperationException($"Demo expert {i}: {registered.Errors}"), account));
        }
        var reviewer = panel[0];
        var members = panel.Take(6).ToList();

        async Task<long> ApplyAsync(Caller applicant, long? talentId, long employerId, string title, ProfessionalTitleLevel level, string summary, long? referee)
        {
            var applied = await reviews.ApplyAsync(applicant, new TitleReviewDraft
            {
                TalentId = talentId, EmployerId = employerId, Series = "工程技术", TitleName = title, TitleLevel = level, Summary = summary,
                RefereeExpertIds = referee is { } r ? [r] : [],
            }, ct);
            return applied.Value?.Application.Id ?? throw new InvalidOperationException($"Demo application: {applied.Errors}");
        }

        async Task<TitleReviewDetail> StepAsync(Caller caller, long id, TitleReviewAction action, string? reason = null)
        {
            var result = await reviews.StepAsync(caller, id, action, reason, null, ct);
            return result.Value ?? throw new InvalidOperationException($"Demo step {action} of {id}: {result.Status} {result.Errors}");
        }

        void Later(int days) => clock.Now = Min(clock.Now.AddDays(days), now);

        // A notice has run: the day after its last working day, at 10:00.
        void AfterNotice(TitleReviewDetail detail) =>
            clock.Now = Min(new DateTimeOffset(detail.Notices.OrderBy(n => n.Kind).Last().Period.LastDay.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero), now);

        async Task ToBallotAsync(long id, Caller employer, IReadOnlyList<Expert> scorers, int[] scores, IReadOnlyList<Expert> present)
        {
            AfterNotice(await StepAsync(employer, id, TitleReviewAction.StartPublicity));
            await StepAsync(employer, id, TitleReviewAction.Recommend);
            Later(1);
            await StepAsync(bureau, id, TitleReviewAction.ConfirmEligibility);
            await reviews.AssignPanelAsync(bureau, id, [.. scorers.Select(e => e.Id)], null, ct);
            Later(2);
            for (var i = 0; i < scorers.Count; i++)
            {
                await reviews.ScoreAsync(scorers[i].Caller, id, scores[i], i == 0 ? "业绩扎实，成果有推广价值。" : null, ct);
            }
            Later(1);
            await StepAsync(bureau, id, TitleReviewAction.CloseScoring);
            Later(3);
            await reviews.OpenBallotAsync(bureau, id, committee.Id, [.. present.Select(e => e.Id)], null, ct);
        }

        // The demo talent's application, certified: publicity, eligibility, panel, ballot (4 yes, 1 abstain of 5 present), notice, certificate.
        var certified = await ApplyAsync(demo["talent"], null, 1, "高级工程师", ProfessionalTitleLevel.AssociateSenior,
            "主持数控产线智能化改造，产品合格率由 96% 提高到 99.2%；获丽水市科技进步二等奖；发表论文 3 篇。", panel[6].Id);
        await ToBallotAsync(certified, demo["enterprise.admin"], [panel[1], panel[2], panel[3]], [86, 82, 90], members.Take(5).ToList());
        foreach (var (e, vote) in members.Take(5).Zip(new[] { Vote.Yes, Vote.Yes, Vote.Yes, Vote.Abstain, Vote.Yes }))
        {
            await reviews.VoteAsync(e.Caller, certified, vote, ct);
        }
        await reviews.CloseBallotAsync(bureau, certified, null, ct);
        Later(1);
        AfterNotice(await StepAsync(bureau, certified, TitleReviewAction.Accept));
        await StepAsync(bureau, certified, TitleReviewAction.Certify);

        // In the committee's ballot: two members have voted, the reviewer has not.
        clock.Now = now.AddDays(-50);
        var voting = await ApplyAsync(bureau, applicants[0].Id, enterprises[11], "高级工程师", ProfessionalTitleLevel.AssociateSenior,
            "负责高压开关柜结构设计与型式试验，取得实用新型专利 4 项。", null);
        await ToBallotAsync(voting, bureau, [panel[2], panel[4], panel[6]], [78, 84, 80], [reviewer, panel[1], panel[2], panel[3], panel[5]]);
        await reviews.VoteAsync(panel[1].Caller, voting, Vote.Yes, ct);
        await reviews.VoteAsync(panel[2].Caller, voting, Vote.Yes, ct);

        // In its result notice, with an objection not yet resolved.
        clock.Now = now.AddDays(-45);
        var notice = await ApplyAsync(bureau, applicants[1].Id, enterprises[10], "工程师", ProfessionalTitleLevel.Intermediate,
            "从事食用菌烘干设备的工艺改进，牵头完成县级技改项目 2 项。", null);
        await ToBallotAsync(notice, bureau, [panel[3], panel[4], panel[5]], [75, 72, 79], members.Skip(1).ToList());
        foreach (var e in members.Skip(1))
        {
            await reviews.VoteAsync(e.Caller, notice, Vote.Yes, ct);
        }
        await reviews.CloseBallotAsync(bureau, notice, null, ct);
        clock.Now = now.AddDays(-1);
        await StepAsync(bureau, notice, TitleReviewAction.Accept);
        clock.Now = now;
        await reviews.ObjectAsync(reviewer.Caller, notice, "申报材料中的技改项目验收日期与县经信局公示不一致，请核实。", ct);

        // Eligible, waiting for its panel.
        clock.Now = now.AddDays(-30);
        var eligible = await ApplyAsync(bureau, applicants[2].Id, enterprises[9], "高级工程师", ProfessionalTitleLevel.AssociateSenior,
            "主持竹木制品数字化生产线建设，获省级工业新产品认定。", null);
        AfterNotice(await StepAsync(bureau, eligible, TitleReviewAction.StartPublicity));
        await StepAsync(bureau, eligible, TitleReviewAction.Recommend);
        await StepAsync(bureau, eligible, TitleReviewAction.ConfirmEligibility);

        // In enterprise 1's publicity, posted two days ago.
        clock.Now = now.AddDays(-2);
        var publicity = await ApplyAsync(bureau, applicants[3].Id, 1, "工程师", ProfessionalTitleLevel.Intermediate,
            "负责阀门铸件的工艺设计与质量改进，铸件废品率下降 30%。", null);
        await StepAsync(demo["enterprise.admin"], publicity, TitleReviewAction.StartPublicity);

        // Not recommended by its employer.
        clock.Now = now.AddDays(-20);
        var declined = await ApplyAsync(bureau, applicants[4].Id, enterprises[8], "工程师", ProfessionalTitleLevel.Intermediate, "从事电商运营数据分析两年。", null);
        await StepAsync(bureau, declined, TitleReviewAction.Decline, "任职年限不满足工程师申报条件（须满 4 年）。");

        // A talent recognition in 青田 (seed 003): a provincial project led recognises class C.
        clock.Now = now;
        await using (var c = await db.OpenAsync(ct))
        {
            var (qlo, qhi) = RegionCatalogue.SubtreeRange(Recognitions.Rules.Region);
            var qingtian = await c.QueryFirstOrDefaultAsync<long?>(
                "SELECT id FROM talents WHERE residence_region_code BETWEEN @qlo AND @qhi AND id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL) " +
                "ORDER BY id LIMIT 1", new { qlo, qhi });
            if (qingtian is { } talentId)
            {
                var year = ChinaTime.Date(now).Year - 1;
                await new Recognitions(db, clock).RecordAsync(demo["qingtian.operator"], talentId, new RecognitionClaim
                {
                    AnnualSalaryFen = 42_000_000, SalaryYear = year,
                    Projects = [new ProjectClaim("青田县元宇宙数字文旅平台", RecognitionLevel.Provincial, ProjectRole.Lead, year)],
                }, ct);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>A demo expert's account, linked to their talent record; nobody knows its password (only <c>reviewer</c> signs in).</summary>
    private async Task<Caller> DemoAccountAsync(string userName, (long Id, string Name) talent, CancellationToken ct)
    {
        var id = await accounts.CreateAsync(userName, talent.Name, hasher.HashPassword(null!, Guid.NewGuid().ToString("N")), Role.Talent, null, null, talent.Id,
            time.GetUtcNow(), ct);
        return new Caller(id, Role.Talent, null, null, talent.Id);
    }
}
