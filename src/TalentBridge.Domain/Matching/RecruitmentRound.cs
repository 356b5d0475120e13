namespace TalentBridge.Domain.Matching;

/// <summary>One talent's place after a round: the position, or null, and the pair score.</summary>
public sealed record RoundAssignment(long TalentId, long? PositionId, double? Score);

/// <summary>The outcome of a recruitment round.</summary>
public sealed record RoundResult(IReadOnlyList<RoundAssignment> Assignments, int Seats, int Filled, long Proposals, int Rounds);

/// <summary>
/// A recruitment drive (e.g. graduates × the positions of a job fair) settled by talent-proposing deferred
/// acceptance (<see cref="DeferredAcceptance"/>). Each talent ranks the drive's positions by pair score and
/// keeps the best <c>listLength</c> that pass the hard conditions; each position values talents by the same
/// pair score and has its headcount as capacity. The result is stable: no talent and position both prefer
/// each other to what they got.
/// </summary>
public static class RecruitmentRound
{
    public static RoundResult Run(MatchIndex index, IReadOnlyList<long> talentIds, IReadOnlyList<(long PositionId, int Seats)> positions,
        DateOnly today, int listLength)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(talentIds);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfLessThan(listLength, 1);
        var talentProfiles = talentIds.Select(id => index.FindTalent(id) ?? throw new ArgumentException($"talent {id} is not in the index", nameof(talentIds))).ToArray();
        var positionProfiles = positions.Select(p => index.FindPosition(p.PositionId) ?? throw new ArgumentException($"position {p.PositionId} is not in the index", nameof(positions))).ToArray();
        var day = today.DayNumber;

        // Pair scores, computed once: NaN where a hard condition fails.
        var scores = new double[talentProfiles.Length][];
        var preferences = new int[talentProfiles.Length][];
        for (var t = 0; t < talentProfiles.Length; t++)
        {
            var row = new double[positionProfiles.Length];
            for (var p = 0; p < positionProfiles.Length; p++)
            {
                row[p] = MatchScoring.Violation(talentProfiles[t], positionProfiles[p], day) is null
                    ? MatchScoring.Score(talentProfiles[t], positionProfiles[p], day)
                    : double.NaN;
            }
            scores[t] = row;
            preferences[t] = [.. Enumerable.Range(0, row.Length).Where(p => !double.IsNaN(row[p]))
                .OrderByDescending(p => row[p]).ThenBy(p => positionProfiles[p].Id).Take(listLength)];
        }
        var capacities = positions.Select(p => Math.Max(0, p.Seats)).ToArray();
        var matching = DeferredAcceptance.Match(talentProfiles.Length, capacities, preferences, (p, t) => scores[t][p]);

        var assignments = new RoundAssignment[talentProfiles.Length];
        for (var t = 0; t < assignments.Length; t++)
        {
            var p = matching.PositionOfTalent[t];
            assignments[t] = p < 0
                ? new RoundAssignment(talentProfiles[t].Id, null, null)
                : new RoundAssignment(talentProfiles[t].Id, positionProfiles[p].Id, scores[t][p]);
        }
        return new RoundResult(assignments, capacities.Sum(), assignments.Count(a => a.PositionId is not null), matching.Proposals, matching.Rounds);
    }
}
