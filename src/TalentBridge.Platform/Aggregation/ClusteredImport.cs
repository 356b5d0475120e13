using System.Data.Common;
using System.Diagnostics;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// The import pipeline of records that are clustered across sources (talents, enterprises): reads the file in
/// batches, normalises each row on all cores, skips rows already imported unchanged (idempotent by source id and
/// content hash), updates changed ones in place, clusters new ones with those already known and writes each batch
/// in one transaction; every rejected or doubtful row is recorded with its reason. Runs one at a time with all
/// other imports. The clustering state is rebuilt from the stored records at the start of each run.
/// </summary>
/// <typeparam name="TRecord">The normalised record.</typeparam>
public abstract class ClusteredImport<TRecord>(Database db, TimeProvider time, ImportLimits? limits) : IRecordImport
    where TRecord : class
{
    public const int BatchSize = 5_000;

    private readonly ImportRuns _runs = new(db, time);
    private readonly ImportLimits _limits = limits ?? ImportLimits.Default;

    public abstract ImportKind Kind { get; }

    /// <summary>The table of source records, e.g. source_talents.</summary>
    protected abstract string RecordTable { get; }

    /// <summary>The table of clusters, e.g. talent_clusters.</summary>
    protected abstract string ClusterTable { get; }

    /// <summary>INSERT of one record; its parameters come from <see cref="RecordParameters"/>.</summary>
    protected abstract string InsertRecord { get; }

    /// <summary>INSERT of one cluster; its parameters come from <see cref="ClusterParameters"/>.</summary>
    protected abstract string InsertCluster { get; }

    /// <summary>UPDATE of one record in place; its parameters come from <see cref="UpdateParameters"/>.</summary>
    protected abstract string UpdateRecord { get; }

    /// <summary>
    /// Turns one source row into a record, or null when it is rejected, and says what was doubtful. Thread-safe.
    /// The returned values are those the content hash is computed from: anything secret must already be hashed.
    /// </summary>
    protected abstract (TRecord? Record, IReadOnlyList<ImportIssue> Issues, string?[] HashedValues) Normalise(string source, SourceRow row,
        Func<SourceRow, string, string?> value);

    /// <summary>The region a record lies in (checked against the importing operator's region), if known.</summary>
    protected abstract string? RegionOf(TRecord record);

    /// <summary>A new, empty clusterer: adds a record and says which cluster (1..N) it joined.</summary>
    protected abstract Func<TRecord, DedupDecision> NewClusterer();

    /// <summary>The SELECT of every stored record, in id order, read back by <see cref="ReadRecord"/>; the last two columns are cluster_id and id.</summary>
    protected abstract string SelectRecords { get; }

    protected abstract TRecord ReadRecord(DbDataReader r);

    protected abstract object RecordParameters(TRecord record, string hash, long clusterId, DedupDecision decision, long runId, DateTimeOffset now);

    protected abstract object ClusterParameters(long id, TRecord first, int count, DateTimeOffset now);

    protected abstract object UpdateParameters(long id, TRecord record, string hash, DateTimeOffset now);

    public Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId,
        IProgress<ImportProgress>? progress, CancellationToken ct) =>
        ImportAsync(file, fileName, source, profile, accountId, null, progress, ct);

    public async Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId, long? queuedRunId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ImportRuns.RequireKind(profile, Kind);
        return await _runs.OneAtATimeAsync(queuedRunId is not null, lost => RunAsync(file, fileName, source, profile, accountId, queuedRunId, progress, lost), ct);
    }

    /// <summary>Every issue of a run as TSV (line, source id, field, rejected or doubtful, reason); returns how many.</summary>
    public Task<long> WriteIssuesAsync(long runId, TextWriter writer, CancellationToken ct) => _runs.WriteIssuesAsync(runId, writer, ct);

    private sealed record Parsed(SourceRow Row, string SourceId, TRecord? Record, IReadOnlyList<ImportIssue> Issues, string Hash);

    private async Task<ImportReport> RunAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId, long? queuedRunId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var reader = new SourceReader(profile, _limits);
        var field = reader.Fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        string? Get(SourceRow row, string name) => field.TryGetValue(name, out var i) ? row.Values[i] : null;
        var (runId, scope) = await _runs.StartAsync(Kind, source, fileName, accountId, queuedRunId, file, ct);
        var runIssues = new RunIssues(runId, _limits.MaxIssuesPerRun);
        await _runs.ProgressAsync(new ImportProgress(runId, 0, 0, 0, clock.Elapsed), file, progress, ct);
        long rows = 0, inserted = 0, updated = 0, unchanged = 0, rejected = 0, doubtful = 0, duplicates = 0, nextClusterId = 0;
        try
        {
            var (cluster, clusterIds, next) = await PrimeAsync(ct);
            nextClusterId = next;
            var sourceKnown = await _runs.SourceKnownAsync(RecordTable, source, ct);
            var seenThisRun = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var batch in reader.Read(file, fileName).Chunk(BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                rows += batch.Count(r => !r.IsFileLevel);
                var parsed = new Parsed[batch.Length];
                Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var sourceId = (Get(batch[i], "sourceId") ?? "").Trim();
                    if (batch[i].Problem is { } problem)
                    {
                        parsed[i] = new Parsed(batch[i], sourceId, null, [problem], "");
                        return;
                    }
                    var (record, issues, hashed) = Normalise(source, batch[i], Get);
                    (record, issues) = ImportRuns.InScope(record, issues, record is null ? null : RegionOf(record), scope);
                    parsed[i] = new Parsed(batch[i], sourceId, record, issues, ImportRuns.ContentHash(hashed));
                });

                var now = Database.Utc(time.GetUtcNow());
                var existing = sourceKnown
                    ? await _runs.ExistingAsync(RecordTable, source, parsed.Select(p => p.SourceId).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList(), ct)
                    : [];
                var newClusters = new Dictionary<long, (TRecord First, int Count)>();
                var joined = new Dictionary<long, int>();
                var inserts = new List<object>();
                var updates = new List<object>();
                foreach (var p in parsed)
                {
                    foreach (var issue in p.Issues)
                    {
                        runIssues.Add(p.Row, p.SourceId, issue);
                    }
                    if (p.Record is null)
                    {
                        rejected += p.Row.IsFileLevel ? 0 : 1;
                        continue;
                    }
                    if (p.Issues.Count > 0)
                    {
                        doubtful++;
                    }
                    // A source id seen earlier in this file: the first occurrence is kept.
                    if (seenThisRun.TryGetValue(p.SourceId, out var earlierHash))
                    {
                        if (earlierHash == p.Hash)
                        {
                            unchanged++;
                        }
                        else
                        {
                            runIssues.Add(p.Row, p.SourceId, new ImportIssue("sourceId", "DuplicateInFile", true));
                            rejected++;
                        }
                        continue;
                    }
                    seenThisRun[p.SourceId] = p.Hash;
                    // Imported before: unchanged content is skipped, changed content updates the record in place.
                    if (existing.TryGetValue(p.SourceId, out var record))
                    {
                        if (record.Hash == p.Hash)
                        {
                            unchanged++;
                        }
                        else
                        {
                            updates.Add(UpdateParameters(record.Id, p.Record, p.Hash, now));
                            updated++;
                        }
                        continue;
                    }

                    var decision = cluster(p.Record);
                    if (!clusterIds.TryGetValue(decision.ClusterId, out var clusterId))
                    {
                        clusterIds[decision.ClusterId] = clusterId = nextClusterId++;
                        newClusters[clusterId] = (p.Record, 0);
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
                    inserts.Add(RecordParameters(p.Record, p.Hash, clusterId, decision, runId, now));
                    inserted++;
                }
                await WriteBatchAsync(newClusters, joined, inserts, updates, runIssues.Take(), now, ct);
                await _runs.ProgressAsync(new ImportProgress(runId, rows, inserted, rejected, clock.Elapsed), file, progress, ct);
            }
            var report = new ImportReport(runId, source, rows, inserted, updated, unchanged, rejected, doubtful, duplicates, nextClusterId - 1, clock.Elapsed);
            await _runs.FinishAsync(report, "done", null, null, runIssues.Dropped, ct);
            return report;
        }
        catch (Exception e)
        {
            await _runs.FailAsync(new ImportReport(runId, source, rows, inserted, updated, unchanged, rejected, doubtful, duplicates, 0, clock.Elapsed), e,
                runIssues.Dropped);
            throw;
        }
    }

    private async Task WriteBatchAsync(Dictionary<long, (TRecord First, int Count)> newClusters, Dictionary<long, int> joined,
        List<object> inserts, List<object> updates, List<object> issues, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            await BulkInsert.WriteAsync(c, tx, InsertCluster, newClusters.Select(kv => ClusterParameters(kv.Key, kv.Value.First, kv.Value.Count, now)), ct);
            await BulkInsert.WriteAsync(c, tx, InsertRecord, inserts, ct);
            await BulkInsert.WriteAsync(c, tx, ImportRuns.InsertIssue, issues, ct);
            // One command per statement for all rows (Dapper runs it once per element), prepared once.
            await c.ExecuteAsync(new CommandDefinition($"UPDATE {ClusterTable} SET source_count = source_count + @Count, last_seen = @Now WHERE id = @Id",
                joined.Select(kv => new { Id = kv.Key, Count = kv.Value, Now = now }), tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(UpdateRecord, updates, tx, cancellationToken: ct));
            return 0;
        }, ct);

    /// <summary>A clusterer fed with every stored record, the map from its cluster numbers to cluster rows, and the next cluster row id.</summary>
    private async Task<(Func<TRecord, DedupDecision> Cluster, Dictionary<long, long> ClusterIds, long Next)> PrimeAsync(CancellationToken ct)
    {
        var cluster = NewClusterer();
        var clusterIds = new Dictionary<long, long>();
        await using var c = await db.OpenAsync(ct);
        var next = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT coalesce(max(id), 0) FROM {ClusterTable}", cancellationToken: ct)) + 1;
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(SelectRecords, cancellationToken: ct));
        var clusterColumn = reader.FieldCount - 2;
        while (await reader.ReadAsync(ct))
        {
            var decision = cluster(ReadRecord(reader));
            clusterIds.TryAdd(decision.ClusterId, reader.Long(clusterColumn));
        }
        return (cluster, clusterIds, next);
    }
}
