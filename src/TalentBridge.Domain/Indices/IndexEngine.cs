namespace TalentBridge.Domain.Indices;

/// <summary>A unit's place in the computed index: score, rank (1 = best, ties share the better rank), the score of every node (normalised indicators, dimensions) and the raw figures.</summary>
public sealed record UnitResult(string Unit, string Name, double? Score, int? Rank, IReadOnlyDictionary<string, double?> Nodes, IReadOnlyDictionary<string, double?> Raw);

/// <summary>Something the engine decided that the analyst must see (a PCA weighting it could not compute, an indicator without figures).</summary>
public sealed record IndexNote(string Kind, string Subject);

/// <summary>The choices of one computation: the specification's, or those a Monte Carlo run drew.</summary>
public sealed record MethodChoices(
    ImputationMethod Imputation,
    NormalisationMethod Normalisation,
    WeightingMethod Weighting,
    AggregationMethod Aggregation,
    IReadOnlyDictionary<string, double>? WeightMultipliers = null)
{
    public static MethodChoices Of(IndexSpecification spec) => new(spec.Imputation, spec.Normalisation.Method, spec.Weighting, spec.Aggregation.Method);
}

/// <summary>Everything a computation produced: the ranking, the weights used, coverage, treatments, notes, coherence and uncertainty.</summary>
public sealed record IndexResult(
    string TreeKey,
    string Period,
    IReadOnlyList<UnitResult> Units,
    IReadOnlyDictionary<string, double> Weights,
    CoverageReport Coverage,
    IReadOnlyList<TreatedFigure> Treated,
    IReadOnlyList<OutlierReport> Outliers,
    IReadOnlyList<IndexNote> Notes,
    CoherenceReport Coherence,
    UncertaintyResult? Uncertainty);

/// <summary>
/// The composite-index engine (OECD/JRC handbook; COINr's steps): screen the units of a period, impute, treat
/// outliers, normalise each indicator with its direction, weight the children of every node, aggregate bottom-up to
/// the index, rank; then the coherence report and, when the specification asks, Monte Carlo uncertainty. Pure: the
/// same tree, data and specification give the same result, the Monte Carlo runs included (seeded).
/// </summary>
public static class IndexEngine
{
    public static IndexResult Compute(IndexTree tree, IndexDataset data, IndexSpecification spec)
    {
        var prepared = Prepare(tree, data, spec);
        var nominal = Evaluate(prepared, MethodChoices.Of(spec), detailed: true);
        var units = prepared.Units.Select((unit, u) => new UnitResult(
                unit.Code, unit.Name, nominal.Index[u], nominal.Ranks[u],
                nominal.Scores.ToDictionary(s => s.Key, s => s.Value[u], StringComparer.Ordinal),
                tree.Indicators.Select((n, i) => (n.Code, prepared.Raw[u, i])).ToDictionary(p => p.Code, p => p.Item2, StringComparer.Ordinal)))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Unit, StringComparer.Ordinal).ToList();
        var notes = nominal.Notes.Concat(prepared.Coverage.EmptyIndicators.Select(c => new IndexNote("emptyIndicator", c))).ToList();
        var uncertainty = spec.Uncertainty is { } u ? Uncertainty.Run(prepared, spec, u, nominal.Ranks) : null;
        return new IndexResult(tree.Key, spec.Period, units, nominal.Weights, prepared.Coverage, nominal.Treated, nominal.Outliers, notes,
            Coherence.Report(tree, nominal.Scores), uncertainty);
    }

    /// <summary>The period's raw figures of the units kept by screening, and what imputation by last period reads.</summary>
    internal sealed record Prepared(IndexTree Tree, IndexSpecification Spec, IReadOnlyList<IndexUnit> Units, double?[,] Raw, IReadOnlyList<string> EarlierPeriods, IndexDataset Data, CoverageReport Coverage);

    internal sealed record Evaluation(
        double?[] Index,
        int?[] Ranks,
        Dictionary<string, double?[]> Scores,
        Dictionary<string, double> Weights,
        List<TreatedFigure> Treated,
        List<OutlierReport> Outliers,
        List<IndexNote> Notes);

    internal static Prepared Prepare(IndexTree tree, IndexDataset data, IndexSpecification spec)
    {
        var indicators = tree.Indicators;
        var all = data.Units;
        var raw = new double?[all.Count, indicators.Count];
        for (var u = 0; u < all.Count; u++)
        {
            for (var i = 0; i < indicators.Count; i++)
            {
                raw[u, i] = data.Value(all[u].Code, spec.Period, indicators[i].Code);
            }
        }
        var coverage = Treatment.Screen(all, indicators, raw, spec.Screening.MinUnitCoverage);
        var kept = Enumerable.Range(0, all.Count).Where(u => !coverage.UnitsLeftOut.Contains(all[u].Code)).ToList();
        var keptRaw = new double?[kept.Count, indicators.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            for (var i = 0; i < indicators.Count; i++)
            {
                keptRaw[k, i] = raw[kept[k], i];
            }
        }
        var earlier = data.Periods.Where(p => string.CompareOrdinal(p, spec.Period) < 0).Reverse().ToList();
        return new Prepared(tree, spec, [.. kept.Select(k => all[k])], keptRaw, earlier, data, coverage);
    }

    internal static Evaluation Evaluate(Prepared prepared, MethodChoices choices, bool detailed)
    {
        var (tree, spec, units) = (prepared.Tree, prepared.Spec, prepared.Units);
        var treated = new List<TreatedFigure>();
        var outliers = new List<OutlierReport>();
        var notes = new List<IndexNote>();
        var scores = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        for (var i = 0; i < tree.Indicators.Count; i++)
        {
            var indicator = tree.Indicators[i];
            var column = new double?[units.Count];
            for (var u = 0; u < units.Count; u++)
            {
                column[u] = prepared.Raw[u, i];
            }
            Treatment.Impute(choices.Imputation, units, indicator.Code, column,
                u => prepared.EarlierPeriods.Select(p => prepared.Data.Value(units[u].Code, p, indicator.Code)), treated);
            if (spec.Outliers.Treat && Treatment.Winsorise(units, indicator.Code, column, spec.Outliers, treated) is { } report)
            {
                outliers.Add(report);
            }
            scores[indicator.Code] = IndexNormalisation.Apply(choices.Normalisation, column, indicator, spec.Normalisation);
        }
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var dimension in tree.Dimensions)
        {
            scores[dimension.Code] = AggregateChildren(tree, dimension.Code, scores, choices, spec, weights, notes);
        }
        var index = AggregateChildren(tree, null, scores, choices, spec, weights, notes);
        if (spec.Rescale is { } rescale)
        {
            index = IndexNormalisation.MinMax(index, IndicatorDirection.Positive, rescale.Low, rescale.High);
        }
        scores[Coherence.IndexCode] = index;
        return new Evaluation(index, Ranks(index), scores, weights, detailed ? treated : [], outliers, notes);
    }

    private static double?[] AggregateChildren(IndexTree tree, string? parent, Dictionary<string, double?[]> scores, MethodChoices choices,
        IndexSpecification spec, Dictionary<string, double> weights, List<IndexNote> notes)
    {
        var children = tree.ChildrenOf(parent);
        var columns = children.Select(c => scores[c.Code]).ToList();
        var w = choices.Weighting switch
        {
            WeightingMethod.Equal => [.. children.Select(_ => 1.0 / children.Count)],
            WeightingMethod.Pca => IndexAggregation.Pca(columns) ?? Fallback(),
            _ => tree.StatedWeights(parent).ToArray(),
        };
        double[] Fallback()
        {
            notes.Add(new IndexNote("pcaFallbackEqual", parent ?? Coherence.IndexCode));
            return [.. children.Select(_ => 1.0 / children.Count)];
        }
        if (choices.WeightMultipliers is { } multipliers)
        {
            for (var k = 0; k < children.Count; k++)
            {
                w[k] *= multipliers.GetValueOrDefault(children[k].Code, 1);
            }
            var sum = w.Sum();
            for (var k = 0; k < w.Length; k++)
            {
                w[k] /= sum;
            }
        }
        for (var k = 0; k < children.Count; k++)
        {
            weights[children[k].Code] = w[k];
        }
        var result = new double?[columns[0].Length];
        var values = new double?[children.Count];
        for (var u = 0; u < result.Length; u++)
        {
            for (var k = 0; k < children.Count; k++)
            {
                values[k] = columns[k][u];
            }
            result[u] = IndexAggregation.Mean(choices.Aggregation, values, w, spec.Aggregation.P, spec.Aggregation.Shift);
        }
        return result;
    }

    /// <summary>Ranks by score, highest first; equal scores share the better rank (1, 2, 2, 4); no score, no rank.</summary>
    public static int?[] Ranks(IReadOnlyList<double?> scores)
    {
        var ranks = new int?[scores.Count];
        var order = Enumerable.Range(0, scores.Count).Where(u => scores[u] is not null).OrderByDescending(u => scores[u]!.Value).ToList();
        for (var k = 0; k < order.Count; k++)
        {
            ranks[order[k]] = k > 0 && scores[order[k]] == scores[order[k - 1]] ? ranks[order[k - 1]] : k + 1;
        }
        return ranks;
    }
}
