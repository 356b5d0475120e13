using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>An importer of one kind of record (positions, talents, enterprises) from an outside platform's export.</summary>
public interface IRecordImport
{
    ImportKind Kind { get; }

    Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId,
        IProgress<ImportProgress>? progress, CancellationToken ct);

    /// <summary>Runs the queued run <paramref name="queuedRunId"/> (uploaded through the web), or a new run when null.</summary>
    Task<ImportReport> ImportAsync(Stream file, string fileName, string source, ImportProfile profile, long? accountId, long? queuedRunId,
        IProgress<ImportProgress>? progress, CancellationToken ct);
}

/// <summary>
/// One row of <c>import_runs</c>: an import's file, status and counts. <see cref="Error"/> is an error code (shown as
/// <c>Imports.Error.{code}</c> with <see cref="ErrorArgs"/>) or, for runs of older versions, a text.
/// </summary>
public sealed record ImportRun(long Id, string Source, string Kind, string FileName, DateTimeOffset StartedAt, string Status, long Rows, long Inserted,
    long Updated, long Unchanged, long Rejected, long Doubtful, long Duplicates, string? Error, long? BytesRead, long? BytesTotal)
{
    public IReadOnlyList<string> ErrorArgs { get; init; } = [];

    /// <summary>Issues beyond <see cref="ImportLimits.MaxIssuesPerRun"/>: counted, not kept.</summary>
    public long IssuesDropped { get; init; }

    /// <summary>Queued or running: the page keeps refreshing.</summary>
    public bool InProgress => Status is ImportRuns.Queued or ImportRuns.Running;

    /// <summary>How far a run has read its file, 0 to 1 (1 once it ended).</summary>
    public double Fraction => !InProgress ? 1 : BytesTotal is > 0 && BytesRead is { } read ? Math.Min(1, (double)read / BytesTotal.Value) : 0;
}

/// <summary>One row of <c>import_issues</c>: a rejected or doubtful row of an import and why (a reason code and its arguments, or an older run's text).</summary>
public sealed record ImportIssueRow(long Line, string? SourceId, string Field, bool Rejected, string Reason, IReadOnlyList<string> Args);

/// <summary>
/// The issues of one run, gathered batch by batch: at most <paramref name="max"/> are kept for the report, the rest only
/// counted (<see cref="Dropped"/>), so a file of bad rows cannot fill the database.
/// </summary>
internal sealed class RunIssues(long runId, int max)
{
    private long _kept;
    private List<object> _batch = [];

    public long Dropped { get; private set; }

    public void Add(SourceRow row, string? sourceId, ImportIssue issue)
    {
        if (_kept >= max)
        {
            Dropped++;
            return;
        }
        _kept++;
        _batch.Add(new
        {
            RunId = runId, row.Line, SourceId = sourceId is null ? null : PostingNormaliser.Clip(sourceId), issue.Field, issue.Reason, issue.Rejected,
            Args = ImportText.StoredArgs(issue.Args),
        });
    }

    /// <summary>The issues gathered since the last call, to be written with their batch.</summary>
    public List<object> Take()
    {
        var batch = _batch;
        _batch = [];
        return batch;
    }
}

/// <summary>A record imported before: its row id, content hash and the run that last wrote it.</summary>
internal sealed record ExistingRecord(long Id, string Hash, long RunId);

/// <summary>
/// What every importer shares: one import at a time (whatever its kind), the <c>import_runs</c> bookkeeping, the
/// issues table, the content hash that makes re-imports idempotent and the look-up of rows imported before.
/// </summary>
public sealed class ImportRuns(Database db, TimeProvider time)
{
    public const string Queued = "queued";
    public const string Running = "running";

    /// <summary>
    /// The lease every import holds while it runs, on whichever node: imports of all kinds run one at a time on the
    /// whole platform (the cluster ids of a kind are shared by all sources, and SQLite has one writer anyway).
    /// </summary>
    public const string LeaseName = "imports";

    /// <summary>How long an import waits for the one before it.</summary>
    public static readonly TimeSpan ImportWait = TimeSpan.FromHours(1);

    private readonly Jobs.Node _node = new();
    private DateTimeOffset _lastProgressWrite;

    private Jobs.Leases Leases => new(db, _node, time);

    internal const string InsertIssue =
        "INSERT INTO import_issues (run_id, line, source_id, field, reason, rejected, args) VALUES (@RunId, @Line, @SourceId, @Field, @Reason, @Rejected, @Args)";

    /// <summary>Runs <paramref name="change"/> while no import runs on any node; null if one still runs after <paramref name="wait"/>.</summary>
    internal Task<T?> WhenIdleAsync<T>(Func<Task<T>> change, TimeSpan wait, CancellationToken ct) where T : class =>
        Leases.WhileHoldingAsync(LeaseName, wait, _ => change(), ct);

    /// <summary>
    /// Runs <paramref name="import"/> once no other import runs on any node, cancelling it if its lease is lost. A queued
    /// web import does not hold its job slot while it waits: it is postponed and its job queued again.
    /// </summary>
    internal async Task<T> OneAtATimeAsync<T>(bool queued, Func<CancellationToken, Task<T>> import, CancellationToken ct) where T : class =>
        await Leases.WhileHoldingAsync(LeaseName, queued ? TimeSpan.FromSeconds(2) : ImportWait, import, ct)
        ?? throw (queued
            ? new Jobs.JobPostponedException(TimeSpan.FromSeconds(2), "Another import is running.")
            : new ImportFileException("Busy", ImportWait.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)));

    /// <summary>Whether an import queued or started before <paramref name="runId"/> has not ended yet (imports run in upload order).</summary>
    internal async Task<bool> EarlierPendingAsync(long runId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM import_runs WHERE id < @runId AND status IN ('queued', 'running')", new { runId }, cancellationToken: ct)) > 0;
    }

    /// <summary>The value of <c>import_runs.kind</c>.</summary>
    public static string KindName(ImportKind kind) => kind switch
    {
        ImportKind.Positions => "positions",
        ImportKind.Talents => "talents",
        ImportKind.Enterprises => "enterprises",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The importer of a profile's kind refuses any other.</summary>
    internal static void RequireKind(ImportProfile profile, ImportKind kind)
    {
        if (profile.Kind != kind)
        {
            throw new ImportFileException("WrongKind", KindName(kind), KindName(profile.Kind));
        }
    }

    /// <summary>
    /// Starts a run: the queued run <paramref name="queuedRunId"/> (uploaded through the web, now picked up by a node),
    /// or a new one. A queued run that is no longer queued (it ran or was given up) is refused, so it never runs twice.
    /// Returns the run and the region subtree its rows must lie in (the importing operator's; null for everyone else).
    /// </summary>
    internal async Task<(long RunId, string? Scope)> StartAsync(ImportKind kind, string source, string fileName, long? accountId, long? queuedRunId,
        Stream file, CancellationToken ct)
    {
        var now = Database.Utc(time.GetUtcNow());
        var bytes = file.CanSeek ? file.Length : (long?)null;
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var runId = queuedRunId is { } queued
                ? await c.ExecuteScalarAsync<long?>(
                      "UPDATE import_runs SET status = 'running', started_at = @now, heartbeat_at = @now, node = @node, bytes_total = @bytes, bytes_read = 0 " +
                      "WHERE id = @queued AND status = 'queued' RETURNING id", new { now, node = _node.Name, bytes, queued }, tx)
                  ?? throw new ImportFileException("NoLongerQueued", queued.ToString(CultureInfo.InvariantCulture))
                : await CreateAsync(c, tx, Running, kind, source, fileName, accountId, null, bytes, now, _node.Name);
            var scope = await c.ExecuteScalarAsync<string?>("SELECT region_code FROM import_runs WHERE id = @runId", new { runId }, tx);
            return (runId, scope is null ? null : RegionCatalogue.Significant(scope));
        }, ct);
    }

    /// <summary>
    /// A row whose region lies outside the importing operator's region is rejected, with both regions named: an operator
    /// imports for its own region only (an administrator's or the command line's import has no <paramref name="scope"/>).
    /// </summary>
    internal static (T? Record, IReadOnlyList<ImportIssue> Issues) InScope<T>(T? record, IReadOnlyList<ImportIssue> issues, string? region, string? scope)
        where T : class =>
        record is null || scope is null || region is null || RegionCatalogue.Contains(scope, region)
            ? (record, issues)
            : (null, [.. issues, new ImportIssue("place", "OutOfScope", true, region, scope)]);

    /// <summary>
    /// A new run row (queued for a web upload, running for an import that starts now), audited in the same transaction. It
    /// keeps the importing operator's region (an operator without one gets a region no code lies in), which scopes who
    /// sees the run and which rows it may import.
    /// </summary>
    internal static async Task<long> CreateAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string status, ImportKind kind,
        string source, string fileName, long? accountId, string? profileJson, long? bytes, DateTimeOffset now, string? node = null)
    {
        var importer = accountId is null ? default
            : await c.QuerySingleOrDefaultAsync<(long Role, string? Region)>("SELECT role, region_code FROM accounts WHERE id = @accountId", new { accountId }, tx);
        var region = importer.Role == (long)Accounts.Role.Operator ? Row.StoredRegion(importer.Region ?? Accounts.Caller.NoRegion) : null;
        var runId = await c.ExecuteScalarAsync<long>(
            "INSERT INTO import_runs (source, kind, file_name, account_id, started_at, status, heartbeat_at, node, profile, bytes_total, bytes_read, region_code) " +
            "VALUES (@source, @kind, @fileName, @accountId, @now, @status, CASE WHEN @status = 'running' THEN @now END, @node, @profileJson, @bytes, 0, @region) RETURNING id",
            new { source, kind = KindName(kind), fileName, accountId, now = Database.Utc(now), status, node, profileJson, bytes, region }, tx);
        await Audit.AuditTrail.WriteAsync(c, tx, new Audit.AuditEntry(now, accountId, Audit.AuditAction.Create, "import_run", runId, null,
            $"{KindName(kind)} from {source}: {fileName}"));
        return runId;
    }

    /// <summary>
    /// Reports progress to the caller and, at most once a second, to the run's row (counts, bytes read, heartbeat),
    /// where any node's progress page reads it.
    /// </summary>
    internal async Task ProgressAsync(ImportProgress p, Stream file, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        progress?.Report(p);
        var now = time.GetUtcNow();
        if (now - _lastProgressWrite < TimeSpan.FromSeconds(1))
        {
            return;
        }
        _lastProgressWrite = now;
        try
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE import_runs SET rows_read = @Rows, inserted = @Inserted, rejected = @Rejected, bytes_read = @bytes, heartbeat_at = @now WHERE id = @RunId",
                new { p.Rows, p.Inserted, p.Rejected, p.RunId, bytes = file.CanSeek ? file.Position : (long?)null, now = Database.Utc(now) }, cancellationToken: ct));
        }
        catch (System.Data.Common.DbException)
        {
            // Bookkeeping only: a busy or unreachable database skips this beat, the next batch writes the next one
            // (and the import lease, renewed on its own, keeps the run from being taken for dead meanwhile).
        }
    }

    /// <summary>
    /// Runs that stopped without ending: still "running" with an old heartbeat while no node holds the import lease
    /// (its process was killed). Each is marked failed with the reason and its upload removed; returns how many.
    /// </summary>
    public async Task<int> FailStaleAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var failed = await c.ExecuteAsync(
                "UPDATE import_runs SET status = 'failed', finished_at = @now, error = 'Stale', error_args = '[\"' || " +
                (db.Engine == DatabaseEngine.Postgres ? "to_char(coalesce(heartbeat_at, started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')" : "replace(substr(coalesce(heartbeat_at, started_at), 1, 19), 'T', ' ')") +
                " || '\"]' " +
                "WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < @stale " +
                "AND NOT EXISTS (SELECT 1 FROM leases WHERE name = @lease AND expires_at >= @now)",
                new { now = Database.Utc(now), stale = Database.Utc(now - Jobs.Leases.Term), lease = LeaseName }, tx);
            await c.ExecuteAsync("DELETE FROM import_uploads WHERE run_id IN (SELECT id FROM import_runs WHERE status NOT IN ('queued', 'running'))",
                transaction: tx);
            return failed;
        }, ct);
    }

    /// <summary>
    /// Records how a run ended (an error as a code and its arguments) and how many issues were not kept, and removes its
    /// upload (if it came through the web) in the same transaction.
    /// </summary>
    internal async Task FinishAsync(ImportReport r, string status, string? error, IReadOnlyList<string>? errorArgs, long issuesDropped, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "UPDATE import_runs SET finished_at = @now, status = @status, error = @error, error_args = @args, rows_read = @Rows, inserted = @Inserted, " +
                "updated = @Updated, unchanged = @Unchanged, rejected = @Rejected, doubtful = @Doubtful, duplicates = @Duplicates, bytes_read = bytes_total, " +
                "issues_dropped = @issuesDropped WHERE id = @RunId AND status = 'running'",
                new { now = Database.Utc(time.GetUtcNow()), status, error, args = ImportText.StoredArgs(errorArgs), r.Rows, r.Inserted, r.Updated, r.Unchanged,
                    r.Rejected, r.Doubtful, r.Duplicates, r.RunId, issuesDropped }, tx);
            return await c.ExecuteAsync("DELETE FROM import_uploads WHERE run_id = @RunId", new { r.RunId }, tx);
        }, ct);

    /// <summary>Records a run that ended early: cancelled, or failed with the file's own problem or a generic one.</summary>
    internal Task FailAsync(ImportReport partial, Exception e, long issuesDropped) => e switch
    {
        ImportFileException f => FinishAsync(partial, "failed", f.Code, f.Args, issuesDropped, CancellationToken.None),
        OperationCanceledException => FinishAsync(partial, "cancelled", "Cancelled", null, issuesDropped, CancellationToken.None),
        _ => FinishAsync(partial, "failed", "Unexpected", null, issuesDropped, CancellationToken.None),
    };

    /// <summary>
    /// The latest 50 runs the caller may see, newest first: an operator sees the runs of its region's subtree (started by
    /// an operator of it), an administrator all.
    /// </summary>
    public Task<IReadOnlyList<ImportRun>> RecentAsync(Accounts.Caller caller, CancellationToken ct) => RunsAsync(caller, null, ct);

    /// <summary>The run <paramref name="id"/>, or null if there is none or the caller may not see it.</summary>
    public async Task<ImportRun?> FindAsync(Accounts.Caller caller, long id, CancellationToken ct) => (await RunsAsync(caller, id, ct)) is [var run, ..] ? run : null;

    private async Task<IReadOnlyList<ImportRun>> RunsAsync(Accounts.Caller caller, long? id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var clauses = new List<string>();
        if (id is not null)
        {
            clauses.Add("id = @id");
        }
        var (lo, hi) = caller.ScopeRegion is { } scope ? RegionCatalogue.SubtreeRange(scope) : ("", "");
        if (caller.ScopeRegion is not null)
        {
            clauses.Add("region_code >= @lo AND region_code <= @hi");
        }
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, source, kind, file_name, started_at, status, rows_read, inserted, updated, unchanged, rejected, doubtful, duplicates, error, " +
            "bytes_read, bytes_total, error_args, issues_dropped FROM import_runs" +
            (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses)) + " ORDER BY id DESC LIMIT 50", new { id, lo, hi }, cancellationToken: ct));
        var runs = new List<ImportRun>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new ImportRun(reader.Long(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.Timestamp(4), reader.GetString(5), reader.Long(6),
                reader.Long(7), reader.Long(8), reader.Long(9), reader.Long(10), reader.Long(11), reader.Long(12), reader.NullableString(13),
                reader.NullableLong(14), reader.NullableLong(15))
            {
                ErrorArgs = ImportText.ReadArgs(reader.NullableString(16)),
                IssuesDropped = reader.Long(17),
            });
        }
        return runs;
    }

    /// <summary>One page of a run's issues in file order, all of them or only the rejected (true) or doubtful (false) ones.</summary>
    public async Task<Page<ImportIssueRow>> IssuesAsync(long runId, bool? rejected, int page, int pageSize, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var filter = rejected is null ? "" : " AND rejected = @rejected";
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM import_issues WHERE run_id = @runId{filter}", new { runId, rejected }, cancellationToken: ct));
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT line, source_id, field, rejected, reason, args FROM import_issues WHERE run_id = @runId{filter} ORDER BY line, id LIMIT @take OFFSET @skip",
            new { runId, rejected, take = pageSize, skip = (long)(page - 1) * pageSize }, cancellationToken: ct));
        var issues = new List<ImportIssueRow>();
        while (await reader.ReadAsync(ct))
        {
            issues.Add(new ImportIssueRow(reader.Long(0), reader.NullableString(1), reader.GetString(2), reader.Bool(3), reader.GetString(4),
                ImportText.ReadArgs(reader.NullableString(5))));
        }
        return new Page<ImportIssueRow>(issues, (int)total, page, pageSize);
    }

    /// <summary>Every issue of a run as TSV (line, source id, field, rejected or doubtful, reason in English); returns how many.</summary>
    public async Task<long> WriteIssuesAsync(long runId, TextWriter writer, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT line, source_id, field, rejected, reason, args FROM import_issues WHERE run_id = @runId ORDER BY line, id", new { runId }, cancellationToken: ct));
        await writer.WriteLineAsync("line\tsourceId\tfield\toutcome\treason");
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            count++;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{reader.Long(0)}\t{reader.NullableString(1)}\t{reader.GetString(2)}\t{(reader.Bool(3) ? "rejected" : "doubtful")}\t" +
                $"{ImportText.English("Imports.Reason.", reader.GetString(4), ImportText.ReadArgs(reader.NullableString(5)))}"));
        }
        return count;
    }

    /// <summary>Whether <paramref name="table"/> (a source_* table) holds any row of the source.</summary>
    internal async Task<bool> SourceKnownAsync(string table, string source, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE source = @source LIMIT 1) x", new { source }, cancellationToken: ct)) > 0;
    }

    /// <summary>The rows of <paramref name="table"/> with these source ids, by source id.</summary>
    internal async Task<Dictionary<string, ExistingRecord>> ExistingAsync(string table, string source, List<string> sourceIds, CancellationToken ct)
    {
        var found = new Dictionary<string, ExistingRecord>(StringComparer.Ordinal);
        if (sourceIds.Count == 0)
        {
            return found;
        }
        await using var c = await db.OpenAsync(ct);
        foreach (var chunk in sourceIds.Chunk(500))
        {
            var rows = await c.QueryAsync<(long Id, string SourceId, string Hash, long RunId)>(new CommandDefinition(
                $"SELECT id, source_id, content_hash, run_id FROM {table} WHERE source = @source AND " +
                ListSql.InList(db, "source_id", "ids"),
                new { source, ids = chunk }, cancellationToken: ct));
            foreach (var (id, sourceId, hash, runId) in rows)
            {
                found[sourceId] = new ExistingRecord(id, hash, runId);
            }
        }
        return found;
    }

    /// <summary>Two independent 32-bit hashes of a source id: a collision only costs a database look-up.</summary>
    internal static long IdHash(string id)
    {
        var fnv = 2166136261u;
        foreach (var c in id)
        {
            fnv = (fnv ^ c) * 16777619u;
        }
        return ((long)string.GetHashCode(id, StringComparison.Ordinal) << 32) | fnv;
    }

    /// <summary>The row's mapped values, hashed: a re-import of the same content is recognised as unchanged.</summary>
    internal static string ContentHash(string?[] values)
    {
        // SHA-256 of the UTF-8 of the values joined by U+001F, encoded into one pooled buffer instead of a joined string.
        var length = Math.Max(values.Length - 1, 0);
        foreach (var value in values)
        {
            length += Encoding.UTF8.GetByteCount(value ?? "");
        }
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    buffer[at++] = 0x1f;
                }
                at += Encoding.UTF8.GetBytes(values[i] ?? "", buffer.AsSpan(at));
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, at), hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
