using System.Text.Json;

namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>The unit a fact is entered in, which also fixes the values it may take.</summary>
public enum FactUnit
{
    Yuan,
    Fen,
    Percent,
    Count,
    Years,
    Months,
    /// <summary>1 yes, 0 no.</summary>
    YesNo,
    /// <summary>A level from a short scale (<see cref="Figures.Range"/>).</summary>
    Level,
}

/// <summary>A group of the self-assessment form: the facts a tier's dimension reads (or its conditions, key <c>{tier}.conditions</c>).</summary>
public sealed record FigureGroup(string Key, string Tier, string NameZh, string NameEn, IReadOnlyList<Fact> Facts);

/// <summary>
/// The figures an enterprise enters for a self-assessment: each fact's unit and allowed values, the form's groups
/// derived from a rule set (every fact where it first counts), and reading figures from JSON names (camelCase).
/// </summary>
public static class Figures
{
    private static readonly Dictionary<string, Fact> ByName = Enum.GetValues<Fact>().ToDictionary(Name, StringComparer.Ordinal);

    /// <summary>The JSON (camelCase) name of a fact, as the API and the form use it.</summary>
    public static string Name(Fact fact) => Names.Of(fact);

    public static Fact? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var fact) ? fact : null;

    public static FactUnit UnitOf(Fact fact) => fact switch
    {
        <= Fact.EquityFinancing3Years => FactUnit.Yuan,
        Fact.Staff or Fact.RdStaff or (>= Fact.IpHighValueClass1 and <= Fact.IpClass1Applied) => FactUnit.Count,
        Fact.YearsInNiche or Fact.YearsOperating => FactUnit.Years,
        Fact.NationalMarketShare => FactUnit.Percent,
        Fact.DigitalLevel or Fact.RdInstitutionLevel or Fact.LocalFeaturePoints or Fact.SizeClass or Fact.TierHeld => FactUnit.Level,
        Fact.HiresInsuredMonths => FactUnit.Months,
        Fact.HardToEmployInsuranceFen => FactUnit.Fen,
        >= Fact.SignedGraduates => FactUnit.Count,
        _ => FactUnit.YesNo,
    };

    /// <summary>The values a fact may take (both ends included); money has no upper end and only 净利润 may be negative.</summary>
    public static (decimal Min, decimal? Max) Range(Fact fact) => fact switch
    {
        Fact.NetProfit => (-1_000_000_000_000m, 1_000_000_000_000m),
        Fact.DigitalLevel => (1, 4),
        Fact.RdInstitutionLevel => (0, 4),
        Fact.LocalFeaturePoints => (0, 15),
        Fact.SizeClass => (1, 4),
        Fact.TierHeld => (0, 3),
        _ => UnitOf(fact) switch
        {
            FactUnit.Percent => (0, 100),
            FactUnit.YesNo => (0, 1),
            FactUnit.Years => (0, 200),
            FactUnit.Months => (0, 1200),
            FactUnit.Count => (0, 10_000_000),
            _ => (0, 1_000_000_000_000m),
        },
    };

    /// <summary>Whether a unit takes whole numbers only.</summary>
    public static bool Whole(Fact fact) => UnitOf(fact) is not (FactUnit.Yuan or FactUnit.Percent);

    /// <summary>
    /// Reads figures given by name (<c>{"rdSpend": 1200000, "staff": 80}</c>; null or absent: not entered) into facts,
    /// with an error per figure naming it (<c>figures.rdSpend</c>) and the rule it breaks.
    /// </summary>
    public static (EnterpriseFacts Facts, ValidationErrors Errors) Read(IReadOnlyDictionary<string, decimal?>? figures, string? regionCode, string? industrySection)
    {
        var errors = new ValidationErrors();
        var facts = new EnterpriseFacts { RegionCode = regionCode, IndustrySection = industrySection };
        foreach (var (name, value) in figures ?? new Dictionary<string, decimal?>())
        {
            var field = "figures." + name;
            if (Parse(name) is not { } fact)
            {
                errors.Add(field, "is not a figure of the self-assessment");
                continue;
            }
            if (value is not { } v)
            {
                continue;
            }
            var (min, max) = Range(fact);
            errors.When(v < min, field, $"must be at least {min}")
                .When(v > max, field, $"must be at most {max}")
                .When(Whole(fact) && v != decimal.Truncate(v), field, "must be a whole number");
            facts[fact] = v;
        }
        return (facts, errors);
    }

    /// <summary>The facts entered, by name, in the order of <see cref="Fact"/> (for storing and for the form).</summary>
    public static Dictionary<string, decimal> Entered(EnterpriseFacts facts) =>
        Enum.GetValues<Fact>().Where(f => facts[f] is not null).ToDictionary(Name, f => facts[f]!.Value, StringComparer.Ordinal);

    public static string ToJson(EnterpriseFacts facts) => JsonSerializer.Serialize(Entered(facts));

    public static Dictionary<string, decimal?> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal?>>(json) ?? [];

    /// <summary>
    /// The form's groups for a rule set: per tier, each dimension with the facts its indicators read, then the tier's
    /// conditions with the facts read there only; a fact appears once, where it first counts.
    /// </summary>
    public static IReadOnlyList<FigureGroup> Groups(TierRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var placed = new HashSet<Fact>();
        var groups = new List<FigureGroup>();
        void Add(string key, string tier, string zh, string en, IEnumerable<Fact> facts)
        {
            var fresh = facts.Where(placed.Add).ToList();
            if (fresh.Count > 0)
            {
                groups.Add(new FigureGroup(key, tier, zh, en, fresh));
            }
        }
        foreach (var tier in rules.Tiers)
        {
            foreach (var dimension in tier.Dimensions)
            {
                Add($"{tier.Key}.{dimension.Key}", tier.Key, dimension.NameZh, dimension.NameEn, dimension.Indicators.SelectMany(Read));
            }
            Add($"{tier.Key}.conditions", tier.Key, tier.NameZh, tier.NameEn, Read(tier.Qualifies));
        }
        return groups;
    }

    private static IEnumerable<Fact> Read(Indicator indicator) =>
        (indicator.Quantity?.Facts ?? [])
            .Concat((indicator.Choices ?? []).Where(c => c.When is not null).SelectMany(c => Read(c.When!)))
            .Concat((indicator.Items ?? []).SelectMany(Read));

    private static IEnumerable<Fact> Read(Condition condition) =>
        (condition.Quantity?.Facts ?? (condition.Fact is { } fact ? [fact] : []))
            .Concat((condition.AnyOf ?? []).SelectMany(Read))
            .Concat((condition.AllOf ?? []).SelectMany(Read));
}
