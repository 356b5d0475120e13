using System.Collections.ObjectModel;

namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>What happened between a talent and a position; the value is the relevance grade it gives the pair.</summary>
public enum MatchOutcomeKind
{
    /// <summary>The talent applied (一键投档): relevance 1.</summary>
    Application = 1,

    /// <summary>The enterprise invited the talent and the talent accepted (一键邀约): relevance 2.</summary>
    InvitationAccepted = 2,

    /// <summary>Both sides signed (一键签约): relevance 3.</summary>
    Agreement = 3,
}

/// <summary>One recorded outcome between a talent and a position.</summary>
/// <param name="TalentId">The talent's id.</param>
/// <param name="PositionId">The position's id.</param>
/// <param name="Kind">What happened.</param>
public sealed record MatchOutcome(long TalentId, long PositionId, MatchOutcomeKind Kind)
{
    /// <summary>The relevance grade of <see cref="Kind"/>: 1, 2 or 3.</summary>
    public int Relevance => (int)Kind;
}

/// <summary>
/// Relevance judgments derived from outcomes, in both directions: the talents relevant to each position
/// and the positions relevant to each talent. A pair's relevance is the highest grade among its outcomes
/// (an application followed by an agreement counts as an agreement). Pairs without an outcome are not
/// judged and count as not relevant. Immutable.
/// </summary>
public sealed class MatchJudgments
{
    private MatchJudgments(
        IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> talentsByPosition,
        IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> positionsByTalent,
        int pairCount)
    {
        TalentsByPosition = talentsByPosition;
        PositionsByTalent = positionsByTalent;
        PairCount = pairCount;
    }

    /// <summary>Position id → (talent id → relevance), only positions with at least one outcome.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> TalentsByPosition { get; }

    /// <summary>Talent id → (position id → relevance), only talents with at least one outcome.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> PositionsByTalent { get; }

    /// <summary>Number of distinct (talent, position) pairs with an outcome.</summary>
    public int PairCount { get; }

    /// <summary>The relevance of a pair: the highest grade of its outcomes, 0 when it has none.</summary>
    public int Relevance(long talentId, long positionId) =>
        TalentsByPosition.TryGetValue(positionId, out var talents) && talents.TryGetValue(talentId, out var grade) ? grade : 0;

    /// <summary>Aggregates outcomes per pair, keeping the highest kind.</summary>
    /// <exception cref="ArgumentException">An outcome has a kind that is not a <see cref="MatchOutcomeKind"/>.</exception>
    public static MatchJudgments FromOutcomes(IEnumerable<MatchOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var best = new Dictionary<(long Talent, long Position), int>();
        foreach (var outcome in outcomes)
        {
            if (!Enum.IsDefined(outcome.Kind))
            {
                throw new ArgumentException($"Unknown outcome kind {(int)outcome.Kind} for talent {outcome.TalentId} and position {outcome.PositionId}.", nameof(outcomes));
            }
            var key = (outcome.TalentId, outcome.PositionId);
            if (!best.TryGetValue(key, out var grade) || outcome.Relevance > grade)
            {
                best[key] = outcome.Relevance;
            }
        }

        var byPosition = new Dictionary<long, Dictionary<long, int>>();
        var byTalent = new Dictionary<long, Dictionary<long, int>>();
        foreach (var ((talent, position), grade) in best)
        {
            Add(byPosition, position, talent, grade);
            Add(byTalent, talent, position, grade);
        }
        return new MatchJudgments(Freeze(byPosition), Freeze(byTalent), best.Count);
    }

    private static void Add(Dictionary<long, Dictionary<long, int>> index, long query, long item, int grade)
    {
        if (!index.TryGetValue(query, out var items))
        {
            items = [];
            index[query] = items;
        }
        items[item] = grade;
    }

    private static ReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> Freeze(Dictionary<long, Dictionary<long, int>> index) =>
        index.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<long, int>)p.Value.AsReadOnly()).AsReadOnly();
}
