using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.SharedPool;

/// <summary>A small standard to vary per test, and evidence items to build from.</summary>
internal static class AdmissionFixture
{
    public static readonly DateOnly Today = new(2026, 6, 15);

    public static AdmissionRule Rule(string key, EvidenceKind kind, int points, RuleConditions? when = null, PointsBasis basis = PointsBasis.Once, int? cap = null) =>
        new() { Key = key, Kind = kind, When = when ?? new RuleConditions(), Points = points, Basis = basis, Cap = cap };

    private static AdmissionDimension Dimension(string key, string zh, string en, int threshold, params AdmissionRule[] rules) =>
        new() { Key = key, NameZh = zh, NameEn = en, Threshold = threshold, Rules = rules };

    /// <summary>Five dimensions with threshold 10, each scoring one kind of evidence; pass: 3 dimensions or 40 points.</summary>
    public static AdmissionStandard Standard() => new()
    {
        Name = "测试标准",
        Version = 4,
        Dimensions =
        [
            Dimension("industryReview", "行业评价", "Industry review", 10,
                Rule("reviewA", EvidenceKind.IndustryReview, 10, new RuleConditions { MinRating = ReviewRating.GradeA })),
            Dimension("professionalAbility", "专业能力", "Professional ability", 10,
                Rule("technician", EvidenceKind.SkillLevel, 10, new RuleConditions { MinSkillLevel = SkillLevel.Technician })),
            Dimension("honours", "竞赛荣誉", "Honours", 10,
                Rule("award", EvidenceKind.Award, 6, basis: PointsBasis.PerItem, cap: 18)),
            Dimension("educationTitle", "学历职称", "Education and title", 10,
                Rule("seniorTitle", EvidenceKind.ProfessionalTitle, 10, new RuleConditions { MinTitleLevel = ProfessionalTitleLevel.AssociateSenior })),
            Dimension("projects", "项目业绩", "Projects", 10,
                Rule("project", EvidenceKind.Project, 5, basis: PointsBasis.PerItem, cap: 20)),
        ],
        Pass = new PassRule { MinDimensionsMet = 3, MinTotal = 40 },
    };

    /// <summary><paramref name="standard"/> with the rules of dimension <paramref name="key"/> replaced.</summary>
    public static AdmissionStandard WithRules(this AdmissionStandard standard, string key, params AdmissionRule[] rules) => standard with
    {
        Dimensions = [.. standard.Dimensions.Select(d => d.Key == key ? d with { Rules = rules } : d)],
    };

    public static AdmissionEvidence Evidence(params EvidenceItem[] items) => new() { Items = items };

    public static EvidenceItem Review(RecognitionLevel level, ReviewRating rating, int year = 2025) =>
        new() { Kind = EvidenceKind.IndustryReview, Level = level, Rating = rating, Year = year };

    public static EvidenceItem Skill(SkillLevel level) => new() { Kind = EvidenceKind.SkillLevel, SkillLevel = level };

    public static EvidenceItem Title(ProfessionalTitleLevel level) => new() { Kind = EvidenceKind.ProfessionalTitle, TitleLevel = level };

    public static EvidenceItem Degree(EducationLevel level) => new() { Kind = EvidenceKind.Education, Education = level };

    public static EvidenceItem Award(RecognitionLevel level, AwardGrade? grade, int year, string title = "丽水市职业技能大赛") =>
        new() { Kind = EvidenceKind.Award, Title = title, Level = level, Grade = grade, Year = year };

    public static EvidenceItem Competition(RecognitionLevel level, int placing, int year) =>
        new() { Kind = EvidenceKind.Competition, Title = "浙江省数控技能大赛", Level = level, Placing = placing, Year = year };

    public static EvidenceItem Project(ProjectRole role, long? amountYuan, int year) =>
        new() { Kind = EvidenceKind.Project, Title = "智能产线改造", Role = role, AmountYuan = amountYuan, Year = year };

    public static EvidenceItem Experience(int years) => new() { Kind = EvidenceKind.Experience, Years = years };

    public static EvidenceItem Patent(PatentKind kind, int count) => new() { Kind = EvidenceKind.Patent, PatentKind = kind, Count = count };

    public static EvidenceItem Certificate(RecognitionLevel? level, int? year = null) =>
        new() { Kind = EvidenceKind.Certificate, Title = "注册安全工程师", Level = level, Year = year };
}
