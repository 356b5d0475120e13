using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

public sealed class AggregationTests
{
    private const double Tolerance = 1e-9;
    private static readonly double?[] Values = [25, 100];
    private static readonly double[] Weights = [0.25, 0.75];

    [Fact]
    public void The_four_means_of_25_and_100_weighted_a_quarter_and_three_quarters()
    {
        Assert.Equal(81.25, IndexAggregation.Mean(AggregationMethod.Arithmetic, Values, Weights, shift: 0)!.Value, Tolerance);
        // 25^0.25 × 100^0.75 = √5 × 10√10 = 10√50.
        Assert.Equal(10 * Math.Sqrt(50), IndexAggregation.Mean(AggregationMethod.Geometric, Values, Weights, shift: 0)!.Value, Tolerance);
        // 1 / (0.25/25 + 0.75/100) = 1 / 0.0175.
        Assert.Equal(1 / 0.0175, IndexAggregation.Mean(AggregationMethod.Harmonic, Values, Weights, shift: 0)!.Value, Tolerance);
        // p = 2: √(0.25 × 625 + 0.75 × 10000) = √7656.25 = 87.5.
        Assert.Equal(87.5, IndexAggregation.Mean(AggregationMethod.GeneralisedMean, Values, Weights, p: 2, shift: 0)!.Value, Tolerance);
        // p = 1 is the arithmetic mean, whatever the shift.
        Assert.Equal(81.25, IndexAggregation.Mean(AggregationMethod.GeneralisedMean, Values, Weights, p: 1, shift: 1)!.Value, Tolerance);
    }

    [Fact]
    public void A_zero_is_shifted_before_a_geometric_or_harmonic_mean_and_the_shift_taken_off_after()
    {
        double?[] values = [0, 3];
        double[] weights = [0.5, 0.5];
        // √(1 × 4) − 1 = 1; without the shift the geometric mean would be 0 whatever the other value.
        Assert.Equal(1, IndexAggregation.Mean(AggregationMethod.Geometric, values, weights, shift: 1)!.Value, Tolerance);
        // 1 / (0.5/1 + 0.5/4) − 1 = 1.6 − 1.
        Assert.Equal(0.6, IndexAggregation.Mean(AggregationMethod.Harmonic, values, weights, shift: 1)!.Value, Tolerance);
        Assert.Throws<InvalidOperationException>(() => IndexAggregation.Mean(AggregationMethod.Geometric, values, weights, shift: 0));
    }

    [Fact]
    public void A_missing_child_gives_its_weight_to_the_children_that_are_there()
    {
        // Weights 0.25 and 0.25 of the two present children become 0.5 and 0.5.
        Assert.Equal(25, IndexAggregation.Mean(AggregationMethod.Arithmetic, [null, 40, 10], [0.5, 0.25, 0.25])!.Value, Tolerance);
        Assert.Null(IndexAggregation.Mean(AggregationMethod.Arithmetic, [null, null], [0.5, 0.5]));
    }

    [Fact]
    public void Pca_weights_are_the_squared_loadings_of_the_first_component()
    {
        // x1 and x2 correlate perfectly, x3 with neither: the correlation matrix [[1,1,0],[1,1,0],[0,0,1]] has the
        // largest eigenvalue 2 with eigenvector (1, 1, 0)/√2, so the weights are 0.5, 0.5 and 0.
        var weights = IndexAggregation.Pca([[1, 2, 3, 4], [2, 4, 6, 8], [1, -1, -1, 1]])!;
        Assert.Equal(0.5, weights[0], 1e-9);
        Assert.Equal(0.5, weights[1], 1e-9);
        Assert.Equal(0, weights[2], 1e-9);
    }

    [Fact]
    public void Pca_weights_are_not_computed_from_fewer_than_three_complete_units_or_a_constant_child()
    {
        Assert.Null(IndexAggregation.Pca([[1, 2, null], [2, 4, 6]]));
        Assert.Null(IndexAggregation.Pca([[1, 2, 3], [5, 5, 5]]));
        Assert.Equal([1.0], IndexAggregation.Pca([[1, 2, 3]])!);
    }
}
