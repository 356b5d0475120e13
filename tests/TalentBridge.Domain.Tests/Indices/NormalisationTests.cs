using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

public sealed class NormalisationTests
{
    private const double Tolerance = 1e-9;
    private static readonly double?[] Values = [2, 4, 10, null];

    private static void Equal(double?[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is null)
            {
                Assert.Null(actual[i]);
            }
            else
            {
                Assert.Equal(expected[i]!.Value, actual[i]!.Value, Tolerance);
            }
        }
    }

    [Fact]
    public void Min_max_maps_the_worst_to_low_and_the_best_to_high_in_either_direction()
    {
        // (x − 2) / 8: 0, 0.25, 1; negative: (10 − x) / 8: 1, 0.75, 0. A missing figure stays missing.
        Equal([0, 25, 100, null], IndexNormalisation.MinMax(Values, IndicatorDirection.Positive));
        Equal([100, 75, 0, null], IndexNormalisation.MinMax(Values, IndicatorDirection.Negative));
        Equal([50, 57.5, 80, null], IndexNormalisation.MinMax(Values, IndicatorDirection.Positive, 50, 80));
    }

    [Fact]
    public void Min_max_puts_every_unit_of_a_constant_indicator_in_the_middle()
    {
        Equal([50, 50], IndexNormalisation.MinMax([7, 7], IndicatorDirection.Negative));
    }

    [Fact]
    public void Z_scores_use_the_sample_standard_deviation_and_flip_for_a_negative_indicator()
    {
        // Mean 4, sample sd √((4 + 0 + 4) / 2) = 2.
        Equal([-1, 0, 1, null], IndexNormalisation.ZScore([2, 4, 6, null], IndicatorDirection.Positive));
        Equal([1, 0, -1, null], IndexNormalisation.ZScore([2, 4, 6, null], IndicatorDirection.Negative));
    }

    [Fact]
    public void Ranks_share_ties_and_run_from_the_worst_unit()
    {
        // 1 < 3 < 5 = 5: ranks 1, 2, 3.5, 3.5 → (rank − 1) / 3 × 100.
        Equal([250.0 / 3, 0, 250.0 / 3, 100.0 / 3], IndexNormalisation.Rank([5, 1, 5, 3], IndicatorDirection.Positive));
        // Negative: −5 = −5 < −3 < −1: ranks 1.5, 1.5, 3, 4.
        Equal([50.0 / 3, 100, 50.0 / 3, 200.0 / 3], IndexNormalisation.Rank([5, 1, 5, 3], IndicatorDirection.Negative));
    }

    [Fact]
    public void Distance_to_target_runs_from_the_worst_figure_to_the_target_and_caps_at_the_target()
    {
        // Worst 2, target 6: (x − 2) / 4 → 0, 0.5, 1 (10 is past the target).
        Equal([0, 50, 100, null], IndexNormalisation.DistanceToTarget(Values, IndicatorDirection.Positive, 6));
        // Negative, worst 10, target 3: (10 − x) / 7 → 8/7 capped to 1, 6/7, 0.
        Equal([100, 600.0 / 7, 0, null], IndexNormalisation.DistanceToTarget(Values, IndicatorDirection.Negative, 3));
    }

    [Fact]
    public void Goalposts_clip_to_the_posts_and_count_from_the_high_post_for_a_negative_indicator()
    {
        var posts = new Goalposts { Low = 0, High = 8 };
        Equal([25, 50, 100, null], IndexNormalisation.Goalposts(Values, IndicatorDirection.Positive, posts));
        Equal([75, 50, 0, null], IndexNormalisation.Goalposts(Values, IndicatorDirection.Negative, posts));
    }
}
