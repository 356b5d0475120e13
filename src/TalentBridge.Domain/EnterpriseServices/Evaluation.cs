namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>
/// Evaluates conditions for one enterprise under the parameter values of one date, and finds the smallest changes
/// that would make a failed condition hold. Pure; one instance per enterprise and evaluation.
/// </summary>
internal sealed class Evaluation(EnterpriseFacts facts, ParameterValues values, bool explain = true)
{
    /// <summary>A condition nothing in the facts can change (a region, an industry section) sorts after every other.</summary>
    internal const decimal Unreachable = 1_000_000m;

    private readonly List<Fact> _scratch = [];

    public EnterpriseFacts Facts => facts;
    /// <summary>False on the decide-only path: outcomes and points only, no changes and no missing facts (the bench, bulk lists).</summary>
    public bool Explain => explain;
    public ParameterValues Values => values;

    /// <summary>Set by the tier being evaluated before its conditions are.</summary>
    public Truth ScoreTruth { get; set; } = Truth.Unknown;
    public IReadOnlyList<Change> ScoreChanges { get; set; } = [];
    public decimal ScoreGap { get; set; }

    /// <summary>The outcome and gap of the tiers evaluated so far, by key.</summary>
    public Dictionary<string, (Truth Truth, decimal Gap)> Tiers { get; } = new(StringComparer.Ordinal);

    public ConditionResult Evaluate(Condition condition)
    {
        switch (condition.Kind)
        {
            case ConditionKind.AnyOf:
            case ConditionKind.AllOf:
                var any = condition.Kind == ConditionKind.AnyOf;
                var parts = any ? condition.AnyOf! : condition.AllOf!;
                var results = new ConditionResult[parts.Count];
                var (sawTrue, sawFalse, sawUnknown) = (false, false, false);
                for (var i = 0; i < parts.Count; i++)
                {
                    results[i] = Evaluate(parts[i]);
                    sawTrue |= results[i].Truth == Truth.True;
                    sawFalse |= results[i].Truth == Truth.False;
                    sawUnknown |= results[i].Truth == Truth.Unknown;
                }
                var truth = any
                    ? sawTrue ? Truth.True : sawUnknown ? Truth.Unknown : Truth.False
                    : sawFalse ? Truth.False : sawUnknown ? Truth.Unknown : Truth.True;
                return Group(condition, truth, results);
            case ConditionKind.Score:
                return Group(condition, ScoreTruth, []);
            case ConditionKind.Tier:
                return Group(condition, Tiers.TryGetValue(condition.Tier!, out var tier) ? tier.Truth : Truth.Unknown, []);
            case ConditionKind.Region:
                return Group(condition, facts.RegionCode is not { } region ? Truth.Unknown
                    : condition.RegionIn!.Any(code => region.StartsWith(code, StringComparison.Ordinal)) ? Truth.True : Truth.False, []);
            case ConditionKind.IndustrySection:
                return Group(condition, facts.IndustrySection is not { } section ? Truth.Unknown
                    : condition.IndustrySectionIn!.Contains(section, StringComparer.Ordinal) ? Truth.True : Truth.False, []);
            default:
                return Compare(condition);
        }
    }

    private ConditionResult Compare(Condition condition)
    {
        var quantity = condition.Compared!;
        _scratch.Clear();
        var value = quantity.Evaluate(facts, _scratch);
        var (comparator, threshold) = condition.Test;
        var limit = threshold.Resolve(values);
        var truth = value is not { } v ? Truth.Unknown : Condition.Holds(v, comparator, limit) ? Truth.True : Truth.False;
        return new ConditionResult(condition.Key, condition.TextZh, condition.TextEn, ConditionKind.Compare, truth, quantity.Facts,
            value, comparator, limit, _scratch.Count == 0 ? [] : [.. _scratch.Distinct()], []);
    }

    private static ConditionResult Group(Condition condition, Truth truth, IReadOnlyList<ConditionResult> parts) =>
        new(condition.Key, condition.TextZh, condition.TextEn, condition.Kind, truth, [], null, null, null, [], parts);

    /// <summary>
    /// The changes that would make a failed condition hold and their summed relative gap: every failed part of an
    /// allOf, the cheapest part of an anyOf. Nothing for a condition that holds or is unknown.
    /// </summary>
    public (IReadOnlyList<Change> Changes, decimal Gap) Fix(Condition condition, ConditionResult result, string? key = null)
    {
        key = condition.Key ?? key;
        if (result.Truth != Truth.False)
        {
            return ([], 0);
        }
        switch (condition.Kind)
        {
            case ConditionKind.AllOf:
                var all = new List<Change>();
                var sum = 0m;
                for (var i = 0; i < condition.AllOf!.Count; i++)
                {
                    var (changes, gap) = Fix(condition.AllOf[i], result.Parts[i], key);
                    all.AddRange(changes);
                    sum += gap;
                }
                return (all, sum);
            case ConditionKind.AnyOf:
                (IReadOnlyList<Change> Changes, decimal Gap) best = ([], decimal.MaxValue);
                for (var i = 0; i < condition.AnyOf!.Count; i++)
                {
                    var fix = Fix(condition.AnyOf[i], result.Parts[i], key);
                    if (fix.Gap < best.Gap)
                    {
                        best = fix;
                    }
                }
                return best;
            case ConditionKind.Score:
                return (ScoreChanges, ScoreGap);
            case ConditionKind.Tier:
                var tierGap = Tiers.TryGetValue(condition.Tier!, out var tier) ? tier.Gap : Unreachable;
                return ([new Change(ChangeKind.Tier, condition.Tier!, null, [], null, Comparator.AtLeast, 1, null, null, tierGap)], tierGap);
            case ConditionKind.Region:
            case ConditionKind.IndustrySection:
                return ([], Unreachable);
            default:
                var quantity = condition.Compared!;
                var value = result.Value!.Value;
                var target = result.Threshold!.Value;
                var relative = RelativeGap(value, target);
                return ([new Change(ChangeKind.Condition, key ?? Names.Of(quantity.Facts[0]), quantity.Kind, quantity.Facts, value,
                    result.Comparator!.Value, target, quantity.FirstFactFor(target, facts), null, relative)], relative);
        }
    }

    internal static decimal RelativeGap(decimal value, decimal target) =>
        Math.Abs(target - value) / Math.Max(1m, Math.Max(Math.Abs(target), Math.Abs(value)));
}

/// <summary>JSON (camelCase) names of facts, for keys of changes that no rule names.</summary>
internal static class Names
{
    private static readonly string[] FactNames = [.. Enum.GetValues<Fact>().Select(f => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))];

    public static string Of(Fact fact) => FactNames[(int)fact];
}
