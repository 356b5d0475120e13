using Dapper;
using TalentBridge.Domain.Matching.Evaluation;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Matching;

/// <summary>
/// The platform's real outcomes as an evaluation set (issue 6, item 9): every application (relevance 1), every accepted
/// invitation (2) and every signed agreement (3), with the talents and positions of the pool. The outcomes were partly
/// caused by the engine's own recommendations, so the figures favour it; they are still the only ground truth that
/// is not the engine's or a generator's.
/// </summary>
public sealed class MatchOutcomes(Database db, TalentStore talents, PositionStore positions)
{
    public async Task<IReadOnlyList<MatchOutcome>> LoadAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long TalentId, long PositionId, int Kind)>(new CommandDefinition(
            "SELECT talent_id, position_id, 1 FROM applications WHERE invitation_id IS NULL " +
            "UNION ALL SELECT talent_id, position_id, 2 FROM invitations WHERE state = 1 " +
            "UNION ALL SELECT talent_id, position_id, 3 FROM agreements", cancellationToken: ct));
        return [.. rows.Select(r => new MatchOutcome(r.TalentId, r.PositionId, (MatchOutcomeKind)r.Kind))];
    }

    /// <summary>The pool's talents and positions with the recorded outcomes, as of <paramref name="today"/>.</summary>
    public async Task<MatchEvaluationSet> SetAsync(DateOnly today, CancellationToken ct)
    {
        var outcomes = await LoadAsync(ct);
        var talentList = new List<Talent>();
        await foreach (var t in talents.StreamAsync(null, ct))
        {
            talentList.Add(t);
        }
        var positionList = new List<Position>();
        await foreach (var (p, _) in positions.StreamForMatchingAsync(null, null, ct))
        {
            positionList.Add(p);
        }
        return new MatchEvaluationSet(talentList, positionList, outcomes, today);
    }
}
