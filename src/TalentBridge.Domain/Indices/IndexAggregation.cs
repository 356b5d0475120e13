using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace TalentBridge.Domain.Indices;

/// <summary>Weighted means of a node's children and the weights themselves.</summary>
public static class IndexAggregation
{
    /// <summary>
    /// The weighted mean of the children that have a value (their weights rescaled to sum to 1; none: null).
    /// Geometric, harmonic and generalised means are taken of x + shift and the shift is taken off the result, so a
    /// zero is allowed (a min-max zero with shift 1 counts as 1 before the shift comes off); a value with x + shift ≤ 0
    /// cannot be aggregated this way and throws (the specification refuses z-scores with these methods).
    /// </summary>
    public static double? Mean(AggregationMethod method, IReadOnlyList<double?> values, IReadOnlyList<double> weights, double p = 0.5, double shift = 1)
    {
        double total = 0;
        for (var k = 0; k < values.Count; k++)
        {
            total += values[k] is null ? 0 : weights[k];
        }
        if (total <= 0)
        {
            return null;
        }
        double sum = 0;
        for (var k = 0; k < values.Count; k++)
        {
            if (values[k] is not { } x || weights[k] == 0)
            {
                continue;
            }
            var w = weights[k] / total;
            var s = x + shift;
            if (method != AggregationMethod.Arithmetic && s <= 0)
            {
                throw new InvalidOperationException($"{method} mean of a value {x} with shift {shift}: needs a positive value");
            }
            sum += method switch
            {
                AggregationMethod.Arithmetic => w * x,
                AggregationMethod.Geometric => w * Math.Log(s),
                AggregationMethod.Harmonic => w / s,
                AggregationMethod.GeneralisedMean => w * Math.Pow(s, p),
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            };
        }
        return method switch
        {
            AggregationMethod.Arithmetic => sum,
            AggregationMethod.Geometric => Math.Exp(sum) - shift,
            AggregationMethod.Harmonic => 1 / sum - shift,
            _ => Math.Pow(sum, 1 / p) - shift,
        };
    }

    /// <summary>
    /// PCA weights of one parent's children from their values over the units that have all of them: the squared
    /// loadings of the eigenvector of the largest eigenvalue of the children's correlation matrix (they sum to 1, the
    /// share of each child in the first component). Null when fewer than three units are complete or a child is
    /// constant: the caller then uses equal weights and says so.
    /// </summary>
    public static double[]? Pca(IReadOnlyList<double?[]> children)
    {
        var k = children.Count;
        if (k == 1)
        {
            return [1];
        }
        var complete = Enumerable.Range(0, children[0].Length).Where(u => children.All(c => c[u] is not null)).ToList();
        if (complete.Count < 3)
        {
            return null;
        }
        var columns = children.Select(c => complete.Select(u => c[u]!.Value).ToArray()).ToArray();
        if (columns.Any(c => c.StandardDeviation() == 0))
        {
            return null;
        }
        var correlation = Correlation.PearsonMatrix(columns);
        var evd = correlation.Evd(Symmetricity.Symmetric);
        var largest = 0;
        for (var i = 1; i < k; i++)
        {
            if (evd.EigenValues[i].Real > evd.EigenValues[largest].Real)
            {
                largest = i;
            }
        }
        var loadings = evd.EigenVectors.Column(largest);
        return [.. loadings.Select(l => l * l)];
    }
}
