namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>A tier's answer: it qualifies, it does not, or missing facts leave it open (never guessed as zero).</summary>
public enum TierOutcome
{
    DoesNotQualify = 0,
    Qualifies = 1,
    Undetermined = 2,
}

/// <summary>
/// How one indicator scored: the value of its quantity (null for options and when facts are missing), the band or
/// option reached, its points and the most it could give were the missing facts known, and <see cref="Next"/>: the
/// changes that reach the next band or option and the points they add.
/// </summary>
public sealed record IndicatorResult(
    string Key, string NameZh, string NameEn, IndicatorKind Kind, decimal? Value, string? Band, int Points, int MaxPossible, int MaxPoints,
    IReadOnlyList<Fact> Missing, IReadOnlyList<Change> Next);

/// <summary>A dimension's subtotal against its minimum (<see cref="Met"/> is unknown while missing facts could still decide it).</summary>
public sealed record DimensionResult(
    string Key, string NameZh, string NameEn, int Points, int MaxPossible, int MaxPoints, decimal? MinPoints, Truth Met, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>
/// One tier's answer with everything a page needs to explain it in either language: the score by dimension and
/// indicator, the condition tree with the facts that decided each part (basic conditions, score, direct routes,
/// earlier tiers), the missing facts, and <see cref="Changes"/>: the smallest changes that would make it qualify,
/// smallest first. <see cref="ScoreChanges"/> are the band steps that would make the score pass.
/// </summary>
public sealed record TierResult(
    string Key, string NameZh, string NameEn, RuleSource Source, TierOutcome Outcome,
    int Total, int MaxPossibleTotal, decimal? MinTotal, Truth ScorePasses, IReadOnlyList<DimensionResult> Dimensions,
    ConditionResult Conditions, IReadOnlyList<Fact> Missing, IReadOnlyList<Change> Changes, IReadOnlyList<Change> ScoreChanges);

/// <summary>Every tier's answer for one enterprise under one rule set and date.</summary>
public sealed record SelfAssessment(string RuleSet, DateOnly On, IReadOnlyList<TierResult> Tiers)
{
    public TierResult Tier(string key) => Tiers.Single(t => t.Key == key);
}

/// <summary>Scores a tier and decides it; pure.</summary>
internal static class TierEvaluator
{
    /// <summary>A score shortfall the next band of every indicator cannot close sorts after any reachable change.</summary>
    private const decimal ShortfallLeft = 1000m;

    public static TierResult Evaluate(Tier tier, Evaluation evaluation)
    {
        var values = evaluation.Values;
        var dimensions = new DimensionResult[tier.Dimensions.Count];
        var (total, totalPossible) = (0, 0);
        var dimensionsTruth = Truth.True;
        for (var d = 0; d < tier.Dimensions.Count; d++)
        {
            var dimension = tier.Dimensions[d];
            var indicators = new IndicatorResult[dimension.Indicators.Count];
            var (points, possible) = (0, 0);
            for (var i = 0; i < indicators.Length; i++)
            {
                indicators[i] = Score(dimension.Indicators[i], evaluation);
                points += indicators[i].Points;
                possible += indicators[i].MaxPossible;
            }
            var min = dimension.MinPoints?.Resolve(values);
            var met = Against(points, possible, min);
            dimensionsTruth = And(dimensionsTruth, met);
            dimensions[d] = new DimensionResult(dimension.Key, dimension.NameZh, dimension.NameEn, points, possible, dimension.MaxPoints, min, met, indicators);
            total += points;
            totalPossible += possible;
        }
        var minTotal = tier.MinTotal?.Resolve(values);
        var scorePasses = And(dimensionsTruth, Against(total, totalPossible, minTotal));
        evaluation.ScoreTruth = scorePasses;
        (evaluation.ScoreChanges, evaluation.ScoreGap) = scorePasses == Truth.False && evaluation.Explain ? ScoreFix(dimensions, total, minTotal) : ([], 0m);

        var conditions = evaluation.Evaluate(tier.Qualifies);
        var (changes, gap) = evaluation.Explain ? evaluation.Fix(tier.Qualifies, conditions) : ([], 0m);
        evaluation.Tiers[tier.Key] = (conditions.Truth, gap);
        var missing = new SortedSet<Fact>();
        if (evaluation.Explain)
        {
            CollectMissing(conditions, missing);
            foreach (var indicator in dimensions.SelectMany(d => d.Indicators))
            {
                missing.UnionWith(indicator.Missing);
            }
        }
        var outcome = conditions.Truth switch
        {
            Truth.True => TierOutcome.Qualifies,
            Truth.False => TierOutcome.DoesNotQualify,
            _ => TierOutcome.Undetermined,
        };
        return new TierResult(tier.Key, tier.NameZh, tier.NameEn, tier.Source, outcome, total, totalPossible, minTotal, scorePasses, dimensions,
            conditions, [.. missing], [.. changes.OrderBy(c => c.RelativeGap)], evaluation.ScoreChanges);
    }

    private static Truth Against(int points, int possible, decimal? min) =>
        min is not { } m || points >= m ? Truth.True : possible < m ? Truth.False : Truth.Unknown;

    private static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.Unknown || b == Truth.Unknown ? Truth.Unknown : Truth.True;

    /// <summary>Adds the facts missing anywhere in <paramref name="result"/>'s tree.</summary>
    internal static void CollectMissing(ConditionResult result, SortedSet<Fact> missing)
    {
        missing.UnionWith(result.Missing);
        foreach (var part in result.Parts)
        {
            CollectMissing(part, missing);
        }
    }

    /// <summary>
    /// The cheapest next-band steps (smallest relative gap first) that close every dimension's shortfall and the total's.
    /// Greedy over one step per indicator; a shortfall left over adds <see cref="ShortfallLeft"/> to the gap.
    /// </summary>
    private static (IReadOnlyList<Change>, decimal) ScoreFix(DimensionResult[] dimensions, int total, decimal? minTotal)
    {
        var needs = dimensions.Select(d => d.MinPoints is { } m ? Math.Max(0m, m - d.Points) : 0m).ToArray();
        var totalNeed = minTotal is { } mt ? Math.Max(0m, mt - total) : 0m;
        var steps = dimensions.SelectMany((d, index) => d.Indicators.Where(i => i.Next.Count > 0)
                .Select(i => (Dimension: index, Changes: i.Next, Gain: i.Next[0].PointsGain ?? 0, Gap: i.Next.Sum(c => c.RelativeGap))))
            .OrderBy(s => s.Gap).ToList();
        var taken = new List<Change>();
        var gap = 0m;
        foreach (var step in steps)
        {
            if (totalNeed <= 0 && needs.All(n => n <= 0))
            {
                break;
            }
            if (totalNeed <= 0 && needs[step.Dimension] <= 0)
            {
                continue;
            }
            taken.AddRange(step.Changes);
            gap += step.Gap;
            totalNeed -= step.Gain;
            needs[step.Dimension] -= step.Gain;
        }
        return (taken, totalNeed > 0 || needs.Any(n => n > 0) ? gap + ShortfallLeft : gap);
    }

    private static IndicatorResult Score(Indicator indicator, Evaluation evaluation) => indicator.Kind switch
    {
        IndicatorKind.Bands => ScoreBands(indicator, evaluation),
        IndicatorKind.Choices => ScoreChoices(indicator, evaluation),
        IndicatorKind.PerStep => ScorePerStep(indicator, evaluation),
        _ => ScoreCountOf(indicator, evaluation),
    };

    private static IndicatorResult Result(Indicator indicator, decimal? value, string? band, int points, int possible, IReadOnlyList<Fact> missing, IReadOnlyList<Change> next) =>
        new(indicator.Key, indicator.NameZh, indicator.NameEn, indicator.Kind, value, band, points, possible, indicator.Max, missing, next);

    private static IndicatorResult ScoreBands(Indicator indicator, Evaluation evaluation)
    {
        var bands = indicator.Bands!;
        var missing = new List<Fact>();
        var quantity = indicator.Quantity!;
        if (quantity.Evaluate(evaluation.Facts, missing) is not { } value)
        {
            return Result(indicator, null, null, bands.Min(b => b.Points), bands.Max(b => b.Points), [.. missing.Distinct()], []);
        }
        var values = evaluation.Values;
        var current = bands.First(b => b.Contains(value, values));
        Change? next = null;
        foreach (var band in evaluation.Explain ? bands.Where(b => b.Points > current.Points) : [])
        {
            // The nearer end of a better band: its lower end when it lies above the value, its upper end when below.
            var (comparator, target) = band.Min is { } min && min.Resolve(values) > value
                ? (band.MinInclusive ? Comparator.AtLeast : Comparator.Above, min.Resolve(values))
                : (band.MaxInclusive ? Comparator.AtMost : Comparator.Below, band.Max!.Value.Resolve(values));
            var gap = Evaluation.RelativeGap(value, target);
            if (next is null || gap < next.RelativeGap)
            {
                next = new Change(ChangeKind.Points, indicator.Key, quantity.Kind, quantity.Facts, value, comparator, target,
                    quantity.FirstFactFor(target, evaluation.Facts), band.Points - current.Points, gap);
            }
        }
        return Result(indicator, value, current.Key, current.Points, current.Points, [], next is null ? [] : [next]);
    }

    private static IndicatorResult ScoreChoices(Indicator indicator, Evaluation evaluation)
    {
        var choices = indicator.Choices!;
        var results = new ConditionResult?[choices.Count];
        var possible = 0;
        var chosen = choices.Count - 1;
        for (var c = 0; c < choices.Count - 1; c++)
        {
            results[c] = evaluation.Evaluate(choices[c].When!);
            if (results[c]!.Truth == Truth.True)
            {
                chosen = c;
                break;
            }
            if (results[c]!.Truth == Truth.Unknown)
            {
                possible = Math.Max(possible, choices[c].Points);
            }
        }
        var points = choices[chosen].Points;
        var missing = new SortedSet<Fact>();
        foreach (var result in evaluation.Explain ? results : [])
        {
            if (result is not null)
            {
                CollectMissing(result, missing);
            }
        }
        (IReadOnlyList<Change> Changes, decimal Gap) best = ([], decimal.MaxValue);
        var gain = 0;
        for (var c = 0; c < (evaluation.Explain ? chosen : 0); c++)
        {
            if (choices[c].Points > points && results[c]!.Truth == Truth.False)
            {
                var fix = evaluation.Fix(choices[c].When!, results[c]!, indicator.Key);
                if (fix.Gap < best.Gap)
                {
                    (best, gain) = (fix, choices[c].Points - points);
                }
            }
        }
        return Result(indicator, null, choices[chosen].Key, points, Math.Max(points, possible), [.. missing], AsPoints(best.Changes, indicator.Key, gain));
    }

    private static IndicatorResult ScorePerStep(Indicator indicator, Evaluation evaluation)
    {
        var missing = new List<Fact>();
        var quantity = indicator.Quantity!;
        var max = indicator.MaxPoints!.Value;
        if (quantity.Evaluate(evaluation.Facts, missing) is not { } value)
        {
            return Result(indicator, null, null, 0, max, [.. missing.Distinct()], []);
        }
        var step = indicator.Step!.Value.Resolve(evaluation.Values);
        var perStep = indicator.PointsPerStep!.Value;
        var steps = Math.Max(0m, Math.Floor(value / step));
        var points = (int)Math.Min(max, steps * perStep);
        IReadOnlyList<Change> next = [];
        if (points < max && evaluation.Explain)
        {
            var target = (steps + 1) * step;
            next = [new Change(ChangeKind.Points, indicator.Key, quantity.Kind, quantity.Facts, value, Comparator.AtLeast, target,
                quantity.FirstFactFor(target, evaluation.Facts), Math.Min(max, points + perStep) - points, Evaluation.RelativeGap(value, target))];
        }
        return Result(indicator, value, null, points, points, [], next);
    }

    private static IndicatorResult ScoreCountOf(Indicator indicator, Evaluation evaluation)
    {
        var items = indicator.Items!;
        var results = items.Select(evaluation.Evaluate).ToArray();
        var each = indicator.PointsEach!.Value;
        var max = indicator.MaxPoints!.Value;
        var holding = results.Count(r => r.Truth == Truth.True);
        var open = results.Count(r => r.Truth == Truth.Unknown);
        var points = Math.Min(max, holding * each);
        var missing = new SortedSet<Fact>();
        foreach (var result in evaluation.Explain ? results : [])
        {
            CollectMissing(result, missing);
        }
        (IReadOnlyList<Change> Changes, decimal Gap) best = ([], decimal.MaxValue);
        if (points < max && evaluation.Explain)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var fix = evaluation.Fix(items[i], results[i], indicator.Key);
                if (results[i].Truth == Truth.False && fix.Gap < best.Gap)
                {
                    best = fix;
                }
            }
        }
        var gain = Math.Min(max, points + each) - points;
        return Result(indicator, holding, null, points, Math.Min(max, (holding + open) * each), [.. missing], AsPoints(best.Changes, indicator.Key, gain));
    }

    private static Change[] AsPoints(IReadOnlyList<Change> changes, string key, int gain) =>
        [.. changes.Select(c => c with { Kind = ChangeKind.Points, Key = key, PointsGain = gain })];
}
