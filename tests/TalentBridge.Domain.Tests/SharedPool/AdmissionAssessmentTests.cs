using System.Text.Json;
using TalentBridge.Domain.SharedPool;
using static TalentBridge.Domain.Tests.SharedPool.AdmissionFixture;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class AdmissionAssessmentTests
{
    /// <summary>Points the honours dimension gives for <paramref name="items"/> under one rule of <paramref name="kind"/>.</summary>
    private static RuleAssessment Score(EvidenceKind kind, RuleConditions when, params EvidenceItem[] items)
    {
        var standard = Standard().WithRules("honours", Rule("probe", kind, 7, when));
        return standard.Assess(Evidence(items), Today).Dimension("honours").Rules.Single();
    }

    private static bool Matches(EvidenceKind kind, RuleConditions when, EvidenceItem item) => Score(kind, when, item).Points == 7;

    [Theory]
    [InlineData(ProfessionalTitleLevel.AssociateSenior, true)]
    [InlineData(ProfessionalTitleLevel.Senior, true)]
    [InlineData(ProfessionalTitleLevel.Intermediate, false)]
    public void A_minimum_title_level_passes_at_the_level_and_fails_one_below(ProfessionalTitleLevel level, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.ProfessionalTitle, new RuleConditions { MinTitleLevel = ProfessionalTitleLevel.AssociateSenior }, Title(level)));

    [Theory]
    [InlineData(SkillLevel.Technician, true)]
    [InlineData(SkillLevel.Senior, false)]
    public void A_minimum_skill_level_passes_at_the_level_and_fails_one_below(SkillLevel level, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.SkillLevel, new RuleConditions { MinSkillLevel = SkillLevel.Technician }, Skill(level)));

    [Theory]
    [InlineData(EducationLevel.Master, true)]
    [InlineData(EducationLevel.Bachelor, false)]
    public void A_minimum_education_passes_at_the_level_and_fails_one_below(EducationLevel level, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Education, new RuleConditions { MinEducation = EducationLevel.Master }, Degree(level)));

    [Theory]
    [InlineData(RecognitionLevel.Provincial, AwardGrade.Second, true)]
    [InlineData(RecognitionLevel.Industry, AwardGrade.Second, false)]
    [InlineData(RecognitionLevel.Provincial, AwardGrade.Third, false)]
    public void An_award_needs_the_minimum_level_and_grade(RecognitionLevel level, AwardGrade grade, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Award,
            new RuleConditions { MinLevel = RecognitionLevel.Provincial, MinGrade = AwardGrade.Second }, Award(level, grade, 2025)));

    [Fact]
    public void An_honorary_title_without_grade_fails_a_grade_condition_but_matches_a_level_rule()
    {
        var honour = Award(RecognitionLevel.Provincial, null, 2025, "浙江省技术能手");
        Assert.False(Matches(EvidenceKind.Award, new RuleConditions { MinGrade = AwardGrade.Merit }, honour));
        Assert.True(Matches(EvidenceKind.Award, new RuleConditions { MinLevel = RecognitionLevel.Provincial }, honour));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, true)]
    [InlineData(4, false)]
    public void A_competition_placing_passes_at_most_the_placing_named(int placing, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Competition, new RuleConditions { MaxPlacing = 3 }, Competition(RecognitionLevel.City, placing, 2025)));

    [Theory]
    [InlineData(2021, true)]
    [InlineData(2026, true)]
    [InlineData(2020, false)]
    public void Within_five_years_counts_back_from_this_year(int year, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Competition, new RuleConditions { WithinYears = 5 }, Competition(RecognitionLevel.City, 1, year)));

    [Fact]
    public void A_year_condition_does_not_match_an_item_without_a_year()
    {
        var when = new RuleConditions { WithinYears = 5 };
        Assert.False(Matches(EvidenceKind.Certificate, when, Certificate(RecognitionLevel.Provincial)));
        Assert.True(Matches(EvidenceKind.Certificate, when, Certificate(RecognitionLevel.Provincial, 2024)));
    }

    [Theory]
    [InlineData(RecognitionLevel.Provincial, ReviewRating.GradeA, true)]
    [InlineData(RecognitionLevel.Provincial, ReviewRating.Recommended, true)]
    [InlineData(RecognitionLevel.Provincial, ReviewRating.GradeB, false)]
    [InlineData(RecognitionLevel.Industry, ReviewRating.GradeA, false)]
    public void An_industry_review_needs_the_reviewer_level_and_rating(RecognitionLevel level, ReviewRating rating, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.IndustryReview,
            new RuleConditions { MinLevel = RecognitionLevel.Provincial, MinRating = ReviewRating.GradeA }, Review(level, rating)));

    [Theory]
    [InlineData(ProjectRole.Core, 1_000_000L, true)]
    [InlineData(ProjectRole.Lead, 1_000_000L, true)]
    [InlineData(ProjectRole.Core, 999_999L, false)]
    [InlineData(ProjectRole.Member, 5_000_000L, false)]
    [InlineData(ProjectRole.Lead, null, false)]
    public void A_project_needs_the_role_and_the_amount(ProjectRole role, long? amount, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Project,
            new RuleConditions { MinRole = ProjectRole.Core, MinAmountYuan = 1_000_000 }, Project(role, amount, 2025)));

    [Theory]
    [InlineData(10, true)]
    [InlineData(9, false)]
    public void Experience_passes_at_the_minimum_years(int years, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Experience, new RuleConditions { MinYears = 10 }, Experience(years)));

    [Theory]
    [InlineData(PatentKind.Invention, 2, true)]
    [InlineData(PatentKind.Invention, 1, false)]
    [InlineData(PatentKind.UtilityModel, 5, false)]
    public void A_patent_needs_the_kind_and_the_count(PatentKind kind, int count, bool matches) =>
        Assert.Equal(matches, Matches(EvidenceKind.Patent, new RuleConditions { PatentKind = PatentKind.Invention, MinCount = 2 }, Patent(kind, count)));

    [Fact]
    public void A_rule_matches_only_items_of_its_kind()
    {
        var score = Score(EvidenceKind.Award, new RuleConditions(), Competition(RecognitionLevel.National, 1, 2025), Award(RecognitionLevel.City, AwardGrade.First, 2025));
        Assert.Equal([1], score.Matches.Select(m => m.Item));
    }

    [Fact]
    public void A_once_rule_gives_its_points_once_however_many_items_match()
    {
        var score = Score(EvidenceKind.Experience, new RuleConditions(), Experience(3), Experience(12));
        Assert.Equal(7, score.Points);
        Assert.Equal([new RuleMatch(0, 7), new RuleMatch(1, 0)], score.Matches);
        Assert.False(score.Capped);
    }

    [Fact]
    public void A_per_item_rule_gives_points_for_each_item_up_to_its_cap()
    {
        var standard = Standard();
        var twoAwards = standard.Assess(Evidence(Award(RecognitionLevel.City, AwardGrade.First, 2025), Award(RecognitionLevel.City, AwardGrade.Second, 2024)), Today);
        var honours = twoAwards.Dimension("honours").Rules.Single();
        Assert.Equal(12, honours.Points);
        Assert.False(honours.Capped);

        var fourAwards = standard.Assess(Evidence([.. Enumerable.Range(2020, 4).Select(y => Award(RecognitionLevel.City, AwardGrade.First, y))]), Today);
        honours = fourAwards.Dimension("honours").Rules.Single();
        Assert.Equal(18, honours.Points);
        Assert.True(honours.Capped);
        Assert.Equal([6, 6, 6, 0], honours.Matches.Select(m => m.Points));
    }

    [Fact]
    public void A_cap_that_is_not_a_multiple_of_the_points_gives_the_rest_to_the_last_item()
    {
        var standard = Standard().WithRules("honours", Rule("award", EvidenceKind.Award, 6, basis: PointsBasis.PerItem, cap: 10));
        var rule = standard.Assess(Evidence(Award(RecognitionLevel.City, null, 2025), Award(RecognitionLevel.City, null, 2025)), Today).Dimension("honours").Rules.Single();
        Assert.Equal([6, 4], rule.Matches.Select(m => m.Points));
        Assert.Equal(10, rule.Points);
    }

    [Fact]
    public void A_dimension_is_met_exactly_at_its_threshold()
    {
        var standard = Standard().WithRules("projects", Rule("project", EvidenceKind.Project, 5, basis: PointsBasis.PerItem));
        var one = standard.Assess(Evidence(Project(ProjectRole.Member, null, 2025)), Today).Dimension("projects");
        var two = standard.Assess(Evidence(Project(ProjectRole.Member, null, 2025), Project(ProjectRole.Member, null, 2024)), Today).Dimension("projects");
        Assert.False(one.Met);
        Assert.Equal(5, one.Shortfall);
        Assert.True(two.Met);
        Assert.Equal(0, two.Shortfall);
    }

    [Fact]
    public void A_talent_passes_by_dimensions_met_without_the_total()
    {
        // Three dimensions at exactly 10 points: 3 met, total 30 of 40.
        var result = Standard().Assess(Evidence(Review(RecognitionLevel.City, ReviewRating.GradeA), Skill(SkillLevel.Technician), Title(ProfessionalTitleLevel.Senior)), Today);
        Assert.True(result.Passed);
        Assert.Equal([PassClause.DimensionsMet], result.ClausesMet);
        Assert.Equal(3, result.DimensionsMet);
        Assert.Equal(30, result.Total);
    }

    [Fact]
    public void A_talent_passes_by_the_total_without_enough_dimensions()
    {
        // Two dimensions met: honours 3 × 6 = 18 and projects 5 × 5 = 25, a total of 43 of 40.
        var standard = Standard().WithRules("projects", Rule("project", EvidenceKind.Project, 5, basis: PointsBasis.PerItem, cap: 25));
        var items = Enumerable.Range(2022, 3).Select(y => Award(RecognitionLevel.City, AwardGrade.First, y))
            .Concat(Enumerable.Range(2021, 5).Select(y => Project(ProjectRole.Core, null, y)));
        var result = standard.Assess(Evidence([.. items]), Today);
        Assert.True(result.Passed);
        Assert.Equal([PassClause.Total], result.ClausesMet);
        Assert.Equal(2, result.DimensionsMet);
        Assert.Equal(43, result.Total);
    }

    [Fact]
    public void A_talent_short_of_both_clauses_fails_and_the_result_says_by_how_much()
    {
        var result = Standard().Assess(Evidence(Skill(SkillLevel.Technician), Award(RecognitionLevel.City, AwardGrade.Third, 2025)), Today);
        Assert.False(result.Passed);
        Assert.Empty(result.ClausesMet);
        Assert.Equal((1, 3), (result.DimensionsMet, result.MinDimensionsMet!.Value));
        Assert.Equal((16, 40), (result.Total, result.MinTotal!.Value));
        Assert.Equal(4, result.Dimension("honours").Shortfall);
    }

    [Fact]
    public void A_standard_with_only_one_clause_passes_by_that_clause()
    {
        var byTotal = Standard() with { Pass = new PassRule { MinTotal = 30 } };
        var evidence = Evidence(Review(RecognitionLevel.City, ReviewRating.GradeA), Skill(SkillLevel.Technician), Title(ProfessionalTitleLevel.Senior));
        Assert.Equal([PassClause.Total], byTotal.Assess(evidence, Today).ClausesMet);
        var byDimensions = Standard() with { Pass = new PassRule { MinDimensionsMet = 3 } };
        var result = byDimensions.Assess(evidence, Today);
        Assert.Equal([PassClause.DimensionsMet], result.ClausesMet);
        Assert.Null(result.MinTotal);
    }

    [Fact]
    public void Both_clauses_are_reported_when_both_hold()
    {
        var standard = Standard() with { Pass = new PassRule { MinDimensionsMet = 3, MinTotal = 30 } };
        var result = standard.Assess(Evidence(Review(RecognitionLevel.City, ReviewRating.GradeA), Skill(SkillLevel.Technician), Title(ProfessionalTitleLevel.Senior)), Today);
        Assert.Equal([PassClause.DimensionsMet, PassClause.Total], result.ClausesMet);
    }

    [Fact]
    public void A_required_dimension_that_is_not_met_fails_a_talent_who_meets_the_clauses()
    {
        var standard = Standard() with { Pass = new PassRule { MinDimensionsMet = 3, RequiredDimensions = ["projects"] } };
        var evidence = Evidence(Review(RecognitionLevel.City, ReviewRating.GradeA), Skill(SkillLevel.Technician), Title(ProfessionalTitleLevel.Senior));
        var result = standard.Assess(evidence, Today);
        Assert.False(result.Passed);
        Assert.Equal([PassClause.DimensionsMet], result.ClausesMet);
        Assert.Equal(["projects"], result.MissingRequired);
        Assert.True(result.Dimension("projects").Required);

        var withProjects = standard.Assess(evidence with { Items = [.. evidence.Items, Project(ProjectRole.Lead, null, 2025), Project(ProjectRole.Lead, null, 2024)] }, Today);
        Assert.True(withProjects.Passed);
        Assert.Empty(withProjects.MissingRequired);
    }

    [Fact]
    public void The_result_records_the_standard_version_and_the_rule_for_the_explanation()
    {
        var result = Standard().Assess(Evidence(Award(RecognitionLevel.Provincial, AwardGrade.Second, 2024)), Today);
        Assert.Equal(4, result.StandardVersion);
        Assert.Equal(Today, result.AssessedOn);
        var rule = result.Dimension("honours").Rules.Single();
        Assert.Equal("award", rule.Key);
        Assert.Equal(EvidenceKind.Award, rule.Rule.Kind);
        Assert.Equal([new RuleMatch(0, 6)], rule.Matches);
    }

    [Fact]
    public void Assessing_is_deterministic_and_a_new_version_does_not_change_an_earlier_result()
    {
        var standard = Standard();
        var evidence = Evidence(Skill(SkillLevel.Technician), Award(RecognitionLevel.City, AwardGrade.Third, 2025));
        var first = standard.Assess(evidence, Today);
        Assert.Equal(first.Total, standard.Assess(evidence, Today).Total);
        var stricter = standard with { Version = 5, Dimensions = [.. standard.Dimensions.Select(d => d with { Threshold = 20 })] };
        var later = stricter.Assess(evidence, Today);
        Assert.Equal(5, later.StandardVersion);
        Assert.Equal((4, 1), (first.StandardVersion, first.DimensionsMet));
        Assert.Equal(0, later.DimensionsMet);
    }

    [Fact]
    public void A_result_round_trips_through_json_to_be_kept_with_the_decision()
    {
        var result = Standard().Assess(Evidence(Skill(SkillLevel.Technician), Award(RecognitionLevel.City, AwardGrade.Third, 2025)), Today);
        var json = JsonSerializer.Serialize(result, AdmissionJson.Options);
        var read = JsonSerializer.Deserialize<AdmissionAssessment>(json, AdmissionJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(read, AdmissionJson.Options));
        Assert.Equal(4, read.StandardVersion);
        Assert.Equal([new RuleMatch(1, 6)], read.Dimension("honours").Rules.Single().Matches);
    }
}
