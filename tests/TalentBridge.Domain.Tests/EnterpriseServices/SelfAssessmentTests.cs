using TalentBridge.Domain.EnterpriseServices;
using static TalentBridge.Domain.Tests.EnterpriseServices.SrdiFixture;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

public sealed class SelfAssessmentTests
{
    [Fact]
    public void The_fixture_is_innovative_and_srdi_but_not_a_little_giant()
    {
        var assessment = National.Evaluate(Enterprise(), On);
        var innovative = assessment.Tier("innovativeSme");
        Assert.Equal(TierOutcome.Qualifies, innovative.Outcome);
        Assert.Equal(85, innovative.Total);
        Assert.Equal([30, 25, 30], innovative.Dimensions.Select(d => d.Points));
        Assert.Equal([20m, 15m, 15m], innovative.Dimensions.Select(d => d.MinPoints!.Value));
        var srdi = assessment.Tier("srdiSme");
        Assert.Equal(TierOutcome.Qualifies, srdi.Outcome);
        Assert.Equal(70, srdi.Total);
        Assert.Equal([21, 21, 9, 19], srdi.Dimensions.Select(d => d.Points));
        Assert.Equal(TierOutcome.DoesNotQualify, assessment.Tier("littleGiant").Outcome);
        Assert.Empty(assessment.Tiers.SelectMany(t => t.Missing));
    }

    [Fact]
    public void A_missing_figure_is_not_read_as_zero()
    {
        var facts = Enterprise().With(Fact.Revenue, null);
        var innovative = National.Evaluate(facts, On).Tier("innovativeSme");
        var rdShare = Scored(National.Evaluate(facts, On), "innovativeRdShare");
        Assert.Null(rdShare.Value);
        Assert.Equal((0, 20), (rdShare.Points, rdShare.MaxPossible));
        Assert.Equal([Fact.Revenue], rdShare.Missing);
        // Known points 50, up to 90 with the two shares that need revenue: the score cannot be decided.
        Assert.Equal((50, 90), (innovative.Total, innovative.MaxPossibleTotal));
        Assert.Equal(Truth.Unknown, innovative.ScorePasses);
        Assert.Equal(TierOutcome.Undetermined, innovative.Outcome);
        Assert.Contains(Fact.Revenue, innovative.Missing);
    }

    [Fact]
    public void A_missing_figure_does_not_hide_a_failure_elsewhere()
    {
        var giant = National.Evaluate(Enterprise().With(Fact.NationalMarketShare, null), On).Tier("littleGiant");
        Assert.Equal(TierOutcome.DoesNotQualify, giant.Outcome);
        Assert.Contains(Fact.NationalMarketShare, giant.Missing);
    }

    [Fact]
    public void A_missing_figure_that_cannot_change_the_answer_leaves_it_decided()
    {
        // Without the debt ratio the innovative score is 75..85: it passes whatever the figure is.
        var innovative = National.Evaluate(Enterprise().With(Fact.TotalLiabilities, null), On).Tier("innovativeSme");
        Assert.Equal(TierOutcome.Qualifies, innovative.Outcome);
        Assert.Equal([Fact.TotalLiabilities], innovative.Missing);
    }

    [Fact]
    public void A_failed_threshold_says_the_nearest_value_that_passes()
    {
        // R&D 120万 on 5000万 = 2.4 %: 专精特新 needs 3 % (150万).
        var srdi = National.Evaluate(Enterprise().With(Fact.RdSpend, 1_200_000), On).Tier("srdiSme");
        Assert.Equal(TierOutcome.DoesNotQualify, srdi.Outcome);
        var change = Assert.Single(srdi.Changes);
        Assert.Equal(("srdiRd", ChangeKind.Condition, QuantityKind.Share), (change.Key, change.Kind, change.Quantity));
        Assert.Equal([Fact.RdSpend, Fact.Revenue], change.Facts);
        Assert.Equal((2.4m, Comparator.AtLeast, 3m, 1_500_000m), (change.Value, change.Comparator, change.Target, change.FactTarget));
        Assert.Equal(0.2m, change.RelativeGap);
    }

    [Fact]
    public void An_indicator_says_what_reaches_its_next_band_and_the_points_it_adds()
    {
        var assessment = National.Evaluate(Enterprise().With(Fact.RdSpend, 1_200_000).With(Fact.MainRevenue, 43_200_000), On);
        var rd = Assert.Single(Scored(assessment, "innovativeRdShare").Next);
        Assert.Equal((2.4m, 3m, 5, 1_500_000m), (rd.Value, rd.Target, rd.PointsGain, rd.FactTarget));
        var growth = Assert.Single(Scored(assessment, "innovativeMainGrowth").Next);
        Assert.Equal((8m, Comparator.AtLeast, 10m, 5), (growth.Value, growth.Comparator, growth.Target, growth.PointsGain));
        var debt = Assert.Single(Scored(National.Evaluate(Enterprise().With(Fact.TotalLiabilities, 24_000_000), On), "innovativeDebtRatio").Next);
        Assert.Equal((60m, Comparator.AtMost, 55m, 5), (debt.Value, debt.Comparator, debt.Target, debt.PointsGain));
        Assert.Empty(Scored(assessment, "innovativeMainShare").Next);
    }

    [Fact]
    public void Changes_are_listed_smallest_first()
    {
        // 小巨人 fails on the market share (4 → 10 %), R&D intensity and the chain (0 → 1). For R&D intensity at 5000万
        // revenue the cheapest alternative is the 1亿 group (revenue +100 %, relative gap 0.5: its 3 % it already has)
        // rather than 6 % in both years (two gaps of 1/3).
        var giant = National.Evaluate(Enterprise(), On).Tier("littleGiant");
        Assert.Equal(giant.Changes.OrderBy(c => c.RelativeGap).ToList(), giant.Changes);
        Assert.Contains(giant.Changes, c => c.Facts.SequenceEqual([Fact.NationalMarketShare]) && c.Target == 10);
        Assert.Contains(giant.Changes, c => c.Facts.SequenceEqual([Fact.KeyChainSupport]) && c.Target == 1);
        Assert.Contains(giant.Changes, c => c.Key == "giantRdByRevenue" && c.Facts.SequenceEqual([Fact.Revenue]) && c.Target == 100_000_000 && c.RelativeGap == 0.5m);
    }

    [Fact]
    public void A_failing_score_lists_the_cheapest_band_steps_that_close_it()
    {
        // Innovation 30 → 10 without IP: total 65 still passes the total but innovation is below 20.
        var facts = Enterprise().With(Fact.IpSelfDevelopedClass1, 0).With(Fact.IpClass1, 0).With(Fact.IpClass2, 0);
        var innovative = National.Evaluate(facts, On).Tier("innovativeSme");
        Assert.Equal(Truth.False, innovative.ScorePasses);
        Assert.Equal(TierOutcome.DoesNotQualify, innovative.Outcome);
        var innovation = innovative.Dimensions[0];
        Assert.Equal((15, Truth.False), (innovation.Points, innovation.Met));
        Assert.NotEmpty(innovative.ScoreChanges);
        Assert.All(innovative.ScoreChanges, c => Assert.True(c.Key is "innovativeIp" or "innovativeRdShare", c.Key));
        Assert.True(innovative.ScoreChanges.Sum(c => c.PointsGain) >= 5);
    }

    [Theory]
    [InlineData(Fact.ScienceAward3Years, 1)]
    [InlineData(Fact.HighTechEnterprise, 1)]
    [InlineData(Fact.InnovationHonour, 1)]
    [InlineData(Fact.ProvincialRdInstitution, 1)]
    [InlineData(Fact.EquityFinancing3Years, 5_000_000)]
    public void A_direct_route_makes_an_innovative_sme_whatever_the_score(Fact fact, long value)
    {
        var weak = Weak();
        Assert.Equal(TierOutcome.DoesNotQualify, National.Evaluate(weak, On).Tier("innovativeSme").Outcome);
        var innovative = National.Evaluate(weak.With(fact, value), On).Tier("innovativeSme");
        Assert.Equal(Truth.False, innovative.ScorePasses);
        Assert.Equal(TierOutcome.Qualifies, innovative.Outcome);
        Assert.Equal(Truth.True, Condition(innovative, "innovativeDirect").Truth);
    }

    [Fact]
    public void Financing_just_below_the_direct_route_is_not_enough()
    {
        var innovative = National.Evaluate(Weak().With(Fact.EquityFinancing3Years, 4_999_999), On).Tier("innovativeSme");
        Assert.Equal(TierOutcome.DoesNotQualify, innovative.Outcome);
        Assert.Contains(innovative.Changes, c => c.Key == "innovativeFinancing" && c.Target == 5_000_000);
    }

    [Theory]
    [InlineData(Fact.ScienceAwardRanked, 1)]
    [InlineData(Fact.MakerChinaTop500, 1)]
    [InlineData(Fact.EquityFinancing2Years, 60_000_000)]
    [InlineData(Fact.RdSpendPrior, 18_000_000)]
    public void A_direct_route_replaces_the_srdi_score(Fact fact, long value)
    {
        // Score 70 − the 9 local points − refinement's 21 = 40: the score fails; each route passes instead.
        var facts = Enterprise().With(Fact.LocalFeaturePoints, 0).With(Fact.DigitalLevel, 1).With(Fact.QualityCertification, 0).With(Fact.OwnBrand, 0)
            .With(Fact.NetProfit, 0).With(Fact.TotalLiabilities, 32_000_000).With(Fact.HighTechEnterprise, 1);
        var before = National.Evaluate(facts, On).Tier("srdiSme");
        Assert.Equal((Truth.False, TierOutcome.DoesNotQualify), (before.ScorePasses, before.Outcome));
        var srdi = National.Evaluate(facts.With(fact, value), On).Tier("srdiSme");
        Assert.Equal(TierOutcome.Qualifies, srdi.Outcome);
    }

    [Fact]
    public void Srdi_requires_being_an_innovative_sme_first()
    {
        // Passes every 专精特新 condition of its own but is not 创新型 (no IP, so innovation is below 20).
        var facts = Enterprise().With(Fact.IpSelfDevelopedClass1, 0).With(Fact.IpClass1, 0).With(Fact.IpClass2, 0);
        var assessment = National.Evaluate(facts, On);
        var srdi = assessment.Tier("srdiSme");
        Assert.Equal(TierOutcome.DoesNotQualify, srdi.Outcome);
        Assert.Equal(Truth.False, Condition(srdi, "srdiRequiresInnovative").Truth);
        Assert.Equal(Truth.True, Condition(srdi, "srdiScoreOrDirect").Truth);
        var change = Assert.Single(srdi.Changes);
        Assert.Equal((ChangeKind.Tier, "innovativeSme"), (change.Kind, change.Key));
        // A direct route of 创新型 (high-tech enterprise) opens 专精特新 too.
        Assert.Equal(TierOutcome.Qualifies, National.Evaluate(facts.With(Fact.HighTechEnterprise, 1), On).Tier("srdiSme").Outcome);
    }

    [Fact]
    public void A_little_giant_requires_being_srdi_first()
    {
        var giant = Giant();
        Assert.Equal(TierOutcome.Qualifies, National.Evaluate(giant, On).Tier("littleGiant").Outcome);
        var notSrdi = National.Evaluate(giant.Copy(Fact.YearsInNiche, 1), On);
        Assert.Equal(TierOutcome.DoesNotQualify, notSrdi.Tier("srdiSme").Outcome);
        var result = notSrdi.Tier("littleGiant");
        Assert.Equal(Truth.False, Condition(result, "giantRequiresSrdi").Truth);
    }

    [Theory]
    [InlineData(70, TierOutcome.Qualifies)]
    [InlineData(70.01, TierOutcome.DoesNotQualify)]
    public void A_little_giants_debt_ratio_may_be_70_percent_but_not_more(double debtRatio, TierOutcome outcome) =>
        Assert.Equal(outcome, National.Evaluate(Giant().With(Fact.TotalAssets, 100_000_000).With(Fact.TotalLiabilities, (decimal)debtRatio * 1_000_000), On).Tier("littleGiant").Outcome);

    [Theory]
    [InlineData(Fact.RdSpend, 1_000_000, true)]
    [InlineData(Fact.RdSpend, 999_999, false)]
    [InlineData(Fact.YearsInNiche, 2, true)]
    [InlineData(Fact.YearsInNiche, 1.99, false)]
    public void Srdi_basic_conditions_hold_from_their_threshold(Fact fact, double value, bool holds)
    {
        var facts = Enterprise().With(Fact.Revenue, 20_000_000).With(fact, (decimal)value);
        var srdi = National.Evaluate(facts, On).Tier("srdiSme");
        Assert.Equal(holds ? Truth.True : Truth.False, Condition(srdi, fact == Fact.RdSpend ? "srdiRd" : "srdiNiche").Truth);
    }

    [Theory]
    [InlineData(10_000_000, 0, true)]
    [InlineData(9_999_999, 0, false)]
    [InlineData(9_999_999, 20_000_000, true)]
    public void Srdi_revenue_condition_takes_financing_below_ten_million(long revenue, long financing, bool holds)
    {
        var facts = Enterprise().With(Fact.Revenue, revenue).With(Fact.EquityFinancing2Years, financing);
        Assert.Equal(holds ? Truth.True : Truth.False, Condition(National.Evaluate(facts, On).Tier("srdiSme"), "srdiRevenue").Truth);
    }

    /// <summary>The fixture without IP, growth or main-business focus: 创新型 scores far below 60 and has no direct route.</summary>
    private static EnterpriseFacts Weak() => Enterprise()
        .With(Fact.IpSelfDevelopedClass1, 0).With(Fact.IpClass1, 0).With(Fact.IpClass2, 0)
        .With(Fact.MainRevenue, 20_000_000).With(Fact.MainRevenuePrior, 20_000_000).With(Fact.StrategicEmergingIndustry, 0);

    /// <summary>The fixture grown into a 小巨人: revenue 1.2亿 with 4 % R&amp;D both years, 12 % of its national niche, on a key chain link.</summary>
    private static EnterpriseFacts Giant() => Enterprise()
        .With(Fact.Revenue, 120_000_000).With(Fact.RevenuePrior, 100_000_000).With(Fact.RdSpend, 4_800_000).With(Fact.RdSpendPrior, 4_000_000)
        .With(Fact.MainRevenue, 108_000_000).With(Fact.MainRevenuePrior, 96_000_000).With(Fact.MainRevenueTwoBefore, 86_000_000)
        .With(Fact.NetProfit, 9_600_000).With(Fact.IpClass1Applied, 2).With(Fact.NationalMarketShare, 12).With(Fact.KeyChainSupport, 1);
}
