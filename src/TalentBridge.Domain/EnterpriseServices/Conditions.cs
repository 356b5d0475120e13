namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>How a quantity is computed from facts; shares and growth rates are in percent.</summary>
public enum QuantityKind
{
    /// <summary>One fact as entered.</summary>
    Fact,
    /// <summary>facts[0] / facts[1] × 100 (e.g. 研发费用总额占营业收入总额比重).</summary>
    Share,
    /// <summary>(facts[0] / facts[1] − 1) × 100 (上年度增长率).</summary>
    Growth,
    /// <summary>The mean of the growth rates of consecutive facts, newest first (近2年平均增长率 from three years' figures).</summary>
    MeanGrowth,
    /// <summary>The mean of the facts (近两年均值).</summary>
    Mean,
    /// <summary>The sum of the facts.</summary>
    Sum,
}

/// <summary>A number computed from facts; <see cref="Facts"/> are read in the order <see cref="Kind"/> says.</summary>
public sealed record Quantity
{
    public QuantityKind Kind { get; init; }
    public IReadOnlyList<Fact> Facts { get; init; } = [];

    public static Quantity Of(Fact fact) => new() { Kind = QuantityKind.Fact, Facts = [fact] };

    /// <summary>
    /// The value, or null when a fact is missing or a ratio's denominator is not positive; then the facts that block it
    /// (the missing ones, or the denominator) are added to <paramref name="blocking"/>. Missing is never read as zero.
    /// </summary>
    public decimal? Evaluate(EnterpriseFacts facts, List<Fact>? blocking)
    {
        var missing = false;
        foreach (var fact in Facts)
        {
            if (facts[fact] is null)
            {
                blocking?.Add(fact);
                missing = true;
            }
        }
        if (missing)
        {
            return null;
        }
        switch (Kind)
        {
            case QuantityKind.Fact:
                return facts[Facts[0]];
            case QuantityKind.Share:
                return Ratio(facts, Facts[0], Facts[1], blocking) is { } share ? share * 100m : null;
            case QuantityKind.Growth:
                return Ratio(facts, Facts[0], Facts[1], blocking) is { } growth ? (growth - 1m) * 100m : null;
            case QuantityKind.MeanGrowth:
                var total = 0m;
                for (var i = 0; i + 1 < Facts.Count; i++)
                {
                    if (Ratio(facts, Facts[i], Facts[i + 1], blocking) is not { } ratio)
                    {
                        return null;
                    }
                    total += (ratio - 1m) * 100m;
                }
                return total / (Facts.Count - 1);
            case QuantityKind.Mean:
                return Sum(facts) / Facts.Count;
            default:
                return Sum(facts);
        }
    }

    /// <summary>The value <see cref="Facts"/>[0] needs for this quantity to reach <paramref name="target"/>, the others unchanged (facts and shares only).</summary>
    internal decimal? FirstFactFor(decimal target, EnterpriseFacts facts) => Kind switch
    {
        QuantityKind.Fact => target,
        QuantityKind.Share when facts[Facts[1]] is { } denominator => target * denominator / 100m,
        _ => null,
    };

    private decimal Sum(EnterpriseFacts facts)
    {
        var sum = 0m;
        foreach (var fact in Facts)
        {
            sum += facts[fact]!.Value;
        }
        return sum;
    }

    private static decimal? Ratio(EnterpriseFacts facts, Fact numerator, Fact denominator, List<Fact>? blocking)
    {
        var below = facts[denominator]!.Value;
        if (below <= 0)
        {
            blocking?.Add(denominator);
            return null;
        }
        return facts[numerator]!.Value / below;
    }

    internal void Validate(string path, ValidationErrors errors)
    {
        errors.Defined(Kind, path + ".kind");
        var (min, max) = Kind switch
        {
            QuantityKind.Fact => (1, 1),
            QuantityKind.Share or QuantityKind.Growth => (2, 2),
            QuantityKind.MeanGrowth => (3, 10),
            _ => (2, 10),
        };
        errors.When(Facts.Count < min || Facts.Count > max, path + ".facts", min == max ? $"must name exactly {min} facts" : $"must name {min} to {max} facts");
        for (var i = 0; i < Facts.Count; i++)
        {
            errors.Defined(Facts[i], $"{path}.facts[{i}]");
        }
    }
}

/// <summary>Three-valued truth: a condition over a missing fact is <see cref="Unknown"/>, never false.</summary>
public enum Truth
{
    False = 0,
    True = 1,
    Unknown = 2,
}

/// <summary>How a quantity is compared with its threshold: 以上/不低于 (≥), 超过/高于 (&gt;), 以下/不高于 (≤), 低于/不满 (&lt;).</summary>
public enum Comparator
{
    AtLeast,
    Above,
    AtMost,
    Below,
}

/// <summary>What a condition tests.</summary>
public enum ConditionKind
{
    /// <summary>A quantity against a threshold (a fact alone means "is yes": at least 1).</summary>
    Compare,
    AnyOf,
    AllOf,
    /// <summary>The tier's score passes (total and every dimension's minimum).</summary>
    Score,
    /// <summary>An earlier tier of the same rule set qualifies (the gradient: 专精特新 needs 创新型).</summary>
    Tier,
    /// <summary>The enterprise's region is one of the listed codes or under one.</summary>
    Region,
    /// <summary>The enterprise's GB/T 4754 section is one of the listed.</summary>
    IndustrySection,
}

/// <summary>
/// A condition of a rule, in a closed vocabulary: exactly one of a comparison (<see cref="Fact"/> or
/// <see cref="Quantity"/> with one of <see cref="AtLeast"/>, <see cref="Above"/>, <see cref="AtMost"/>,
/// <see cref="Below"/>; a fact alone means "is yes"), <see cref="AnyOf"/>, <see cref="AllOf"/>, <see cref="Score"/>,
/// <see cref="Tier"/>, <see cref="RegionIn"/> or <see cref="IndustrySectionIn"/>. A key and texts name it to the page.
/// </summary>
public sealed record Condition
{
    public string? Key { get; init; }
    public string? TextZh { get; init; }
    public string? TextEn { get; init; }
    public Fact? Fact { get; init; }
    public Quantity? Quantity { get; init; }
    public NumberOrParameter? AtLeast { get; init; }
    public NumberOrParameter? Above { get; init; }
    public NumberOrParameter? AtMost { get; init; }
    public NumberOrParameter? Below { get; init; }
    public IReadOnlyList<Condition>? AnyOf { get; init; }
    public IReadOnlyList<Condition>? AllOf { get; init; }
    public bool? Score { get; init; }
    public string? Tier { get; init; }
    public IReadOnlyList<string>? RegionIn { get; init; }
    public IReadOnlyList<string>? IndustrySectionIn { get; init; }
    public RuleSource? Source { get; init; }

    public ConditionKind Kind =>
        AnyOf is not null ? ConditionKind.AnyOf
        : AllOf is not null ? ConditionKind.AllOf
        : Score is not null ? ConditionKind.Score
        : Tier is not null ? ConditionKind.Tier
        : RegionIn is not null ? ConditionKind.Region
        : IndustrySectionIn is not null ? ConditionKind.IndustrySection
        : ConditionKind.Compare;

    /// <summary>The quantity compared (a lone <see cref="Fact"/> is a quantity of that fact).</summary>
    internal Quantity? Compared => Quantity ?? (Fact is { } fact ? Quantity.Of(fact) : null);

    internal (Comparator Comparator, NumberOrParameter Threshold) Test =>
        AtLeast is { } atLeast ? (Comparator.AtLeast, atLeast)
        : Above is { } above ? (Comparator.Above, above)
        : AtMost is { } atMost ? (Comparator.AtMost, atMost)
        : Below is { } below ? (Comparator.Below, below)
        : (Comparator.AtLeast, 1m);

    internal static bool Holds(decimal value, Comparator comparator, decimal threshold) => comparator switch
    {
        Comparator.AtLeast => value >= threshold,
        Comparator.Above => value > threshold,
        Comparator.AtMost => value <= threshold,
        _ => value < threshold,
    };

    internal void Validate(string path, ValidationErrors errors, Func<string, string?> checkTier, bool scoreAllowed, ISet<string> parameters)
    {
        errors.Optional(Key, path + ".key", 60).Optional(TextZh, path + ".textZh", 200).Optional(TextEn, path + ".textEn", 300);
        Source?.Validate(path + ".source", errors);
        var forms = (Fact is not null || Quantity is not null ? 1 : 0) + (AnyOf is not null ? 1 : 0) + (AllOf is not null ? 1 : 0)
            + (Score is not null ? 1 : 0) + (Tier is not null ? 1 : 0) + (RegionIn is not null ? 1 : 0) + (IndustrySectionIn is not null ? 1 : 0);
        var comparisons = (AtLeast is null ? 0 : 1) + (Above is null ? 0 : 1) + (AtMost is null ? 0 : 1) + (Below is null ? 0 : 1);
        if (forms != 1)
        {
            errors.Add(path, "must be exactly one of fact, quantity, anyOf, allOf, score, tier, regionIn, industrySectionIn");
            return;
        }
        errors.When(Fact is not null && Quantity is not null, path + ".quantity", "cannot be given with fact");
        errors.When(Kind != ConditionKind.Compare && comparisons > 0, path, "has a threshold but compares nothing");
        errors.When(comparisons > 1, path, "must have at most one of atLeast, above, atMost, below");
        errors.When(Quantity is not null && comparisons == 0, path, "needs one of atLeast, above, atMost, below");
        if (Fact is { } fact)
        {
            errors.Defined(fact, path + ".fact");
        }
        Quantity?.Validate(path + ".quantity", errors);
        foreach (var (name, value) in new[] { ("atLeast", AtLeast), ("above", Above), ("atMost", AtMost), ("below", Below) })
        {
            CheckParameter(value, $"{path}.{name}", errors, parameters);
        }
        CheckParts(AnyOf, path + ".anyOf", errors, checkTier, scoreAllowed, parameters);
        CheckParts(AllOf, path + ".allOf", errors, checkTier, scoreAllowed, parameters);
        errors.When(Score is false, path + ".score", "must be true");
        errors.When(Score is not null && !scoreAllowed, path + ".score", "applies only to a tier with scored dimensions");
        if (Tier is not null && checkTier(Tier) is { } tierError)
        {
            errors.Add(path + ".tier", tierError);
        }
        errors.When(RegionIn is { Count: 0 }, path + ".regionIn", "must list at least one region code");
        errors.When(IndustrySectionIn is { Count: 0 }, path + ".industrySectionIn", "must list at least one section");
    }

    internal static void CheckParameter(NumberOrParameter? value, string path, ValidationErrors errors, ISet<string> parameters)
    {
        if (value?.Parameter is { } name && !parameters.Contains(name))
        {
            errors.Add(path, $"names the parameter '{name}', which is not defined");
        }
    }

    private static void CheckParts(IReadOnlyList<Condition>? parts, string path, ValidationErrors errors, Func<string, string?> checkTier, bool scoreAllowed, ISet<string> parameters)
    {
        if (parts is null)
        {
            return;
        }
        errors.When(parts.Count == 0, path, "must have at least one condition");
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].Validate($"{path}[{i}]", errors, checkTier, scoreAllowed, parameters);
        }
    }
}

/// <summary>
/// A change that would make a failed condition hold or raise an indicator's points: the quantity read
/// (<see cref="Facts"/>) goes from <see cref="Value"/> to <see cref="Comparator"/> <see cref="Target"/>; for a fact or
/// a share, <see cref="FactTarget"/> is the value <see cref="Facts"/>[0] would need, the others unchanged.
/// <see cref="RelativeGap"/> (|target − value| / max(|target|, |value|, 1)) orders changes, smallest first.
/// </summary>
public sealed record Change(
    ChangeKind Kind,
    string Key,
    QuantityKind? Quantity,
    IReadOnlyList<Fact> Facts,
    decimal? Value,
    Comparator Comparator,
    decimal Target,
    decimal? FactTarget,
    int? PointsGain,
    decimal RelativeGap);

/// <summary>What a <see cref="Change"/> changes.</summary>
public enum ChangeKind
{
    /// <summary>A condition (a threshold, a direct route) that fails.</summary>
    Condition,
    /// <summary>An indicator's next band or option (more points).</summary>
    Points,
    /// <summary>An earlier tier of the gradient that must qualify first (<see cref="Change.Key"/> is its key).</summary>
    Tier,
}

/// <summary>
/// How a condition came out, with the facts that prove it: for a comparison the value, comparator and threshold;
/// for a group its parts. <see cref="Missing"/> lists the facts whose absence makes it <see cref="Truth.Unknown"/>.
/// </summary>
public sealed record ConditionResult(
    string? Key,
    string? TextZh,
    string? TextEn,
    ConditionKind Kind,
    Truth Truth,
    IReadOnlyList<Fact> Facts,
    decimal? Value,
    Comparator? Comparator,
    decimal? Threshold,
    IReadOnlyList<Fact> Missing,
    IReadOnlyList<ConditionResult> Parts);
