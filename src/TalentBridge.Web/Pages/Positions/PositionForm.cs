using System.Globalization;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Pages.Positions;

/// <summary>The position form as posted: numbers and dates as strings, so a bad value becomes a field error.</summary>
public sealed class PositionInput
{
    public string? Title { get; set; }
    public string? OccupationCode { get; set; }
    public string? RegionCode { get; set; }
    public string? Headcount { get; set; } = "1";
    public string? SalaryMin { get; set; }
    public string? SalaryMax { get; set; }
    public string? MonthsPerYear { get; set; } = "12";
    public string? MinEducation { get; set; } = nameof(EducationLevel.None);
    public string? MinExperienceYears { get; set; } = "0";
    public string? RequiredSkills { get; set; }
    public string? PreferredSkills { get; set; }
    public string? RequiredTitle { get; set; } = nameof(ProfessionalTitleLevel.None);
    public string? RequiredSkillLevel { get; set; } = nameof(SkillLevel.None);
    public bool RequirementsMandatory { get; set; }
    public bool SalaryStrict { get; set; }
    public List<string> EngagementMode { get; set; } = [];
    public bool Urgent { get; set; }
    public string? Status { get; set; } = nameof(PositionStatus.Open);
    public string? PostedOn { get; set; }
    public string? ExpiresOn { get; set; }
    public string? Description { get; set; }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static PositionInput ForNew(Enterprise enterprise, DateOnly today) => new()
    {
        RegionCode = enterprise.RegionCode,
        EngagementMode = [nameof(EngagementModes.FullTime)],
        PostedOn = Text(today),
        ExpiresOn = Text(today.AddDays(60)),
    };

    /// <summary>
    /// A new position published from a duplicate cluster: the cluster's title, occupation, region, pay, first source's
    /// requirements, largest headcount and longest description; posted on the first source's date, open for 60 days
    /// from today. What the sources do not say stays empty for the operator to fill.
    /// </summary>
    public static PositionInput ForCluster(Enterprise enterprise, PublishDraft draft, ReferenceData reference, DateOnly today) => new()
    {
        Title = draft.Title,
        OccupationCode = draft.OccupationCode is null ? null : OccupationField.Text(reference, draft.OccupationCode),
        RegionCode = draft.RegionCode ?? enterprise.RegionCode,
        Headcount = Text(draft.Headcount),
        SalaryMin = draft.SalaryMin is { } min ? Text(min) : null,
        SalaryMax = draft.SalaryMax is { } max ? Text(max) : null,
        MonthsPerYear = Text(draft.MonthsPerYear),
        MinEducation = draft.MinEducation.ToString(),
        MinExperienceYears = Text(draft.MinExperienceYears),
        EngagementMode = [nameof(EngagementModes.FullTime)],
        PostedOn = Text(draft.PostedOn is { } posted && posted <= today ? posted : today),
        ExpiresOn = Text(today.AddDays(60)),
        Description = draft.Description,
    };

    /// <summary>The version the form was opened at (hidden); a change saved since makes the save a conflict.</summary>
    public string? Version { get; set; }

    public static PositionInput From(Position p, ReferenceData reference) => new()
    {
        Version = p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = p.Title,
        OccupationCode = OccupationField.Text(reference, p.OccupationCode),
        RegionCode = p.RegionCode,
        Headcount = Text(p.Headcount),
        SalaryMin = Text(p.SalaryMin),
        SalaryMax = Text(p.SalaryMax),
        MonthsPerYear = Text(p.MonthsPerYear),
        MinEducation = p.MinEducation.ToString(),
        MinExperienceYears = Text(p.MinExperienceYears),
        RequiredSkills = FormReader.Join(p.RequiredSkills),
        PreferredSkills = FormReader.Join(p.PreferredSkills),
        RequiredTitle = p.RequiredTitle.ToString(),
        RequiredSkillLevel = p.RequiredSkillLevel.ToString(),
        RequirementsMandatory = p.RequirementsMandatory,
        SalaryStrict = p.SalaryStrict,
        EngagementMode = Enum.GetValues<EngagementModes>().Where(m => m != EngagementModes.None && p.EngagementMode.HasFlag(m)).Select(m => m.ToString()).ToList(),
        Urgent = p.Urgent,
        Status = p.Status.ToString(),
        PostedOn = Text(p.PostedOn),
        ExpiresOn = Text(p.ExpiresOn),
        Description = p.Description,
    };

    /// <summary>The parsed position and what could not be parsed; the domain rules are checked by <see cref="TalentBridge.Platform.Pools.PositionWrites"/>.</summary>
    public (Position Position, ValidationErrors ParseErrors) Read(long enterpriseId)
    {
        var reader = new FormReader();
        var position = new Position
        {
            EnterpriseId = enterpriseId,
            Title = Title?.Trim() ?? "",
            OccupationCode = OccupationCode?.Trim() ?? "",
            RegionCode = FormReader.Region(RegionCode),
            Headcount = reader.Number(Headcount, "headcount"),
            SalaryMin = reader.Number(SalaryMin, "salaryMin"),
            SalaryMax = reader.Number(SalaryMax, "salaryMax"),
            MonthsPerYear = reader.Number(MonthsPerYear, "monthsPerYear"),
            MinEducation = reader.Enum<EducationLevel>(MinEducation, "minEducation"),
            MinExperienceYears = reader.OptionalInt(MinExperienceYears, "minExperienceYears") ?? 0,
            RequiredSkills = FormReader.List(RequiredSkills),
            PreferredSkills = FormReader.List(PreferredSkills),
            RequiredTitle = reader.Enum<ProfessionalTitleLevel>(RequiredTitle, "requiredTitle"),
            RequiredSkillLevel = reader.Enum<SkillLevel>(RequiredSkillLevel, "requiredSkillLevel"),
            RequirementsMandatory = RequirementsMandatory,
            SalaryStrict = SalaryStrict,
            EngagementMode = reader.Flags<EngagementModes>(EngagementMode, "engagementMode"),
            Urgent = Urgent,
            Status = reader.Enum<PositionStatus>(Status, "status"),
            PostedOn = reader.Date(PostedOn, "postedOn"),
            ExpiresOn = reader.Date(ExpiresOn, "expiresOn"),
            Description = FormReader.Trimmed(Description),
        };
        return (position, reader.Errors);
    }
}

/// <summary>What the shared form partial shows; <c>FromCluster</c> is the duplicate cluster a new position is published from, if any.</summary>
public sealed record PositionFormView(PositionInput Input, ValidationErrors? Errors, Enterprise Enterprise, IReadOnlyList<Region> Regions, string CancelUrl,
    long? FromCluster = null);
