using TalentBridge.Domain.Matching.Evaluation;
using TalentBridge.Domain.Pools;

namespace TalentBridge.Domain.Tests.Matching.Evaluation;

public class MatchJudgmentsTests
{
    [Fact]
    public void The_highest_kind_of_a_pair_counts_whatever_the_order()
    {
        var judgments = MatchJudgments.FromOutcomes(
        [
            new(1, 10, MatchOutcomeKind.Application),
            new(1, 10, MatchOutcomeKind.Agreement),
            new(1, 10, MatchOutcomeKind.InvitationAccepted),
            new(2, 10, MatchOutcomeKind.InvitationAccepted),
            new(2, 10, MatchOutcomeKind.Application),
            new(2, 11, MatchOutcomeKind.Application),
        ]);

        Assert.Equal(3, judgments.PairCount);
        Assert.Equal(3, judgments.Relevance(1, 10));
        Assert.Equal(2, judgments.Relevance(2, 10));
        Assert.Equal(1, judgments.Relevance(2, 11));
        Assert.Equal(0, judgments.Relevance(1, 11));
        Assert.Equal(0, judgments.Relevance(9, 99));
    }

    [Fact]
    public void Judgments_are_indexed_in_both_directions()
    {
        var judgments = MatchJudgments.FromOutcomes(
        [
            new(1, 10, MatchOutcomeKind.Agreement),
            new(2, 10, MatchOutcomeKind.Application),
            new(2, 11, MatchOutcomeKind.InvitationAccepted),
        ]);

        Assert.Equal(new Dictionary<long, int> { [1] = 3, [2] = 1 }, judgments.TalentsByPosition[10]);
        Assert.Equal(new Dictionary<long, int> { [2] = 2 }, judgments.TalentsByPosition[11]);
        Assert.Equal(new Dictionary<long, int> { [10] = 3 }, judgments.PositionsByTalent[1]);
        Assert.Equal(new Dictionary<long, int> { [10] = 1, [11] = 2 }, judgments.PositionsByTalent[2]);
        Assert.False(judgments.TalentsByPosition.ContainsKey(12));
    }

    [Fact]
    public void Kinds_grade_one_two_three()
    {
        Assert.Equal(1, new MatchOutcome(1, 1, MatchOutcomeKind.Application).Relevance);
        Assert.Equal(2, new MatchOutcome(1, 1, MatchOutcomeKind.InvitationAccepted).Relevance);
        Assert.Equal(3, new MatchOutcome(1, 1, MatchOutcomeKind.Agreement).Relevance);
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => MatchJudgments.FromOutcomes([new(1, 1, (MatchOutcomeKind)7)]));
    }

    [Fact]
    public void A_set_rejects_outcomes_for_records_it_does_not_hold()
    {
        var talent = new Talent { Id = 1, Name = "张三", PhoneMasked = "138****0000", ResidenceRegionCode = "331102", ConsentVersion = "2026-01" };
        var position = new Position { Id = 5, Title = "车工", OccupationCode = "6-18-01-01", RegionCode = "331102" };
        var day = new DateOnly(2026, 3, 15);

        var set = new MatchEvaluationSet([talent], [position], [new(1, 5, MatchOutcomeKind.Agreement)], day);
        Assert.Equal(3, set.Judgments.Relevance(1, 5));
        Assert.Null(set.Latent);
        Assert.Throws<ArgumentException>(() => new MatchEvaluationSet([talent], [position], [new(2, 5, MatchOutcomeKind.Agreement)], day));
        Assert.Throws<ArgumentException>(() => new MatchEvaluationSet([talent], [position], [new(1, 6, MatchOutcomeKind.Agreement)], day));
        Assert.Throws<ArgumentException>(() => new MatchEvaluationSet([talent, talent], [position], [], day));
    }
}
