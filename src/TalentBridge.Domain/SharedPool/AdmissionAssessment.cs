namespace TalentBridge.Domain.SharedPool;

/// <summary>A clause of the pass rule.</summary>
public enum PassClause
{
    /// <summary>At least <see cref="PassRule.MinDimensionsMet"/> dimensions met.</summary>
    DimensionsMet = 1,
    /// <summary>A total of at least <see cref="PassRule.MinTotal"/> points.</summary>
    Total = 2,
}

/// <summary>An evidence item (by its index in <see cref="AdmissionEvidence.Items"/>) that matched a rule, and the points it earned after the cap.</summary>
public sealed record RuleMatch(int Item, int Points);

/// <summary>
/// How one rule scored: the rule itself (key, kind, conditions, points, basis, cap: the data a page needs to say
/// "二等奖 provincial award (2024) → 6 points" in either language), the items that matched, and the points given.
/// </summary>
public sealed record RuleAssessment(AdmissionRule Rule, IReadOnlyList<RuleMatch> Matches, int Points, bool Capped)
{
    public string Key => Rule.Key;
}

/// <summary>How one dimension scored; <see cref="Shortfall"/> is the points it still lacks (0 when met).</summary>
public sealed record DimensionAssessment(
    string Key, string NameZh, string NameEn, int Points, int Threshold, bool Met, bool Required, IReadOnlyList<RuleAssessment> Rules)
{
    public int Shortfall => Math.Max(0, Threshold - Points);
}

/// <summary>
/// The pre-score of an application for admission, rule by rule, under one version of a standard. It is a record of
/// that moment: storing it with the decision keeps the version; nothing re-evaluates it when the standard changes.
/// What is missing reads from the numbers: <see cref="DimensionsMet"/> of <see cref="MinDimensionsMet"/>,
/// <see cref="Total"/> of <see cref="MinTotal"/>, and <see cref="MissingRequired"/>.
/// </summary>
public sealed record AdmissionAssessment
{
    public required string StandardName { get; init; }
    public required int StandardVersion { get; init; }
    public required DateOnly AssessedOn { get; init; }
    public required IReadOnlyList<DimensionAssessment> Dimensions { get; init; }
    public required int Total { get; init; }
    public int? MinTotal { get; init; }
    public required int DimensionsMet { get; init; }
    public int? MinDimensionsMet { get; init; }
    /// <summary>The pass clauses that hold (empty when neither does).</summary>
    public required IReadOnlyList<PassClause> ClausesMet { get; init; }
    /// <summary>Keys of required dimensions that are not met.</summary>
    public required IReadOnlyList<string> MissingRequired { get; init; }
    public required bool Passed { get; init; }

    public DimensionAssessment Dimension(string key) => Dimensions.Single(d => d.Key == key);
}
