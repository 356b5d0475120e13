using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

public sealed class IndexEngineTests
{
    private const double Tolerance = 1e-9;

    private static IndexResult Compute(string spec, IndexDataset? data = null)
    {
        var tree = IndexFixture.Tree();
        return IndexEngine.Compute(tree, data ?? IndexFixture.Data(), IndexFixture.Spec(spec, tree));
    }

    private static UnitResult Unit(IndexResult result, string code) => result.Units.Single(u => u.Unit == code);

    [Fact]
    public void Min_max_and_the_stated_weights_give_the_hand_computed_index()
    {
        // a1 → 0, 50, 100; a2 (negative: fewer days is better) → 0, 100, 50; b1 → 0, 50, 100.
        // A = ½a1 + ½a2 → 0, 75, 75; index = 0.6 A + 0.4 B → 0, 65, 85.
        var result = Compute("""{ "period": "2024" }""");
        Assert.Equal(["U3", "U2", "U1"], result.Units.Select(u => u.Unit));
        Assert.Equal([1, 2, 3], result.Units.Select(u => u.Rank!.Value));
        Assert.Equal(85, Unit(result, "U3").Score!.Value, Tolerance);
        Assert.Equal(65, Unit(result, "U2").Score!.Value, Tolerance);
        Assert.Equal(0, Unit(result, "U1").Score!.Value, Tolerance);
        Assert.Equal(75, Unit(result, "U2").Nodes["A"]!.Value, Tolerance);
        Assert.Equal(100, Unit(result, "U2").Nodes["a2"]!.Value, Tolerance);
        Assert.Equal(1.0, Unit(result, "U2").Raw["a2"]);
        Assert.Equal(0.6, result.Weights["A"], Tolerance);
    }

    [Fact]
    public void The_direction_of_an_indicator_decides_who_leads()
    {
        // a2 counts days (fewer is better): A is 0, 75, 75. Read as "more is better" A would be 50, 25, 75 and U1 would
        // lead U2 on A — the inversion COINr's users report when a direction is lost.
        var tree = IndexFixture.Tree();
        var positive = IndexTree.Parse(IndexFixture.TreeJson.Replace("\"unit\": \"days\", \"direction\": \"negative\"", "\"unit\": \"days\", \"direction\": \"positive\"", StringComparison.Ordinal)).Tree!;
        var spec = IndexFixture.Spec("""{ "period": "2024" }""", tree);
        var asStated = IndexEngine.Compute(tree, IndexFixture.Data(), spec);
        var flipped = IndexEngine.Compute(positive, IndexFixture.Data(), spec);
        Assert.Equal(75, Unit(asStated, "U2").Nodes["A"]!.Value, Tolerance);
        Assert.Equal(0, Unit(asStated, "U1").Nodes["A"]!.Value, Tolerance);
        Assert.Equal(25, Unit(flipped, "U2").Nodes["A"]!.Value, Tolerance);
        Assert.Equal(50, Unit(flipped, "U1").Nodes["A"]!.Value, Tolerance);
    }

    [Fact]
    public void Equal_and_pca_weights_replace_the_stated_ones()
    {
        // Equal: index = ½A + ½B → 0, 62.5, 87.5. PCA of two children always weighs them equally.
        foreach (var weighting in new[] { "equal", "pca" })
        {
            var result = Compute($$"""{ "period": "2024", "weighting": "{{weighting}}" }""");
            Assert.Equal(62.5, Unit(result, "U2").Score!.Value, Tolerance);
            Assert.Equal(87.5, Unit(result, "U3").Score!.Value, Tolerance);
            Assert.Equal(0.5, result.Weights["A"], Tolerance);
            Assert.Empty(result.Notes);
        }
    }

    [Fact]
    public void Distance_to_target_uses_each_indicators_target()
    {
        // a1 target 25 from 10: 0, 2/3, 1; a2 target 2 from 5 (negative): 0, 1 (capped), 2/3; b1 0, ½, 1.
        // A → 0, 250/3, 250/3; index 0.6 A + 0.4 B → 0, 70, 90.
        var result = Compute("""{ "period": "2024", "normalisation": { "method": "distanceToTarget" } }""");
        Assert.Equal(70, Unit(result, "U2").Score!.Value, Tolerance);
        Assert.Equal(90, Unit(result, "U3").Score!.Value, Tolerance);
    }

    [Fact]
    public void The_result_is_rescaled_onto_the_range_asked_for()
    {
        // 0, 65, 85 onto 50–100: 50, 50 + 50 × 65/85, 100.
        var result = Compute("""{ "period": "2024", "rescale": { "low": 50, "high": 100 } }""");
        Assert.Equal(50, Unit(result, "U1").Score!.Value, Tolerance);
        Assert.Equal(50 + 50 * 65.0 / 85, Unit(result, "U2").Score!.Value, Tolerance);
        Assert.Equal(100, Unit(result, "U3").Score!.Value, Tolerance);
    }

    [Fact]
    public void Equal_scores_share_the_better_rank()
    {
        Assert.Equal([1, 2, 2, 4, null], IndexEngine.Ranks([9, 5, 5, 1, null]));
    }

    [Fact]
    public void Group_mean_and_last_period_imputation_fill_a_missing_figure()
    {
        var data = IndexFixture.Data(new IndexObservation("U4", "2024", "a2", 2), new IndexObservation("U4", "2024", "b1", 20), new IndexObservation("U4", "2023", "a1", 12))
            .With([new IndexUnit("U4", "Unit 4", UnitKind.City, "G1")], []);
        // Group G1 has U1 (10) and U2 (20) in 2024: mean 15. U4's own 2023 figure is 12.
        var byGroup = Compute("""{ "period": "2024", "imputation": "groupMean" }""", data);
        Assert.Equal(new TreatedFigure("U4", "a1", "GroupMean", null, 15), Assert.Single(byGroup.Treated));
        var byPeriod = Compute("""{ "period": "2024", "imputation": "lastPeriod" }""", data);
        Assert.Equal(new TreatedFigure("U4", "a1", "LastPeriod", null, 12), Assert.Single(byPeriod.Treated));
        // Without imputation U4's A is a2 alone: (5 − 2) / 4 = 75.
        var none = Compute("""{ "period": "2024" }""", data);
        Assert.Empty(none.Treated);
        Assert.Equal(75, Unit(none, "U4").Nodes["A"]!.Value, Tolerance);
        Assert.Null(Unit(none, "U4").Nodes["a1"]);
    }

    [Fact]
    public void Screening_leaves_out_a_unit_with_too_few_figures_and_reports_coverage()
    {
        var data = IndexFixture.Data(new IndexObservation("U5", "2024", "b1", 10)).With([new IndexUnit("U5", "Unit 5", UnitKind.County, null)], []);
        var result = Compute("""{ "period": "2024", "screening": { "minUnitCoverage": 0.5 } }""", data);
        Assert.Equal(["U5"], result.Coverage.UnitsLeftOut);
        Assert.Equal(1.0 / 3, result.Coverage.ByUnit["U5"], Tolerance);
        Assert.DoesNotContain(result.Units, u => u.Unit == "U5");
        Assert.Equal(1.0, result.Coverage.ByIndicator["a1"]);
    }

    [Fact]
    public void An_outlier_is_winsorised_to_the_next_value_until_skew_and_kurtosis_pass()
    {
        // 1 … 9, 100: skewness 3.12, kurtosis 9.80; with 100 set to 9: −0.15 and −1.36.
        var (tree, errors) = IndexTree.Parse("""
            { "key": "one", "nameZh": "一", "nameEn": "One", "source": { "document": "test", "confirmed": false, "note": "n" },
              "nodes": [ { "code": "x", "nameZh": "x", "nameEn": "x", "unit": "n", "direction": "positive" } ] }
            """);
        Assert.True(errors.IsValid, errors.ToString());
        var data = new IndexDataset(
            [.. Enumerable.Range(1, 10).Select(i => new IndexUnit($"U{i}", $"U{i}", UnitKind.Other, null))],
            [.. Enumerable.Range(1, 10).Select(i => new IndexObservation($"U{i}", "2024", "x", i == 10 ? 100 : i))]);
        var result = IndexEngine.Compute(tree!, data, IndexFixture.Spec("""{ "period": "2024", "outliers": { "treat": true } }""", tree!));
        var report = Assert.Single(result.Outliers);
        Assert.Equal(1, report.Winsorised);
        Assert.True(report.Passed);
        Assert.Equal(3.1188957, report.SkewnessBefore, 1e-6);
        Assert.Equal(new TreatedFigure("U10", "x", "winsorised", 100, 9), Assert.Single(result.Treated));
        Assert.Equal(100, Unit(result, "U10").Nodes["x"]!.Value, Tolerance);
        Assert.Equal(100, Unit(result, "U9").Nodes["x"]!.Value, Tolerance);
    }

    [Fact]
    public void The_coherence_report_gives_correlations_and_cronbachs_alpha()
    {
        // a1 → 0, 50, 100 and a2 → 0, 100, 50: r = 2500 / 5000 = 0.5; sample variances 2500 and 2500, of the sum
        // (0, 150, 150) 7500: α = 2 × (1 − 5000/7500) = 2/3. B has one child: no alpha.
        var result = Compute("""{ "period": "2024" }""");
        var a = result.Coherence.Dimensions.Single(d => d.Dimension == "A");
        Assert.Equal(2.0 / 3, a.CronbachAlpha!.Value, Tolerance);
        Assert.Equal(0.5, Assert.Single(a.Within).R!.Value, Tolerance);
        Assert.Null(result.Coherence.Dimensions.Single(d => d.Dimension == "B").CronbachAlpha);
        var b1 = result.Coherence.Indicators.Single(i => i.Indicator == "b1");
        Assert.Equal("B", b1.Own);
        Assert.Equal(1, b1.WithTopLevel.Single(p => p.B == "B").R!.Value, Tolerance);
        Assert.False(b1.StrongerElsewhere);
    }
}
