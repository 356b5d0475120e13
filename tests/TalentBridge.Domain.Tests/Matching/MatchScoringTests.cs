using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Pools;
using static TalentBridge.Domain.Tests.Matching.MatchFixture;

namespace TalentBridge.Domain.Tests.Matching;

public class MatchScoringTests
{
    private static readonly SkillCodes Skills = NewSkills();

    private static MatchExplanation Explain(Talent t, Position p) =>
        MatchScoring.Explain(MatchProfiles.From(t, Skills), MatchProfiles.From(p, EnterpriseSize.Small, Skills), Today, Skills);

    private static HardCondition? Violation(Talent t, Position p) =>
        MatchScoring.Violation(MatchProfiles.From(t, Skills), MatchProfiles.From(p, EnterpriseSize.Small, Skills), Today.DayNumber);

    [Fact]
    public void A_good_pair_scores_high_and_lists_skills_and_conditions()
    {
        var e = Explain(BaseTalent, BasePosition);
        Assert.InRange(e.Score, 85, 100);
        Assert.Equal(["Java", "MySQL"], e.MatchedSkills);
        Assert.Equal(["Redis"], e.MissingSkills);
        Assert.Contains(HardCondition.WorkRegion, e.ConditionsPassed);
        Assert.DoesNotContain(HardCondition.Education, e.ConditionsPassed); // not mandatory here
        Assert.Equal(e.Score, e.Factors.Sum(f => f.Points), 9);
    }

    [Fact]
    public void The_weaker_side_counts_three_times_as_much()
    {
        Assert.Equal(100 * ((0.75 * 0.2) + (0.25 * 1.0)), MatchScoring.Combine(1.0, 0.2), 9);
        Assert.Equal(MatchScoring.Combine(0.2, 1.0), MatchScoring.Combine(1.0, 0.2), 9);
        // A pair both sides like moderately beats one only one side likes.
        Assert.True(MatchScoring.Combine(0.6, 0.6) > MatchScoring.Combine(1.0, 0.25));
    }

    [Fact]
    public void Both_sides_liking_beats_one_side_liking()
    {
        // The position loves this talent but pays far below what the talent expects and is in another city.
        var onlyPositionLikes = BaseTalent with { ExpectedSalaryMin = 20000, ExpectedSalaryMax = 25000, ResidenceRegionCode = "330106", WorkRegionCodes = ["3311", "3301"] };
        // This one is a weaker fit for the position (fewer years, one skill) but is happy with pay and place.
        var bothLike = BaseTalent with { Occupations = [new TalentOccupation("2-02-10-03", 2)], Skills = [new TalentSkill("Java", 3)] };
        var a = Explain(onlyPositionLikes, BasePosition);
        var b = Explain(bothLike, BasePosition);
        Assert.True(a.PositionView > b.PositionView);
        Assert.True(b.Score > a.Score, $"{b.Score} should beat {a.Score}");
    }

    [Theory]
    [InlineData("2-02-10-03", 1.0)]   // same 细类
    [InlineData("2-02-10-00", 1.0)]   // the 小类 itself
    [InlineData("2-02-10-01", 0.75)]  // same 小类
    [InlineData("2-02-13-01", 0.45)]  // same 中类
    [InlineData("2-05-01-01", 0.1)]   // same 大类 only
    [InlineData("4-04-05-01", 0.0)]
    public void Occupation_proximity_follows_the_tree(string code, double expected)
    {
        var e = Explain(BaseTalent with { Occupations = [new TalentOccupation(code, 5)] }, BasePosition);
        Assert.Equal(expected, e.Factors.Single(f => f.Factor == MatchFactor.Occupation).Value, 9);
    }

    [Theory]
    [InlineData("331102", 1.0)]   // same county
    [InlineData("331121", 0.6)]   // same city
    [InlineData("330106", 0.3)]   // same province
    [InlineData("110108", 0.1)]
    public void Place_follows_residence(string residence, double expected)
    {
        var e = Explain(BaseTalent with { ResidenceRegionCode = residence }, BasePosition);
        Assert.Equal(expected, e.Factors.Single(f => f.Factor == MatchFactor.Place).Value, 9);
    }

    [Theory]
    [InlineData(9000, 1.0)]    // offer 13,000 ≥ 1.4 × 9,000
    [InlineData(10000, 0.875)] // offer 1.3 × the expectation
    [InlineData(13000, 0.5)]   // offer just reaches the expectation
    [InlineData(20000, 0.0625)] // offer at 65 % of it
    [InlineData(22000, 0.0)]   // offer below 60 % of it
    public void Salary_fit_is_the_talents_view_of_the_pay(int expectedMin, double expected)
    {
        var e = Explain(BaseTalent with { ExpectedSalaryMin = expectedMin, ExpectedSalaryMax = expectedMin + 1000 }, BasePosition);
        Assert.Equal(expected, e.Factors.Single(f => f.Factor == MatchFactor.Salary).Value, 9);
    }

    [Fact]
    public void A_candidate_expecting_more_than_the_offer_ranks_below_one_the_offer_suits()
    {
        // Issue [5] 16: one expecting more than the offer got 29.6 salary points while better fits got 8–11.
        var expectsMore = Explain(BaseTalent with { ExpectedSalaryMin = 12500, ExpectedSalaryMax = 16000 }, BasePosition);
        var suited = Explain(BaseTalent with { ExpectedSalaryMin = 9500, ExpectedSalaryMax = 12000 }, BasePosition);
        static double Salary(MatchExplanation e) => e.Factors.Single(f => f.Factor == MatchFactor.Salary).Points;
        Assert.True(Salary(expectsMore) < Salary(suited), $"{Salary(expectsMore):F1} salary points should be below {Salary(suited):F1}");
        Assert.True(suited.Score > expectsMore.Score);
    }

    [Fact]
    public void Meeting_the_few_demands_of_an_unrelated_trade_does_not_make_a_good_match()
    {
        // Issue [5] 16: a 刨插工's top jobs included 地毯, 壁画 and 缝纫 (all 大类 6, asking for no skills).
        var planer = BaseTalent with { Occupations = [new TalentOccupation("6-18-01-03", 6)], Skills = [], Education = EducationLevel.JuniorHigh };
        Position Job(string code, int pay) => BasePosition with
        {
            OccupationCode = code, RequiredSkills = [], PreferredSkills = [], MinEducation = EducationLevel.None, MinExperienceYears = 0,
            SalaryMin = pay - 1000, SalaryMax = pay,
        };
        var turner = Explain(planer, Job("6-18-01-01", 9000));        // 车工: same 小类
        foreach (var unrelated in new[] { "6-09-03-12", "6-09-03-07", "6-05-01-03" })  // 地毯, 壁画, 缝纫
        {
            var other = Explain(planer, Job(unrelated, 10000));         // pays more, still ranks below
            Assert.True(turner.Score > other.Score + 10, $"{unrelated}: {other.Score:F1} against the turner's {turner.Score:F1}");
            Assert.Equal(other.Score, other.Factors.Sum(f => f.Points), 9);
        }
    }

    [Fact]
    public void Extra_months_count_towards_pay()
    {
        var talent = BaseTalent with { ExpectedSalaryMin = 14000, ExpectedSalaryMax = 16000 };
        var twelve = Explain(talent, BasePosition).Factors.Single(f => f.Factor == MatchFactor.Salary).Value;
        var fourteen = Explain(talent, BasePosition with { MonthsPerYear = 14 }).Factors.Single(f => f.Factor == MatchFactor.Salary).Value;
        Assert.True(fourteen > twelve);
    }

    [Fact]
    public void Hard_conditions_rule_pairs_out()
    {
        Assert.Null(Violation(BaseTalent, BasePosition));
        Assert.Equal(HardCondition.PositionOpen, Violation(BaseTalent, BasePosition with { Status = PositionStatus.Closed }));
        Assert.Equal(HardCondition.PositionOpen, Violation(BaseTalent, BasePosition with { ExpiresOn = Today.AddDays(-1), PostedOn = Today.AddDays(-30) }));
        Assert.Equal(HardCondition.TalentVisible, Violation(BaseTalent with { Visibility = TalentVisibility.Hidden }, BasePosition));
        Assert.Equal(HardCondition.TalentVisible, Violation(BaseTalent with { Status = TalentStatus.Inactive }, BasePosition));
        Assert.Equal(HardCondition.EngagementMode, Violation(BaseTalent with { Availability = EngagementModes.PartTime }, BasePosition));
        Assert.Equal(HardCondition.WorkRegion, Violation(BaseTalent with { WorkRegionCodes = ["331121"] }, BasePosition));
        // No work regions given: the residence's city.
        Assert.Null(Violation(BaseTalent with { WorkRegionCodes = [], ResidenceRegionCode = "331121" }, BasePosition));
        Assert.Equal(HardCondition.WorkRegion, Violation(BaseTalent with { WorkRegionCodes = [], ResidenceRegionCode = "330106" }, BasePosition));
        // A township inside the county, and the city around it, both overlap.
        Assert.Null(Violation(BaseTalent with { WorkRegionCodes = ["3311"] }, BasePosition));
        Assert.Null(Violation(BaseTalent, BasePosition with { RegionCode = "331102001" }));
    }

    [Fact]
    public void Requirements_are_hard_only_when_mandatory()
    {
        var junior = BaseTalent with { Education = EducationLevel.Associate, Occupations = [new TalentOccupation("2-02-10-03", 1)] };
        Assert.Null(Violation(junior, BasePosition));
        var mandatory = BasePosition with { RequirementsMandatory = true };
        Assert.Equal(HardCondition.Education, Violation(junior, mandatory));
        Assert.Equal(HardCondition.Experience, Violation(junior with { Education = EducationLevel.Master }, mandatory));
        Assert.Equal(HardCondition.ProfessionalTitle, Violation(BaseTalent, mandatory with { RequiredTitle = ProfessionalTitleLevel.Intermediate }));
        Assert.Equal(HardCondition.SkillLevel, Violation(BaseTalent, mandatory with { RequiredSkillLevel = SkillLevel.Senior }));
        var e = Explain(BaseTalent, mandatory);
        Assert.Contains(HardCondition.Education, e.ConditionsPassed);
        Assert.Contains(HardCondition.Experience, e.ConditionsPassed);
    }

    [Fact]
    public void Salary_is_hard_when_either_side_marks_it_strict()
    {
        var dear = BaseTalent with { ExpectedSalaryMin = 15000, ExpectedSalaryMax = 18000 };
        Assert.Null(Violation(dear, BasePosition));
        Assert.Equal(HardCondition.Salary, Violation(dear with { SalaryStrict = true }, BasePosition));
        Assert.Equal(HardCondition.Salary, Violation(dear, BasePosition with { SalaryStrict = true }));
        Assert.Null(Violation(dear, BasePosition with { SalaryStrict = true, SalaryMax = 15000 }));
        Assert.Contains(HardCondition.Salary, Explain(BaseTalent, BasePosition with { SalaryStrict = true }).ConditionsPassed);
    }

    [Fact]
    public void Skill_synonyms_match()
    {
        var e = Explain(BaseTalent with { Skills = [new TalentSkill("JAVA", 4), new TalentSkill("mysql", 3)] }, BasePosition);
        Assert.Equal(2, e.MatchedSkills.Count);
    }

    [Fact]
    public void Property_explanations_sum_to_the_score_and_adding_a_wanted_skill_never_lowers_it()
    {
        var random = new Random(3);
        var talents = Talents;
        var positions = Positions;
        for (var i = 0; i < 3000; i++)
        {
            var talent = talents[random.Next(talents.Count)];
            var position = positions[random.Next(positions.Count)];
            var before = Explain(talent, position);
            Assert.Equal(before.Score, before.Factors.Sum(f => f.Points), 9);
            Assert.InRange(before.Score, 0, 100);
            Assert.All(before.Factors, f => Assert.InRange(f.Value, 0, 1));

            var wanted = position.RequiredSkills.Concat(position.PreferredSkills).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }
            var added = wanted[random.Next(wanted.Count)];
            var level = Math.Max(talent.Skills.Where(s => s.Name == added).Select(s => s.Level).DefaultIfEmpty(1).Max(), random.Next(1, 6));
            var withSkill = talent with { Skills = [.. talent.Skills.Where(s => s.Name != added), new TalentSkill(added, level)] };
            var after = Explain(withSkill, position);
            Assert.True(after.Score >= before.Score - 1e-9, $"adding {added} to talent {talent.Id} lowered {before.Score} to {after.Score} for position {position.Id}");
        }
    }
}
