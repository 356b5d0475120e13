using TalentBridge.Domain.Analytics;

namespace TalentBridge.Domain.Tests.Analytics;

public sealed class ShortageIndexTests
{
    private const double Tolerance = 1e-9;

    private static ShortageInput<string> In(string key, int sought, int applications, int agreements, double? wageGrowth = null) =>
        new(key, sought, applications, agreements, wageGrowth);

    private static IReadOnlyList<ShortageAssessment<string>> Assess(params ShortageInput<string>[] cells) =>
        ShortageIndex.Assess(cells, ShortageRules.Default);

    [Fact]
    public void The_index_rescales_phi_across_the_compared_cells()
    {
        // D − S: A 50 − 20 = 30, B 20 − 80 = −60, C 10 − 10 = 0; largest |D − S| = 60.
        // gap:   A 30/60 = 0.5,  B −1,  C 0.
        // ratio: A 30/70 = 3/7,  B −60/100 = −0.6,  C 0.
        // φ:     A 0.25 + 3/14 = 13/28,  B −0.5 − 0.3 = −0.8,  C 0.
        // index: A max → 100, B min → 60, C = 60 + 40 × 0.8 / (13/28 + 0.8) = 60 + 40 × 112/177 = 60 + 4480/177.
        var result = Assess(In("A", 50, 20, 20, 0.01), In("B", 20, 80, 18, 0.05), In("C", 10, 10, 5, 0.10), In("D", 4, 3, 0));
        var (a, b, c, d) = (result[0], result[1], result[2], result[3]);
        Assert.Equal(0.5, a.Gap!.Value, Tolerance);
        Assert.Equal(3.0 / 7, a.Ratio!.Value, Tolerance);
        Assert.Equal(13.0 / 28, a.Phi!.Value, Tolerance);
        Assert.Equal(-1, b.Gap!.Value, Tolerance);
        Assert.Equal(-0.6, b.Ratio!.Value, Tolerance);
        Assert.Equal(-0.8, b.Phi!.Value, Tolerance);
        Assert.Equal(0, c.Phi!.Value, Tolerance);
        Assert.Equal(100, a.Index!.Value, Tolerance);
        Assert.Equal(60, b.Index!.Value, Tolerance);
        Assert.Equal(60 + 4480.0 / 177, c.Index!.Value, Tolerance);
        Assert.Equal((5, 1, 4), (a.Stars!.Value, b.Stars!.Value, c.Stars!.Value));

        // Fill rates: A 20/50 = 0.4, B 18/20 = 0.9, C 5/10 = 0.5; applications per person: A 0.4, B 4, C 1.
        Assert.Equal((0.4, 0.9, 0.5), (a.FillRate, b.FillRate, c.FillRate));
        Assert.Equal((0.4, 4.0, 1.0), (a.ApplicationsPerPerson, b.ApplicationsPerPerson, c.ApplicationsPerPerson));
        Assert.Equal((true, false, true), (a.Shortage, b.Shortage, c.Shortage));
        Assert.Equal((ShortageDriver.FewApplicants, ShortageDriver.None, ShortageDriver.FewApplicants), (a.Driver, b.Driver, c.Driver));

        // D: 4 people sought is too little to say anything; it takes no part in the rescaling.
        Assert.Equal(ShortageExclusion.TooFewSought, d.Excluded);
        Assert.Null(d.Index);
        Assert.Null(d.Stars);
        Assert.Null(d.Phi);
        Assert.False(d.Shortage);
        Assert.Equal(ShortageDriver.None, d.Driver);
        Assert.Equal(0.75, d.ApplicationsPerPerson);
    }

    [Fact]
    public void A_cell_with_enough_applicants_but_low_fill_is_short_of_wages_or_of_skills()
    {
        // 30 applications for 10 people (3 per person), 3 hired (fill rate 0.3 < 0.67).
        var result = Assess(In("stagnant", 10, 30, 3, 0.01), In("rising", 10, 30, 3, 0.05), In("unknown", 10, 30, 3), In("exactly2%", 10, 30, 3, 0.02));
        Assert.Equal(
            [ShortageDriver.LowWageGrowth, ShortageDriver.SkillMismatch, ShortageDriver.SkillMismatch, ShortageDriver.SkillMismatch],
            result.Select(r => r.Driver));
        Assert.All(result, r => Assert.True(r.Shortage));
    }

    [Fact]
    public void The_fill_rate_threshold_itself_is_not_a_shortage()
    {
        // 67 of 100 hired: 0.67 is not below 0.67.
        var result = Assess(In("at", 100, 50, 67), In("below", 100, 50, 66));
        Assert.False(result[0].Shortage);
        Assert.True(result[1].Shortage);
        Assert.Equal(ShortageDriver.FewApplicants, result[1].Driver);
    }

    [Fact]
    public void One_cell_or_cells_that_cannot_be_told_apart_sit_in_the_middle_of_the_scale()
    {
        var single = Assess(In("only", 40, 10, 30)).Single();
        Assert.Equal(ShortageIndex.Middle, single.Index);
        Assert.Equal(3, single.Stars);

        // Every D = S: gaps, ratios and φ are all 0 whatever the size.
        var equal = Assess(In("a", 10, 10, 10), In("b", 500, 500, 100));
        Assert.All(equal, r => Assert.Equal(80, r.Index));
        Assert.All(equal, r => Assert.Equal(0, r.Gap));

        Assert.Empty(Assess());
        Assert.All(Assess(In("x", 0, 0, 0), In("y", 3, 1, 1)), r => Assert.Equal(ShortageExclusion.TooFewSought, r.Excluded));
    }

    [Fact]
    public void The_gap_weighs_the_size_of_the_shortfall_where_the_ratio_alone_would_not()
    {
        // Same ratio (D = 2S, ratio 1/3) but 100 vs 10 people missing: gap 1 vs 0.1 → φ 2/3 vs 0.05 + 1/6.
        var result = Assess(In("large", 200, 100, 0), In("small", 20, 10, 0));
        Assert.Equal(result[0].Ratio, result[1].Ratio);
        Assert.Equal(100, result[0].Index);
        Assert.Equal(60, result[1].Index);
    }

    [Fact]
    public void Stars_come_in_equal_bands_of_eight_points()
    {
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
            new[] { 60, 67.99, 68, 75.99, 76, 83.99, 84, 91.99, 92, 100 }.Select(ShortageIndex.Stars));
    }

    [Fact]
    public void Wage_growth_compares_two_published_medians()
    {
        // (5150 − 5000) / 5000 = 0.03.
        Assert.Equal(0.03, ShortageIndex.WageGrowth(5150, 5000)!.Value, Tolerance);
        Assert.Equal(-0.1, ShortageIndex.WageGrowth(4500, 5000)!.Value, Tolerance);
        Assert.Null(ShortageIndex.WageGrowth(5150, null));
        Assert.Null(ShortageIndex.WageGrowth(null, 5000));
        Assert.Null(ShortageIndex.WageGrowth(5150, 0));
    }

    [Fact]
    public void Broken_inputs_and_rules_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Assess(In("a", -1, 0, 0)));
        Assert.Throws<ArgumentException>(() => Assess(In("a", 10, 10, 1, double.NaN)));
        Assert.True(ShortageRules.Default.Validate().IsValid);
        var errors = new ShortageRules(MinHeadcountSought: 0, FillRateThreshold: 1.2).Validate().ToDictionary();
        Assert.Equal(["minHeadcountSought", "fillRateThreshold"], errors.Keys);
    }
}
