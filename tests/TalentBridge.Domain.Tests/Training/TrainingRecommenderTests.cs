using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Training;
using static TalentBridge.Domain.Tests.Matching.MatchFixture;

namespace TalentBridge.Domain.Tests.Training;

/// <summary>
/// The gap → programme rule with figures checked by hand. The talent (Java 4, MySQL 3, five years as 2-02-10-03, seeking,
/// in 莲都区) against positions of the same 细类 in 莲都区 that pay well: the talent's view T is 1 and the position's view
/// is P = 0.70 + 0.30 · skill fit, so score = 100 · (0.75 · P + 0.25).
/// A asks for Java and Docker: fit = 0.75 · (1 + 0)/2 + 0.25 = 0.625, P = 0.8875, score 91.5625; with Docker at level 2
/// (credit 0.75) fit = 0.90625, P = 0.971875, score 97.890625.
/// B asks for Java and MySQL, Redis preferred: fit = 0.75 · (1 + 0.875)/2 = 0.703125, P = 0.9109375, score 93.3203125;
/// with Redis at level 2 fit = 0.890625, P = 0.9671875, score 97.5390625.
/// At a threshold of 95 both open.
/// </summary>
public class TrainingRecommenderTests
{
    private const double Threshold = 95;
    private static readonly SkillCodes Skills = NewSkills();

    private static Position PositionA => BasePosition with { Id = 1, RequiredSkills = ["Java", "Docker"], PreferredSkills = [] };
    private static Position PositionB => BasePosition with { Id = 2, RequiredSkills = ["Java", "MySQL"], PreferredSkills = ["Redis"] };

    private static Programme Programme(long id, string[] skills, long cost, long subsidy = 0, SubsidyEligibility eligibility = SubsidyEligibility.None,
        string region = "331102") => new()
    {
        Id = id,
        Name = $"programme {id}",
        Skills = skills,
        CostFen = cost,
        SubsidyFen = subsidy,
        SubsidyEligibility = eligibility,
        RegionCode = region,
        DurationHours = 40,
    };

    private static readonly Programme Docker = Programme(10, ["Docker"], 200_000, 150_000, SubsidyEligibility.Everyone);
    private static readonly Programme Redis = Programme(11, ["Redis"], 100_000);
    private static readonly Programme Both = Programme(12, ["Docker", "Redis"], 500_000, 200_000, SubsidyEligibility.JobSeekers);
    private static readonly Programme Python = Programme(13, ["Python"], 10_000);
    private static readonly Programme DockerDearer = Programme(14, ["Docker"], 200_000);
    private static readonly Programme DockerFarther = Programme(15, ["Docker"], 200_000, 150_000, SubsidyEligibility.Everyone, "330106");

    private static TrainingAdvice Advise(Talent talent, params Programme[] programmes) =>
        TrainingRecommender.Recommend(talent, [.. new[] { PositionA, PositionB }.Select(p => MatchProfiles.From(p, EnterpriseSize.Small, Skills))],
            programmes, Skills, Today, Threshold);

    [Fact]
    public void Gaps_are_the_missing_skills_weighted_by_the_scores_of_the_positions_asking_for_them()
    {
        var advice = Advise(BaseTalent);
        Assert.Equal(["Redis", "Docker"], advice.Gaps.Select(g => g.Skill));
        Assert.Equal(93.3203125, advice.Gaps[0].Weight, 9);
        Assert.Equal(91.5625, advice.Gaps[1].Weight, 9);
        Assert.Equal([1L], advice.Gaps[1].PositionIds);
        Assert.Equal(["2-02-10-03"], advice.Gaps[1].OccupationCodes);
    }

    [Fact]
    public void Programmes_rank_by_positions_opened_then_gain_then_net_cost_then_nearness()
    {
        var advice = Advise(BaseTalent, DockerFarther, DockerDearer, Python, Redis, Docker, Both);
        Assert.Equal([12L, 10, 15, 14, 11], advice.Recommendations.Select(r => r.Programme.Id));

        var both = advice.Recommendations[0];
        Assert.Equal([1L, 2], both.Opened.Select(o => o.PositionId));
        Assert.Equal(97.890625, both.Opened[0].ScoreAfter, 9);
        Assert.Equal(97.5390625, both.Opened[1].ScoreAfter, 9);
        Assert.Equal(6.328125 + 4.21875, both.ScoreGain, 9);
        Assert.Equal(200_000, both.SubsidyFen);
        Assert.Equal(300_000, both.NetCostFen);

        var docker = advice.Recommendations[1];
        Assert.Equal(91.5625, docker.Opened.Single().ScoreBefore, 9);
        Assert.Equal(6.328125, docker.ScoreGain, 9);
        Assert.Equal(50_000, docker.NetCostFen);
        Assert.Equal(1, docker.Nearness);
        // Same gain and net cost, held in 杭州: behind the one in the talent's county; the dearer one after both.
        Assert.Equal(0.3, advice.Recommendations[2].Nearness);
        Assert.Equal(200_000, advice.Recommendations[3].NetCostFen);
        Assert.Equal(4.21875, advice.Recommendations[4].ScoreGain, 9);
        // Python closes no gap and is left out.
        Assert.DoesNotContain(advice.Recommendations, r => r.Programme.Id == 13);
    }

    [Fact]
    public void A_subsidy_for_job_seekers_is_not_counted_for_an_employed_talent()
    {
        var employed = BaseTalent with { Status = TalentStatus.Employed };
        var both = Advise(employed, Both).Recommendations.Single();
        Assert.Equal(0, both.SubsidyFen);
        Assert.Equal(500_000, both.NetCostFen);
    }

    [Fact]
    public void A_position_already_above_the_threshold_is_raised_but_not_opened()
    {
        var advice = TrainingRecommender.Recommend(BaseTalent, [MatchProfiles.From(PositionA, EnterpriseSize.Small, Skills)], [Docker], Skills, Today, threshold: 90);
        var docker = advice.Recommendations.Single();
        Assert.Empty(docker.Opened);
        Assert.Equal(91.5625, docker.Raised.Single().ScoreBefore, 9);
    }

    [Fact]
    public void A_completion_adds_the_skills_the_certificate_and_the_skill_level()
    {
        var programme = Docker with { Skills = ["Docker", "Java"], Certificate = "容器运维（四级）", Level = SkillLevel.Intermediate };
        var after = TrainingCompletion.Apply(BaseTalent with { Skills = [new TalentSkill("Java", 2)] }, programme);
        Assert.Equal([new TalentSkill("Java", 3), new TalentSkill("Docker", 3)], after.Skills);
        Assert.Equal(["容器运维（四级）"], after.Certificates);
        Assert.Equal(SkillLevel.Intermediate, after.SkillLevel);
        // A skill held at a higher level keeps it; the certificate is not listed twice.
        var again = TrainingCompletion.Apply(after with { Skills = [new TalentSkill("Java", 5)] }, programme);
        Assert.Equal(5, again.Skills.Single(s => s.Name == "Java").Level);
        Assert.Single(again.Certificates);
    }

    [Fact]
    public void The_demand_table_weighs_talents_lacking_a_skill_by_the_shortage_index()
    {
        TalentGap[] gaps =
        [
            new(1, "2-02-10-03", "Docker", 90), new(2, "2-02-10-03", "Docker", 80), new(2, "2-02-10-03", "Docker", 70),
            new(1, "4-03-02-01", "烹饪", 60), new(2, "4-03-02-01", "烹饪", 60), new(3, "4-03-02-01", "烹饪", 60),
            new(4, "6-18-01-01", "焊接", 50),
        ];
        var shortage = new Dictionary<string, (double? Index, bool Shortage)>
        {
            ["2-02-10-03"] = (100, true),
            ["4-03-02-01"] = (62, false),
        };
        var rows = TrainingDemand.Table(gaps, shortage, skill => skill == "Docker" ? 2 : 0);
        // Docker: 2 talents × 100/100 = 2; 烹饪: 3 × 0.62 = 1.86; 焊接: unranked, 1 × 0.60.
        Assert.Equal(["Docker", "烹饪", "焊接"], rows.Select(r => r.Skill));
        Assert.Equal([2.0, 1.86, 0.6], rows.Select(r => r.Priority));
        Assert.Equal(2, rows[0].Talents);
        Assert.Equal(240, rows[0].Weight);
        Assert.Equal(2, rows[0].Programmes);
        Assert.Null(rows[2].ShortageIndex);
    }
}
