using MathNet.Numerics.Statistics;
using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

public sealed class UncertaintyTests
{
    // x weighs 0.6, y 0.4. After min-max: A (100, 0), B (45, 45), C (0, 100).
    // Arithmetic: A 60, B 45, C 40 → A 1, B 2, C 3. Geometric (shift 1): A 101^0.6 − 1 = 14.9, B 45, C 101^0.4 − 1 = 5.3
    // → B 1, A 2, C 3. So A's and B's ranks depend on the aggregation alone, and C is third either way.
    private const string TreeJson = """
        { "key": "two", "nameZh": "二", "nameEn": "Two", "source": { "document": "test", "confirmed": false, "note": "n" },
          "nodes": [
            { "code": "x", "nameZh": "x", "nameEn": "x", "unit": "n", "direction": "positive", "weight": 0.6 },
            { "code": "y", "nameZh": "y", "nameEn": "y", "unit": "n", "direction": "positive", "weight": 0.4 } ] }
        """;

    private static readonly IndexDataset Data = new(
        [new("A", "A", UnitKind.City, null), new("B", "B", UnitKind.City, null), new("C", "C", UnitKind.City, null)],
        [new("A", "2024", "x", 100), new("A", "2024", "y", 0), new("B", "2024", "x", 45), new("B", "2024", "y", 45), new("C", "2024", "x", 0), new("C", "2024", "y", 100)]);

    private static IndexResult Run(int seed, string vary = """{ "step": "aggregation", "options": ["arithmetic", "geometric"] }""")
    {
        var tree = IndexTree.Parse(TreeJson).Tree!;
        var spec = IndexFixture.Spec($$"""{ "period": "2024", "uncertainty": { "runs": 200, "seed": {{seed}}, "vary": [ {{vary}} ] } }""", tree);
        return IndexEngine.Compute(tree, Data, spec);
    }

    /// <summary>R's type-7 quantile of k ones followed by n − k twos, written out: h = (n − 1)p; x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).</summary>
    private static double Quantile(int ones, int n, double p)
    {
        var h = (n - 1) * p;
        var lo = (int)Math.Floor(h);
        double At(int i) => i < ones ? 1 : 2;
        return At(lo) + (h - lo) * (At(Math.Min(lo + 1, n - 1)) - At(lo));
    }

    [Fact]
    public void Rank_bands_follow_the_aggregation_drawn_in_each_run()
    {
        var result = Run(seed: 7).Uncertainty!;
        var counts = Assert.Single(result.Applied).Counts;
        var arithmetic = counts["arithmetic"];
        Assert.Equal(200, arithmetic + counts["geometric"]);
        Assert.InRange(arithmetic, 60, 140);
        var a = result.Units.Single(u => u.Unit == "A");
        var b = result.Units.Single(u => u.Unit == "B");
        var c = result.Units.Single(u => u.Unit == "C");
        // A is first in the arithmetic runs, B in the geometric ones; C is always third.
        Assert.Equal(1, a.Nominal);
        Assert.Equal((Quantile(arithmetic, 200, 0.05), Quantile(arithmetic, 200, 0.5), Quantile(arithmetic, 200, 0.95)), (a.P5, a.Median, a.P95));
        Assert.Equal((Quantile(200 - arithmetic, 200, 0.05), Quantile(200 - arithmetic, 200, 0.5), Quantile(200 - arithmetic, 200, 0.95)), (b.P5, b.Median, b.P95));
        Assert.Equal((3.0, 3.0, 3.0), (c.P5, c.Median, c.P95));
        Assert.Equal((1.0, 2.0), (a.P5, a.P95));
        // The aggregation explains all of A's and B's rank variance.
        Assert.Equal(1.0, Assert.Single(result.Sensitivity).FirstOrder, 1e-12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bands_and_counts()
    {
        var first = Run(seed: 11).Uncertainty!;
        var second = Run(seed: 11).Uncertainty!;
        Assert.Equal(first.Units, second.Units);
        Assert.Equal(first.Applied[0].Counts, second.Applied[0].Counts);
    }

    [Fact]
    public void Weights_varied_within_a_band_that_cannot_flip_the_order_leave_every_band_at_the_nominal_rank()
    {
        // ±10 % on x and y keeps x's share between 0.54/(0.54+0.44) = 0.55 and 0.66/(0.66+0.36) = 0.65: A stays first
        // (A = 100 w, C = 100 (1 − w), B = 45).
        var result = Run(seed: 3, vary: """{ "step": "weights", "plusMinus": 0.1 }""").Uncertainty!;
        Assert.Equal([(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)], result.Units.Select(u => (u.P5, u.P95)));
        Assert.Equal(200, result.Applied[0].Counts["runs"]);
        Assert.Equal(2, result.Applied[0].Counts["nodes"]);
        Assert.Equal(["weights:x", "weights:y"], result.Sensitivity.Select(s => s.Input));
        Assert.All(result.Sensitivity, s => Assert.Equal(0, s.FirstOrder));
    }

    [Fact]
    public void The_r7_quantile_is_the_one_used()
    {
        double[] ranks = [1, 1, 2, 3];
        // h = 3 × 0.5 = 1.5 → 1 + 0.5 × (2 − 1) = 1.5; 5 %: h = 0.15 → 1; 95 %: h = 2.85 → 2 + 0.85 = 2.85.
        Assert.Equal(1.5, ranks.QuantileCustom(0.5, QuantileDefinition.R7), 1e-12);
        Assert.Equal(2.85, ranks.QuantileCustom(0.95, QuantileDefinition.R7), 1e-12);
        Assert.Equal(1, ranks.QuantileCustom(0.05, QuantileDefinition.R7), 1e-12);
    }
}
