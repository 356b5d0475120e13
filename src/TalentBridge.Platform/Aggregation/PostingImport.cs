using System.Diagnostics;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

public sealed record ImportProgress(long RunId, long Rows, long Inserted, long Rejected, TimeSpan Elapsed);

public sealed record ImportReport(
    long RunId,
    string Source,
    long Rows,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    long Doubtful,
    long Duplicates,
    long Clusters,
    TimeSpan Elapsed)
{
    /// <summary>Where the time went: reading, normalising, looking up known rows, clustering, writing.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Stages { get; init; } = new Dictionary<string, TimeSpan>();

    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Imports postings from one outside platform's export (全量归集): reads the file in batches, normalises
/// each row on all cores, skips rows already imported unchanged (idempotent by source id and content
/// hash), updates changed ones, clusters new ones with the postings already known (one cluster per real
/// position, every source kept) and writes each batch in one transaction. Every rejected or doubtful
/// row is recorded with its reason. Imports run one at a time.
/// </summary>
public sealed class PostingImport(Database db, PostingNormaliser normaliser, TimeProvider time, ImportLimits? limits = null) : IRecordImport
{
    public const int BatchSize = 5_000;

    private readonly ImportRuns _runs = new(db, time);
    private readonly ImportLimits _limits = limits ?? ImportLimits.Default;

    public ImportKind Kind => ImportKind.Positions;

    private const string InsertCluster =
        "INSERT INTO posting_clusters (id, title, occupation_code, enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, " +
        "posted_on, source_count, first_seen, last_seen) VALUES (@Id, @Title, @OccupationCode, @EnterpriseName, @Uscc, @RegionCode, @SalaryMin, " +
        "@SalaryMax, @MonthsPerYear, @PostedOn, @SourceCount, @Now, @Now)";

    private const string InsertPosting =
        "INSERT INTO source_postings (source, source_id, content_hash, cluster_id, similarity, match_reason, title, occupation_code, " +
        "enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, posted_on, occupation_confidence, min_education, " +
        "min_experience_years, headcount, description, run_id, imported_at, updated_at) VALUES (@Source, @SourceId, @ContentHash, @ClusterId, " +
        "@Similarity, @MatchReason, @Title, @OccupationCode, @EnterpriseName, @Uscc, @RegionCode, @SalaryMin, @SalaryMax, @MonthsPerYear, " +
        "@PostedOn, @OccupationConfidence, @MinEducation, @MinExperienceYears, @Headcount, @Description, @RunId, @Now, @Now)";

    /// <summary>A source row read: its posting and the issues found before normalisation (an unreadable date).</summary>
    private sealed record Row(SourceRow Source, string SourceId, SourcePosting Posting, string Hash, IReadOnlyList<ImportIssue> Issues);

    /// <summary>
    /// The clustering state, kept between imports of this process: the next import feeds it only the
    /// postings stored since (by any process), instead of all of them. It is valid only as long as no
    /// cluster was split, merged or restored by hand (<see cref="ClusterReview"/>): each such change adds a
    /// row to cluster_changes, and a state that has not seen the latest row is rebuilt from the database.
    /// </summary>
    private sealed class ClusterState
    {
        public PostingDeduplicator Deduplicator { get; } = new();
        public Dictionary<long, long> ClusterIds { get; } = [];
        public long LastPostingId { get; set; }
        public long LastChangeId { get; init; }
    }

    private ClusterState? _state;

    public Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId,
        IProgress<ImportProgress>? progress, CancellationToken ct) =>
        ImportAsync(file, fileName, source, profile, accountId, null, progress, ct);

    public async Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId, long? queuedRunId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ImportRuns.RequireKind(profile, Kind);
        return await _runs.OneAtATimeAsync(queuedRunId is not null, lost => RunAsync(file, fileName, source, profile, accountId, queuedRunId, progress, lost), ct);
    }

    private async Task<ImportReport> RunAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId, long? queuedRunId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var reader = new SourceReader(profile, _limits);
        var field = reader.Fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var (runId, scope) = await _runs.StartAsync(Kind, source, fileName, accountId, queuedRunId, file, ct);
        var runIssues = new RunIssues(runId, _limits.MaxIssuesPerRun);
        await _runs.ProgressAsync(new ImportProgress(runId, 0, 0, 0, clock.Elapsed), file, progress, ct);
        var primeClock = Stopwatch.StartNew();
        var (state, nextClusterId) = await PrimeAsync(ct);
        var (deduplicator, clusterIds) = (state.Deduplicator, state.ClusterIds);
        // Rows of earlier runs are looked up in the database, and only if this source has any;
        // rows earlier in this run are remembered by a 64-bit hash of their source id.
        var sourceKnown = await _runs.SourceKnownAsync("source_postings", source, ct);
        var seenThisRun = new HashSet<long>();
        Task pendingWrite = Task.CompletedTask;
        var primed = primeClock.Elapsed;
        long rows = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0, doubtful = 0, duplicates = 0;
        var stages = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        stages["prime"] = primed;
        var stage = Stopwatch.StartNew();
        void Lap(string name)
        {
            stages[name] = stages.GetValueOrDefault(name) + stage.Elapsed;
            stage.Restart();
        }
        try
        {
            foreach (var batch in reader.Read(file, fileName).Chunk(BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                Lap("read");
                rows += batch.Count(r => !r.IsFileLevel);
                var parsed = new Row[batch.Length];
                var results = new (NormalisedPosting? Posting, IReadOnlyList<ImportIssue> Issues)[parsed.Length];
                Parallel.For(0, parsed.Length, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    parsed[i] = ToRow(batch[i], source, field); // with the content hash
                    if (batch[i].Problem is { } problem)
                    {
                        results[i] = (null, [problem]);
                        return;
                    }
                    var (posting, issues) = normaliser.Normalise(parsed[i].Posting);
                    results[i] = ImportRuns.InScope(posting, parsed[i].Issues.Count == 0 ? issues : [.. parsed[i].Issues, .. issues], posting?.RegionCode, scope);
                });
                Lap("normalise");

                var now = Database.Utc(time.GetUtcNow());
                var lookUp = parsed.Select(p => p.SourceId).Where(id => id.Length > 0 && (sourceKnown || seenThisRun.Contains(ImportRuns.IdHash(id))))
                    .Distinct(StringComparer.Ordinal).ToList();
                if (lookUp.Any(id => seenThisRun.Contains(ImportRuns.IdHash(id))))
                {
                    // The row may be in the batch still being written.
                    await pendingWrite;
                }
                var existing = await _runs.ExistingAsync("source_postings", source, lookUp, ct);
                Lap("lookup");
                var seenInBatch = new Dictionary<string, string>(StringComparer.Ordinal);
                var newClusters = new Dictionary<long, (NormalisedPosting First, int Count)>();
                var joined = new Dictionary<long, int>();
                var inserts = new List<object>();
                var updates = new List<(long Id, NormalisedPosting Posting, string Hash)>();
                for (var i = 0; i < parsed.Length; i++)
                {
                    var (row, (posting, rowIssues)) = (parsed[i], results[i]);
                    foreach (var issue in rowIssues)
                    {
                        runIssues.Add(row.Source, row.SourceId, issue);
                    }
                    if (posting is null)
                    {
                        rejected += row.Source.IsFileLevel ? 0 : 1;
                        continue;
                    }
                    if (rowIssues.Count > 0)
                    {
                        doubtful++;
                    }
                    // A source id seen earlier in this file: the first occurrence is kept.
                    if (seenInBatch.TryGetValue(row.SourceId, out var earlierHash)
                        || (existing.TryGetValue(row.SourceId, out var sameRun) && sameRun.RunId == runId && (earlierHash = sameRun.Hash) is not null))
                    {
                        if (earlierHash == row.Hash)
                        {
                            unchanged++;
                        }
                        else
                        {
                            runIssues.Add(row.Source, row.SourceId, new ImportIssue("sourceId", "DuplicateInFile", true));
                            rejected++;
                        }
                        continue;
                    }
                    // Imported before: unchanged content is skipped, changed content updates the record in place.
                    if (existing.TryGetValue(row.SourceId, out var record))
                    {
                        if (record.Hash == row.Hash)
                        {
                            unchanged++;
                        }
                        else
                        {
                            updates.Add((record.Id, posting, row.Hash));
                            updated++;
                        }
                        continue;
                    }
                    seenInBatch[row.SourceId] = row.Hash;
                    seenThisRun.Add(ImportRuns.IdHash(row.SourceId));

                    var decision = deduplicator.Add(posting);
                    if (!clusterIds.TryGetValue(decision.ClusterId, out var clusterId))
                    {
                        clusterIds[decision.ClusterId] = clusterId = nextClusterId++;
                        newClusters[clusterId] = (posting, 0);
                    }
                    if (newClusters.TryGetValue(clusterId, out var fresh))
                    {
                        newClusters[clusterId] = fresh with { Count = fresh.Count + 1 };
                    }
                    else
                    {
                        joined[clusterId] = joined.GetValueOrDefault(clusterId) + 1;
                    }
                    if (!decision.IsNew)
                    {
                        duplicates++;
                    }
                    inserts.Add(PostingParameters(posting, row.Hash, clusterId, decision, runId, now));
                    inserted++;
                }

                Lap("cluster");
                // The batch is written while the next one is read, normalised and clustered.
                await pendingWrite;
                Lap("write");
                // On a thread of its own: SQLite's "async" calls complete synchronously, which would run the write right here.
                var issues = runIssues.Take();
                pendingWrite = Task.Run(() => WriteBatchAsync(newClusters, joined, inserts, updates, issues, now, ct), ct);
                await _runs.ProgressAsync(new ImportProgress(runId, rows, inserted, rejected, clock.Elapsed), file, progress, ct);
            }
            await pendingWrite;
            Lap("write");
            // Everything stored so far is in the clustering state now.
            await using (var c = await db.OpenAsync(ct))
            {
                state.LastPostingId = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM source_postings");
            }
            var report = new ImportReport(runId, source, rows, inserted, updated, unchanged, rejected, doubtful, duplicates, nextClusterId - 1, clock.Elapsed)
            {
                Stages = stages,
            };
            await _runs.FinishAsync(report, "done", null, null, runIssues.Dropped, ct);
            return report;
        }
        catch (Exception e)
        {
            // The clustering state may hold postings whose batch was not written: start afresh next time.
            _state = null;
            await Task.WhenAny(pendingWrite); // let an in-flight write end; its own error, if any, is not the one reported
            var report = new ImportReport(runId, source, rows, inserted, updated, unchanged, rejected, doubtful, duplicates, 0, clock.Elapsed);
            await _runs.FailAsync(report, e, runIssues.Dropped);
            throw;
        }
    }

    private static Row ToRow(SourceRow row, string source, Dictionary<string, int> field)
    {
        string? Get(string name) => field.TryGetValue(name, out var i) ? row.Values[i] : null;
        var sourceId = Get("sourceId") ?? "";
        var issues = new List<ImportIssue>();
        var posting = new SourcePosting(source, sourceId, Get("title") ?? "", Get("enterprise"), Get("uscc"), Get("place"), Get("salary"),
            Get("education"), Get("experience"), Get("headcount"), Get("description"), PostingNormaliser.Date("postedOn", Get("postedOn"), issues));
        return new Row(row, sourceId, posting, ImportRuns.ContentHash(row.Values), issues);
    }

    private static object PostingParameters(NormalisedPosting p, string hash, long clusterId, DedupDecision decision, long runId, DateTimeOffset now) => new
    {
        p.Source,
        p.SourceId,
        ContentHash = hash,
        ClusterId = clusterId,
        decision.Similarity,
        MatchReason = decision.Reason,
        p.Title,
        p.OccupationCode,
        p.EnterpriseName,
        p.Uscc,
        RegionCode = Storage.Row.StoredRegion(p.RegionCode),
        p.SalaryMin,
        p.SalaryMax,
        p.MonthsPerYear,
        p.PostedOn,
        p.OccupationConfidence,
        MinEducation = p.MinEducation is { } e ? (int?)e : null,
        p.MinExperienceYears,
        p.Headcount,
        p.Description,
        RunId = runId,
        Now = now,
    };

    private async Task WriteBatchAsync(Dictionary<long, (NormalisedPosting First, int Count)> newClusters, Dictionary<long, int> joined,
        List<object> inserts, List<(long Id, NormalisedPosting Posting, string Hash)> updates, List<object> issues, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (db.Engine == DatabaseEngine.Sqlite)
            {
                // Index pages of a growing table must stay in memory or every insert reads the disk. The log is
                // copied into the database (and the disk synced twice) every 40 MB instead of every 4 MB: the index
                // and cluster pages that every batch touches are copied once for several batches.
                await c.ExecuteAsync("PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 10000", transaction: tx);
            }
            await BulkInsert.WriteAsync(c, tx, InsertCluster, newClusters.Select(kv => (object)new
            {
                Id = kv.Key,
                kv.Value.First.Title,
                kv.Value.First.OccupationCode,
                kv.Value.First.EnterpriseName,
                kv.Value.First.Uscc,
                RegionCode = Storage.Row.StoredRegion(kv.Value.First.RegionCode),
                kv.Value.First.SalaryMin,
                kv.Value.First.SalaryMax,
                kv.Value.First.MonthsPerYear,
                kv.Value.First.PostedOn,
                SourceCount = kv.Value.Count,
                Now = now,
            }), ct);
            await BulkInsert.WriteAsync(c, tx, InsertPosting, inserts, ct);
            await BulkInsert.WriteAsync(c, tx, ImportRuns.InsertIssue, issues, ct);
            // One command for all rows (Dapper runs it once per element), prepared once.
            await c.ExecuteAsync("UPDATE posting_clusters SET source_count = source_count + @Count, last_seen = @Now WHERE id = @Id",
                joined.Select(kv => new { Id = kv.Key, Count = kv.Value, Now = now }), tx);
            await c.ExecuteAsync(
                "UPDATE source_postings SET content_hash = @hash, title = @Title, occupation_code = @OccupationCode, occupation_confidence = @OccupationConfidence, " +
                "enterprise_name = @EnterpriseName, uscc = @Uscc, region_code = @RegionCode, salary_min = @SalaryMin, salary_max = @SalaryMax, " +
                "months_per_year = @MonthsPerYear, min_education = @MinEducation, min_experience_years = @MinExperienceYears, headcount = @Headcount, " +
                "description = @Description, posted_on = @PostedOn, updated_at = @now WHERE id = @id",
                updates.Select(u => new
                {
                    hash = u.Hash, u.Posting.Title, u.Posting.OccupationCode, u.Posting.OccupationConfidence, u.Posting.EnterpriseName, u.Posting.Uscc,
                    RegionCode = Storage.Row.StoredRegion(u.Posting.RegionCode), u.Posting.SalaryMin, u.Posting.SalaryMax, u.Posting.MonthsPerYear,
                    MinEducation = u.Posting.MinEducation is { } e ? (int?)e : null, u.Posting.MinExperienceYears, u.Posting.Headcount,
                    u.Posting.Description, u.Posting.PostedOn, now, id = u.Id,
                }), tx);
            return 0;
        }, ct);

    /// <summary>
    /// Brings the clustering state up to date with the postings stored since it last looked; after a manual
    /// change of the clusters it is rebuilt from all postings, which now carry the cluster ids the operator chose.
    /// </summary>
    private async Task<(ClusterState State, long NextClusterId)> PrimeAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var lastChange = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(id), 0) FROM cluster_changes", cancellationToken: ct));
        if (_state is null || _state.LastChangeId != lastChange)
        {
            _state = new ClusterState { LastChangeId = lastChange };
        }
        var state = _state;
        var next = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM posting_clusters") + 1;
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT source, source_id, title, occupation_code, occupation_confidence, enterprise_name, uscc, region_code, salary_min, salary_max, " +
            "months_per_year, min_education, min_experience_years, headcount, description, posted_on, cluster_id, id FROM source_postings " +
            "WHERE id > @after ORDER BY id", new { after = state.LastPostingId }, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            var posting = new NormalisedPosting(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.NullableString(3),
                Convert.ToDouble(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(5), reader.NullableString(6),
                reader.NullableRegion(7), reader.NullableInt(8), reader.NullableInt(9), reader.Int(10),
                reader.IsDBNull(11) ? null : reader.Enum<EducationLevel>(11), reader.NullableInt(12), reader.NullableInt(13), reader.NullableString(14),
                reader.IsDBNull(15) ? null : reader.Date(15));
            var decision = state.Deduplicator.Add(posting);
            state.ClusterIds.TryAdd(decision.ClusterId, reader.Long(16));
            state.LastPostingId = reader.Long(17);
        }
        return (state, next);
    }

    /// <summary>Every issue of a run as TSV (line, source id, field, rejected or doubtful, reason); returns how many.</summary>
    public Task<long> WriteIssuesAsync(long runId, TextWriter writer, CancellationToken ct) => _runs.WriteIssuesAsync(runId, writer, ct);
}
