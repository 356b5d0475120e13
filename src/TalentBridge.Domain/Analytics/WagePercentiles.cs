namespace TalentBridge.Domain.Analytics;

/// <summary>
/// One wage observation of a wage-price cell (a row of <c>wage_observations</c>): a monthly wage in yuan, its weight (the
/// headcount of a position or posting, 1 for a signed agreement) and the employer it comes from.
/// </summary>
public readonly record struct WageObservation(long MonthlyWage, int Weight, string EmployerKey);

/// <summary>
/// The wage price (工资价位) of one cell: counts, the percentiles P10 低位数, P25, P50 中位数, P75, P90 高位数 and the
/// weighted mean, each in whole yuan. The amounts are null when the cell has no observation.
/// </summary>
/// <param name="Observations">Individual observations: the sum of the weights (a position seeking 3 people is 3).</param>
/// <param name="Employers">Distinct employers among the observations.</param>
/// <param name="LargestEmployerObservations">Observations of the employer with the most of them (for the dominance rule).</param>
/// <param name="WageSum">Σ weight × wage in yuan: with <see cref="Observations"/> it adds up from child cells to their parent.</param>
/// <param name="P10">低位数, the 10th percentile.</param>
/// <param name="P25">The 25th percentile.</param>
/// <param name="P50">中位数, the median.</param>
/// <param name="P75">The 75th percentile.</param>
/// <param name="P90">高位数, the 90th percentile.</param>
/// <param name="Mean">The weighted mean, Σ weight × wage ÷ Σ weight.</param>
public sealed record WageSummary(
    long Observations, int Employers, long LargestEmployerObservations, long WageSum,
    long? P10, long? P25, long? P50, long? P75, long? P90, long? Mean)
{
    /// <summary>The share of the observations that come from the largest employer (0 for an empty cell).</summary>
    public double LargestEmployerShare => Observations == 0 ? 0 : (double)LargestEmployerObservations / Observations;
}

/// <summary>
/// Percentiles of individual observations, weighted by headcount. Definition: Hyndman–Fan type 7 (linear interpolation
/// between order statistics, R's default, Excel's PERCENTILE.INC, NumPy's "linear") on the expanded sample where an
/// observation of weight w appears w times. For N individual observations sorted x(1) ≤ … ≤ x(N), the p-th percentile
/// is x(j) + g × (x(j+1) − x(j)) with h = (N − 1) × p + 1, j = ⌊h⌋, g = h − j. The sample is never expanded: x(j) is
/// read from the cumulative weights of the observations sorted by wage, which gives exactly the expanded result.
/// Amounts are rounded to whole yuan, halves away from zero.
/// </summary>
public static class WagePercentiles
{
    /// <summary>
    /// Summarises a cell's observations. A weight below 1, a negative wage or a blank employer key is a broken fact
    /// row and throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/>.
    /// </summary>
    public static WageSummary Summarise(IEnumerable<WageObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var sorted = observations.ToArray();
        foreach (var o in sorted)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(o.Weight, 1, nameof(observations));
            ArgumentOutOfRangeException.ThrowIfNegative(o.MonthlyWage, nameof(observations));
            ArgumentException.ThrowIfNullOrWhiteSpace(o.EmployerKey, nameof(observations));
        }
        Array.Sort(sorted, (a, b) => a.MonthlyWage.CompareTo(b.MonthlyWage));

        var byEmployer = new Dictionary<string, long>(StringComparer.Ordinal);
        long count = 0, sum = 0;
        var cumulative = new long[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            count += sorted[i].Weight;
            sum += sorted[i].Weight * sorted[i].MonthlyWage;
            cumulative[i] = count;
            byEmployer[sorted[i].EmployerKey] = byEmployer.GetValueOrDefault(sorted[i].EmployerKey) + sorted[i].Weight;
        }
        if (count == 0)
        {
            return new WageSummary(0, 0, 0, 0, null, null, null, null, null, null);
        }

        // The value of the k-th individual observation (1-based): the first row whose cumulative weight reaches k.
        long At(long k)
        {
            var i = Array.BinarySearch(cumulative, k);
            return sorted[i >= 0 ? i : ~i].MonthlyWage;
        }
        long Percentile(int percent)
        {
            // h − 1 = (N − 1) × percent / 100, split exactly into the whole rank j − 1 and the fraction g = rest / 100.
            var j = (count - 1) * percent / 100 + 1;
            var rest = (count - 1) * percent % 100;
            var low = At(j);
            var value = rest == 0 ? low : low + (At(j + 1) - low) * (decimal)rest / 100;
            return (long)Math.Round(value, MidpointRounding.AwayFromZero);
        }
        var mean = (long)Math.Round((decimal)sum / count, MidpointRounding.AwayFromZero);
        return new WageSummary(count, byEmployer.Count, byEmployer.Values.Max(), sum,
            Percentile(10), Percentile(25), Percentile(50), Percentile(75), Percentile(90), mean);
    }
}
