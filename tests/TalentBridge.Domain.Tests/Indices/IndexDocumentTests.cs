using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

public sealed class IndexDocumentTests
{
    private static IReadOnlyDictionary<string, string[]> TreeErrors(string from, string to)
    {
        var json = IndexFixture.TreeJson.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(IndexFixture.TreeJson, json);
        var (tree, errors) = IndexTree.Parse(json);
        Assert.Null(tree);
        return errors.ToDictionary();
    }

    private static IReadOnlyDictionary<string, string[]> SpecErrors(string json)
    {
        var (spec, errors) = IndexSpecification.Parse(json, IndexFixture.Tree());
        Assert.Null(spec);
        return errors.ToDictionary();
    }

    [Fact]
    public void The_tree_knows_its_indicators_dimensions_and_stated_weights()
    {
        var tree = IndexFixture.Tree();
        Assert.Equal(["a1", "a2", "b1"], tree.Indicators.Select(n => n.Code));
        Assert.Equal(["A", "B"], tree.TopLevel.Select(n => n.Code));
        Assert.Equal([0.6, 0.4], tree.StatedWeights(null));
        Assert.Equal("A", tree.TopOf(tree.Find("a2")!).Code);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_within_a_parent_are_refused_on_the_first_siblings_path()
    {
        var errors = TreeErrors("\"weight\": 0.6", "\"weight\": 0.5");
        Assert.Contains("sum to 0.9, not 1", Assert.Single(errors["nodes[0].weight"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_given_to_some_siblings_only_are_refused()
    {
        var errors = TreeErrors("\"direction\": \"negative\", \"weight\": 0.5,", "\"direction\": \"negative\",");
        Assert.True(errors.ContainsKey("nodes[1].weight"));
    }

    [Fact]
    public void An_unknown_parent_a_cycle_and_a_missing_direction_are_named_by_path()
    {
        Assert.True(TreeErrors("\"parent\": \"B\"", "\"parent\": \"C\"").ContainsKey("nodes[4].parent"));
        Assert.True(TreeErrors("\"code\": \"A\", \"nameZh\": \"甲\", \"nameEn\": \"A\",", "\"code\": \"A\", \"parent\": \"a1\", \"nameZh\": \"甲\", \"nameEn\": \"A\",").ContainsKey("nodes[0].parent"));
        Assert.True(TreeErrors("\"direction\": \"positive\", \"target\": 100", "\"target\": 100").ContainsKey("nodes[4].direction"));
        Assert.True(TreeErrors("\"direction\": \"positive\", \"target\": 100", "\"direction\": \"up\", \"target\": 100").ContainsKey("nodes[4].direction"));
        Assert.True(TreeErrors("\"code\": \"B\"", "\"code\": \"A\"").ContainsKey("nodes[3].code"));
    }

    [Fact]
    public void A_specification_that_names_an_unknown_step_is_refused()
    {
        var errors = SpecErrors("""{ "period": "2024", "uncertainty": { "vary": [ { "step": "outlierz", "options": ["a", "b"] } ] } }""");
        Assert.True(errors.ContainsKey("uncertainty.vary[0].step"));
    }

    [Fact]
    public void A_specification_that_names_an_unknown_node_or_option_is_refused()
    {
        var errors = SpecErrors("""
            { "period": "2024", "uncertainty": { "vary": [
              { "step": "weights", "plusMinus": 0.2, "nodes": ["A", "c9"] },
              { "step": "normalisation", "options": ["minMax", "logistic"] } ] } }
            """);
        Assert.Contains("'c9' is not a node", Assert.Single(errors["uncertainty.vary[0].nodes[1]"]), StringComparison.Ordinal);
        Assert.Contains("'logistic' is not a method of step 'normalisation'", Assert.Single(errors["uncertainty.vary[1].options[1]"]), StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("uncertainty.vary[0].nodes[0]"));
    }

    [Fact]
    public void Varying_the_weight_of_a_node_without_siblings_is_refused_because_it_would_change_nothing()
    {
        var errors = SpecErrors("""{ "period": "2024", "uncertainty": { "vary": [ { "step": "weights", "plusMinus": 0.2, "nodes": ["b1"] } ] } }""");
        Assert.Contains("no siblings", Assert.Single(errors["uncertainty.vary[0].nodes[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Z_scores_cannot_feed_a_geometric_mean_even_as_a_varied_option()
    {
        var errors = SpecErrors("""
            { "period": "2024", "aggregation": { "method": "geometric" },
              "uncertainty": { "vary": [ { "step": "normalisation", "options": ["minMax", "zScore"] } ] } }
            """);
        Assert.True(errors.ContainsKey("aggregation.method"));
    }

    [Fact]
    public void Goalposts_need_goalposts_on_every_indicator()
    {
        var tree = IndexTree.Parse(IndexFixture.TreeJson.Replace(", \"goalposts\": { \"low\": 0, \"high\": 100 }", "", StringComparison.Ordinal)).Tree!;
        var (_, errors) = IndexSpecification.Parse("""{ "period": "2024", "normalisation": { "method": "goalposts" } }""", tree);
        Assert.Contains("'b1' has none", Assert.Single(errors.ToDictionary()["normalisation.method"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_varied_twice_and_weights_with_options_are_refused()
    {
        var errors = SpecErrors("""
            { "period": "2024", "uncertainty": { "vary": [
              { "step": "aggregation", "options": ["arithmetic", "geometric"] },
              { "step": "aggregation", "options": ["arithmetic", "harmonic"] },
              { "step": "weights", "options": ["x", "y"] } ] } }
            """);
        Assert.True(errors.ContainsKey("uncertainty.vary[1].step"));
        Assert.True(errors.ContainsKey("uncertainty.vary[2].options"));
        Assert.True(errors.ContainsKey("uncertainty.vary[2].plusMinus"));
    }

    [Fact]
    public void A_table_with_a_column_that_is_no_indicator_is_refused_naming_the_column()
    {
        var (data, errors) = IndexDataset.FromTable(["unit", "name", "period", "a1", "zz"], [["U1", "Unit 1", "2024", "3", "4"]], IndexFixture.Tree());
        Assert.Null(data);
        Assert.True(errors.ToDictionary().ContainsKey("rows[1].zz"));
    }

    [Fact]
    public void A_table_reads_numbers_yes_no_and_missing_cells_and_names_a_bad_cell_by_row_and_column()
    {
        var tree = IndexFixture.Tree();
        var (data, errors) = IndexDataset.FromTable(["unit", "name", "kind", "group", "period", "a1 甲一", "a2", "b1"],
            [["U1", "Unit 1", "城市", "G1", "2024", "1,200", "是", ""], ["U2", "Unit 2", "county", "", "2024", "NA", "否", "12.5%"]], tree);
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(1200, data!.Value("U1", "2024", "a1"));
        Assert.Equal(1, data.Value("U1", "2024", "a2"));
        Assert.Null(data.Value("U1", "2024", "b1"));
        Assert.Null(data.Value("U2", "2024", "a1"));
        Assert.Equal(12.5, data.Value("U2", "2024", "b1"));
        Assert.Equal(UnitKind.County, data.Units[1].Kind);
        var (_, bad) = IndexDataset.FromTable(["unit", "period", "a1"], [["U1", "2024", "many"]], tree);
        Assert.True(bad.ToDictionary().ContainsKey("rows[2].a1"));
    }
}
