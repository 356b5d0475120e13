using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Pools;

/// <summary>An employer (单位/企业) in the demand pool.</summary>
public sealed record Enterprise : IVersioned
{
    public long Id { get; init; }
    public required string Name { get; init; }
    /// <summary>统一社会信用代码, validated by its check character.</summary>
    public required string Uscc { get; init; }
    /// <summary>GB/T 4754-2017 code at division, group or class level ("13", "131", "1311").</summary>
    public required string IndustryCode { get; init; }
    /// <summary>Significant region code of the registered address (county level or below).</summary>
    public required string RegionCode { get; init; }
    public EnterpriseSize SizeClass { get; init; } = EnterpriseSize.Small;
    public EnterpriseTier Tier { get; init; }
    public int Headcount { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Optimistic-concurrency version: 1 when stored, incremented by every change; 0 before the record is stored.</summary>
    public int Version { get; init; }

    public ValidationErrors Validate(ReferenceData reference)
    {
        var errors = new ValidationErrors()
            .Required(Name, "name", 100)
            .Optional(Description, "description", 4000)
            .Defined(SizeClass, "sizeClass")
            .Defined(Tier, "tier")
            .Range(Headcount, 1, 1_000_000, "headcount");
        if (Domain.Uscc.Check(Uscc) is { } usccRule)
        {
            errors.Add("uscc", usccRule);
        }
        var industry = string.IsNullOrEmpty(IndustryCode) ? null : reference.Industries.Find(IndustryCode);
        errors.When(industry is null, "industryCode", "must be a GB/T 4754-2017 industry code")
              .When(industry is { Level: 1 }, "industryCode", "must be a division, group or class, not a section");
        PoolRules.CheckRegion(errors, reference, RegionCode, "regionCode");
        return errors;
    }
}
