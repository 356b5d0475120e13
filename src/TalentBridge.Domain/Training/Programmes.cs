using System.Text.Json.Serialization;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Training;

/// <summary>Who may have a programme's subsidy (职业技能提升补贴 and the like): nobody, everyone, or only people seeking work.</summary>
public enum SubsidyEligibility
{
    None = 0,
    Everyone = 1,
    /// <summary>Registered job seekers (a talent whose status is Seeking).</summary>
    JobSeekers = 2,
}

public enum DeliveryMode
{
    InPerson = 1,
    Online = 2,
    Blended = 3,
}

/// <summary>A training provider (培训机构): a vocational school, a public training centre, an enterprise's academy.</summary>
public sealed record TrainingProvider(long Id, string Name, string RegionCode, string? Note, int Version) : IVersioned
{
    public ValidationErrors Validate(ReferenceData reference)
    {
        var errors = new ValidationErrors().Required(Name, "name", 100).Optional(Note, "note", 500);
        PoolRules.CheckRegion(errors, reference, RegionCode, "regionCode");
        return errors;
    }
}

/// <summary>
/// A training programme (培训项目) as data: the skills it teaches and the occupations (大典 codes) it prepares for, the
/// vocational skill level its certificate attests (<see cref="Level"/>, 新八级工; None when it leads to no certificate),
/// duration, cost and subsidy in fen, and where it is held. A completion adds <see cref="Skills"/> at
/// <see cref="SkillPoints"/> and <see cref="Certificate"/> to the talent's record (<see cref="TrainingCompletion"/>).
/// </summary>
public sealed record Programme : IVersioned
{
    public long Id { get; init; }
    public long ProviderId { get; init; }
    public string ProviderName { get; init; } = "";
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> OccupationCodes { get; init; } = [];
    public SkillLevel Level { get; init; }
    public string? Certificate { get; init; }
    public int DurationHours { get; init; }
    public long CostFen { get; init; }
    public long SubsidyFen { get; init; }
    public SubsidyEligibility SubsidyEligibility { get; init; }
    public required string RegionCode { get; init; }
    public DeliveryMode Mode { get; init; } = DeliveryMode.InPerson;
    public bool Active { get; init; } = true;
    public int Version { get; init; }

    /// <summary>
    /// The level (1–5, the talents' self-assessed scale) at which a completion records the skills: the certificate's
    /// 新八级工 step capped at 5 (学徒工 1, 初级工 2, 中级工 3, 高级工 4, 技师 and above 5); 2 without a certificate.
    /// </summary>
    [JsonIgnore]
    public int SkillPoints => Level == SkillLevel.None ? 2 : Math.Clamp((int)Level, 1, 5);

    /// <summary>The subsidy this talent may have: the amount when eligible, never more than the cost.</summary>
    public long SubsidyFor(Talent talent)
    {
        ArgumentNullException.ThrowIfNull(talent);
        var eligible = SubsidyEligibility switch
        {
            SubsidyEligibility.Everyone => true,
            SubsidyEligibility.JobSeekers => talent.Status == TalentStatus.Seeking,
            _ => false,
        };
        return eligible ? Math.Min(SubsidyFen, CostFen) : 0;
    }

    public const int MaxSkills = 10;
    public const int MaxOccupations = 5;

    public ValidationErrors Validate(ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new ValidationErrors()
            .Required(Name, "name", 100)
            .Optional(Description, "description", 2000)
            .Optional(Certificate, "certificate", 100)
            .Defined(Level, "level")
            .Defined(SubsidyEligibility, "subsidyEligibility")
            .Defined(Mode, "mode")
            .Range(DurationHours, 1, 2000, "durationHours")
            .Range(CostFen, 0, 100_000_000, "costFen")
            .Range(SubsidyFen, 0, 100_000_000, "subsidyFen")
            .When(SubsidyFen > CostFen, "subsidyFen", "must not be above costFen")
            .When(SubsidyEligibility == SubsidyEligibility.None && SubsidyFen > 0, "subsidyEligibility", "must say who may have the subsidy")
            .When(Skills.Count == 0, "skills", "must list at least one skill")
            .When(OccupationCodes.Count > MaxOccupations, "occupationCodes", $"must list at most {MaxOccupations} occupations")
            .When(OccupationCodes.Any(c => reference.Occupations.Find(c) is null or { Level: < 3 }), "occupationCodes",
                "each code must be a 职业分类大典 2022 小类 or 细类 code")
            .When(Certificate is not null && Level == SkillLevel.None, "level", "must name the level the certificate attests");
        PoolRules.CheckSkills(errors, Skills, "skills", MaxSkills);
        PoolRules.CheckRegion(errors, reference, RegionCode, "regionCode");
        return errors;
    }
}

/// <summary>What completing a programme changes in a talent's record: the same rule for a completion and for the re-scoring of a recommendation.</summary>
public static class TrainingCompletion
{
    /// <summary>
    /// The record with the programme's skills at <see cref="Programme.SkillPoints"/> (a skill the talent has keeps the
    /// higher level), its certificate added when it has one and is not listed yet, and the talent's skill level raised
    /// to the certificate's level. Nothing else changes (the caller sets the update time of a stored completion).
    /// </summary>
    public static Talent Apply(Talent talent, Programme programme)
    {
        ArgumentNullException.ThrowIfNull(talent);
        ArgumentNullException.ThrowIfNull(programme);
        var skills = talent.Skills.ToList();
        foreach (var name in programme.Skills)
        {
            var at = skills.FindIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                skills.Add(new TalentSkill(name, programme.SkillPoints));
            }
            else if (skills[at].Level < programme.SkillPoints)
            {
                skills[at] = skills[at] with { Level = programme.SkillPoints };
            }
        }
        var certificates = talent.Certificates.ToList();
        if (programme.Certificate is { } certificate && !certificates.Contains(certificate, StringComparer.Ordinal))
        {
            certificates.Add(certificate);
        }
        return talent with
        {
            Skills = skills,
            Certificates = certificates,
            SkillLevel = programme.Certificate is not null && programme.Level > talent.SkillLevel ? programme.Level : talent.SkillLevel,
        };
    }
}
