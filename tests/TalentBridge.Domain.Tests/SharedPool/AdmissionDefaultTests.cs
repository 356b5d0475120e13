using TalentBridge.Domain.SharedPool;
using static TalentBridge.Domain.Tests.SharedPool.AdmissionFixture;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class AdmissionDefaultTests
{
    private static readonly AdmissionStandard Lishui = AdmissionStandard.LishuiDefault;

    [Fact]
    public void The_lishui_default_parses_with_the_five_dimensions_and_says_it_is_illustrative()
    {
        Assert.True(Lishui.Validate().IsValid, Lishui.Validate().ToString());
        Assert.Equal(["industryReview", "professionalAbility", "honours", "educationTitle", "projects"], Lishui.Dimensions.Select(d => d.Key));
        Assert.Equal(["行业评价", "专业能力", "竞赛荣誉", "学历职称", "项目业绩"], Lishui.Dimensions.Select(d => d.NameZh));
        Assert.Contains("Illustrative", Lishui.Note, StringComparison.Ordinal);
        Assert.Contains("no rules", Lishui.Source, StringComparison.Ordinal);
        Assert.Equal(36, Lishui.ValidityMonths);
        Assert.Equal(Lishui.ToJson(), AdmissionStandard.Parse(Lishui.ToJson()).Standard!.ToJson());
    }

    [Fact]
    public void A_strong_expert_passes_the_lishui_default()
    {
        var expert = Evidence(
            Review(RecognitionLevel.Provincial, ReviewRating.GradeA, 2025),
            Skill(SkillLevel.SeniorTechnician),
            Experience(18),
            Patent(PatentKind.Invention, 3),
            Award(RecognitionLevel.Provincial, AwardGrade.Second, 2024, "浙江省职业技能大赛"),
            Competition(RecognitionLevel.National, 2, 2023),
            Title(ProfessionalTitleLevel.AssociateSenior),
            Degree(EducationLevel.Bachelor),
            Project(ProjectRole.Lead, 2_500_000, 2025));
        var result = Lishui.Assess(expert, Today);
        Assert.True(result.Passed);
        Assert.Equal(5, result.DimensionsMet);
        Assert.Equal([PassClause.DimensionsMet, PassClause.Total], result.ClausesMet);
        // Tiers add up: 行业评价 10 + 6 + 3 (one review matches all three rules); 专业能力 10 + 5 + 6 + 3 + 5; 竞赛荣誉 6 + 3 (city award tier) + 8 + 3; 学历职称 10 + 5 + 3; 项目业绩 8 + 3.
        Assert.Equal([19, 29, 20, 18, 11], result.Dimensions.Select(d => d.Points));
        Assert.Equal(97, result.Total);
        Assert.Equal(1, Lishui.Version);
    }

    [Fact]
    public void A_weak_applicant_fails_and_the_result_names_what_is_missing()
    {
        var applicant = Evidence(
            Title(ProfessionalTitleLevel.Intermediate),
            Degree(EducationLevel.Bachelor),
            Experience(6),
            Award(RecognitionLevel.City, AwardGrade.Third, 2025));
        var result = Lishui.Assess(applicant, Today);
        Assert.False(result.Passed);
        Assert.Empty(result.ClausesMet);
        Assert.Equal(["professionalAbility"], result.MissingRequired);
        Assert.Equal((0, 3), (result.DimensionsMet, result.MinDimensionsMet!.Value));
        Assert.Equal((14, 60), (result.Total, result.MinTotal!.Value));
        var ability = result.Dimension("professionalAbility");
        Assert.Equal((3, 10, 7), (ability.Points, ability.Threshold, ability.Shortfall));
        Assert.Equal(["experience5"], ability.Rules.Where(r => r.Matches.Count > 0).Select(r => r.Key));
    }
}
