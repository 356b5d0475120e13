namespace TalentBridge.Domain.Competitions;

/// <summary>A judge of a competition: the account, and the enterprise they work for (a conflict with its entrants).</summary>
public sealed record Judge(long Id, string Name, long? EnterpriseId, long? TalentId);

/// <summary>An entry (参赛作品/选手) in a track: the talent who entered and the enterprise they entered for, if any.</summary>
public sealed record Entry(long Id, long TrackId, long TalentId, long? EnterpriseId);

public enum ConflictReason
{
    /// <summary>The judge works for the enterprise the entry is from (同单位回避).</summary>
    SameEnterprise = 1,
    /// <summary>The judge is the entrant.</summary>
    OwnEntry = 2,
    /// <summary>Declared by the judge or the organiser with a note (亲属、师生、合作关系 …).</summary>
    Declared = 3,
}

/// <summary>A judge excluded from scoring an entry, with the reason (and the note of a declared conflict).</summary>
public sealed record Exclusion(long JudgeId, long EntryId, ConflictReason Reason, string? Note);

/// <summary>A judge's score of an entry, 0–100 with at most two decimals.</summary>
public sealed record JudgeScore(long JudgeId, long EntryId, decimal Points);

/// <summary>An entry's final score under <see cref="ScoreAggregation"/>, or why it has none.</summary>
public sealed record EntryScore(long EntryId, decimal? Final, int Counted, int Dropped, bool Incomplete);

/// <summary>An entry's place in its track: rank (shared by ties, the next rank skipped: 1, 2, 2, 4) and award.</summary>
public sealed record EntryResult(long EntryId, int Rank, decimal Final, Award Award);

public enum Award
{
    None = 0,
    Gold = 1,
    Silver = 2,
    Bronze = 3,
}

/// <summary>
/// Removing a judge from a track (the organiser): possible until the results are published; a judge who has scored is
/// removed only with a reason, because their sheets are discarded and the results no longer count them.
/// </summary>
public static class JudgeRemoval
{
    public const int MaxReason = 500;

    public static ValidationErrors Refusals(CompetitionState state, int sheets, string? reason)
    {
        var errors = new ValidationErrors()
            .When(state == CompetitionState.Published, "state", CompetitionSteps.PublishedRefusal)
            .Optional(reason, "reason", MaxReason);
        return errors.When(sheets > 0 && string.IsNullOrWhiteSpace(reason), "reason", "is required for a judge who has scored: their sheets are discarded");
    }
}

/// <summary>Conflict-of-interest exclusion (回避): the pairs of judge and entry that must not be scored, with the reason.</summary>
public static class ConflictOfInterest
{
    /// <summary>
    /// Every excluded pair: a judge and an entry of the same enterprise, a judge's own entry, and every declared conflict
    /// (a declaration needs a note). One pair is listed once, under the first reason in that order.
    /// </summary>
    public static IReadOnlyList<Exclusion> Find(IEnumerable<Judge> judges, IEnumerable<Entry> entries, IEnumerable<Exclusion> declared)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(declared);
        var found = new Dictionary<(long, long), Exclusion>();
        var entryList = entries.ToList();
        foreach (var judge in judges)
        {
            foreach (var entry in entryList)
            {
                if (judge.EnterpriseId is { } enterprise && entry.EnterpriseId == enterprise)
                {
                    found.TryAdd((judge.Id, entry.Id), new Exclusion(judge.Id, entry.Id, ConflictReason.SameEnterprise, null));
                }
                if (judge.TalentId is { } talent && entry.TalentId == talent)
                {
                    found.TryAdd((judge.Id, entry.Id), new Exclusion(judge.Id, entry.Id, ConflictReason.OwnEntry, null));
                }
            }
        }
        foreach (var d in declared)
        {
            found.TryAdd((d.JudgeId, d.EntryId), d with { Reason = ConflictReason.Declared });
        }
        return [.. found.Values.OrderBy(e => e.JudgeId).ThenBy(e => e.EntryId)];
    }

    /// <summary>The errors of a declaration: the note is required (the reason is kept with the result).</summary>
    public static ValidationErrors Validate(Exclusion declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new ValidationErrors().Required(declaration.Note, "note", 200);
    }
}

/// <summary>
/// The score rule (documented in docs/competitions-and-training.md): an excluded judge's score never counts. With at
/// least <see cref="TrimFrom"/> counted scores the highest and the lowest are dropped (one each) and the rest averaged
/// (去掉一个最高分和一个最低分); with fewer, all are averaged. An entry with fewer than <see cref="MinScores"/> counted scores
/// has no final score (incomplete). Finals are rounded to two decimals, halves away from zero.
/// </summary>
public static class ScoreAggregation
{
    public const int TrimFrom = 5;
    public const int MinScores = 3;

    public static IReadOnlyList<EntryScore> Aggregate(IEnumerable<Entry> entries, IEnumerable<JudgeScore> scores, IEnumerable<Exclusion> exclusions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(exclusions);
        var excluded = exclusions.Select(e => (e.JudgeId, e.EntryId)).ToHashSet();
        var byEntry = scores.Where(s => !excluded.Contains((s.JudgeId, s.EntryId))).ToLookup(s => s.EntryId);
        var results = new List<EntryScore>();
        foreach (var entry in entries)
        {
            var points = byEntry[entry.Id].Select(s => s.Points).Order().ToList();
            if (points.Count < MinScores)
            {
                results.Add(new EntryScore(entry.Id, null, points.Count, 0, true));
                continue;
            }
            var counted = points.Count >= TrimFrom ? points.Skip(1).Take(points.Count - 2).ToList() : points;
            results.Add(new EntryScore(entry.Id, Math.Round(counted.Average(), 2, MidpointRounding.AwayFromZero), counted.Count,
                points.Count - counted.Count, false));
        }
        return results;
    }

    public static ValidationErrors Validate(JudgeScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new ValidationErrors()
            .Range(score.Points, 0, 100, "points")
            .When(decimal.Round(score.Points, 2) != score.Points, "points", "must have at most two decimals");
    }
}

/// <summary>
/// Results of a track: complete entries ordered by final score; equal finals share a rank (1, 2, 2, 4) and an award.
/// The first <c>gold</c> ranks win gold, the next <c>silver</c> silver, the next <c>bronze</c> bronze, by rank: entries
/// tied across a boundary all take the higher award, and the places below shift down accordingly.
/// </summary>
public static class TrackResults
{
    public static IReadOnlyList<EntryResult> Rank(IEnumerable<EntryScore> scores, int gold, int silver, int bronze)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores.Where(s => s.Final is not null).OrderByDescending(s => s.Final).ThenBy(s => s.EntryId).ToList();
        var results = new List<EntryResult>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Final == ordered[i - 1].Final ? results[i - 1].Rank : i + 1;
            var award = rank <= gold ? Award.Gold : rank <= gold + silver ? Award.Silver : rank <= gold + silver + bronze ? Award.Bronze : Award.None;
            results.Add(new EntryResult(ordered[i].EntryId, rank, ordered[i].Final!.Value, award));
        }
        return results;
    }
}
