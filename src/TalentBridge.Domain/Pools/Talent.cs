using System.Text.Json.Serialization;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Pools;

public sealed record TalentOccupation(string Code, int Years);

/// <summary>A skill with a self-assessed or certified level from 1 (basic) to 5 (expert).</summary>
public sealed record TalentSkill(string Name, int Level);

/// <summary>
/// A person in the talent pool (人才). Contact data is held only as masked display values and keyed
/// hashes (see <see cref="ContactProtector"/>); the raw values exist only in a <see cref="TalentDraft"/>.
/// </summary>
public sealed record Talent : IVersioned
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string PhoneMasked { get; init; }
    [JsonIgnore]
    public string PhoneHash { get; init; } = "";
    public string? IdNumberMasked { get; init; }
    [JsonIgnore]
    public string? IdNumberHash { get; init; }
    public int BirthYear { get; init; }
    public Gender Gender { get; init; }
    public EducationLevel Education { get; init; }
    public string? Major { get; init; }
    public required string ResidenceRegionCode { get; init; }
    public IReadOnlyList<string> WorkRegionCodes { get; init; } = [];
    public IReadOnlyList<TalentOccupation> Occupations { get; init; } = [];
    public IReadOnlyList<TalentSkill> Skills { get; init; } = [];
    public IReadOnlyList<string> Certificates { get; init; } = [];
    public ProfessionalTitleLevel ProfessionalTitle { get; init; }
    public SkillLevel SkillLevel { get; init; }
    public int? ExpectedSalaryMin { get; init; }
    public int? ExpectedSalaryMax { get; init; }
    /// <summary>When true, matching offers only positions paying at least <see cref="ExpectedSalaryMin"/>.</summary>
    public bool SalaryStrict { get; init; }
    public EngagementModes Availability { get; init; } = EngagementModes.FullTime;
    public TalentVisibility Visibility { get; init; }
    public required string ConsentVersion { get; init; }
    public DateTimeOffset ConsentedAt { get; init; }
    public TalentStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Optimistic-concurrency version: 1 when stored, incremented by every change; 0 before the record is stored.</summary>
    public int Version { get; init; }

    /// <summary>Total years of experience: the longest of the listed occupations.</summary>
    public int ExperienceYears => Occupations.Count == 0 ? 0 : Occupations.Max(o => o.Years);

    public int AgeIn(int year) => year - BirthYear;
}

/// <summary>
/// A talent in a list: what a search needs to choose whom to open, without contact data (minimum
/// necessary; opening a record is audited, listing is not).
/// </summary>
public sealed record TalentSummary(
    long Id,
    string Name,
    int BirthYear,
    Gender Gender,
    EducationLevel Education,
    string? Major,
    string ResidenceRegionCode,
    IReadOnlyList<TalentOccupation> Occupations,
    IReadOnlyList<TalentSkill> Skills,
    ProfessionalTitleLevel ProfessionalTitle,
    SkillLevel SkillLevel,
    int? ExpectedSalaryMin,
    int? ExpectedSalaryMax,
    EngagementModes Availability,
    TalentStatus Status,
    DateTimeOffset UpdatedAt)
{
    public static TalentSummary From(Talent t) => new(t.Id, t.Name, t.BirthYear, t.Gender, t.Education, t.Major, t.ResidenceRegionCode,
        t.Occupations, t.Skills, t.ProfessionalTitle, t.SkillLevel, t.ExpectedSalaryMin, t.ExpectedSalaryMax, t.Availability, t.Status, t.UpdatedAt);
}

/// <summary>What a person or an operator submits to create or change a talent record.</summary>
public sealed record TalentDraft
{
    /// <summary>The consent text version a person must accept to be stored (个人信息处理同意书).</summary>
    public const string CurrentConsentVersion = "2026-01";

    /// <summary>Certificates a record lists at most.</summary>
    public const int MaxCertificates = 20;

    public string Name { get; init; } = "";
    /// <summary>Mobile phone; required on create, optional on update (kept when omitted).</summary>
    public string? Phone { get; init; }
    /// <summary>Resident ID number; optional. Only its mask and keyed hash are stored.</summary>
    public string? IdNumber { get; init; }
    public int BirthYear { get; init; }
    public Gender Gender { get; init; }
    public EducationLevel Education { get; init; }
    public string? Major { get; init; }
    public string ResidenceRegionCode { get; init; } = "";
    public IReadOnlyList<string> WorkRegionCodes { get; init; } = [];
    public IReadOnlyList<TalentOccupation> Occupations { get; init; } = [];
    public IReadOnlyList<TalentSkill> Skills { get; init; } = [];
    public IReadOnlyList<string> Certificates { get; init; } = [];
    public ProfessionalTitleLevel ProfessionalTitle { get; init; }
    public SkillLevel SkillLevel { get; init; }
    public int? ExpectedSalaryMin { get; init; }
    public int? ExpectedSalaryMax { get; init; }
    /// <summary>When true, matching offers only positions paying at least <see cref="ExpectedSalaryMin"/>.</summary>
    public bool SalaryStrict { get; init; }
    public EngagementModes Availability { get; init; } = EngagementModes.FullTime;
    public TalentVisibility Visibility { get; init; }
    public TalentStatus Status { get; init; }
    /// <summary>Must equal <see cref="CurrentConsentVersion"/>: the person accepted the current text.</summary>
    public string? ConsentVersion { get; init; }

    public ValidationErrors Validate(ReferenceData reference, int currentYear, bool isNew)
    {
        var errors = new ValidationErrors()
            .Required(Name, "name", 50)
            .Optional(Major, "major", 100)
            .Range(BirthYear, currentYear - 80, currentYear - 16, "birthYear")
            .Defined(Gender, "gender")
            .Defined(Education, "education")
            .Defined(ProfessionalTitle, "professionalTitle")
            .Defined(SkillLevel, "skillLevel")
            .Defined(Visibility, "visibility")
            .Defined(Status, "status")
            .When(Availability == EngagementModes.None || (Availability & ~PoolRules.AllModes) != 0,
                "availability", "must be one or more of FullTime, PartTime, Project, Shared")
            .When(ConsentVersion != CurrentConsentVersion, "consentVersion",
                $"the person must accept the current consent text (version {CurrentConsentVersion})");

        if (Phone is null)
        {
            errors.When(isNew, "phone", "is required");
        }
        else
        {
            errors.When(!ContactProtector.IsMobilePhone(Phone), "phone", "must be an 11-digit mainland mobile number");
        }
        if (!string.IsNullOrEmpty(IdNumber) && ResidentId.Check(IdNumber) is { } idRule)
        {
            errors.Add("idNumber", idRule);
        }

        if (ExpectedSalaryMin is { } min)
        {
            errors.Range(min, 0, 1_000_000, "expectedSalaryMin");
        }
        errors.When(SalaryStrict && ExpectedSalaryMin is null, "salaryStrict", "needs expectedSalaryMin");
        if (ExpectedSalaryMax is { } max)
        {
            errors.Range(max, 0, 1_000_000, "expectedSalaryMax")
                  .When(ExpectedSalaryMin is { } lo && max < lo, "expectedSalaryMax", "must not be below expectedSalaryMin");
        }

        PoolRules.CheckRegion(errors, reference, ResidenceRegionCode, "residenceRegionCode");
        errors.When(WorkRegionCodes.Count > 20, "workRegionCodes", "must list at most 20 regions")
              .When(WorkRegionCodes.Any(c => reference.Regions.Find(c) is null), "workRegionCodes", "must all be known region codes");

        errors.When(Occupations.Count == 0, "occupations", "must list at least one occupation")
              .When(Occupations.Count > 10, "occupations", "must list at most 10 occupations")
              .When(Occupations.Any(o => reference.Occupations.Find(o.Code) is null or { Level: < 3 }), "occupations",
                  "each code must be a 职业分类大典 2022 小类 or 细类 code")
              .When(Occupations.Any(o => o.Years is < 0 or > 60), "occupations", "years of experience must be between 0 and 60")
              .When(Occupations.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != Occupations.Count, "occupations", "must not repeat an occupation");

        PoolRules.CheckSkills(errors, Skills.Select(s => s.Name).ToList(), "skills", 50);
        errors.When(Skills.Any(s => s.Level is < 1 or > 5), "skills", "each level must be between 1 and 5")
              .When(Certificates.Count > MaxCertificates, "certificates", $"must list at most {MaxCertificates} certificates")
              .When(Certificates.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 100), "certificates", "each certificate must be 1 to 100 characters");
        return errors;
    }

    /// <summary>
    /// Builds the stored record: contact values become masks and keyed hashes. On update, omitted
    /// contact values are kept from <paramref name="existing"/>.
    /// </summary>
    public Talent ToTalent(ContactProtector protector, DateTimeOffset now, Talent? existing = null)
    {
        var phoneMasked = Phone is null ? existing!.PhoneMasked : ContactProtector.MaskPhone(Phone);
        var phoneHash = Phone is null ? existing!.PhoneHash : protector.Hash(Phone);
        var idMasked = string.IsNullOrEmpty(IdNumber) ? existing?.IdNumberMasked : ContactProtector.MaskResidentId(IdNumber);
        var idHash = string.IsNullOrEmpty(IdNumber) ? existing?.IdNumberHash : protector.Hash(IdNumber);
        return new Talent
        {
            Id = existing?.Id ?? 0,
            Name = Name.Trim(),
            PhoneMasked = phoneMasked,
            PhoneHash = phoneHash,
            IdNumberMasked = idMasked,
            IdNumberHash = idHash,
            BirthYear = BirthYear,
            Gender = Gender,
            Education = Education,
            Major = string.IsNullOrWhiteSpace(Major) ? null : Major.Trim(),
            ResidenceRegionCode = RegionCatalogue.Significant(ResidenceRegionCode),
            WorkRegionCodes = WorkRegionCodes.Select(RegionCatalogue.Significant).Distinct(StringComparer.Ordinal).ToList(),
            Occupations = Occupations,
            Skills = Skills,
            Certificates = Certificates,
            ProfessionalTitle = ProfessionalTitle,
            SkillLevel = SkillLevel,
            ExpectedSalaryMin = ExpectedSalaryMin,
            ExpectedSalaryMax = ExpectedSalaryMax,
            SalaryStrict = SalaryStrict,
            Availability = Availability,
            Visibility = Visibility,
            ConsentVersion = ConsentVersion ?? CurrentConsentVersion,
            ConsentedAt = existing is not null && existing.ConsentVersion == ConsentVersion ? existing.ConsentedAt : now,
            Status = Status,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            Version = existing?.Version ?? 0,
        };
    }
}
