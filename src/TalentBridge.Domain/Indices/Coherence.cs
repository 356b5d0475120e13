using MathNet.Numerics.Statistics;

namespace TalentBridge.Domain.Indices;

/// <summary>Pearson's r between two nodes' scores over the units that have both (null with fewer than three or a constant one).</summary>
public sealed record CorrelationPair(string A, string B, double? R);

/// <summary>A dimension's children: their correlations with each other and with the dimension, and Cronbach's alpha.</summary>
public sealed record DimensionCoherence(string Dimension, int Children, double? CronbachAlpha, IReadOnlyList<CorrelationPair> Within, IReadOnlyList<CorrelationPair> WithDimension);

/// <summary>
/// An indicator's correlation with every top-level dimension; <see cref="StrongerElsewhere"/> when it follows another
/// dimension more closely than its own (a sign it sits in the wrong place or measures something else).
/// </summary>
public sealed record IndicatorCoherence(string Indicator, string Own, IReadOnlyList<CorrelationPair> WithTopLevel, bool StrongerElsewhere, bool Negative);

/// <summary>The statistical coherence of a computed index (OECD/JRC handbook, step 7).</summary>
public sealed record CoherenceReport(IReadOnlyList<DimensionCoherence> Dimensions, IReadOnlyList<IndicatorCoherence> Indicators, IReadOnlyList<CorrelationPair> WithIndex);

public static class Coherence
{
    public const string IndexCode = "index";

    /// <summary>Computes the report from the normalised indicators and the aggregated scores of every node (and <see cref="IndexCode"/>).</summary>
    public static CoherenceReport Report(IndexTree tree, IReadOnlyDictionary<string, double?[]> scores)
    {
        var dimensions = new List<DimensionCoherence>();
        foreach (var dimension in tree.Nodes.Where(n => !tree.IsIndicator(n)).Prepend(null))
        {
            var children = tree.ChildrenOf(dimension?.Code);
            var code = dimension?.Code ?? IndexCode;
            var within = new List<CorrelationPair>();
            for (var a = 0; a < children.Count; a++)
            {
                for (var b = a + 1; b < children.Count; b++)
                {
                    within.Add(Pair(children[a].Code, children[b].Code, scores));
                }
            }
            var withDimension = children.Select(c => Pair(c.Code, code, scores)).ToList();
            dimensions.Add(new DimensionCoherence(code, children.Count, CronbachAlpha(children.Select(c => scores[c.Code]).ToList()), within, withDimension));
        }
        var top = tree.TopLevel;
        var indicators = new List<IndicatorCoherence>();
        foreach (var indicator in tree.Indicators)
        {
            var own = tree.TopOf(indicator).Code;
            var pairs = top.Select(t => Pair(indicator.Code, t.Code, scores)).ToList();
            var ownR = pairs.First(p => p.B == own).R;
            var strongerElsewhere = top.Count > 1 && ownR is { } r && pairs.Any(p => p.B != own && p.R is { } other && Math.Abs(other) > Math.Abs(r));
            indicators.Add(new IndicatorCoherence(indicator.Code, own, pairs, strongerElsewhere, ownR < 0));
        }
        return new CoherenceReport(dimensions, indicators, [.. top.Select(t => Pair(t.Code, IndexCode, scores))]);
    }

    public static CorrelationPair Pair(string a, string b, IReadOnlyDictionary<string, double?[]> scores)
    {
        var (x, y) = (scores[a], scores[b]);
        var both = Enumerable.Range(0, x.Length).Where(u => x[u] is not null && y[u] is not null).ToList();
        if (both.Count < 3)
        {
            return new CorrelationPair(a, b, null);
        }
        var xs = both.Select(u => x[u]!.Value).ToArray();
        var ys = both.Select(u => y[u]!.Value).ToArray();
        if (xs.Variance() == 0 || ys.Variance() == 0)
        {
            return new CorrelationPair(a, b, null);
        }
        return new CorrelationPair(a, b, Correlation.Pearson(xs, ys));
    }

    /// <summary>
    /// α = k/(k − 1) × (1 − Σ var(item) / var(Σ items)) over the units that have every item; null with fewer than two
    /// items, fewer than three complete units or no variance in the sum.
    /// </summary>
    public static double? CronbachAlpha(IReadOnlyList<double?[]> items)
    {
        var k = items.Count;
        if (k < 2)
        {
            return null;
        }
        var complete = Enumerable.Range(0, items[0].Length).Where(u => items.All(i => i[u] is not null)).ToList();
        if (complete.Count < 3)
        {
            return null;
        }
        var itemVariance = items.Sum(i => complete.Select(u => i[u]!.Value).Variance());
        var totalVariance = complete.Select(u => items.Sum(i => i[u]!.Value)).Variance();
        return totalVariance == 0 ? null : k / (k - 1.0) * (1 - itemVariance / totalVariance);
    }
}
