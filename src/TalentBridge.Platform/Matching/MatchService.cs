using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Matching;

/// <summary>
/// Owns this instance's <see cref="MatchIndex"/>: builds it from the database at start-up, then keeps it
/// fresh from the match_changes outbox that triggers fill on every write (migration 0005), whichever
/// instance or tool made it. It polls every <see cref="PollInterval"/>, so a committed change is
/// matchable here within about half a second, in this process or any other sharing the database.
/// Identity values of concurrent PostgreSQL transactions can commit out of order; ids skipped over are
/// asked for again for <see cref="GapPatience"/> before they are given up as rolled back.
/// </summary>
public sealed class MatchService(Database db, TalentStore talents, PositionStore positions, MatchImpressions impressions, TimeProvider time,
    ILogger<MatchService> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);
    private const int Batch = 5_000;
    private const int Chunk = 500;

    private readonly TaskCompletionSource<MatchIndex> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, DateTimeOffset> _gaps = [];
    /// <summary>One reader of the outbox at a time: the poll loop or a query catching up.</summary>
    private readonly SemaphoreSlim _applying = new(1, 1);
    private long _last;
    private long _loaded;
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    /// <summary>The index once built; null while it is being built.</summary>
    public MatchIndex? Index => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    /// <summary>Records loaded so far while building (for a progress message).</summary>
    public long Loaded => Interlocked.Read(ref _loaded);

    /// <summary>The index, waiting for the build to finish.</summary>
    public Task<MatchIndex> ReadyAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    /// <summary>Today in China, the day matching evaluates open dates and recency on.</summary>
    public DateOnly Today => ChinaTime.Today(time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MatchIndex index;
        try
        {
            index = await BuildAsync(stoppingToken);
            _ready.SetResult(index);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
            return;
        }
        catch (Exception e)
        {
            log.LogError(e, "Building the match index failed");
            _ready.TrySetException(e);
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, time);
        var pruned = DateOnly.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // Exposure fades: yesterday's impressions count half.
                    index.AgeImpressions(Today);
                    if (pruned != Today)
                    {
                        pruned = Today;
                        await impressions.PruneAsync(Today, stoppingToken);
                    }
                    await CatchUpAsync(index, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Applying match changes failed; retrying");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<MatchIndex> BuildAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
        await using (var connection = await db.OpenAsync(ct))
        {
            // Changes from now on are replayed after loading; replaying one already loaded is harmless.
            _last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM match_changes", cancellationToken: ct)) ?? 0;
        }
        await LoadAsync(index, talents, positions, () => Interlocked.Increment(ref _loaded), ct);
        foreach (var (positionId, weight) in await impressions.WeightsAsync(null, Today, ct))
        {
            index.SetImpressions(positionId, weight, Today);
        }
        log.LogInformation("Match index built: {Talents} talents, {Positions} positions in {Seconds:F1} s",
            index.TalentCount, index.PositionCount, time.GetElapsedTime(started).TotalSeconds);
        await CatchUpAsync(index, ct);
        return index;
    }

    /// <summary>
    /// Applies every change committed so far: a query calls it before answering, so that a change just saved on any
    /// node (the caller's own, above all) is in its answer, not only after the next poll.
    /// </summary>
    public async Task CatchUpAsync(MatchIndex index, CancellationToken ct)
    {
        await _applying.WaitAsync(ct);
        try
        {
            while (await ApplyChangesAsync(index, ct) >= Batch)
            {
                // A large import: keep reading until caught up.
            }
        }
        finally { _applying.Release(); }
    }

    /// <summary>Loads every talent and position into <paramref name="index"/> (also used by the CLI).</summary>
    public static async Task LoadAsync(MatchIndex index, TalentStore talents, PositionStore positions, Action? loaded, CancellationToken ct)
    {
        await foreach (var talent in talents.StreamAsync(null, ct))
        {
            index.Upsert(MatchProfiles.From(talent, index.Skills));
            loaded?.Invoke();
        }
        await foreach (var (position, size) in positions.StreamForMatchingAsync(null, null, ct))
        {
            index.Upsert(MatchProfiles.From(position, size, index.Skills));
            loaded?.Invoke();
        }
    }

    /// <summary>Reads the next changes (and the gaps still open) and applies them; returns the rows read.</summary>
    private async Task<int> ApplyChangesAsync(MatchIndex index, CancellationToken ct)
    {
        List<(long Id, string Type, long SubjectId)> rows;
        await using (var connection = await db.OpenAsync(ct))
        {
            rows = (await connection.QueryAsync<(long, string, long)>(new CommandDefinition(
                "SELECT id, subject_type, subject_id FROM match_changes WHERE id > @last ORDER BY id LIMIT @batch",
                new { last = _last, batch = Batch }, cancellationToken: ct))).ToList();
            if (_gaps.Count > 0)
            {
                var gaps = _gaps.Keys.Take(Chunk).ToArray();
                rows.AddRange(await connection.QueryAsync<(long, string, long)>(new CommandDefinition(
                    "SELECT id, subject_type, subject_id FROM match_changes WHERE " + ListSql.InList(db, "id", "gaps"),
                    new { gaps }, cancellationToken: ct)));
            }
            var now = time.GetUtcNow();
            if (now - _lastCleanup > TimeSpan.FromMinutes(1))
            {
                _lastCleanup = now;
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM match_changes WHERE at_ms < @before AND id < (SELECT max(id) FROM match_changes)",
                    new { before = (now - Retention).ToUnixTimeMilliseconds() }, cancellationToken: ct));
            }
        }
        TrackGaps(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var talentIds = rows.Where(r => r.Type == "talent").Select(r => r.SubjectId).ToHashSet();
        var positionIds = rows.Where(r => r.Type == "position").Select(r => r.SubjectId).ToHashSet();
        var enterpriseIds = rows.Where(r => r.Type == "enterprise").Select(r => r.SubjectId).ToHashSet();
        foreach (var chunk in talentIds.Chunk(Chunk))
        {
            var missing = chunk.ToHashSet();
            await foreach (var talent in talents.StreamAsync(chunk, ct))
            {
                index.Upsert(MatchProfiles.From(talent, index.Skills));
                missing.Remove(talent.Id);
            }
            foreach (var id in missing)
            {
                index.RemoveTalent(id);
            }
        }
        foreach (var chunk in positionIds.Chunk(Chunk))
        {
            var missing = chunk.ToHashSet();
            await foreach (var (position, size) in positions.StreamForMatchingAsync(chunk, null, ct))
            {
                index.Upsert(MatchProfiles.From(position, size, index.Skills));
                missing.Remove(position.Id);
            }
            foreach (var id in missing)
            {
                index.RemovePosition(id);
            }
            // A position changes also when it is shown to a talent for the first time in a day: its exposure is re-read.
            var weights = await impressions.WeightsAsync(chunk, Today, ct);
            foreach (var id in chunk)
            {
                index.SetImpressions(id, weights.GetValueOrDefault(id), Today);
            }
        }
        foreach (var chunk in enterpriseIds.Chunk(Chunk))
        {
            await foreach (var (position, size) in positions.StreamForMatchingAsync(null, chunk, ct))
            {
                index.Upsert(MatchProfiles.From(position, size, index.Skills));
            }
        }
        return rows.Count;
    }

    /// <summary>Advances the last id seen, remembering ids skipped over and forgetting those found or waited out.</summary>
    private void TrackGaps(List<(long Id, string Type, long SubjectId)> rows)
    {
        var now = time.GetUtcNow();
        foreach (var (id, _, _) in rows)
        {
            if (!_gaps.Remove(id) && id > _last)
            {
                for (var missing = _last + 1; missing < id && _gaps.Count < 10_000; missing++)
                {
                    _gaps[missing] = now;
                }
                _last = id;
            }
        }
        foreach (var (id, seen) in _gaps.ToList())
        {
            if (now - seen > GapPatience)
            {
                _gaps.Remove(id);
            }
        }
    }

    public override void Dispose()
    {
        Index?.Dispose();
        _applying.Dispose();
        base.Dispose();
    }
}
