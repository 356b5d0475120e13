using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.SharedPool;

/// <summary>The order's rules (validation, flow), the expert matcher's ranking and explanation, and the order generator.</summary>
public sealed class DemandOrderTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly ExpertMatcher Matcher = new(Segmenter.Load());

    private static DemandOrderDraft Draft() => new()
    {
        Title = "阀门铸造缺陷分析", Problem = "阀体铸件气孔率偏高", Field = "铸造工艺", OccupationCode = "2-02-07-13", IndustryCode = "3443",
        ServiceMode = ServiceModes.Consulting, DurationDays = 30, BudgetMin = 5000, BudgetMax = 20000,
    };

    [Fact]
    public void A_complete_draft_is_valid()
    {
        Assert.True(Draft().Validate(Reference).IsValid, Draft().Validate(Reference).ToString());
    }

    [Theory]
    [InlineData(ServiceModes.None)]
    [InlineData(ServiceModes.Consulting | ServiceModes.PartTime)]
    [InlineData((ServiceModes)64)]
    public void An_order_asks_for_exactly_one_defined_service_mode(ServiceModes mode)
    {
        Assert.Equal(["must be one service mode"], Draft() with { ServiceMode = mode } is var d ? d.Validate(Reference).ToDictionary()["serviceMode"] : []);
    }

    [Fact]
    public void Every_broken_field_is_named_with_its_rule()
    {
        var errors = (Draft() with
        {
            Title = " ", Problem = new string('x', DemandOrderDraft.MaxProblem + 1), DurationDays = 0, BudgetMin = 9000, BudgetMax = 100,
            OccupationCode = "9-99-99-99", IndustryCode = "ZZ", TagIds = [.. Enumerable.Range(1, DemandOrderDraft.MaxTags + 1).Select(i => (long)i)],
        }).Validate(Reference).ToDictionary();
        Assert.Equal(["is required"], errors["title"]);
        Assert.Equal([$"must be at most {DemandOrderDraft.MaxProblem} characters"], errors["problem"]);
        Assert.Equal([$"must be between 1 and {DemandOrderDraft.MaxDurationDays}"], errors["durationDays"]);
        Assert.Equal(["must not be below budgetMin"], errors["budgetMax"]);
        Assert.Equal(["is not in the occupation catalogue"], errors["occupationCode"]);
        Assert.Equal(["is not in the industry catalogue"], errors["industryCode"]);
        Assert.Equal([$"must be at most {DemandOrderDraft.MaxTags} tags"], errors["tagIds"]);
        Assert.True((Draft() with { BudgetMin = 100, BudgetMax = 100, DurationDays = DemandOrderDraft.MaxDurationDays }).Validate(Reference).IsValid);
    }

    [Fact]
    public void The_order_flow_names_who_may_take_each_step()
    {
        var flow = SharedPoolFlows.Order;
        Assert.Equal(DemandOrderState.AwaitingEnterprise, flow.Next(DemandOrderState.Open, DemandOrderAction.AskEnterprise, FlowActor.Operator).To);
        Assert.Equal("only the enterprise may answer an order", flow.Next(DemandOrderState.AwaitingEnterprise, DemandOrderAction.Answer, FlowActor.Operator).Error);
        Assert.Equal(DemandOrderState.Proposed, flow.Next(DemandOrderState.Proposed, DemandOrderAction.Propose, FlowActor.Operator).To);
        Assert.Equal("cannot propose an order that is awaiting enterprise",
            flow.Next(DemandOrderState.AwaitingEnterprise, DemandOrderAction.Propose, FlowActor.Operator).Error);
        Assert.Equal("cannot cancel an order that is engaged: it is closed", flow.Next(DemandOrderState.Engaged, DemandOrderAction.Cancel, FlowActor.Enterprise).Error);
        Assert.True(SharedPoolFlows.PausesClock(DemandOrderState.AwaitingEnterprise));
        Assert.False(SharedPoolFlows.PausesClock(DemandOrderState.Open));
        Assert.Equal(ProposalState.Withdrawn, SharedPoolFlows.Proposal.Next(ProposalState.Sent, ProposalAction.Supersede, FlowActor.System).To);
        Assert.False(SharedPoolFlows.Proposal.Next(ProposalState.Lapsed, ProposalAction.Accept, FlowActor.Talent).Allowed);
    }

    private static ExpertCandidate Expert(long id, ServiceModes modes = ServiceModes.Consulting, string region = "331121", string occupation = "2-02-07-13",
        string text = "铸造工艺 缺陷分析", int load = 0, double? rating = null, ProfessionalTitleLevel title = ProfessionalTitleLevel.Senior) =>
        new(id, id * 10, $"专家{id}", region, modes, [occupation], [], new HashSet<long>(), text, title, SkillLevel.None, load, rating);

    private static OrderNeed Need(string? occupation = "2-02-07-13", string? industry = null) =>
        new(ServiceModes.Consulting, occupation, industry, new HashSet<long>(), "铸造工艺 阀门 缺陷分析", "331121");

    [Fact]
    public void Experts_not_offering_the_mode_and_excluded_ones_are_never_proposed()
    {
        var ranked = Matcher.Rank(Need(), [Expert(1, ServiceModes.PartTime), Expert(2), Expert(3)], new HashSet<long> { 3 }, 10);
        Assert.Equal([2L], ranked.Select(f => f.ExpertId));
    }

    [Fact]
    public void Each_factor_moves_the_ranking_in_its_direction_and_is_explained()
    {
        var ranked = Matcher.Rank(Need(), [
            Expert(1, occupation: "5-01-02-03", text: "食用菌"),
            Expert(2),
            Expert(3, region: "331102"),
            Expert(4, load: 3),
            Expert(5, rating: 5),
        ], new HashSet<long>(), 10);
        var order = ranked.Select(f => f.ExpertId).ToList();
        Assert.Equal(5, order[0]); // best rated
        Assert.Equal(1, order[^1]); // another field entirely
        Assert.True(order.IndexOf(2) < order.IndexOf(3)); // same county before the rest of the city
        Assert.True(order.IndexOf(2) < order.IndexOf(4)); // free before busy
        var best = ranked[0];
        Assert.Equal(Enum.GetValues<ExpertFactor>(), best.Factors.Select(f => f.Factor));
        Assert.Equal(best.Score, Math.Round(best.Factors.Sum(f => f.Points), 2));
        Assert.Equal(["2-02-07-13"], best.Factors.Single(f => f.Factor == ExpertFactor.Field).Matched);
        Assert.Contains("铸造", best.Factors.Single(f => f.Factor == ExpertFactor.Specialty).Matched);
        Assert.Equal(100, ExpertMatcher.Weights.Values.Sum());
    }

    [Fact]
    public void Ties_go_to_the_lower_expert_id_so_that_a_ranking_is_reproducible()
    {
        Assert.Equal([3L, 7L, 9L], Matcher.Rank(Need(), [Expert(9), Expert(3), Expert(7)], new HashSet<long>(), 10).Select(f => f.ExpertId));
    }

    [Theory]
    [InlineData("3443", "3443", 1.0)]
    [InlineData("34", "3443", 1.0)]
    [InlineData("3443", "3411", 0.7)]
    [InlineData("C3443", "3411", 0.7)]
    [InlineData("3443", "0111", 0.0)]
    [InlineData("C", "3411", 0.0)]
    public void Industry_proximity_follows_the_gbt4754_tree(string a, string b, double expected)
    {
        Assert.Equal(expected, ExpertMatcher.IndustryProximity(a, b));
    }

    [Fact]
    public void An_order_naming_no_field_counts_half_a_field_fit_for_everyone()
    {
        var fit = Matcher.Rank(Need(null), [Expert(1)], new HashSet<long>(), 1)[0];
        Assert.Equal(0.5, fit.Factors.Single(f => f.Factor == ExpertFactor.Field).Value);
    }

    [Fact]
    public void Generated_orders_are_reproducible_and_their_histories_follow_the_order_flow()
    {
        var from = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddYears(1);
        var a = DemandOrderGenerator.Generate(7, 500, ["331102", "331121"], 20, 30, from, to).ToList();
        var b = DemandOrderGenerator.Generate(7, 500, ["331102", "331121"], 20, 30, from, to).ToList();
        Assert.Equal(a.Select(o => (o.PlacedAt, o.Title, o.Steps.Count)), b.Select(o => (o.PlacedAt, o.Title, o.Steps.Count)));
        foreach (var order in a)
        {
            Assert.NotNull(Reference.Occupations.Find(order.OccupationCode!));
            Assert.True(DemandOrderDraft.IsSingle(order.Mode));
            Assert.Equal("place", order.Steps[0].Action);
            var state = DemandOrderState.Open;
            foreach (var step in order.Steps.Skip(1))
            {
                Assert.Equal(state, step.From);
                if (step.Action == "decline")
                {
                    // The expert's answer to a proposal: the order stays proposed.
                    Assert.Equal(DemandOrderState.Proposed, step.To);
                    continue;
                }
                var action = Enum.Parse<DemandOrderAction>(step.Action, ignoreCase: true);
                var actor = step.Actor == FlowActor.System ? FlowActor.Operator : step.Actor;
                Assert.Equal(step.To, SharedPoolFlows.Order.Next(state, action, actor).To);
                state = step.To;
                Assert.True(step.At >= order.PlacedAt);
            }
        }
        Assert.Contains(a, o => o.Steps.Any(s => s.Action == "askEnterprise"));
        Assert.Contains(a, o => o.Steps.Any(s => s.Action == "decline"));
    }
}
