using MathNet.Numerics.LinearAlgebra;
using TalentBridge.Domain.Analytics;

namespace TalentBridge.Domain.Tests.Analytics;

public sealed class WageSuppressionTests
{
    private const string City = "3311";
    private const string Liandu = "331102";
    private const string Qingtian = "331121";
    private const string Minor = "2-02-10";
    private const string Unit1 = "2-02-10-01";
    private const string Unit2 = "2-02-10-02";

    private static string? ParentRegion(string code) => code.Length == 6 ? code[..4] : null;

    /// <summary>A cell of <paramref name="observations"/> spread over <paramref name="employers"/> employers, the largest holding <paramref name="largest"/>.</summary>
    private static WageSummary Cell(long observations, int employers = 10, long? largest = null) =>
        new(observations, employers, largest ?? (observations + employers - 1) / employers, observations * 5000, 4000, 4500, 5000, 5500, 6000, 5000);

    private static KeyValuePair<WageCellKey, WageSummary> At(string occupation, string region, WageSummary cell) =>
        new(new WageCellKey(occupation, region), cell);

    [Fact]
    public void Primary_rules_hide_small_few_employer_and_dominated_cells_with_their_reason()
    {
        var rules = SuppressionRules.Default;
        Assert.Equal(CellDisclosure.FewObservations, rules.Primary(Cell(29)));
        Assert.Equal(CellDisclosure.Published, rules.Primary(Cell(30)));
        Assert.Equal(CellDisclosure.FewEmployers, rules.Primary(Cell(30, employers: 2)));
        // 26 / 30 = 86.7 % > 85 %; 34 / 40 = 85 % exactly is not above the threshold.
        Assert.Equal(CellDisclosure.DominantEmployer, rules.Primary(Cell(30, employers: 3, largest: 26)));
        Assert.Equal(CellDisclosure.Published, rules.Primary(Cell(40, employers: 3, largest: 34)));
        // The first rule broken is the reason given.
        Assert.Equal(CellDisclosure.FewObservations, rules.Primary(Cell(5, employers: 1, largest: 5)));
        Assert.Equal(CellDisclosure.FewObservations, new SuppressionRules(MinObservations: 50).Primary(Cell(40)));
    }

    [Fact]
    public void Thresholds_out_of_range_name_their_field()
    {
        Assert.True(SuppressionRules.Default.Validate().IsValid);
        var errors = new SuppressionRules(0, 3, 1.5).Validate().ToDictionary();
        Assert.Equal(["minObservations", "maxLargestEmployerShare"], errors.Keys);
        Assert.Equal(["must be between 1 and 10000"], errors["minObservations"]);
    }

    [Fact]
    public void A_lone_hidden_county_takes_the_smallest_published_county_with_it()
    {
        // 3311 (100) = 331102 (40) + 331121 (35) + 331122 (25, two employers).
        // Published alone, 331122 = 100 − 40 − 35: the smallest published county (331121, 35) is hidden too.
        List<KeyValuePair<WageCellKey, WageSummary>> cells =
        [
            At(Unit1, City, Cell(100)), At(Unit1, Liandu, Cell(40)), At(Unit1, Qingtian, Cell(35)), At(Unit1, "331122", Cell(25, employers: 2)),
        ];
        var result = Suppress(cells);
        Assert.Equal(CellDisclosure.Published, result[new(Unit1, City)]);
        Assert.Equal(CellDisclosure.Published, result[new(Unit1, Liandu)]);
        Assert.Equal(CellDisclosure.Secondary, result[new(Unit1, Qingtian)]);
        Assert.Equal(CellDisclosure.FewObservations, result[new(Unit1, "331122")]);
    }

    [Fact]
    public void Equal_candidates_are_broken_by_the_order_of_the_cells()
    {
        List<KeyValuePair<WageCellKey, WageSummary>> cells =
        [
            At(Unit1, City, Cell(100)), At(Unit1, Qingtian, Cell(40)), At(Unit1, Liandu, Cell(40)), At(Unit1, "331122", Cell(20)),
        ];
        var result = Suppress(cells);
        Assert.Equal(CellDisclosure.Secondary, result[new(Unit1, Qingtian)]);
        Assert.Equal(CellDisclosure.Published, result[new(Unit1, Liandu)]);
    }

    [Fact]
    public void A_hidden_cell_spreads_through_both_hierarchies_to_a_block_that_no_subtraction_opens()
    {
        //              3311   331102  331121
        // 2-02-10       200      120      80
        // 2-02-10-01    110       70      40   ← 331121 has two employers: primary
        // 2-02-10-02     90       50      40
        // 2-02-10 × 331121 = 01 + 02 → 02 × 331121 hidden; 01 × 3311 = 331102 + 331121 → 01 × 331102 hidden;
        // 02 × 3311 = 331102 + 331121 → 02 × 331102 hidden. Every group then hides 0 or 2 of its cells.
        List<KeyValuePair<WageCellKey, WageSummary>> cells =
        [
            At(Minor, City, Cell(200)), At(Minor, Liandu, Cell(120)), At(Minor, Qingtian, Cell(80)),
            At(Unit1, City, Cell(110)), At(Unit1, Liandu, Cell(70)), At(Unit1, Qingtian, Cell(40, employers: 2)),
            At(Unit2, City, Cell(90)), At(Unit2, Liandu, Cell(50)), At(Unit2, Qingtian, Cell(40)),
        ];
        var groups = WageSuppression.Groups(cells.Select(c => c.Key), ParentRegion);
        Assert.Equal(6, groups.Count);
        var result = WageSuppression.Apply(cells, groups, SuppressionRules.Default);
        Assert.Equal(CellDisclosure.FewEmployers, result[new(Unit1, Qingtian)]);
        Assert.Equal(
            [new(Unit1, Liandu), new(Unit2, Liandu), new(Unit2, Qingtian)],
            result.Where(r => r.Value == CellDisclosure.Secondary).Select(r => r.Key)
                .OrderBy(k => k.OccupationCode, StringComparer.Ordinal).ThenBy(k => k.RegionCode, StringComparer.Ordinal).ToArray());
        AssertNothingRecoverable(cells, groups, result);
    }

    [Fact]
    public void Groups_that_each_hide_two_cells_can_still_give_one_away_together_and_then_one_more_is_hidden()
    {
        // Observations (* = two employers, primary):   3311   331102  331121  331122
        //                                   2-02-10    600*    200*    200*    200
        //                                2-02-10-01    200*     60*     35     105
        //                                2-02-10-02    200      70      80*     50*
        //                                2-02-10-03    200      70      85*     45*
        // Every group hides 0 or at least 2 cells, yet 2-02-10 × 331121 = (S×C − S×331102) − S×331122, where
        // S×C − S×331102 = (S×C − 01×C) − (S×331102 − 01×331102) + (01×C − 01×331102), each a difference of published
        // cells. The groups of that derivation hold the published 01×331121 (35), the smallest: it is hidden.
        string[] regions = [City, Liandu, Qingtian, "331122"];
        long[,] observations = { { 600, 200, 200, 200 }, { 200, 60, 35, 105 }, { 200, 70, 80, 50 }, { 200, 70, 85, 45 } };
        bool[,] primary = { { true, true, true, false }, { true, true, false, false }, { false, false, true, true }, { false, false, true, true } };
        string[] occupations = [Minor, Unit1, Unit2, "2-02-10-03"];
        var cells = (from o in Enumerable.Range(0, 4)
                     from r in Enumerable.Range(0, 4)
                     select At(occupations[o], regions[r], Cell(observations[o, r], employers: primary[o, r] ? 2 : 10))).ToList();
        var groups = WageSuppression.Groups(cells.Select(c => c.Key), ParentRegion);
        var result = WageSuppression.Apply(cells, groups, SuppressionRules.Default);
        Assert.Equal(CellDisclosure.Secondary, result[new(Unit1, Qingtian)]);
        Assert.Equal(CellDisclosure.Published, result[new(Minor, "331122")]);
        AssertNothingRecoverable(cells, groups, result);
    }

    [Fact]
    public void A_total_left_alone_by_another_group_hides_one_of_its_parts()
    {
        // Q = P + W with W primary → P (the smaller published part) is hidden; then P = A + B with A and B published
        // would give P away as A + B, so A (the smaller) is hidden as well.
        List<KeyValuePair<string, WageSummary>> cells =
            [new("Q", Cell(300)), new("P", Cell(90)), new("W", Cell(10)), new("X", Cell(200)), new("A", Cell(40)), new("B", Cell(50))];
        AdditiveGroup<string>[] groups = [new("Q", ["P", "W", "X"]), new("P", ["A", "B"])];
        var result = WageSuppression.Apply(cells, groups, SuppressionRules.Default);
        Assert.Equal(CellDisclosure.FewObservations, result["W"]);
        Assert.Equal(CellDisclosure.Secondary, result["P"]);
        Assert.Equal(CellDisclosure.Secondary, result["A"]);
        Assert.Equal(CellDisclosure.Published, result["B"]);
        Assert.Equal(CellDisclosure.Published, result["X"]);
    }

    [Fact]
    public void A_group_of_one_part_hides_its_total_with_the_part()
    {
        List<KeyValuePair<string, WageSummary>> cells = [new("T", Cell(25)), new("C", Cell(25))];
        var result = WageSuppression.Apply(cells, [new AdditiveGroup<string>("C", ["T"])], SuppressionRules.Default);
        Assert.All(result.Values, v => Assert.Equal(CellDisclosure.FewObservations, v));

        cells = [new("T", Cell(60)), new("C", Cell(60, employers: 1, largest: 60))];
        result = WageSuppression.Apply(cells, [new AdditiveGroup<string>("T", ["C"])], SuppressionRules.Default);
        Assert.Equal(CellDisclosure.Secondary, result["T"]);
    }

    [Fact]
    public void Groups_follow_the_occupation_and_region_hierarchies_of_the_cells_present()
    {
        WageCellKey[] keys = [new(Minor, City), new(Unit1, City), new(Unit1, Liandu), new(Unit2, Qingtian)];
        var groups = WageSuppression.Groups(keys, ParentRegion);
        Assert.Equal(2, groups.Count);
        Assert.Equal(new WageCellKey(Minor, City), groups[0].Total);
        Assert.Equal([new WageCellKey(Unit1, City)], groups[0].Parts);
        Assert.Equal(new WageCellKey(Unit1, City), groups[1].Total);
        Assert.Equal([new WageCellKey(Unit1, Liandu)], groups[1].Parts);
        Assert.Equal("2-02-10", WageSuppression.ParentOccupation("2-02-10-01"));
        Assert.Null(WageSuppression.ParentOccupation("2-02-10"));
    }

    [Fact]
    public void No_suppressed_cell_of_random_tables_can_be_recovered_from_the_published_ones()
    {
        var random = new Random(2026);
        string[] counties = ["331102", "331121", "331122", "331123", "331124"];
        string[] units = ["2-02-10-01", "2-02-10-02", "2-02-10-03", "2-02-13-01", "2-02-13-02"];
        var secondary = 0;
        for (var run = 0; run < 60; run++)
        {
            var table = new Dictionary<WageCellKey, (long Observations, int Employers)>();
            foreach (var unit in units)
            {
                foreach (var county in counties.Where(_ => random.NextDouble() < 0.8))
                {
                    table[new(unit, county)] = (random.Next(1, 90), random.Next(1, 8));
                }
            }
            // Totals are the sums of their parts; the employer counts of a total are at least its largest part's.
            void Roll(Func<WageCellKey, WageCellKey?> parent)
            {
                foreach (var group in table.Keys.Select(k => (Key: k, Parent: parent(k))).Where(x => x.Parent is not null).GroupBy(x => x.Parent!.Value).ToArray())
                {
                    table[group.Key] = (group.Sum(x => table[x.Key].Observations), group.Max(x => table[x.Key].Employers) + 1);
                }
            }
            Roll(k => k.RegionCode.Length == 6 ? new WageCellKey(k.OccupationCode, City) : null);
            Roll(k => WageSuppression.ParentOccupation(k.OccupationCode) is { } minor ? new WageCellKey(minor, k.RegionCode) : null);
            var cells = table.OrderBy(c => c.Key.OccupationCode, StringComparer.Ordinal).ThenBy(c => c.Key.RegionCode, StringComparer.Ordinal)
                .Select(c => new KeyValuePair<WageCellKey, WageSummary>(c.Key, Cell(c.Value.Observations, c.Value.Employers)))
                .ToList();
            var groups = WageSuppression.Groups(cells.Select(c => c.Key), ParentRegion);
            var result = WageSuppression.Apply(cells, groups, SuppressionRules.Default);
            secondary += result.Values.Count(v => v == CellDisclosure.Secondary);
            AssertNothingRecoverable(cells, groups, result);
        }
        Assert.True(secondary > 60, $"only {secondary} secondary suppressions: the tables do not exercise the rule");
    }

    private static IReadOnlyDictionary<WageCellKey, CellDisclosure> Suppress(List<KeyValuePair<WageCellKey, WageSummary>> cells)
    {
        var groups = WageSuppression.Groups(cells.Select(c => c.Key), ParentRegion);
        var result = WageSuppression.Apply(cells, groups, SuppressionRules.Default);
        AssertNothingRecoverable(cells, groups, result);
        return result;
    }

    /// <summary>
    /// The proof: (1) in every group, a hidden cell never stands alone, so no single subtraction recovers its
    /// observations or its wage sum; (2) stronger, over the system of all groups at once, no hidden cell's value is
    /// determined: its unit vector is outside the row space of the hidden cells' coefficients (rank test), so any
    /// combination of additions and subtractions of published figures leaves it open.
    /// </summary>
    private static void AssertNothingRecoverable<TKey>(
        IReadOnlyList<KeyValuePair<TKey, WageSummary>> cells, IEnumerable<AdditiveGroup<TKey>> groups, IReadOnlyDictionary<TKey, CellDisclosure> result)
        where TKey : notnull
    {
        var present = cells.Select(c => c.Key).ToHashSet();
        var hidden = result.Where(r => r.Value != CellDisclosure.Published).Select(r => r.Key).ToList();
        var rows = new List<double[]>();
        foreach (var group in groups.Where(g => present.Contains(g.Total)))
        {
            var members = group.Parts.Where(present.Contains).Prepend(group.Total).ToArray();
            var hiddenHere = members.Count(m => result[m] != CellDisclosure.Published);
            Assert.True(hiddenHere != 1, $"group {group.Total} hides exactly one cell");
            // total − Σ parts = 0, with the published members moved to the known side.
            var row = new double[hidden.Count];
            var total = hidden.IndexOf(group.Total);
            if (total >= 0)
            {
                row[total] = 1;
            }
            foreach (var part in group.Parts.Where(p => present.Contains(p) && hidden.Contains(p)))
            {
                row[hidden.IndexOf(part)] -= 1;
            }
            if (row.Any(v => v != 0))
            {
                rows.Add(row);
            }
        }
        if (rows.Count == 0)
        {
            return;
        }
        var system = Matrix<double>.Build.DenseOfRowArrays(rows);
        var rank = system.Rank();
        for (var i = 0; i < hidden.Count; i++)
        {
            var unit = new double[hidden.Count];
            unit[i] = 1;
            var extended = Matrix<double>.Build.DenseOfRowArrays([.. rows, unit]);
            Assert.True(extended.Rank() > rank, $"{hidden[i]} can be recovered from the published cells");
        }
    }
}
