using System.Text.Json;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>What a policy gives.</summary>
public enum PolicyKind
{
    Subsidy,
    TaxRelief,
    TalentProgramme,
}

/// <summary>A period facts are counted over and parameters are read for (OpenFisca's period); both ends included.</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}

/// <summary>
/// How much a policy pays, in fen: <see cref="PerHeadFen"/> × <see cref="Heads"/>, or the fen amount of
/// <see cref="FromFact"/> (e.g. insurance paid), at most <see cref="CapFen"/>.
/// </summary>
public sealed record PolicyAmount
{
    public NumberOrParameter? PerHeadFen { get; init; }
    public Quantity? Heads { get; init; }
    public Fact? FromFact { get; init; }
    public NumberOrParameter? CapFen { get; init; }
}

/// <summary>
/// A policy (subsidy, tax relief, talent programme) as data: its issuing document, the period it is in force, dated
/// parameters, eligibility conditions over the enterprise's facts for a period, and its amount.
/// </summary>
public sealed record Policy
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public PolicyKind Kind { get; init; }
    public RuleSource Source { get; init; } = new();
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<ParameterVersion>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<ParameterVersion>>();
    /// <summary>Every condition must hold; each needs a key and texts so the page can say which one is missing.</summary>
    public IReadOnlyList<Condition> Eligibility { get; init; } = [];
    public PolicyAmount? Amount { get; init; }
    /// <summary>
    /// Policies that may not be claimed for the same hire as this one (不得重复享受): when both qualify, each answer names
    /// the other and the one paying more is marked preferred. Symmetric: naming it on one side is enough.
    /// </summary>
    public IReadOnlyList<string> NotCombinedWith { get; init; } = [];

    internal void Validate(string path, ValidationErrors errors)
    {
        for (var i = 0; i < NotCombinedWith.Count; i++)
        {
            errors.When(!TierRuleSet.KeyPattern().IsMatch(NotCombinedWith[i]), $"{path}.notCombinedWith[{i}]", "must be a camelCase name")
                .When(NotCombinedWith[i] == Key, $"{path}.notCombinedWith[{i}]", "must name another policy");
        }
        errors.When(!TierRuleSet.KeyPattern().IsMatch(Key), path + ".key", "must be a camelCase name")
            .Required(NameZh, path + ".nameZh", 100).Required(NameEn, path + ".nameEn", 200)
            .Defined(Kind, path + ".kind")
            .When(EffectiveTo < EffectiveFrom, path + ".effectiveTo", "must not be before effectiveFrom")
            .When(Eligibility.Count == 0, path + ".eligibility", "must have at least one condition");
        Source.Validate(path + ".source", errors);
        ParameterValues.Check(Parameters, path + ".parameters", errors);
        var names = Parameters.Keys.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Eligibility.Count; i++)
        {
            var condition = Eligibility[i];
            var at = $"{path}.eligibility[{i}]";
            errors.When(string.IsNullOrWhiteSpace(condition.Key), at + ".key", "is required")
                .When(string.IsNullOrWhiteSpace(condition.TextZh), at + ".textZh", "is required")
                .When(string.IsNullOrWhiteSpace(condition.TextEn), at + ".textEn", "is required");
            condition.Validate(at, errors, key => $"'{key}': a policy reads the tier held (fact tierHeld), not a tier rule", false, names);
        }
        if (Amount is { } amount)
        {
            var at = path + ".amount";
            errors.When((amount.PerHeadFen is null) == (amount.FromFact is null), at, "needs exactly one of perHeadFen (with heads) or fromFact")
                .When(amount.PerHeadFen is not null && amount.Heads is null, at + ".heads", "is required with perHeadFen");
            amount.Heads?.Validate(at + ".heads", errors);
            Condition.CheckParameter(amount.PerHeadFen, at + ".perHeadFen", errors, names);
            Condition.CheckParameter(amount.CapFen, at + ".capFen", errors, names);
            if (amount.FromFact is { } fact)
            {
                errors.Defined(fact, at + ".fromFact");
            }
        }
    }

    /// <summary>Reads and checks one policy (an operator's document); errors name the JSON path (<c>eligibility[0].atLeast</c>).</summary>
    public static (Policy? Policy, ValidationErrors Errors) Parse(string json)
    {
        var (policy, errors) = AdmissionJson.Read<Policy>(json, "policy");
        if (policy is null)
        {
            return (null, errors);
        }
        var found = new ValidationErrors();
        policy.Validate("", found);
        // Validate writes paths below its prefix (".key"); the document is the root here.
        foreach (var (field, messages) in found.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(field.TrimStart('.'), message);
            }
        }
        return (errors.IsValid ? policy : null, errors);
    }

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);

    /// <summary>
    /// Evaluates this policy for <paramref name="facts"/> counted over <paramref name="period"/>, with the parameter
    /// values in force on the period's first day. Qualifies: every condition holds (each with the facts that prove it);
    /// nearly: exactly one fails and the rest hold (with what it lacks and by how much); otherwise no, or undetermined
    /// while missing facts could still decide it.
    /// </summary>
    public PolicyResult Evaluate(EnterpriseFacts facts, Period period)
    {
        if (period.To < EffectiveFrom || (EffectiveTo is { } to && period.From > to))
        {
            return new PolicyResult(Key, NameZh, NameEn, Kind, Source, PolicyOutcome.NotInForce, [], [], [], null, false);
        }
        var evaluation = new Evaluation(facts, new ParameterValues(Parameters, period.From));
        var results = new ConditionResult[Eligibility.Count];
        var changes = new List<Change>();
        var (failed, unknown) = (0, 0);
        for (var i = 0; i < Eligibility.Count; i++)
        {
            results[i] = evaluation.Evaluate(Eligibility[i]);
            if (results[i].Truth == Truth.False)
            {
                failed++;
                changes.AddRange(evaluation.Fix(Eligibility[i], results[i]).Changes);
            }
            unknown += results[i].Truth == Truth.Unknown ? 1 : 0;
        }
        var missing = new SortedSet<Fact>();
        foreach (var result in results)
        {
            TierEvaluator.CollectMissing(result, missing);
        }
        var outcome = failed == 0 && unknown == 0 ? PolicyOutcome.Qualifies
            : failed == 1 && unknown == 0 ? PolicyOutcome.Nearly
            : failed > 0 ? PolicyOutcome.No
            : PolicyOutcome.Undetermined;
        var (amount, capped) = outcome == PolicyOutcome.Qualifies ? AmountFen(evaluation) : (null, false);
        return new PolicyResult(Key, NameZh, NameEn, Kind, Source, outcome, results, [.. changes.OrderBy(c => c.RelativeGap)], [.. missing], amount, capped);
    }

    private (long? Fen, bool Capped) AmountFen(Evaluation evaluation)
    {
        if (Amount is not { } amount)
        {
            return (null, false);
        }
        long fen;
        if (amount.FromFact is { } fact)
        {
            if (evaluation.Facts[fact] is not { } value)
            {
                return (null, false);
            }
            fen = (long)decimal.Floor(value);
        }
        else
        {
            if (amount.Heads!.Evaluate(evaluation.Facts, null) is not { } heads)
            {
                return (null, false);
            }
            fen = (long)decimal.Floor(heads) * (long)amount.PerHeadFen!.Value.Resolve(evaluation.Values);
        }
        if (amount.CapFen?.Resolve(evaluation.Values) is { } cap && fen > (long)cap)
        {
            return ((long)cap, true);
        }
        return (fen, false);
    }
}

/// <summary>A policy's answer for one enterprise and period.</summary>
public enum PolicyOutcome
{
    No = 0,
    Qualifies = 1,
    /// <summary>Exactly one condition fails; <see cref="PolicyResult.Changes"/> says what it lacks.</summary>
    Nearly = 2,
    Undetermined = 3,
    NotInForce = 4,
}

/// <summary>
/// A policy's answer: every eligibility condition's result with the facts (value, comparator, threshold) that prove or
/// refute it, the changes that would make the failed ones hold (smallest first), the missing facts, and the amount in
/// fen when it qualifies (<see cref="Capped"/> when the cap applied).
/// </summary>
public sealed record PolicyResult(
    string Key, string NameZh, string NameEn, PolicyKind Kind, RuleSource Source, PolicyOutcome Outcome,
    IReadOnlyList<ConditionResult> Conditions, IReadOnlyList<Change> Changes, IReadOnlyList<Fact> Missing, long? AmountFen, bool Capped)
{
    /// <summary>The other qualifying policies that may not be claimed for the same hire (set by <see cref="PolicyCatalogue.Match"/>).</summary>
    public IReadOnlyList<string> NotCombinedWith { get; init; } = [];

    /// <summary>False when a policy in <see cref="NotCombinedWith"/> pays more (on a tie, the one listed first in the catalogue is preferred).</summary>
    public bool Preferred { get; init; } = true;
}

/// <summary>The shipped set of policies (<c>reference/enterprise-services/policies.json</c>), parsed once.</summary>
public sealed record PolicyCatalogue
{
    public IReadOnlyList<Policy> Policies { get; init; } = [];

    private static readonly Lazy<PolicyCatalogue> Shipped = new(() =>
    {
        var (catalogue, errors) = Parse(TierRuleSet.ReadEmbedded("policies"));
        return catalogue ?? throw new InvalidDataException($"policies.json: {errors}");
    });

    public static PolicyCatalogue Embedded => Shipped.Value;

    /// <summary>Reads and checks a catalogue; errors name the JSON path (<c>policies[1].eligibility[0].atLeast</c>).</summary>
    public static (PolicyCatalogue? Catalogue, ValidationErrors Errors) Parse(string json)
    {
        var (catalogue, errors) = AdmissionJson.Read<PolicyCatalogue>(json, "catalogue");
        if (catalogue is null)
        {
            return (null, errors);
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < catalogue.Policies.Count; i++)
        {
            errors.When(!keys.Add(catalogue.Policies[i].Key), $"policies[{i}].key", "is used twice");
            catalogue.Policies[i].Validate($"policies[{i}]", errors);
        }
        for (var i = 0; i < catalogue.Policies.Count; i++)
        {
            var named = catalogue.Policies[i].NotCombinedWith;
            for (var j = 0; j < named.Count; j++)
            {
                errors.When(!keys.Contains(named[j]), $"policies[{i}].notCombinedWith[{j}]", "names no policy of the catalogue");
            }
        }
        return (errors.IsValid ? catalogue : null, errors);
    }

    public Policy this[string key] => Policies.Single(p => p.Key == key);

    /// <summary>
    /// Every policy in force in the period, evaluated: those that qualify first, then the nearly ones, then the rest.
    /// Qualifying policies that may not be combined for one hire name each other, and all but the one paying most are
    /// marked not preferred (the enterprise chooses per hire; the platform does not know which hire is claimed where).
    /// </summary>
    public IReadOnlyList<PolicyResult> Match(EnterpriseFacts facts, Period period)
    {
        var results = Policies.Select(p => p.Evaluate(facts, period)).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Outcome != PolicyOutcome.Qualifies)
            {
                continue;
            }
            var others = Enumerable.Range(0, results.Count)
                .Where(j => j != i && results[j].Outcome == PolicyOutcome.Qualifies && Excludes(Policies[i], Policies[j]))
                .ToList();
            if (others.Count > 0)
            {
                var amount = results[i].AmountFen ?? -1;
                results[i] = results[i] with
                {
                    NotCombinedWith = [.. others.Select(j => results[j].Key)],
                    Preferred = others.All(j => (results[j].AmountFen ?? -1) < amount || ((results[j].AmountFen ?? -1) == amount && j > i)),
                };
            }
        }
        return [.. results.Where(r => r.Outcome != PolicyOutcome.NotInForce)
            .OrderBy(r => r.Outcome switch { PolicyOutcome.Qualifies => 0, PolicyOutcome.Nearly => 1, PolicyOutcome.Undetermined => 2, _ => 3 })];
    }

    private static bool Excludes(Policy a, Policy b) => a.NotCombinedWith.Contains(b.Key) || b.NotCombinedWith.Contains(a.Key);

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);
}
