using TalentBridge.Domain.EnterpriseServices;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

/// <summary>The shipped rule sets and an enterprise that is 创新型 and 专精特新 but not 小巨人.</summary>
internal static class SrdiFixture
{
    public static readonly TierRuleSet National = TierRuleSet.Embedded("srdi-2022-national");
    public static readonly TierRuleSet Example = TierRuleSet.Embedded("srdi-2022-example-province");
    public static readonly DateOnly On = new(2024, 3, 1);

    /// <summary>
    /// Revenue 5000万 (main business 90%), growth 12.5% last year, R&amp;D 4%, net margin 8%, debt ratio 50%, one
    /// self-developed Class I patent: 创新型 scores 85, 专精特新 70; 小巨人 fails on market share, R&amp;D intensity and the chain.
    /// </summary>
    public static EnterpriseFacts Enterprise() => new EnterpriseFacts { RegionCode = "331102", IndustrySection = "C" }
        .With(Fact.Revenue, 50_000_000).With(Fact.RevenuePrior, 45_000_000)
        .With(Fact.MainRevenue, 45_000_000).With(Fact.MainRevenuePrior, 40_000_000).With(Fact.MainRevenueTwoBefore, 36_000_000)
        .With(Fact.RdSpend, 2_000_000).With(Fact.RdSpendPrior, 1_800_000).With(Fact.NetProfit, 4_000_000)
        .With(Fact.TotalAssets, 40_000_000).With(Fact.TotalLiabilities, 20_000_000)
        .With(Fact.EquityFinancing2Years, 0).With(Fact.EquityFinancing3Years, 0)
        .With(Fact.Staff, 100).With(Fact.RdStaff, 12)
        .With(Fact.IpHighValueClass1, 0).With(Fact.IpSelfDevelopedClass1, 1).With(Fact.IpClass1, 1).With(Fact.IpClass2, 3).With(Fact.IpClass1Applied, 1)
        .With(Fact.YearsInNiche, 6).With(Fact.YearsOperating, 8).With(Fact.NationalMarketShare, 4)
        .With(Fact.DigitalLevel, 2).With(Fact.RdInstitutionLevel, 2)
        .With(Fact.HighTechEnterprise, 0).With(Fact.InnovationHonour, 0).With(Fact.ScienceAward3Years, 0).With(Fact.ScienceAwardRanked, 0)
        .With(Fact.NationalScienceAwardTop3, 0).With(Fact.ProvincialRdInstitution, 0).With(Fact.MakerChinaTop500, 0).With(Fact.MakerChinaTop50, 0)
        .With(Fact.StrategicEmergingIndustry, 1).With(Fact.KeyLinkBreakthrough, 0).With(Fact.IndustrialFoundation, 1)
        .With(Fact.QualityAward, 0).With(Fact.QualityCertification, 1).With(Fact.OwnBrand, 1).With(Fact.StandardsParticipation, 0)
        .With(Fact.CoreBusinessInformationSystem, 1).With(Fact.ManagementCertification, 1).With(Fact.RdInstitution, 1).With(Fact.KeyChainSupport, 0)
        .With(Fact.LocalFeaturePoints, 9).With(Fact.SizeClass, 2).With(Fact.TierHeld, 0);

    /// <summary>Facts whose <paramref name="quantity"/> comes out exactly <paramref name="value"/> (shares over 1亿, growth from 1亿).</summary>
    public static EnterpriseFacts Giving(Quantity quantity, decimal value)
    {
        var facts = Enterprise();
        var f = quantity.Facts;
        switch (quantity.Kind)
        {
            case QuantityKind.Share:
                return facts.With(f[1], 100_000_000).With(f[0], value * 1_000_000);
            case QuantityKind.Growth:
                return facts.With(f[1], 100_000_000).With(f[0], 100_000_000 + (value * 1_000_000));
            case QuantityKind.MeanGrowth:
                var factor = 1 + (value / 100);
                return facts.With(f[2], 100_000_000).With(f[1], 100_000_000 * factor).With(f[0], 100_000_000 * factor * factor);
            default:
                return facts.With(f[0], value);
        }
    }

    public static Indicator Indicator(string key) =>
        National.Tiers.SelectMany(t => t.Dimensions).SelectMany(d => d.Indicators).First(i => i.Key == key);

    public static IndicatorResult Scored(SelfAssessment assessment, string key) =>
        assessment.Tiers.SelectMany(t => t.Dimensions).SelectMany(d => d.Indicators).First(i => i.Key == key);

    /// <summary>The keyed condition <paramref name="key"/> anywhere in a tier's condition tree.</summary>
    public static ConditionResult Condition(TierResult tier, string key) => Find(tier.Conditions, key) ?? throw new InvalidOperationException(key);

    private static ConditionResult? Find(ConditionResult result, string key) =>
        result.Key == key ? result : result.Parts.Select(p => Find(p, key)).FirstOrDefault(r => r is not null);
}
