using TalentBridge.Domain.Analytics;

namespace TalentBridge.Domain.Tests.Analytics;

public sealed class WagePercentilesTests
{
    private static readonly int[] Percents = [10, 25, 50, 75, 90];

    private static WageObservation O(long wage, int weight, string employer) => new(wage, weight, employer);

    [Fact]
    public void Percentiles_interpolate_between_individual_observations_weighted_by_headcount()
    {
        // Expanded and sorted: 3000, 4000, 4000, 5000, 8000 (N = 5; the position of B seeks 2 people).
        // Type 7: h − 1 = (N − 1) p = 4p.
        //   P10: 0.4 → x1 + 0.4 (x2 − x1) = 3000 + 400 = 3400
        //   P25: 1.0 → x2 = 4000;  P50: 2.0 → x3 = 4000;  P75: 3.0 → x4 = 5000
        //   P90: 3.6 → x4 + 0.6 (x5 − x4) = 5000 + 1800 = 6800
        // Mean: (3000 + 2 × 4000 + 5000 + 8000) / 5 = 24000 / 5 = 4800.
        var cell = WagePercentiles.Summarise([O(8000, 1, "e:1"), O(4000, 2, "e:2"), O(3000, 1, "e:1"), O(5000, 1, "e:3")]);
        Assert.Equal(new WageSummary(5, 3, 2, 24000, 3400, 4000, 4000, 5000, 6800, 4800), cell);
        Assert.Equal(0.4, cell.LargestEmployerShare);
    }

    [Fact]
    public void Amounts_are_rounded_to_whole_yuan_with_halves_away_from_zero()
    {
        // N = 2: P10 = 1000 + 0.1 = 1000.1 → 1000; P50 = 1000.5 → 1001; P90 = 1000.9 → 1001; mean 2001 / 2 = 1000.5 → 1001.
        var cell = WagePercentiles.Summarise([O(1000, 1, "a"), O(1001, 1, "b")]);
        Assert.Equal((1000L, 1001L, 1001L, 1001L), (cell.P10!.Value, cell.P50!.Value, cell.P90!.Value, cell.Mean!.Value));
    }

    [Fact]
    public void One_position_seeking_three_people_is_three_equal_observations()
    {
        var cell = WagePercentiles.Summarise([O(6500, 3, "e:9")]);
        Assert.Equal(new WageSummary(3, 1, 3, 19500, 6500, 6500, 6500, 6500, 6500, 6500), cell);
        Assert.Equal(1.0, cell.LargestEmployerShare);
    }

    [Fact]
    public void An_empty_cell_has_counts_of_zero_and_no_amounts()
    {
        var cell = WagePercentiles.Summarise([]);
        Assert.Equal(new WageSummary(0, 0, 0, 0, null, null, null, null, null, null), cell);
        Assert.Equal(0, cell.LargestEmployerShare);
    }

    [Fact]
    public void Broken_observations_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WagePercentiles.Summarise([O(5000, 0, "a")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WagePercentiles.Summarise([O(5000, -2, "a")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WagePercentiles.Summarise([O(-1, 1, "a")]));
        Assert.Throws<ArgumentException>(() => WagePercentiles.Summarise([O(5000, 1, " ")]));
    }

    [Fact]
    public void Cumulative_weights_give_exactly_the_percentiles_of_the_expanded_sample()
    {
        var random = new Random(13);
        for (var run = 0; run < 300; run++)
        {
            var observations = Enumerable.Range(0, random.Next(1, 25))
                .Select(_ => O(random.Next(20, 400) * 50, random.Next(1, 12), "e:" + random.Next(5)))
                .ToArray();
            var expanded = observations.SelectMany(o => Enumerable.Repeat((double)o.MonthlyWage, o.Weight)).Order().ToArray();
            var cell = WagePercentiles.Summarise(observations);
            long?[] actual = [cell.P10, cell.P25, cell.P50, cell.P75, cell.P90];
            long?[] expected = [.. Percents.Select(p => (long?)Math.Round(Type7(expanded, p), MidpointRounding.AwayFromZero))];
            Assert.Equal(expected, actual);
            Assert.Equal(expanded.Length, cell.Observations);
            Assert.Equal((long)Math.Round(expanded.Average(), MidpointRounding.AwayFromZero), cell.Mean);
        }
    }

    /// <summary>The textbook definition on an expanded sorted sample (R's quantile(type = 7)), in decimal to avoid binary fractions.</summary>
    private static decimal Type7(double[] sorted, int percent)
    {
        var h = (sorted.Length - 1) * percent / 100m;
        var j = (int)Math.Floor(h);
        var low = (decimal)sorted[j];
        return j + 1 < sorted.Length ? low + (h - j) * ((decimal)sorted[j + 1] - low) : low;
    }
}
