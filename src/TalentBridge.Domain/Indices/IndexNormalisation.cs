using MathNet.Numerics.Statistics;

namespace TalentBridge.Domain.Indices;

/// <summary>
/// The normalisation methods, one indicator (a column of units, missing figures null) at a time. Every method applies
/// the indicator's direction itself, so that after normalisation a larger value is always better: a negative indicator
/// is mirrored (min-max: (max − x)/(max − min), z-score: −(x − mean)/sd, rank: ranked by −x, distance to target and
/// goalposts measured from the other end), never by negating the raw figures first.
/// </summary>
public static class IndexNormalisation
{
    public static double?[] Apply(NormalisationMethod method, IReadOnlyList<double?> values, IndexNode indicator, NormalisationSpec range) =>
        method switch
        {
            NormalisationMethod.MinMax => MinMax(values, indicator.Direction!.Value, range.Low, range.High),
            NormalisationMethod.ZScore => ZScore(values, indicator.Direction!.Value),
            NormalisationMethod.Rank => Rank(values, indicator.Direction!.Value, range.Low, range.High),
            NormalisationMethod.DistanceToTarget => DistanceToTarget(values, indicator.Direction!.Value, indicator.Target!.Value, range.Low, range.High),
            NormalisationMethod.Goalposts => Goalposts(values, indicator.Direction!.Value, indicator.Goalposts!, range.Low, range.High),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

    /// <summary>(x − min)/(max − min) onto [low, high]; a constant indicator puts every unit in the middle of the range.</summary>
    public static double?[] MinMax(IReadOnlyList<double?> values, IndicatorDirection direction, double low = 0, double high = 100)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count == 0)
        {
            return [.. values];
        }
        var (min, max) = (present.Min(), present.Max());
        return [.. values.Select(v => v is not { } x ? (double?)null
            : max == min ? (low + high) / 2
            : low + (high - low) * (direction == IndicatorDirection.Positive ? x - min : max - x) / (max - min))];
    }

    /// <summary>(x − mean)/sd with the sample standard deviation (n − 1, as R's sd); a constant indicator gives 0.</summary>
    public static double?[] ZScore(IReadOnlyList<double?> values, IndicatorDirection direction)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count == 0)
        {
            return [.. values];
        }
        var mean = present.Mean();
        var sd = present.Count > 1 ? present.StandardDeviation() : 0;
        var sign = (int)direction;
        return [.. values.Select(v => v is not { } x ? (double?)null : sd == 0 ? 0 : sign * (x - mean) / sd)];
    }

    /// <summary>
    /// The unit's rank among the units with a figure, the worst 1 and ties sharing the mean of their ranks, mapped onto
    /// [low, high] as (rank − 1)/(n − 1); a single unit or a constant indicator lands in the middle of the range.
    /// </summary>
    public static double?[] Rank(IReadOnlyList<double?> values, IndicatorDirection direction, double low = 0, double high = 100)
    {
        var sign = (int)direction;
        var present = values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => (Value: sign * p.v!.Value, Index: p.i)).OrderBy(p => p.Value).ToList();
        var result = new double?[values.Count];
        var n = present.Count;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && present[end + 1].Value == present[start].Value)
            {
                end++;
            }
            // Ranks start..end (1-based start + 1 .. end + 1) shared: their mean.
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                result[present[k].Index] = n == 1 || (start == 0 && end == n - 1) ? (low + high) / 2 : low + (high - low) * (rank - 1) / (n - 1);
            }
            start = end + 1;
        }
        return result;
    }

    /// <summary>
    /// How far the unit has come from the worst figure towards the target: (x − min)/(target − min), or for a negative
    /// indicator (max − x)/(max − target), capped at 1 (reaching the target is full marks), onto [low, high]. When the
    /// worst figure already meets the target every unit scores high.
    /// </summary>
    public static double?[] DistanceToTarget(IReadOnlyList<double?> values, IndicatorDirection direction, double target, double low = 0, double high = 100)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count == 0)
        {
            return [.. values];
        }
        var worst = direction == IndicatorDirection.Positive ? present.Min() : present.Max();
        var span = direction == IndicatorDirection.Positive ? target - worst : worst - target;
        return [.. values.Select(v => v is not { } x ? (double?)null
            : span <= 0 ? high
            : low + (high - low) * Math.Clamp((direction == IndicatorDirection.Positive ? x - worst : worst - x) / span, 0, 1))];
    }

    /// <summary>(x − low goalpost)/(high goalpost − low goalpost), or from the high goalpost for a negative indicator, clipped to [0, 1], onto [low, high].</summary>
    public static double?[] Goalposts(IReadOnlyList<double?> values, IndicatorDirection direction, Goalposts posts, double low = 0, double high = 100) =>
        [.. values.Select(v => v is not { } x ? (double?)null
            : low + (high - low) * Math.Clamp((direction == IndicatorDirection.Positive ? x - posts.Low : posts.High - x) / (posts.High - posts.Low), 0, 1))];
}
