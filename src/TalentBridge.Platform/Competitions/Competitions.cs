using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Competitions;

/// <summary>The list's filters: keyword (name, organiser), region subtree, level, state, year of the final; sort and page.</summary>
public sealed record CompetitionQuery(ListQuery List, RecognitionLevel? Level = null, CompetitionState? State = null, int? Year = null);

/// <summary>A track with its number of entries.</summary>
public sealed record TrackView(Track Track, int Entries);

/// <summary>A competition with its tracks, and what the caller may do with it.</summary>
public sealed record CompetitionDetail(Competition Competition, IReadOnlyList<TrackView> Tracks, bool MayManage, bool IsJudge);

/// <summary>
/// Competitions (以赛引才, issue 16 item 4) and their tracks: operators organise them for their region's subtree,
/// administrators anywhere; everyone reads those no longer drafts. The state follows <see cref="CompetitionSteps"/>;
/// every change is versioned and audited with its values (a competition holds no personal data).
/// </summary>
public sealed class Competitions(Database db, ReferenceData reference, TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "c.name",
        ["finalOn"] = "c.final_on",
        ["entryUntil"] = "c.entry_until",
        ["level"] = "c.level",
    };

    private const string Columns =
        "c.id, c.name, c.organiser, c.region_code, c.level, c.description, c.entry_from, c.entry_until, c.final_on, c.state, c.published_at, c.version";

    /// <summary>Who organises a region's competitions: administrators, and operators whose subtree holds it.</summary>
    public static bool MayManage(Caller caller, string regionCode) => caller.IsAdmin || (caller.IsOperator && caller.InScope(regionCode));

    public async Task<WriteResult<Page<Competition>>> ListAsync(Caller caller, CompetitionQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var errors = query.List.Validate(reference, SortKeys.Keys.ToList())
            .When(query.Level is { } l && !Enum.IsDefined(l), "level", $"is not a valid {nameof(RecognitionLevel)}")
            .When(query.State is { } s && !Enum.IsDefined(s), "state", $"is not a valid {nameof(CompetitionState)}")
;
        if (query.Year is { } year)
        {
            errors.Range(year, 2000, 2100, "year");
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Page<Competition>>(errors);
        }
        var where = new Where();
        // Drafts are seen by those who may organise them only: administrators, operators of the region's subtree.
        if (!caller.IsAdmin)
        {
            where.Parameters.Add("draft", (int)CompetitionState.Draft);
            if (caller.IsOperator)
            {
                var (lo, hi) = RegionCatalogue.SubtreeRange(caller.ScopeRegion!);
                where.Add("(c.state <> @draft OR c.region_code BETWEEN @scopeLo AND @scopeHi)", "scopeLo", lo);
                where.Parameters.Add("scopeHi", hi);
            }
            else
            {
                where.Add("c.state <> @draft");
            }
        }
        if (query.List.Region is { } region)
        {
            where.RegionSubtree("c.region_code", region, "region");
        }
        if (!string.IsNullOrWhiteSpace(query.List.Text))
        {
            where.Text(db.Like, query.List.Text.Trim(), "c.name", "c.organiser");
        }
        if (query.Level is { } level)
        {
            where.Add("c.level = @level", "level", (int)level);
        }
        if (query.State is { } state)
        {
            where.Add("c.state = @state", "state", (int)state);
        }
        if (query.Year is { } finalYear)
        {
            where.Add("c.final_on >= @yearFrom AND c.final_on <= @yearTo", "yearFrom", new DateOnly(finalYear, 1, 1));
            where.Parameters.Add("yearTo", new DateOnly(finalYear, 12, 31));
        }
        return WriteResult.Ok(await ListSql.PageAsync(db, "competitions c", Columns, where,
            Sorting.OrderBy(query.List.Sort, SortKeys, "c.final_on DESC, c.id DESC", "c.id"), query.List, Read, null, ct));
    }

    internal static Competition Read(DbDataReader r) => new()
    {
        Id = r.Long(0),
        Name = r.GetString(1),
        Organiser = r.GetString(2),
        RegionCode = RegionCatalogue.Significant(r.GetString(3)),
        Level = r.Enum<RecognitionLevel>(4),
        Description = r.NullableString(5),
        EntryFrom = r.Date(6),
        EntryUntil = r.Date(7),
        FinalOn = r.Date(8),
        State = r.Enum<CompetitionState>(9),
        PublishedAt = r.NullableTimestamp(10),
        Version = r.Int(11),
    };

    internal static async Task<Competition?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM competitions c WHERE c.id = @id", new { id }, tx);
        return await r.ReadAsync() ? Read(r) : null;
    }

    internal static async Task<IReadOnlyList<Track>> TracksAsync(DbConnection c, DbTransaction? tx, long competitionId) =>
        [.. (await c.QueryAsync<(long Id, string Name, string? Description, string Criteria, int Gold, int Silver, int Bronze, int Version)>(
                "SELECT id, name, description, criteria, gold, silver, bronze, version FROM competition_tracks WHERE competition_id = @competitionId ORDER BY id",
                new { competitionId }, tx))
            .Select(t => new Track
            {
                Id = t.Id, CompetitionId = competitionId, Name = t.Name, Description = t.Description,
                Criteria = JsonSerializer.Deserialize<List<Criterion>>(t.Criteria, Row.Json) ?? [], Gold = t.Gold, Silver = t.Silver, Bronze = t.Bronze,
                Version = t.Version,
            })];

    /// <summary>
    /// A competition for the caller: null when it does not exist or is a draft the caller may not organise. Says whether
    /// the caller organises it and whether they judge one of its tracks.
    /// </summary>
    public async Task<CompetitionDetail?> DetailAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        return await DetailAsync(c, null, caller, id);
    }

    /// <summary>
    /// A write that depends on the competition's state holds its row for the rest of the transaction (PostgreSQL: FOR
    /// SHARE; SQLite runs one writer at a time): a state change, which updates the row, then waits for the write to
    /// commit, and the write reads the state it commits under — no sheet, entry or removal slips past publication or
    /// the close of entry. Call it first in the transaction.
    /// </summary>
    internal static Task HoldAsync(DbConnection c, DbTransaction tx, long competitionId) =>
        c is Npgsql.NpgsqlConnection ? c.ExecuteAsync("SELECT id FROM competitions WHERE id = @competitionId FOR SHARE", new { competitionId }, tx) : Task.CompletedTask;

    internal static async Task<CompetitionDetail?> DetailAsync(DbConnection c, DbTransaction? tx, Caller caller, long id)
    {
        if (await FindAsync(c, tx, id) is not { } competition)
        {
            return null;
        }
        var manage = MayManage(caller, competition.RegionCode);
        if (competition.State == CompetitionState.Draft && !manage)
        {
            return null;
        }
        var counts = (await c.QueryAsync<(long Track, long Count)>(
            "SELECT track_id, count(*) FROM competition_entries WHERE competition_id = @id GROUP BY track_id", new { id }, tx)).ToDictionary(x => x.Track, x => (int)x.Count);
        var judge = caller.AccountId is { } account && await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM competition_judges WHERE competition_id = @id AND account_id = @account", new { id, account }, tx) > 0;
        return new CompetitionDetail(competition, [.. (await TracksAsync(c, tx, id)).Select(t => new TrackView(t, counts.GetValueOrDefault(t.Id)))], manage, judge);
    }

    /// <summary>The competitions whose tracks the caller judges, newest final first (at most 50).</summary>
    public async Task<IReadOnlyList<Competition>> JudgedByAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } account)
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        var rows = new List<Competition>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM competitions c WHERE c.id IN (SELECT competition_id FROM competition_judges WHERE account_id = @account) " +
            "ORDER BY c.final_on DESC, c.id DESC LIMIT 50", new { account }, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            rows.Add(Read(r));
        }
        // A draft is the organisers' only, as everywhere else.
        return [.. rows.Where(x => x.State != CompetitionState.Draft || MayManage(caller, x.RegionCode))];
    }

    public Task<WriteResult<Competition>> CreateAsync(Caller caller, Competition input, CancellationToken ct) => SaveAsync(caller, null, null, input, ct);

    public Task<WriteResult<Competition>> UpdateAsync(Caller caller, long id, int? expectedVersion, Competition input, CancellationToken ct) =>
        SaveAsync(caller, id, expectedVersion, input, ct);

    private async Task<WriteResult<Competition>> SaveAsync(Caller caller, long? id, int? expectedVersion, Competition input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<Competition>();
        }
        Competition? existing = null;
        if (id is { } competitionId)
        {
            await using (var c = await db.OpenAsync(ct))
            {
                existing = await FindAsync(c, null, competitionId);
            }
            if (existing is null || !MayManage(caller, existing.RegionCode))
            {
                return WriteResult.NotFound<Competition>();
            }
            if (expectedVersion is { } expected && existing.Version != expected)
            {
                return WriteResult.Conflict(existing);
            }
        }
        var errors = input.Validate(reference)
            .When(existing?.State == CompetitionState.Published, "state", CompetitionSteps.PublishedRefusal);
        if (errors.IsValid && !MayManage(caller, input.RegionCode))
        {
            errors.Add("regionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Competition>(errors);
        }
        var now = time.GetUtcNow();
        var saved = input with
        {
            Id = existing?.Id ?? 0, Name = input.Name.Trim(), Organiser = input.Organiser.Trim(), Description = input.Description?.Trim(),
            RegionCode = RegionCatalogue.Significant(input.RegionCode), State = existing?.State ?? CompetitionState.Draft, PublishedAt = null,
            Version = (existing?.Version ?? 0) + 1,
        };
        var args = new
        {
            saved.Id, saved.Name, saved.Organiser, Region = RegionCatalogue.Pad(saved.RegionCode), Level = (int)saved.Level, saved.Description, saved.EntryFrom,
            saved.EntryUntil, saved.FinalOn, State = (int)saved.State, By = caller.AccountId, Before = existing?.Version ?? 0, Now = Database.Utc(now),
        };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (existing is null)
            {
                saved = saved with
                {
                    Id = await c.ExecuteScalarAsync<long>(
                        "INSERT INTO competitions (name, organiser, region_code, level, description, entry_from, entry_until, final_on, state, created_by, version, " +
                        "created_at, updated_at) VALUES (@Name, @Organiser, @Region, @Level, @Description, @EntryFrom, @EntryUntil, @FinalOn, @State, @By, 1, @Now, @Now) " +
                        "RETURNING id", args, tx),
                };
            }
            else if (await c.ExecuteAsync(
                "UPDATE competitions SET name = @Name, organiser = @Organiser, region_code = @Region, level = @Level, description = @Description, " +
                "entry_from = @EntryFrom, entry_until = @EntryUntil, final_on = @FinalOn, version = version + 1, updated_at = @Now " +
                "WHERE id = @Id AND version = @Before AND state <> 3", args, tx) == 0)
            {
                return WriteResult.Lost(await FindAsync(c, tx, saved.Id));
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, existing is null ? AuditAction.Create : AuditAction.Update, "competition",
                saved.Id, saved.RegionCode, "", AuditTrail.Diff(existing, saved)));
            return WriteResult.Ok(saved);
        }, ct);
    }

    /// <summary>Adds a track (the organiser, before the results are published).</summary>
    public async Task<WriteResult<Track>> AddTrackAsync(Caller caller, long competitionId, Track input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (await FindAsync(c, tx, competitionId) is not { } competition || !MayManage(caller, competition.RegionCode))
                {
                    return WriteResult.NotFound<Track>();
                }
                var errors = input.Validate()
                    .When(competition.State == CompetitionState.Published, "state", CompetitionSteps.PublishedRefusal);
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Track>(errors);
                }
                var track = Trimmed(input) with { CompetitionId = competitionId, Version = 1 };
                track = track with
                {
                    Id = await c.ExecuteScalarAsync<long>(
                        "INSERT INTO competition_tracks (competition_id, name, description, criteria, gold, silver, bronze, version, created_at) " +
                        "VALUES (@competitionId, @name, @description, @criteria, @gold, @silver, @bronze, 1, @now) RETURNING id",
                        new
                        {
                            competitionId, name = track.Name, description = track.Description, criteria = Row.ToJson(track.Criteria), gold = track.Gold,
                            silver = track.Silver, bronze = track.Bronze, now = Database.Utc(now),
                        }, tx),
                };
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competition", competitionId, competition.RegionCode,
                    "add track", JsonSerializer.Serialize(track, Row.Json)), "competition.track");
                return WriteResult.Ok(track);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Track>(new ValidationErrors().Add("name", "is the name of another track of this competition"));
        }
    }

    private static Track Trimmed(Track input) => input with
    {
        Name = input.Name.Trim(), Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        Criteria = [.. input.Criteria.Select(k => k with { Name = k.Name.Trim() })],
    };

    /// <summary>
    /// Changes a track (the organiser, naming the version read): its name, description, criteria and awards, while the
    /// competition is a draft or open for entries and no judge has scored in it (<see cref="Track.ChangeRefusals"/>).
    /// Audited with the values before and after (a track holds no personal data).
    /// </summary>
    public async Task<WriteResult<Track>> UpdateTrackAsync(Caller caller, long competitionId, long trackId, int? expectedVersion, Track input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await HoldAsync(c, tx, competitionId);
                if (await FindAsync(c, tx, competitionId) is not { } competition || !MayManage(caller, competition.RegionCode)
                    || (await TracksAsync(c, tx, competitionId)).FirstOrDefault(t => t.Id == trackId) is not { } before)
                {
                    return WriteResult.NotFound<Track>();
                }
                if (expectedVersion is { } expected && expected != before.Version)
                {
                    return WriteResult.Conflict(before);
                }
                var errors = input.Validate().AddMissing(Track.ChangeRefusals(competition.State, await ScoredAsync(c, tx, trackId)));
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Track>(errors);
                }
                var after = Trimmed(input) with { Id = trackId, CompetitionId = competitionId, Version = before.Version + 1 };
                // The competition's row is held (entry cannot close meanwhile); the statement checks the state and the sheets once more
                // for SQLite's sake and for a sheet committed before the hold.
                if (await c.ExecuteAsync(
                        "UPDATE competition_tracks SET name = @name, description = @description, criteria = @criteria, gold = @gold, silver = @silver, " +
                        "bronze = @bronze, version = version + 1 WHERE id = @trackId AND version = @version " +
                        "AND EXISTS (SELECT 1 FROM competitions WHERE id = @competitionId AND state IN (@draft, @open)) " +
                        "AND NOT EXISTS (SELECT 1 FROM competition_scores s JOIN competition_entries e ON e.id = s.entry_id WHERE e.track_id = @trackId)",
                        new
                        {
                            name = after.Name, description = after.Description, criteria = Row.ToJson(after.Criteria), gold = after.Gold, silver = after.Silver,
                            bronze = after.Bronze, trackId, version = before.Version, competitionId, draft = (int)CompetitionState.Draft,
                            open = (int)CompetitionState.Open,
                        }, tx) == 0)
                {
                    var current = (await TracksAsync(c, tx, competitionId)).FirstOrDefault(t => t.Id == trackId);
                    var refusals = Track.ChangeRefusals((await FindAsync(c, tx, competitionId))!.State, await ScoredAsync(c, tx, trackId));
                    return current?.Version == before.Version && !refusals.IsValid ? WriteResult.Invalid<Track>(refusals) : WriteResult.Lost(current);
                }
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competitionTrack", trackId, competition.RegionCode,
                    "", AuditTrail.Diff(before, after)));
                return WriteResult.Ok(after);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Track>(new ValidationErrors().Add("name", "is the name of another track of this competition"));
        }
    }

    /// <summary>Whether a judge has given a sheet to an entry of the track.</summary>
    private static async Task<bool> ScoredAsync(DbConnection c, DbTransaction tx, long trackId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM competition_scores s JOIN competition_entries e ON e.id = s.entry_id WHERE e.track_id = @trackId", new { trackId }, tx) > 0;

    /// <summary>Opens or closes entry (the organiser); publishing is <see cref="CompetitionResults.PublishAsync"/>.</summary>
    public async Task<WriteResult<Competition>> StepAsync(Caller caller, long competitionId, int? expectedVersion, CompetitionAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, competitionId) is not { } competition || !MayManage(caller, competition.RegionCode))
            {
                return WriteResult.NotFound<Competition>();
            }
            if (expectedVersion is { } expected && expected != competition.Version)
            {
                return WriteResult.Conflict(competition);
            }
            var errors = new ValidationErrors().When(action == CompetitionAction.Publish, "action", "publish the results through their own step");
            var (to, error) = CompetitionSteps.Next(competition.State, action);
            errors.When(error is not null, "state", error ?? "");
            if (to == CompetitionState.Open && (await TracksAsync(c, tx, competitionId)).Count == 0)
            {
                errors.Add("tracks", "a competition needs a track before it takes entries");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<Competition>(errors);
            }
            return await MoveAsync(c, tx, caller, competition, to!.Value, now, CompetitionSteps.Word(action));
        }, ct);
    }

    /// <summary>Moves a competition to a state in the caller's transaction, with its audit row and event (competition.openEntry …).</summary>
    internal static async Task<WriteResult<Competition>> MoveAsync(DbConnection c, DbTransaction tx, Caller caller, Competition competition, CompetitionState to,
        DateTimeOffset now, string step)
    {
        if (await c.ExecuteAsync(
                "UPDATE competitions SET state = @to, published_at = @published, version = version + 1, updated_at = @now WHERE id = @id AND version = @version",
                new
                {
                    to = (int)to, published = to == CompetitionState.Published ? Database.Utc(now) : (DateTimeOffset?)null, now = Database.Utc(now),
                    id = competition.Id, version = competition.Version,
                }, tx) == 0)
        {
            return WriteResult.Lost(await FindAsync(c, tx, competition.Id));
        }
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "competition", competition.Id, competition.RegionCode, step,
            JsonSerializer.Serialize(new { state = new[] { competition.State.ToString(), to.ToString() } }, Row.Json)), "competition." + step);
        return WriteResult.Ok(competition with
        {
            State = to, PublishedAt = to == CompetitionState.Published ? now : competition.PublishedAt, Version = competition.Version + 1,
        });
    }
}
