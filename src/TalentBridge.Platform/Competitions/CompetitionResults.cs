using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Competitions;

public enum CompetitionInvitationKind
{
    /// <summary>The award is recorded on the talent's record (a certificate line), at once.</summary>
    TalentPool = 1,
    /// <summary>An invitation to apply to the city's shared pool with the award as evidence; the talent confirms it.</summary>
    SharedPool = 2,
}

public enum CompetitionInvitationState
{
    Sent = 1,
    Accepted = 2,
    Declined = 3,
}

/// <summary>A winner's invitation into the talent pool or the shared pool; an accepted shared-pool one names the admission application.</summary>
public sealed record CompetitionInvitation(long Id, long EntryId, CompetitionInvitationKind Kind, CompetitionInvitationState State, long? ApplicationId,
    DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt, int Version) : IVersioned;

/// <summary>An entry's published result with the scores counted and dropped, and (for the organiser) its invitations.</summary>
public sealed record ResultRow(EntryView Entry, EntryResult Result, int Counted, int Dropped, IReadOnlyList<CompetitionInvitation> Invitations);

/// <summary>A track's results: the ranked entries and the entries without a result (fewer than three scores counted).</summary>
public sealed record TrackResult(Track Track, IReadOnlyList<ResultRow> Rows, IReadOnlyList<EntryView> Incomplete);

/// <summary>What a talent confirms to turn a shared-pool invitation into an admission application.</summary>
public sealed record InvitationAnswer(string PoolRegion, ServiceModes Modes, string? Summary);

/// <summary>
/// Results and winners (issue 16 item 4): the organiser publishes the results computed by the domain's judging rules
/// (trimmed mean, ranks shared by ties, awards by rank) once and for all; then invites award winners into the talent
/// pool (the award becomes a certificate line of the talent's record, a new version, audited) and into the shared pool
/// (an invitation the talent confirms, which submits an admission application with the award as Competition evidence).
/// </summary>
public sealed class CompetitionResults(Database db, CompetitionEntries entries, TalentStore talents, Experts experts, ReferenceData reference, TimeProvider time)
{
    /// <summary>Publishes the results (the organiser, while judging): every track ranked, stored, and the competition closed to changes.</summary>
    public async Task<WriteResult<Competition>> PublishAsync(Caller caller, long competitionId, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { MayManage: true } detail)
            {
                return WriteResult.NotFound<Competition>();
            }
            var competition = detail.Competition;
            if (expectedVersion is { } expected && expected != competition.Version)
            {
                return WriteResult.Conflict(competition);
            }
            var (to, error) = CompetitionSteps.Next(competition.State, CompetitionAction.Publish);
            if (error is not null)
            {
                return WriteResult.Invalid<Competition>(new ValidationErrors().Add("state", error));
            }
            // The state moves first: when someone else changed the competition meanwhile, nothing else is written.
            var moved = await Competitions.MoveAsync(c, tx, caller, competition, to!.Value, now, CompetitionSteps.Word(CompetitionAction.Publish));
            if (moved.Status != WriteStatus.Ok)
            {
                return moved;
            }
            var (entries, _, exclusions, sheets) = await CompetitionJudging.LoadAsync(c, tx, competitionId);
            var scores = sheets.Select(s => new JudgeScore(s.JudgeId, s.EntryId, s.Total)).ToList();
            foreach (var track in detail.Tracks.Select(t => t.Track))
            {
                var ofTrack = entries.Where(e => e.TrackId == track.Id).ToList();
                var aggregated = ScoreAggregation.Aggregate(ofTrack.Select(e => e.ForJudging), scores, exclusions);
                var counts = aggregated.ToDictionary(a => a.EntryId);
                var ranked = TrackResults.Rank(aggregated, track.Gold, track.Silver, track.Bronze);
                foreach (var result in ranked)
                {
                    await c.ExecuteAsync(
                        "INSERT INTO competition_results (entry_id, track_id, rank, final_hundredths, award, counted, dropped) " +
                        "VALUES (@entry, @track, @rank, @final, @award, @counted, @dropped)",
                        new
                        {
                            entry = result.EntryId, track = track.Id, rank = result.Rank, final = (long)(result.Final * 100), award = (int)result.Award,
                            counted = counts[result.EntryId].Counted, dropped = counts[result.EntryId].Dropped,
                        }, tx);
                }
                // Every entrant with an account learns their result (the lead of a team: the members have no account).
                foreach (var entry in ofTrack)
                {
                    var result = ranked.FirstOrDefault(r => r.EntryId == entry.Id);
                    await Inbox.NotifyPartyAsync(c, tx, entry.TalentId, null, ResultKind(result), "competition", competitionId,
                        result is null ? [Title(competition, track.Name)] : [Title(competition, track.Name), Rank(result), Final(result)], now);
                }
            }
            return moved;
        }, ct);
    }

    /// <summary>The notification kinds of competitions (each has its <c>Notify.*</c> text in <c>competitions.json</c>).</summary>
    public static readonly IReadOnlyList<string> NotificationKinds =
    [
        "competition.publish.gold", "competition.publish.silver", "competition.publish.bronze", "competition.publish.ranked", "competition.publish.unranked",
        "competitionInvitation.talentPool", "competitionInvitation.sharedPool",
    ];

    /// <summary>The kind of an entrant's result notification: an award, a rank without an award, or no result (fewer than three scores counted).</summary>
    internal static string ResultKind(EntryResult? result) => result switch
    {
        null => "competition.publish.unranked",
        { Award: Award.None } => "competition.publish.ranked",
        _ => "competition.publish." + CompetitionSteps.Word(result.Award),
    };

    private static string Title(Competition competition, string track) => $"{competition.Name}·{track}";

    private static string Rank(EntryResult result) => result.Rank.ToString(CultureInfo.InvariantCulture);

    private static string Final(EntryResult result) => result.Final.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The published results of a competition, track by track; the organiser also sees each row's invitations. Null when not published or not visible.</summary>
    public async Task<IReadOnlyList<TrackResult>?> ResultsAsync(Caller caller, long competitionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        if (await Competitions.DetailAsync(c, null, caller, competitionId) is not { Competition.State: CompetitionState.Published } detail)
        {
            return null;
        }
        var entries = await CompetitionEntries.QueryAsync(c, null, "e.competition_id = @competitionId", new { competitionId });
        if (!detail.MayManage)
        {
            entries = [.. entries.Select(e => e.Public())];
        }
        var results = (await c.QueryAsync<(long Entry, int Rank, long Final, int Award, int Counted, int Dropped)>(
                "SELECT r.entry_id, r.rank, r.final_hundredths, r.award, r.counted, r.dropped FROM competition_results r " +
                "JOIN competition_entries e ON e.id = r.entry_id WHERE e.competition_id = @competitionId", new { competitionId }))
            .ToDictionary(r => r.Entry);
        var invitations = detail.MayManage ? await InvitationsAsync(c, null, [.. entries.Select(e => e.Id)]) : [];
        return [.. detail.Tracks.Select(t =>
        {
            var ofTrack = entries.Where(e => e.TrackId == t.Track.Id).ToList();
            var rows = ofTrack.Where(e => results.ContainsKey(e.Id))
                .Select(e => (Entry: e, Row: results[e.Id]))
                .OrderBy(x => x.Row.Rank).ThenBy(x => x.Entry.Id)
                .Select(x => new ResultRow(x.Entry, new EntryResult(x.Entry.Id, x.Row.Rank, x.Row.Final / 100m, (Award)x.Row.Award), x.Row.Counted, x.Row.Dropped,
                    [.. invitations.Where(i => i.EntryId == x.Entry.Id)]))
                .ToList();
            return new TrackResult(t.Track, rows, [.. ofTrack.Where(e => !results.ContainsKey(e.Id))]);
        })];
    }

    internal static async Task<EntryResult?> ResultAsync(DbConnection c, DbTransaction? tx, long entryId)
    {
        var row = await c.QuerySingleOrDefaultAsync<(long Entry, int Rank, long Final, int Award)>(
            "SELECT entry_id, rank, final_hundredths, award FROM competition_results WHERE entry_id = @entryId", new { entryId }, tx);
        return row.Entry == 0 ? null : new EntryResult(row.Entry, row.Rank, row.Final / 100m, (Award)row.Award);
    }

    internal static async Task<IReadOnlyList<CompetitionInvitation>> InvitationsAsync(DbConnection c, DbTransaction? tx, IReadOnlyCollection<long> entryIds)
    {
        if (entryIds.Count == 0)
        {
            return [];
        }
        var rows = new List<CompetitionInvitation>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT id, entry_id, kind, state, application_id, created_at, answered_at, version FROM competition_invitations " +
            $"WHERE entry_id IN ({string.Join(",", entryIds)}) ORDER BY id", transaction: tx);
        while (await r.ReadAsync())
        {
            rows.Add(new CompetitionInvitation(r.Long(0), r.Long(1), r.Enum<CompetitionInvitationKind>(2), r.Enum<CompetitionInvitationState>(3), r.NullableLong(4),
                r.Timestamp(5), r.NullableTimestamp(6), r.Int(7)));
        }
        return rows;
    }

    /// <summary>An award winner's entry with its competition and track, for the organiser (null: not found or not theirs).</summary>
    private static async Task<(Competition Competition, Track Track, EntryView Entry, EntryResult Result)?> WinnerAsync(DbConnection c, DbTransaction? tx, Caller caller,
        long entryId, ValidationErrors errors)
    {
        if ((await CompetitionEntries.QueryAsync(c, tx, "e.id = @entryId", new { entryId })) is not [var entry]
            || await Competitions.DetailAsync(c, tx, caller, entry.CompetitionId) is not { MayManage: true } detail)
        {
            return null;
        }
        var result = await ResultAsync(c, tx, entryId);
        errors.When(detail.Competition.State != CompetitionState.Published, "state", "the results are not published yet")
            .When(result is not { Award: not Award.None }, "entryId", "only award winners are invited");
        return (detail.Competition, detail.Tracks.Single(t => t.Track.Id == entry.TrackId).Track, entry, result ?? new EntryResult(entryId, 0, 0, Award.None));
    }

    private sealed class RecordChangedException : Exception;

    /// <summary>
    /// Into the talent pool: the award becomes a certificate line of the winner's record through the ordinary record
    /// update (a new version, audited with the field names, reason "competition award"), with the invitation row, in one
    /// transaction. Once per entry.
    /// </summary>
    public async Task<WriteResult<CompetitionInvitation>> RecordAwardAsync(Caller caller, long entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors();
        (Competition Competition, Track Track, EntryView Entry, EntryResult Result)? winner;
        await using (var c = await db.OpenAsync(ct))
        {
            winner = await WinnerAsync(c, null, caller, entryId, errors);
        }
        if (winner is not { } w)
        {
            return WriteResult.NotFound<CompetitionInvitation>();
        }
        var before = await talents.FindAsync(w.Entry.TalentId, ct);
        var line = AwardEvidence.Line(w.Competition, w.Track.Name, w.Result);
        errors.When(before is null, "entryId", "the entrant's record no longer exists")
            .When(before is not null && before.Certificates.Contains(line, StringComparer.Ordinal), "entryId", "the award is on the talent's record already")
            .When(before is not null && before.Certificates.Count >= TalentDraft.MaxCertificates, "entryId", $"the talent's record lists {TalentDraft.MaxCertificates} certificates already")
            // The organiser edits the record like any operator: only within their region (the shared-pool invitation reaches anyone).
            .When(before is not null && !caller.CanEditTalent(reference.Regions, before.Id, before.ResidenceRegionCode), "entryId",
                "the winner lives outside your region: invite them to the shared pool, or ask their region's operator to record the award");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<CompetitionInvitation>(errors);
        }
        var now = time.GetUtcNow();
        try
        {
            return WriteResult.Ok(await db.InTransactionAsync(async (c, tx) =>
            {
                var invitation = await InsertAsync(c, tx, caller, w, CompetitionInvitationKind.TalentPool, CompetitionInvitationState.Accepted, now);
                var after = before! with { Certificates = [.. before.Certificates, line], UpdatedAt = now };
                if (await talents.UpdateAsync(c, tx, after, before, caller.AccountId, ct, reason: "competition award") is null)
                {
                    throw new RecordChangedException();
                }
                return invitation;
            }, ct));
        }
        catch (RecordChangedException)
        {
            return WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("version", "was changed by someone else since you opened it; the current state is shown"));
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("entryId", "the award is on the talent's record already"));
        }
    }

    /// <summary>Into the shared pool: an invitation the winner confirms (<see cref="AcceptAsync"/>) or declines. Once per entry.</summary>
    public async Task<WriteResult<CompetitionInvitation>> InviteAsync(Caller caller, long entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var errors = new ValidationErrors();
                if (await WinnerAsync(c, tx, caller, entryId, errors) is not { } w)
                {
                    return WriteResult.NotFound<CompetitionInvitation>();
                }
                return errors.IsValid
                    ? WriteResult.Ok(await InsertAsync(c, tx, caller, w, CompetitionInvitationKind.SharedPool, CompetitionInvitationState.Sent, now))
                    : WriteResult.Invalid<CompetitionInvitation>(errors);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("entryId", "is invited into the shared pool already"));
        }
    }

    /// <summary>
    /// The invitation's row and audit row, and the winner's notification (to /me/competitions, where a shared-pool
    /// invitation is answered and a recorded award is shown), all in the caller's transaction.
    /// </summary>
    private static async Task<CompetitionInvitation> InsertAsync(DbConnection c, DbTransaction tx, Caller caller,
        (Competition Competition, Track Track, EntryView Entry, EntryResult Result) winner, CompetitionInvitationKind kind, CompetitionInvitationState state,
        DateTimeOffset now)
    {
        var (competition, entryId) = (winner.Competition, winner.Entry.Id);
        var answered = state == CompetitionInvitationState.Sent ? (DateTimeOffset?)null : now;
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO competition_invitations (entry_id, kind, state, created_at, created_by, answered_at, version) " +
            "VALUES (@entryId, @kind, @state, @now, @by, @answered, 1) RETURNING id",
            new { entryId, kind = (int)kind, state = (int)state, now = Database.Utc(now), by = caller.AccountId, answered = answered is { } a ? Database.Utc(a) : answered },
            tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "competitionInvitation", id, competition.RegionCode,
            kind == CompetitionInvitationKind.TalentPool ? "competition award" : "",
            JsonSerializer.Serialize(new { competition = competition.Id, entry = entryId, kind = kind.ToString() }, Row.Json)));
        await Inbox.NotifyPartyAsync(c, tx, winner.Entry.TalentId, null, "competitionInvitation." + CompetitionSteps.Word(kind), "competitionInvitation", id,
            [Title(competition, winner.Track.Name), Rank(winner.Result)], now);
        return new CompetitionInvitation(id, entryId, kind, state, null, now, answered, 1);
    }

    private async Task<(CompetitionInvitation Invitation, MyEntry Entry)?> InvitationForAsync(Caller caller, long invitationId, CancellationToken ct)
    {
        var mine = await entries.MineAsync(caller, ct);
        return mine.SelectMany(e => e.Invitations.Select(i => (Invitation: i, Entry: e))).Where(x => x.Invitation.Id == invitationId)
            .Select(x => ((CompetitionInvitation, MyEntry)?)x).FirstOrDefault();
    }

    /// <summary>
    /// The winner confirms a shared-pool invitation: an admission application to the city's pool of the chosen county,
    /// with the award as a Competition evidence item, submitted through the shared pool's own application (pre-scored
    /// against the city's standard; an operator decides), and the invitation accepted, in one transaction.
    /// </summary>
    public async Task<WriteResult<CompetitionInvitation>> AcceptAsync(Caller caller, long invitationId, InvitationAnswer answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(answer);
        if (await InvitationForAsync(caller, invitationId, ct) is not { } found || found.Invitation.Kind != CompetitionInvitationKind.SharedPool)
        {
            return WriteResult.NotFound<CompetitionInvitation>();
        }
        if (found.Invitation.State != CompetitionInvitationState.Sent || found.Entry.Result is not { } result)
        {
            return WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("state", "the invitation was answered already"));
        }
        var competition = found.Entry.Competition;
        var request = new AdmissionRequest
        {
            TalentId = found.Entry.Entry.TalentId, PoolRegion = answer.PoolRegion, Modes = answer.Modes, Summary = answer.Summary,
            Evidence = new AdmissionEvidence { Items = [AwardEvidence.Item(competition, found.Entry.Entry.TrackName, result)] },
        };
        var now = time.GetUtcNow();
        var applied = await experts.ApplyAsync(caller, request, async (c, tx, application) =>
        {
            if (await c.ExecuteAsync(
                    "UPDATE competition_invitations SET state = @accepted, application_id = @application, answered_at = @now, version = version + 1 " +
                    "WHERE id = @invitationId AND state = @sent",
                    new { accepted = (int)CompetitionInvitationState.Accepted, application, now = Database.Utc(now), invitationId, sent = (int)CompetitionInvitationState.Sent },
                    tx) == 0)
            {
                return false;
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competitionInvitation", invitationId, competition.RegionCode,
                "accept", JsonSerializer.Serialize(new { application }, Row.Json)));
            return true;
        }, ct);
        return applied.Status switch
        {
            WriteStatus.Ok => WriteResult.Ok(found.Invitation with
            {
                State = CompetitionInvitationState.Accepted, ApplicationId = applied.Value!.Id, AnsweredAt = now, Version = found.Invitation.Version + 1,
            }),
            WriteStatus.Invalid => WriteResult.Invalid<CompetitionInvitation>(applied.Errors),
            WriteStatus.Conflict => WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("state", "the invitation was answered already")),
            _ => WriteResult.NotFound<CompetitionInvitation>(),
        };
    }

    /// <summary>The winner declines a shared-pool invitation.</summary>
    public async Task<WriteResult<CompetitionInvitation>> DeclineAsync(Caller caller, long invitationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await InvitationForAsync(caller, invitationId, ct) is not { } found || found.Invitation.Kind != CompetitionInvitationKind.SharedPool)
        {
            return WriteResult.NotFound<CompetitionInvitation>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(
                    "UPDATE competition_invitations SET state = @declined, answered_at = @now, version = version + 1 WHERE id = @invitationId AND state = @sent",
                    new { declined = (int)CompetitionInvitationState.Declined, now = Database.Utc(now), invitationId, sent = (int)CompetitionInvitationState.Sent }, tx) == 0)
            {
                return WriteResult.Invalid<CompetitionInvitation>(new ValidationErrors().Add("state", "the invitation was answered already"));
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competitionInvitation", invitationId,
                found.Entry.Competition.RegionCode, "decline"));
            return WriteResult.Ok(found.Invitation with { State = CompetitionInvitationState.Declined, AnsweredAt = now, Version = found.Invitation.Version + 1 });
        }, ct);
    }
}
