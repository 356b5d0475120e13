using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Pools;

/// <summary>A position (岗位 / 招聘需求) posted by an enterprise.</summary>
public sealed record Position : IVersioned
{
    public long Id { get; init; }
    public long EnterpriseId { get; init; }
    public required string Title { get; init; }
    /// <summary>职业分类大典 2022 code, 小类 or 细类 ("2-02-10-00", "2-02-10-03").</summary>
    public required string OccupationCode { get; init; }
    /// <summary>GB/T 4754-2017 code; defaults to the enterprise's industry.</summary>
    public string? IndustryCode { get; init; }
    public required string RegionCode { get; init; }
    public int Headcount { get; init; } = 1;
    /// <summary>Monthly salary range in yuan.</summary>
    public int SalaryMin { get; init; }
    public int SalaryMax { get; init; }
    /// <summary>Months paid per year, e.g. 14 for "·14薪".</summary>
    public int MonthsPerYear { get; init; } = 12;
    /// <summary>When true, matching proposes only talents whose expected minimum this position's pay reaches.</summary>
    public bool SalaryStrict { get; init; }
    public EducationLevel MinEducation { get; init; }
    public int MinExperienceYears { get; init; }
    public IReadOnlyList<string> RequiredSkills { get; init; } = [];
    public IReadOnlyList<string> PreferredSkills { get; init; } = [];
    public ProfessionalTitleLevel RequiredTitle { get; init; }
    public SkillLevel RequiredSkillLevel { get; init; }
    /// <summary>When true, education, experience, title and skill level are hard conditions for matching.</summary>
    public bool RequirementsMandatory { get; init; }
    public EngagementModes EngagementMode { get; init; } = EngagementModes.FullTime;
    /// <summary>急需紧缺: flagged as urgently needed.</summary>
    public bool Urgent { get; init; }
    public PositionStatus Status { get; init; }
    public DateOnly PostedOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public string? Description { get; init; }
    /// <summary>Filled when read from storage for display; ignored on writes.</summary>
    public string? EnterpriseName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Optimistic-concurrency version: 1 when stored, incremented by every change; 0 before the record is stored.</summary>
    public int Version { get; init; }

    public ValidationErrors Validate(ReferenceData reference)
    {
        var errors = new ValidationErrors()
            .When(EnterpriseId <= 0, "enterpriseId", "is required")
            .Required(Title, "title", 100)
            .Optional(Description, "description", 8000)
            .Range(Headcount, 1, 10_000, "headcount")
            .Range(SalaryMin, 1, 1_000_000, "salaryMin")
            .Range(SalaryMax, 1, 1_000_000, "salaryMax")
            .When(SalaryMax < SalaryMin, "salaryMax", "must not be below salaryMin")
            .Range(MonthsPerYear, 12, 24, "monthsPerYear")
            .Defined(MinEducation, "minEducation")
            .Range(MinExperienceYears, 0, 50, "minExperienceYears")
            .Defined(RequiredTitle, "requiredTitle")
            .Defined(RequiredSkillLevel, "requiredSkillLevel")
            .Defined(Status, "status")
            .When(EngagementMode == EngagementModes.None || (EngagementMode & ~PoolRules.AllModes) != 0,
                "engagementMode", "must be one or more of FullTime, PartTime, Project, Shared")
            .When(PostedOn == default, "postedOn", "is required")
            .When(ExpiresOn < PostedOn, "expiresOn", "must not be before postedOn")
            .When(ExpiresOn > PostedOn.AddDays(366), "expiresOn", "must be within one year of postedOn");
        PoolRules.CheckSkills(errors, RequiredSkills, "requiredSkills", 30);
        PoolRules.CheckSkills(errors, PreferredSkills, "preferredSkills", 30);
        var occupation = string.IsNullOrEmpty(OccupationCode) ? null : reference.Occupations.Find(OccupationCode);
        errors.When(occupation is null, "occupationCode", "must be a 职业分类大典 2022 code such as 2-02-10-03")
              .When(occupation is { Level: < 3 }, "occupationCode", "must be at 小类 or 细类 level");
        if (!string.IsNullOrEmpty(IndustryCode))
        {
            errors.When(reference.Industries.Find(IndustryCode) is null or { Level: 1 }, "industryCode",
                "must be a GB/T 4754-2017 division, group or class code");
        }
        PoolRules.CheckRegion(errors, reference, RegionCode, "regionCode");
        return errors;
    }

    public bool IsOpenOn(DateOnly day) => Status == PositionStatus.Open && day >= PostedOn && day <= ExpiresOn;
}
