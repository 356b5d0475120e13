namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// A job posting as an outside platform delivered it (全量归集): free text, mapped from the source's
/// columns by an import profile, before normalisation.
/// </summary>
public sealed record SourcePosting(
    string Source,
    string SourceId,
    string Title,
    string? EnterpriseName,
    string? Uscc,
    string? Place,
    string? Salary,
    string? Education,
    string? Experience,
    string? Headcount,
    string? Description,
    DateOnly? PostedOn);

/// <summary>A posting after normalisation: national codes, monthly yuan, and the key fields for duplicate detection.</summary>
public sealed record NormalisedPosting(
    string Source,
    string SourceId,
    string Title,
    string? OccupationCode,
    double OccupationConfidence,
    string EnterpriseName,
    string? Uscc,
    string? RegionCode,
    int? SalaryMin,
    int? SalaryMax,
    int MonthsPerYear,
    EducationLevel? MinEducation,
    int? MinExperienceYears,
    int? Headcount,
    string? Description,
    DateOnly? PostedOn);

/// <summary>
/// A person as an outside platform delivered them, contact data already reduced to keyed hashes at
/// the border (the raw values are never kept).
/// </summary>
public sealed record SourceTalent(
    string Source,
    string SourceId,
    string Name,
    string? PhoneHash,
    string? IdNumberHash,
    int? BirthYear,
    string? RegionCode,
    string? OccupationCode,
    string? Text);
