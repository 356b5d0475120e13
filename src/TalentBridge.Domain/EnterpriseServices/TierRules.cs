using System.Text.Json;
using System.Text.RegularExpressions;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>
/// A tier of the gradient (创新型中小企业, 专精特新中小企业, 专精特新"小巨人"): its scored dimensions (none for a tier
/// decided by conditions only), the minimum total, and <see cref="Qualifies"/>, the condition that decides it (basic
/// conditions, the score or the direct routes, earlier tiers).
/// </summary>
public sealed record Tier
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public RuleSource Source { get; init; } = new();
    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];
    public NumberOrParameter? MinTotal { get; init; }
    public Condition Qualifies { get; init; } = new();
}

/// <summary>Replaces one indicator of a tier of the base rule set (a province's 特色化 indicators).</summary>
public sealed record IndicatorReplacement
{
    public string Tier { get; init; } = "";
    public string Dimension { get; init; } = "";
    public string Replaces { get; init; } = "";
    public IReadOnlyList<Indicator> Indicators { get; init; } = [];
}

/// <summary>
/// A versioned set of tier rules kept as data (<c>data/reference/enterprise-services</c>), e.g. the 2022 national rules
/// of 工信部企业〔2022〕63号. A variant <see cref="Extends"/> another set: its parameter versions are added to (and on the
/// same date replace) the base's, and its <see cref="ReplaceIndicators"/> swap indicators; everything else is the base's.
/// Parse once, take <see cref="ValuesOn"/> once per date, then evaluate any number of enterprises.
/// </summary>
public sealed partial record TierRuleSet
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string? Extends { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public RuleSource Source { get; init; } = new();
    public IReadOnlyDictionary<string, IReadOnlyList<ParameterVersion>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<ParameterVersion>>();
    public IReadOnlyList<Tier> Tiers { get; init; } = [];
    public IReadOnlyList<IndicatorReplacement> ReplaceIndicators { get; init; } = [];

    [GeneratedRegex("^[a-z][A-Za-z0-9-]{0,59}$")]
    internal static partial Regex KeyPattern();

    /// <summary>The embedded rule set <c>reference/enterprise-services/{key}.json</c>, with the sets it extends.</summary>
    public static TierRuleSet Embedded(string key)
    {
        var json = ReadEmbedded(key);
        var extends = JsonDocument.Parse(json).RootElement.TryGetProperty("extends", out var e) ? e.GetString() : null;
        var (rules, errors) = Parse(json, extends is null ? null : Embedded(extends));
        return rules ?? throw new InvalidDataException($"{key}.json: {errors}");
    }

    internal static string ReadEmbedded(string key)
    {
        var name = $"reference/enterprise-services/{key}.json";
        using var stream = typeof(TierRuleSet).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Reads and checks a rule set; a variant needs its base (<paramref name="baseSet"/>, whose key it names). Errors
    /// name the JSON path (<c>tiers[0].dimensions[1].indicators[0].bands[2].min</c>); band coverage is checked with
    /// the parameter values of every date on which one changes.
    /// </summary>
    public static (TierRuleSet? Rules, ValidationErrors Errors) Parse(string json, TierRuleSet? baseSet = null)
    {
        var (rules, errors) = AdmissionJson.Read<TierRuleSet>(json, "ruleSet");
        if (rules is null)
        {
            return (null, errors);
        }
        if (rules.Extends is { } extends)
        {
            if (baseSet is null || !string.Equals(baseSet.Key, extends, StringComparison.Ordinal))
            {
                return (null, errors.Add("extends", $"names '{extends}', which was not given as the base rule set"));
            }
            errors.When(rules.Tiers.Count > 0, "tiers", "must be left out in a variant (it takes the base's tiers)");
            rules = rules.Merge(baseSet, errors);
        }
        else
        {
            errors.When(rules.ReplaceIndicators.Count > 0, "replaceIndicators", "applies only to a variant (extends)");
        }
        rules.Validate(errors);
        return (errors.IsValid ? rules : null, errors);
    }

    private TierRuleSet Merge(TierRuleSet baseSet, ValidationErrors errors)
    {
        var parameters = baseSet.Parameters.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        foreach (var (name, versions) in Parameters)
        {
            if (!parameters.TryGetValue(name, out var merged))
            {
                parameters[name] = [.. versions];
                continue;
            }
            foreach (var version in versions)
            {
                merged.RemoveAll(v => v.From == version.From);
                merged.Add(version);
            }
        }
        var tiers = baseSet.Tiers.ToList();
        for (var r = 0; r < ReplaceIndicators.Count; r++)
        {
            var replacement = ReplaceIndicators[r];
            var path = $"replaceIndicators[{r}]";
            var t = tiers.FindIndex(t => t.Key == replacement.Tier);
            if (t < 0)
            {
                errors.Add(path + ".tier", $"'{replacement.Tier}' is not a tier of '{baseSet.Key}'");
                continue;
            }
            var dimensions = tiers[t].Dimensions.ToList();
            var d = dimensions.FindIndex(d => d.Key == replacement.Dimension);
            var indicators = d < 0 ? [] : dimensions[d].Indicators.ToList();
            var i = indicators.FindIndex(i => i.Key == replacement.Replaces);
            if (i < 0)
            {
                errors.Add(path + ".replaces", $"'{replacement.Dimension}.{replacement.Replaces}' is not an indicator of tier '{replacement.Tier}'");
                continue;
            }
            indicators.RemoveAt(i);
            indicators.InsertRange(i, replacement.Indicators);
            dimensions[d] = dimensions[d] with { Indicators = indicators };
            tiers[t] = tiers[t] with { Dimensions = dimensions };
        }
        return this with
        {
            Parameters = parameters.ToDictionary(p => p.Key, p => (IReadOnlyList<ParameterVersion>)p.Value, StringComparer.Ordinal),
            Tiers = tiers,
        };
    }

    private void Validate(ValidationErrors errors)
    {
        errors.When(!KeyPattern().IsMatch(Key), "key", "must be a lower-case name of letters, digits and dashes")
            .Required(NameZh, "nameZh", 100).Required(NameEn, "nameEn", 200)
            .When(Tiers.Count == 0, "tiers", "must have at least one tier");
        Source.Validate("source", errors);
        var dates = ParameterValues.Check(Parameters, "parameters", errors);
        var names = Parameters.Keys.ToHashSet(StringComparer.Ordinal);
        var tierKeys = new List<string>();
        for (var t = 0; t < Tiers.Count; t++)
        {
            var tier = Tiers[t];
            var path = $"tiers[{t}]";
            errors.When(!KeyPattern().IsMatch(tier.Key), path + ".key", "must be a camelCase name")
                .When(tierKeys.Contains(tier.Key, StringComparer.Ordinal), path + ".key", "is used twice")
                .Required(tier.NameZh, path + ".nameZh", 100).Required(tier.NameEn, path + ".nameEn", 200);
            tier.Source.Validate(path + ".source", errors);
            Condition.CheckParameter(tier.MinTotal, path + ".minTotal", errors, names);
            var earlier = tierKeys.ToList();
            string? CheckTier(string key) => earlier.Contains(key, StringComparer.Ordinal) ? null : $"'{key}' is not an earlier tier of this rule set";
            var indicatorKeys = new HashSet<string>(StringComparer.Ordinal);
            for (var d = 0; d < tier.Dimensions.Count; d++)
            {
                var dimension = tier.Dimensions[d];
                var at = $"{path}.dimensions[{d}]";
                errors.Required(dimension.NameZh, at + ".nameZh", 100).Required(dimension.NameEn, at + ".nameEn", 200)
                    .When(dimension.Indicators.Count == 0, at + ".indicators", "must have at least one indicator");
                Condition.CheckParameter(dimension.MinPoints, at + ".minPoints", errors, names);
                for (var i = 0; i < dimension.Indicators.Count; i++)
                {
                    var indicator = dimension.Indicators[i];
                    errors.When(!indicatorKeys.Add(indicator.Key), $"{at}.indicators[{i}].key", "is used twice");
                    indicator.Validate($"{at}.indicators[{i}]", errors, CheckTier, names);
                }
                if (errors.IsValid && dimension.Indicators.Sum(i => i.Max) != dimension.MaxPoints)
                {
                    errors.Add(at + ".maxPoints", $"is {dimension.MaxPoints} but the indicators give at most {dimension.Indicators.Sum(i => i.Max)}");
                }
            }
            tier.Qualifies.Validate(path + ".qualifies", errors, CheckTier, tier.Dimensions.Count > 0, names);
            tierKeys.Add(tier.Key);
        }
        if (!errors.IsValid)
        {
            return;
        }
        // Band ends and minima may be parameters: check them with the values of every date on which one changes.
        dates.Add(EffectiveFrom);
        foreach (var date in dates)
        {
            var values = ValuesOn(date);
            for (var t = 0; t < Tiers.Count; t++)
            {
                var tier = Tiers[t];
                var most = tier.Dimensions.Sum(d => d.MaxPoints);
                if (tier.MinTotal?.Resolve(values) is { } minTotal && minTotal > most)
                {
                    errors.Add($"tiers[{t}].minTotal", $"can never be reached: the dimensions give at most {most} points");
                }
                for (var d = 0; d < tier.Dimensions.Count; d++)
                {
                    var dimension = tier.Dimensions[d];
                    errors.When(dimension.MinPoints?.Resolve(values) > dimension.MaxPoints, $"tiers[{t}].dimensions[{d}].minPoints", $"can never be reached: the dimension gives at most {dimension.MaxPoints} points");
                    for (var i = 0; i < dimension.Indicators.Count; i++)
                    {
                        dimension.Indicators[i].CheckBands($"tiers[{t}].dimensions[{d}].indicators[{i}]", errors, values);
                    }
                }
            }
        }
    }

    /// <summary>The parameter values in force on <paramref name="on"/> (resolve once, evaluate many).</summary>
    public ParameterValues ValuesOn(DateOnly on) => new(Parameters, on);

    /// <summary>Evaluates every tier for <paramref name="facts"/> as of <paramref name="on"/>.</summary>
    public SelfAssessment Evaluate(EnterpriseFacts facts, DateOnly on) => Evaluate(facts, ValuesOn(on));

    /// <summary>Evaluates every tier, in order (a later tier may need an earlier one), with parameter values already resolved.</summary>
    public SelfAssessment Evaluate(EnterpriseFacts facts, ParameterValues values) => Evaluate(facts, values, true);

    /// <summary>
    /// The decide-only path for many enterprises: the same outcomes, totals and points as <see cref="Evaluate(EnterpriseFacts, ParameterValues)"/>,
    /// without the changes that would change the answer and without the missing facts (empty lists).
    /// </summary>
    public SelfAssessment Decide(EnterpriseFacts facts, ParameterValues values) => Evaluate(facts, values, false);

    private SelfAssessment Evaluate(EnterpriseFacts facts, ParameterValues values, bool explain)
    {
        var evaluation = new Evaluation(facts, values, explain);
        var tiers = new TierResult[Tiers.Count];
        for (var t = 0; t < Tiers.Count; t++)
        {
            tiers[t] = TierEvaluator.Evaluate(Tiers[t], evaluation);
        }
        return new SelfAssessment(Key, values.On, tiers);
    }
}
