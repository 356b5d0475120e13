using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Domain.Tests.Aggregation;

public sealed class EnterpriseDeduplicatorTests
{
    private static NormalisedEnterprise E(string source, string id, string name, string? uscc, string? region) =>
        new(source, id, name, uscc, region, null, null, null);

    [Fact]
    public void A_valid_uscc_is_decisive_whatever_the_name()
    {
        var d = new EnterpriseDeduplicator();
        var first = d.Add(E("a", "1", "丽水测试服饰有限公司", "91350100M000100Y43", "331102"));
        var second = d.Add(E("b", "9", "某某品牌运营中心", "91350100M000100Y43", "330106"));
        Assert.True(first.IsNew);
        Assert.Equal((first.ClusterId, false, "same USCC"), (second.ClusterId, second.IsNew, second.Reason));
    }

    [Fact]
    public void Without_a_code_the_name_core_and_county_decide()
    {
        var d = new EnterpriseDeduplicator();
        var first = d.Add(E("a", "1", "缙云县测试机械有限公司", null, "331122"));
        // Traditional characters, region prefix and another legal form: the same core in the same county.
        Assert.Equal(first.ClusterId, d.Add(E("b", "1", "縉雲測試機械有限責任公司", null, "331122001")).ClusterId);
        // The same core in another county is another employer.
        Assert.True(d.Add(E("b", "2", "测试机械有限公司", null, "331121")).IsNew);
        Assert.Equal(2, d.ClusterCount);
    }

    [Fact]
    public void The_same_name_with_different_codes_is_two_employers()
    {
        var d = new EnterpriseDeduplicator();
        d.Add(E("a", "1", "测试机械有限公司", "91350100M000100Y43", "331122"));
        Assert.True(d.Add(E("b", "1", "测试机械有限公司", "91330000MA27U0AA2B", "331122")).IsNew);
        Assert.Equal("exact source id", d.Add(E("a", "1", "whatever", null, null)).Reason);
    }
}
