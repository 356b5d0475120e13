using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Competitions;

/// <summary>A judge of a track: the account, its name, and the enterprise and talent record it stands for.</summary>
public sealed record JudgeView(long Id, long TrackId, long AccountId, string UserName, string Name, long? EnterpriseId, long? TalentId)
{
    [JsonIgnore]
    public Judge ForJudging => new(Id, Name, EnterpriseId, TalentId);
}

/// <summary>A judge's sheet for an entry: the points per criterion (the track's order) and their sum.</summary>
public sealed record ScoreSheet(long JudgeId, long EntryId, IReadOnlyList<decimal> Points, decimal Total, DateTimeOffset ScoredAt);

/// <summary>A judge removed from a track, with the sheets discarded and the conflicts declared for them that went with them.</summary>
public sealed record RemovedJudge(JudgeView Judge, IReadOnlyList<ScoreSheet> DiscardedSheets, int Conflicts, string? Reason);

/// <summary>
/// The judging of a competition as the caller may see it: the organiser sees every track, judge, entry, exclusion and
/// sheet; a judge sees the tracks they judge, their exclusions (with the reason) and their own sheets only.
/// </summary>
public sealed record JudgingBoard(CompetitionDetail Detail, IReadOnlyList<EntryView> Entries, IReadOnlyList<JudgeView> Judges,
    IReadOnlyList<Exclusion> Exclusions, IReadOnlyList<ScoreSheet> Sheets)
{
    /// <summary>The caller's judge rows (one per track judged), none for an organiser who judges nothing.</summary>
    public IReadOnlyList<JudgeView> Mine { get; init; } = [];

    public Exclusion? ExclusionOf(long judgeId, long entryId) => Exclusions.FirstOrDefault(e => e.JudgeId == judgeId && e.EntryId == entryId);

    public ScoreSheet? SheetOf(long judgeId, long entryId) => Sheets.FirstOrDefault(s => s.JudgeId == judgeId && s.EntryId == entryId);
}

/// <summary>
/// Judges, conflicts of interest and scores (issue 16 item 4). The organiser assigns accounts as judges of a track; a
/// judge stands aside (回避) from the entries of their enterprise, their own entry and every conflict declared by them
/// or the organiser with a note (<see cref="ConflictOfInterest"/>); while the competition is judging, a judge scores each
/// entry they are not excluded from on the track's criteria, and may change the sheet until the results are published.
/// </summary>
public sealed class CompetitionJudging(Database db, TimeProvider time)
{
    /// <summary>Everything judging reads, in the caller's transaction: entries, judges, declared conflicts and sheets of a competition.</summary>
    internal static async Task<(IReadOnlyList<EntryView> Entries, IReadOnlyList<JudgeView> Judges, IReadOnlyList<Exclusion> Exclusions,
        IReadOnlyList<ScoreSheet> Sheets)> LoadAsync(DbConnection c, DbTransaction? tx, long competitionId)
    {
        var entries = await CompetitionEntries.QueryAsync(c, tx, "e.competition_id = @competitionId", new { competitionId });
        var judges = (await c.QueryAsync<(long Id, long Track, long Account, string UserName, string Name, long? Enterprise, long? Talent)>(
                "SELECT j.id, j.track_id, j.account_id, a.user_name, j.name, j.enterprise_id, j.talent_id FROM competition_judges j " +
                "JOIN accounts a ON a.id = j.account_id WHERE j.competition_id = @competitionId ORDER BY j.track_id, j.id", new { competitionId }, tx))
            .Select(j => new JudgeView(j.Id, j.Track, j.Account, j.UserName, j.Name, j.Enterprise, j.Talent)).ToList();
        var declared = (await c.QueryAsync<(long Judge, long Entry, string Note)>(
                "SELECT f.judge_id, f.entry_id, f.note FROM competition_conflicts f JOIN competition_judges j ON j.id = f.judge_id " +
                "WHERE j.competition_id = @competitionId", new { competitionId }, tx))
            .Select(d => new Exclusion(d.Judge, d.Entry, ConflictReason.Declared, d.Note));
        // A judge judges the entries of their track only: the rule is applied track by track.
        var exclusions = judges.GroupBy(j => j.TrackId)
            .SelectMany(g => ConflictOfInterest.Find(g.Select(j => j.ForJudging), entries.Where(e => e.TrackId == g.Key).Select(e => e.ForJudging), declared
                .Where(d => g.Any(j => j.Id == d.JudgeId))))
            .ToList();
        var sheets = new List<ScoreSheet>();
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT s.judge_id, s.entry_id, s.points, s.total_hundredths, s.scored_at FROM competition_scores s JOIN competition_judges j ON j.id = s.judge_id " +
            "WHERE j.competition_id = @competitionId ORDER BY s.entry_id, s.judge_id", new { competitionId }, tx))
        {
            while (await r.ReadAsync())
            {
                sheets.Add(new ScoreSheet(r.Long(0), r.Long(1), r.FromJson<List<decimal>>(2), r.Long(3) / 100m, r.Timestamp(4)));
            }
        }
        return (entries, judges, exclusions, sheets);
    }

    /// <summary>The board of a competition for the organiser or one of its judges; null for anyone else.</summary>
    public async Task<JudgingBoard?> BoardAsync(Caller caller, long competitionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        if (await Competitions.DetailAsync(c, null, caller, competitionId) is not { } detail || (!detail.MayManage && !detail.IsJudge))
        {
            return null;
        }
        var (entries, judges, exclusions, sheets) = await LoadAsync(c, null, competitionId);
        var mine = judges.Where(j => j.AccountId == caller.AccountId).ToList();
        if (detail.MayManage)
        {
            return new JudgingBoard(detail, entries, judges, exclusions, sheets) { Mine = mine };
        }
        var tracks = mine.Select(j => j.TrackId).ToHashSet();
        var ids = mine.Select(j => j.Id).ToHashSet();
        return new JudgingBoard(detail with { Tracks = [.. detail.Tracks.Where(t => tracks.Contains(t.Track.Id))] },
            [.. entries.Where(e => tracks.Contains(e.TrackId))], mine, [.. exclusions.Where(e => ids.Contains(e.JudgeId))],
            [.. sheets.Where(s => ids.Contains(s.JudgeId))]) { Mine = mine };
    }

    /// <summary>
    /// The organiser assigns an account (by user name) as a judge of a track. The judge stands for the account's
    /// enterprise, or for the enterprise named by <paramref name="enterpriseUscc"/> (where the judge works), and for the
    /// account's talent record.
    /// </summary>
    public async Task<WriteResult<JudgeView>> AssignAsync(Caller caller, long competitionId, long trackId, string? userName, string? enterpriseUscc,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await Competitions.HoldAsync(c, tx, competitionId);
                if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { MayManage: true } detail)
                {
                    return WriteResult.NotFound<JudgeView>();
                }
                var errors = new ValidationErrors().Required(userName, "userName", 100)
                    .When(detail.Tracks.All(t => t.Track.Id != trackId), "trackId", "must be a track of this competition")
                    .When(detail.Competition.State == CompetitionState.Published, "state", CompetitionSteps.PublishedRefusal);
                var account = string.IsNullOrWhiteSpace(userName) ? default : await c.QuerySingleOrDefaultAsync<(long Id, string Name, long? Enterprise, long? Talent)>(
                    "SELECT id, display_name, enterprise_id, talent_id FROM accounts WHERE user_name = @userName", new { userName = userName.Trim() }, tx);
                errors.When(!string.IsNullOrWhiteSpace(userName) && account.Id == 0, "userName", "is the user name of no account");
                var enterpriseId = account.Enterprise;
                if (!string.IsNullOrWhiteSpace(enterpriseUscc))
                {
                    enterpriseId = await c.ExecuteScalarAsync<long?>("SELECT id FROM enterprises WHERE uscc = @uscc",
                        new { uscc = enterpriseUscc.Trim().ToUpperInvariant() }, tx);
                    errors.When(enterpriseId is null, "enterpriseUscc", "is the credit code of no enterprise of the pool");
                }
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<JudgeView>(errors);
                }
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO competition_judges (competition_id, track_id, account_id, name, enterprise_id, talent_id, assigned_at) " +
                    "VALUES (@competitionId, @trackId, @account, @name, @enterpriseId, @talent, @now) RETURNING id",
                    new { competitionId, trackId, account = account.Id, name = account.Name, enterpriseId, talent = account.Talent, now = Database.Utc(now) }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competition", competitionId,
                    detail.Competition.RegionCode, "assign judge", JsonSerializer.Serialize(new { trackId, judge = id, account = account.Id, enterpriseId }, Row.Json)),
                    "competition.judge");
                return WriteResult.Ok(new JudgeView(id, trackId, account.Id, userName!.Trim(), account.Name, enterpriseId, account.Talent));
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<JudgeView>(new ValidationErrors().Add("userName", "judges this track already"));
        }
    }

    /// <summary>
    /// The organiser removes a judge from a track until the results are published (<see cref="JudgeRemoval"/>). A judge who
    /// has scored is removed only with a reason: their sheets are discarded with them (the results no longer count them),
    /// and the audit row keeps what was removed — each sheet's entry, points and total, and how many conflicts were
    /// declared for them (not the notes, which may concern people).
    /// </summary>
    public async Task<WriteResult<RemovedJudge>> RemoveAsync(Caller caller, long competitionId, long judgeId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            await Competitions.HoldAsync(c, tx, competitionId);
            if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { MayManage: true } detail)
            {
                return WriteResult.NotFound<RemovedJudge>();
            }
            // On PostgreSQL the judge's row is locked first, so that no sheet is added between reading the sheets and removing them.
            var locked = await c.ExecuteScalarAsync<long?>("SELECT id FROM competition_judges WHERE id = @judgeId AND competition_id = @competitionId" +
                (db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE" : ""), new { judgeId, competitionId }, tx);
            var (_, judges, _, sheets) = await LoadAsync(c, tx, competitionId);
            if (locked is null || judges.FirstOrDefault(j => j.Id == judgeId) is not { } judge)
            {
                return WriteResult.NotFound<RemovedJudge>();
            }
            var discarded = sheets.Where(s => s.JudgeId == judgeId).ToList();
            var errors = JudgeRemoval.Refusals(detail.Competition.State, discarded.Count, reason);
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<RemovedJudge>(errors);
            }
            var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            var conflicts = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM competition_conflicts WHERE judge_id = @judgeId", new { judgeId }, tx);
            // Sheets and declared conflicts go with the judge (ON DELETE CASCADE).
            await c.ExecuteAsync("DELETE FROM competition_judges WHERE id = @judgeId", new { judgeId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competition", competitionId,
                detail.Competition.RegionCode, "remove judge", JsonSerializer.Serialize(new
                {
                    trackId = judge.TrackId, judge = judgeId, account = judge.AccountId, reason = text, conflicts,
                    sheets = discarded.Select(s => new { entry = s.EntryId, points = s.Points, totalScore = s.Total.ToString("0.00", CultureInfo.InvariantCulture) }),
                }, Row.Json)), "competition.removeJudge");
            return WriteResult.Ok(new RemovedJudge(judge, discarded, (int)conflicts, text));
        }, ct);
    }

    /// <summary>A judge (for themself) or the organiser declares a conflict between a judge and an entry of the judge's track, with a note.</summary>
    public async Task<WriteResult<Exclusion>> DeclareAsync(Caller caller, long competitionId, long judgeId, long entryId, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await Competitions.HoldAsync(c, tx, competitionId);
                if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { } detail)
                {
                    return WriteResult.NotFound<Exclusion>();
                }
                var (entries, judges, _, _) = await LoadAsync(c, tx, competitionId);
                var judge = judges.FirstOrDefault(j => j.Id == judgeId);
                if (judge is null || !(detail.MayManage || judge.AccountId == caller.AccountId))
                {
                    return WriteResult.NotFound<Exclusion>();
                }
                var declared = new Exclusion(judgeId, entryId, ConflictReason.Declared, note?.Trim());
                var errors = ConflictOfInterest.Validate(declared)
                    .When(entries.All(e => e.Id != entryId || e.TrackId != judge.TrackId), "entryId", "must be an entry of the judge's track")
                    .When(detail.Competition.State == CompetitionState.Published, "state", CompetitionSteps.PublishedRefusal);
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Exclusion>(errors);
                }
                await c.ExecuteAsync(
                    "INSERT INTO competition_conflicts (judge_id, entry_id, note, declared_at, declared_by) VALUES (@judgeId, @entryId, @note, @now, @by)",
                    new { judgeId, entryId, note = declared.Note, now = Database.Utc(now), by = caller.AccountId }, tx);
                // The note may concern people (亲属、师生): the audit row names the pair only.
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competition", competitionId,
                    detail.Competition.RegionCode, "declare conflict", JsonSerializer.Serialize(new { judge = judgeId, entry = entryId }, Row.Json)),
                    "competition.conflict");
                return WriteResult.Ok(declared);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Exclusion>(new ValidationErrors().Add("entryId", "a conflict of this judge with this entry is declared already"));
        }
    }

    /// <summary>
    /// The caller scores an entry as a judge of its track: one value per criterion; refused while the competition is not
    /// judging and for an entry the judge is excluded from (naming the reason). Scoring again replaces the sheet.
    /// </summary>
    public async Task<WriteResult<ScoreSheet>> ScoreAsync(Caller caller, long competitionId, long entryId, IReadOnlyList<decimal> points, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(points);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            await Competitions.HoldAsync(c, tx, competitionId);
            if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { } detail)
            {
                return WriteResult.NotFound<ScoreSheet>();
            }
            var (entries, judges, exclusions, _) = await LoadAsync(c, tx, competitionId);
            if (entries.FirstOrDefault(e => e.Id == entryId) is not { } entry)
            {
                return WriteResult.NotFound<ScoreSheet>();
            }
            if (judges.FirstOrDefault(j => j.TrackId == entry.TrackId && j.AccountId == caller.AccountId) is not { } judge
                // The judge's row is held until the sheet is stored: a removal at the same moment (which locks the row for
                // update) either waits for this sheet and discards it, or goes first and this judge no longer scores.
                || await c.ExecuteScalarAsync<long?>("SELECT id FROM competition_judges WHERE id = @id" + (db.Engine == DatabaseEngine.Postgres ? " FOR SHARE" : ""),
                    new { id = judge.Id }, tx) is null)
            {
                return WriteResult.Forbidden<ScoreSheet>();
            }
            var track = detail.Tracks.Single(t => t.Track.Id == entry.TrackId).Track;
            var (total, errors) = track.Score(points);
            if (errors.IsValid)
            {
                errors = ScoreAggregation.Validate(new JudgeScore(judge.Id, entryId, total));
            }
            errors.When(detail.Competition.State != CompetitionState.Judging, "state", "scores are given while the competition is judging");
            if (exclusions.FirstOrDefault(e => e.JudgeId == judge.Id && e.EntryId == entryId) is { } excluded)
            {
                errors.Add("entryId", $"you stand aside from this entry ({CompetitionSteps.Word(excluded.Reason)})");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<ScoreSheet>(errors);
            }
            var args = new { judge = judge.Id, entryId, points = Row.ToJson(points), total = (long)(total * 100), now = Database.Utc(now) };
            // One statement, so that a sheet sent twice at once (two tabs, a double click) replaces rather than collides.
            await c.ExecuteAsync("INSERT INTO competition_scores (judge_id, entry_id, points, total_hundredths, scored_at) " +
                "VALUES (@judge, @entryId, @points, @total, @now) ON CONFLICT (judge_id, entry_id) " +
                "DO UPDATE SET points = excluded.points, total_hundredths = excluded.total_hundredths, scored_at = excluded.scored_at", args, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competitionEntry", entryId, detail.Competition.RegionCode,
                "score", JsonSerializer.Serialize(new { judge = judge.Id, totalScore = total.ToString("0.00", CultureInfo.InvariantCulture) }, Row.Json)),
                "competition.score");
            return WriteResult.Ok(new ScoreSheet(judge.Id, entryId, points, total, now));
        }, ct);
    }
}
