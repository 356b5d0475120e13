using TalentBridge.Domain.EnterpriseServices;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

public sealed class ShippedRulesTests
{
    [Fact]
    public void The_national_rules_parse()
    {
        var rules = TierRuleSet.Embedded("srdi-2022-national");
        Assert.Equal(["innovativeSme", "srdiSme", "littleGiant"], rules.Tiers.Select(t => t.Key));
    }
}
