using TalentBridge.Domain.EnterpriseServices;
using static TalentBridge.Domain.Tests.EnterpriseServices.SrdiFixture;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

/// <summary>
/// Every boundary of every band of the shipped 2022 rules, on it, just below and just above: 以上/以下 include the
/// number; a range a–b includes a and excludes b unless a neighbouring 以下 band already has a.
/// </summary>
public sealed class BandBoundaryTests
{
    [Theory]
    // 创新型 上年度研发费用总额占营业收入总额比重: A 5%以上 20, B 3%-5% 15, C 2%-3% 10, D 1%-2% 5, E 1%以下 0
    [InlineData("innovativeRdShare", 5.01, "A", 20)]
    [InlineData("innovativeRdShare", 5, "A", 20)]
    [InlineData("innovativeRdShare", 4.99, "B", 15)]
    [InlineData("innovativeRdShare", 3.01, "B", 15)]
    [InlineData("innovativeRdShare", 3, "B", 15)]
    [InlineData("innovativeRdShare", 2.99, "C", 10)]
    [InlineData("innovativeRdShare", 2.01, "C", 10)]
    [InlineData("innovativeRdShare", 2, "C", 10)]
    [InlineData("innovativeRdShare", 1.99, "D", 5)]
    [InlineData("innovativeRdShare", 1.01, "D", 5)]
    [InlineData("innovativeRdShare", 1, "E", 0)]
    [InlineData("innovativeRdShare", 0.99, "E", 0)]
    // 上年度主营业务收入增长率: A 15%以上 20, B 10%-15% 15, C 5%-10% 10, D 0%-5% 5, E 0%以下 0
    [InlineData("innovativeMainGrowth", 15.01, "A", 20)]
    [InlineData("innovativeMainGrowth", 15, "A", 20)]
    [InlineData("innovativeMainGrowth", 14.99, "B", 15)]
    [InlineData("innovativeMainGrowth", 10.01, "B", 15)]
    [InlineData("innovativeMainGrowth", 10, "B", 15)]
    [InlineData("innovativeMainGrowth", 9.99, "C", 10)]
    [InlineData("innovativeMainGrowth", 5.01, "C", 10)]
    [InlineData("innovativeMainGrowth", 5, "C", 10)]
    [InlineData("innovativeMainGrowth", 4.99, "D", 5)]
    [InlineData("innovativeMainGrowth", 0.01, "D", 5)]
    [InlineData("innovativeMainGrowth", 0, "E", 0)]
    [InlineData("innovativeMainGrowth", -0.01, "E", 0)]
    // 上年度资产负债率: A 55%以下 10, B 55%-75% 5, C 75%以上 0
    [InlineData("innovativeDebtRatio", 54.99, "A", 10)]
    [InlineData("innovativeDebtRatio", 55, "A", 10)]
    [InlineData("innovativeDebtRatio", 55.01, "B", 5)]
    [InlineData("innovativeDebtRatio", 74.99, "B", 5)]
    [InlineData("innovativeDebtRatio", 75, "C", 0)]
    [InlineData("innovativeDebtRatio", 75.01, "C", 0)]
    // 上年度主营业务收入总额占营业收入总额比重: A 70%以上 20, B 60%-70% 15, C 55%-60% 10, D 50%-55% 5, E 50%以下 0
    [InlineData("innovativeMainShare", 70.01, "A", 20)]
    [InlineData("innovativeMainShare", 70, "A", 20)]
    [InlineData("innovativeMainShare", 69.99, "B", 15)]
    [InlineData("innovativeMainShare", 60.01, "B", 15)]
    [InlineData("innovativeMainShare", 60, "B", 15)]
    [InlineData("innovativeMainShare", 59.99, "C", 10)]
    [InlineData("innovativeMainShare", 55.01, "C", 10)]
    [InlineData("innovativeMainShare", 55, "C", 10)]
    [InlineData("innovativeMainShare", 54.99, "D", 5)]
    [InlineData("innovativeMainShare", 50.01, "D", 5)]
    [InlineData("innovativeMainShare", 50, "E", 0)]
    [InlineData("innovativeMainShare", 49.99, "E", 0)]
    // 专精特新 上年度主营业务收入总额占营业收入总额比重: A 80%以上 5, B 70%-80% 3, C 60%-70% 1, D 60%以下 0
    [InlineData("srdiMainShare", 80.01, "A", 5)]
    [InlineData("srdiMainShare", 80, "A", 5)]
    [InlineData("srdiMainShare", 79.99, "B", 3)]
    [InlineData("srdiMainShare", 70.01, "B", 3)]
    [InlineData("srdiMainShare", 70, "B", 3)]
    [InlineData("srdiMainShare", 69.99, "C", 1)]
    [InlineData("srdiMainShare", 60.01, "C", 1)]
    [InlineData("srdiMainShare", 60, "D", 0)]
    [InlineData("srdiMainShare", 59.99, "D", 0)]
    // 近2年主营业务收入平均增长率: A 10%以上 10, B 8%-10% 8, C 6%-8% 6, D 4%-6% 4, E 0%-4% 2, F 0%以下 0
    [InlineData("srdiMeanGrowth", 10.01, "A", 10)]
    [InlineData("srdiMeanGrowth", 10, "A", 10)]
    [InlineData("srdiMeanGrowth", 9.99, "B", 8)]
    [InlineData("srdiMeanGrowth", 8.01, "B", 8)]
    [InlineData("srdiMeanGrowth", 8, "B", 8)]
    [InlineData("srdiMeanGrowth", 7.99, "C", 6)]
    [InlineData("srdiMeanGrowth", 6.01, "C", 6)]
    [InlineData("srdiMeanGrowth", 6, "C", 6)]
    [InlineData("srdiMeanGrowth", 5.99, "D", 4)]
    [InlineData("srdiMeanGrowth", 4.01, "D", 4)]
    [InlineData("srdiMeanGrowth", 4, "D", 4)]
    [InlineData("srdiMeanGrowth", 3.99, "E", 2)]
    [InlineData("srdiMeanGrowth", 0.01, "E", 2)]
    [InlineData("srdiMeanGrowth", 0, "F", 0)]
    [InlineData("srdiMeanGrowth", -0.01, "F", 0)]
    // 上年度净利润率: A 10%以上 10, B 8%-10% 8, C 6%-8% 6, D 4%-6% 4, E 2%-4% 2, F 2%以下 0
    [InlineData("srdiNetMargin", 10.01, "A", 10)]
    [InlineData("srdiNetMargin", 10, "A", 10)]
    [InlineData("srdiNetMargin", 9.99, "B", 8)]
    [InlineData("srdiNetMargin", 8.01, "B", 8)]
    [InlineData("srdiNetMargin", 8, "B", 8)]
    [InlineData("srdiNetMargin", 7.99, "C", 6)]
    [InlineData("srdiNetMargin", 6.01, "C", 6)]
    [InlineData("srdiNetMargin", 6, "C", 6)]
    [InlineData("srdiNetMargin", 5.99, "D", 4)]
    [InlineData("srdiNetMargin", 4.01, "D", 4)]
    [InlineData("srdiNetMargin", 4, "D", 4)]
    [InlineData("srdiNetMargin", 3.99, "E", 2)]
    [InlineData("srdiNetMargin", 2.01, "E", 2)]
    [InlineData("srdiNetMargin", 2, "F", 0)]
    [InlineData("srdiNetMargin", 1.99, "F", 0)]
    // 专精特新 上年度资产负债率: A 50%以下 5, B 50%-60% 3, C 60%-70% 1, D 70%以上 0
    [InlineData("srdiDebtRatio", 49.99, "A", 5)]
    [InlineData("srdiDebtRatio", 50, "A", 5)]
    [InlineData("srdiDebtRatio", 50.01, "B", 3)]
    [InlineData("srdiDebtRatio", 59.99, "B", 3)]
    [InlineData("srdiDebtRatio", 60, "C", 1)]
    [InlineData("srdiDebtRatio", 60.01, "C", 1)]
    [InlineData("srdiDebtRatio", 69.99, "C", 1)]
    [InlineData("srdiDebtRatio", 70, "D", 0)]
    [InlineData("srdiDebtRatio", 70.01, "D", 0)]
    // 上年度研发人员占比: A 20%以上 5, B 10%-20% 3, C 5%-10% 1, D 5%以下 0
    [InlineData("srdiRdStaff", 20.01, "A", 5)]
    [InlineData("srdiRdStaff", 20, "A", 5)]
    [InlineData("srdiRdStaff", 19.99, "B", 3)]
    [InlineData("srdiRdStaff", 10.01, "B", 3)]
    [InlineData("srdiRdStaff", 10, "B", 3)]
    [InlineData("srdiRdStaff", 9.99, "C", 1)]
    [InlineData("srdiRdStaff", 5.01, "C", 1)]
    [InlineData("srdiRdStaff", 5, "D", 0)]
    [InlineData("srdiRdStaff", 4.99, "D", 0)]
    public void A_value_gets_the_band_the_text_gives_it(string indicator, double value, string band, int points)
    {
        var quantity = Indicator(indicator).Quantity!;
        var scored = Scored(National.Evaluate(Giving(quantity, (decimal)value), On), indicator);
        Assert.Equal((decimal)value, decimal.Round(scored.Value!.Value, 10));
        Assert.Equal(band, scored.Band);
        Assert.Equal(points, scored.Points);
    }

    [Theory]
    // 从事特定细分市场年限: 每满2年得1分，最高不超过5分
    [InlineData(0, 0)]
    [InlineData(1.99, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(3.99, 1)]
    [InlineData(4, 2)]
    [InlineData(9.99, 4)]
    [InlineData(10, 5)]
    [InlineData(12, 5)]
    public void Years_in_the_niche_give_a_point_per_full_two_years_up_to_five(double years, int points) =>
        Assert.Equal(points, Scored(National.Evaluate(Enterprise().With(Fact.YearsInNiche, (decimal)years), On), "srdiYearsInNiche").Points);

    [Theory]
    // 上年度研发费用投入: A 500万以上或10%以上, B 400-500万或8%-10%, …, E 100-200万或3%-4%, F 不属于以上情况
    [InlineData(5_000_000, 50_000_000_000, "A", 10)]
    [InlineData(4_999_999, 50_000_000_000, "B", 8)]
    [InlineData(4_000_000, 50_000_000_000, "B", 8)]
    [InlineData(3_999_999, 50_000_000_000, "C", 6)]
    [InlineData(3_000_000, 50_000_000_000, "C", 6)]
    [InlineData(2_999_999, 50_000_000_000, "D", 4)]
    [InlineData(2_000_000, 50_000_000_000, "D", 4)]
    [InlineData(1_999_999, 50_000_000_000, "E", 2)]
    [InlineData(1_000_000, 50_000_000_000, "E", 2)]
    [InlineData(999_999, 50_000_000_000, "F", 0)]
    [InlineData(1_000_000, 10_000_000, "A", 10)]
    [InlineData(999_999, 10_000_000, "B", 8)]
    [InlineData(800_000, 10_000_000, "B", 8)]
    [InlineData(600_000, 10_000_000, "C", 6)]
    [InlineData(400_000, 10_000_000, "D", 4)]
    [InlineData(300_000, 10_000_000, "E", 2)]
    [InlineData(299_999, 10_000_000, "F", 0)]
    public void Rd_input_takes_the_first_option_its_amount_or_share_reaches(long rdSpend, long revenue, string option, int points)
    {
        var scored = Scored(National.Evaluate(Enterprise().With(Fact.RdSpend, rdSpend).With(Fact.Revenue, revenue), On), "srdiRdInput");
        Assert.Equal(option, scored.Band);
        Assert.Equal(points, scored.Points);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    [InlineData(4, 5)]
    public void Quality_management_gives_three_points_an_item_up_to_five(int items, int points)
    {
        var facts = Enterprise();
        Fact[] all = [Fact.QualityAward, Fact.QualityCertification, Fact.OwnBrand, Fact.StandardsParticipation];
        for (var i = 0; i < all.Length; i++)
        {
            facts[all[i]] = i < items ? 1 : 0;
        }
        Assert.Equal(points, Scored(National.Evaluate(facts, On), "srdiQuality").Points);
    }

    [Theory]
    [InlineData(Fact.DigitalLevel, 3, "srdiDigital", "A", 5)]
    [InlineData(Fact.DigitalLevel, 2, "srdiDigital", "B", 3)]
    [InlineData(Fact.DigitalLevel, 1, "srdiDigital", "C", 0)]
    [InlineData(Fact.RdInstitutionLevel, 4, "srdiRdInstitution", "A", 10)]
    [InlineData(Fact.RdInstitutionLevel, 3, "srdiRdInstitution", "B", 8)]
    [InlineData(Fact.RdInstitutionLevel, 2, "srdiRdInstitution", "C", 4)]
    [InlineData(Fact.RdInstitutionLevel, 1, "srdiRdInstitution", "D", 2)]
    [InlineData(Fact.RdInstitutionLevel, 0, "srdiRdInstitution", "E", 0)]
    public void Levels_take_the_first_option_they_reach(Fact fact, int level, string indicator, string option, int points)
    {
        var scored = Scored(National.Evaluate(Enterprise().With(fact, level), On), indicator);
        Assert.Equal((option, points), (scored.Band, scored.Points));
    }

    [Theory]
    [InlineData(1, 0, 0, 0, "A", 20)]
    [InlineData(0, 1, 1, 0, "B", 15)]
    [InlineData(0, 0, 1, 0, "C", 10)]
    [InlineData(0, 0, 0, 1, "D", 5)]
    [InlineData(0, 0, 0, 0, "E", 0)]
    public void Ip_takes_the_best_class_held(int highValue, int selfDeveloped, int class1, int class2, string option, int points)
    {
        var facts = Enterprise().With(Fact.IpHighValueClass1, highValue).With(Fact.IpSelfDevelopedClass1, selfDeveloped).With(Fact.IpClass1, class1).With(Fact.IpClass2, class2);
        var scored = Scored(National.Evaluate(facts, On), "innovativeIp");
        Assert.Equal((option, points), (scored.Band, scored.Points));
    }
}
