using TalentBridge.Domain.EnterpriseServices;
using static TalentBridge.Domain.Tests.EnterpriseServices.SrdiFixture;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

/// <summary>The figures of the self-assessment form (units, ranges, groups) and the decide-only path of the bench.</summary>
public sealed class FiguresTests
{
    [Fact]
    public void Figures_are_read_by_name_and_each_bad_one_is_named_with_its_rule()
    {
        var (facts, errors) = Figures.Read(new Dictionary<string, decimal?>
        {
            ["rdSpend"] = 1_200_000, ["staff"] = 80, ["netProfit"] = -300_000, ["revenue"] = null,
            ["rdStaff"] = 2.5m, ["highTechEnterprise"] = 3, ["nationalMarketShare"] = 120, ["turnover"] = 1,
        }, "331102", "C");
        Assert.Equal(1_200_000m, facts[Fact.RdSpend]);
        Assert.Equal(-300_000m, facts[Fact.NetProfit]);
        Assert.Null(facts[Fact.Revenue]);
        Assert.Equal(["figures.rdStaff", "figures.highTechEnterprise", "figures.nationalMarketShare", "figures.turnover"], errors.ToDictionary().Keys);
        Assert.Equal(FactUnit.Yuan, Figures.UnitOf(Fact.EquityFinancing3Years));
        Assert.Equal(FactUnit.YesNo, Figures.UnitOf(Fact.KeyChainSupport));
        Assert.Equal(FactUnit.Level, Figures.UnitOf(Fact.DigitalLevel));
        Assert.Equal(FactUnit.Count, Figures.UnitOf(Fact.SignedDoctorates));
    }

    [Fact]
    public void The_form_groups_every_fact_a_rule_set_reads_once_under_the_dimension_where_it_first_counts()
    {
        var groups = Figures.Groups(National);
        var facts = groups.SelectMany(g => g.Facts).ToList();
        Assert.Equal(facts.Count, facts.Distinct().Count());
        Assert.Contains(Fact.RdSpend, facts);
        Assert.Contains(Fact.NationalMarketShare, facts);
        Assert.StartsWith("innovativeSme.", groups[0].Key, StringComparison.Ordinal);
        Assert.DoesNotContain(Fact.SignedGraduates, facts);
    }

    [Fact]
    public void Deciding_gives_the_outcomes_and_points_of_the_full_evaluation_without_explanations()
    {
        var values = National.ValuesOn(On);
        foreach (var facts in new[] { Enterprise(), Enterprise().With(Fact.Revenue, null), Enterprise().With(Fact.RdSpend, 100_000).With(Fact.YearsInNiche, 1) })
        {
            var full = National.Evaluate(facts, values);
            var decided = National.Decide(facts, values);
            Assert.Equal(full.Tiers.Select(t => (t.Outcome, t.Total, t.MaxPossibleTotal)), decided.Tiers.Select(t => (t.Outcome, t.Total, t.MaxPossibleTotal)));
            Assert.All(decided.Tiers, t => Assert.Empty(t.Changes));
        }
    }
}
