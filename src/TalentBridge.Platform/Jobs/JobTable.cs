using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Jobs;

/// <summary>A claimed job: what to do (<see cref="Kind"/>, <see cref="Payload"/>) and which attempt this is.</summary>
public sealed record Job(long Id, string Kind, string Payload, int Attempt);

/// <summary>Thrown by a handler whose job cannot run yet (e.g. it waits for an earlier one): the job is queued again without using an attempt.</summary>
public sealed class JobPostponedException(TimeSpan delay, string reason) : Exception(reason)
{
    public TimeSpan Delay { get; } = delay;
}

/// <summary>Work of one kind of job; a handler throws to fail the attempt (the error is kept on the job).</summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(Job job, CancellationToken ct);

    /// <summary>Called when the job was found abandoned (its node stopped) and will not be tried again.</summary>
    Task AbandonedAsync(Job job, string reason, CancellationToken ct);

    /// <summary>Every few seconds on every node: fail work of this kind whose process died outside a job (e.g. a killed command).</summary>
    Task SweepAsync(CancellationToken ct);
}

/// <summary>
/// The jobs table: enqueue inside the caller's transaction (so a job exists exactly when the change that asked for
/// it was stored), claim a due job for this node, heartbeat, finish, and fail jobs whose node stopped.
/// </summary>
public sealed class JobTable(Database db, Node node, TimeProvider time)
{
    /// <summary>A running job whose heartbeat is older than this is taken to have lost its node.</summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(30);

    public static async Task<long> EnqueueAsync(DbConnection c, DbTransaction tx, string kind, object payload, DateTimeOffset runAt, DateTimeOffset now,
        int maxAttempts = 1) =>
        await c.ExecuteScalarAsync<long>(
            "INSERT INTO jobs (kind, payload, status, run_at, max_attempts, created_at) VALUES (@kind, @payload, 'queued', @runAt, @maxAttempts, @now) RETURNING id",
            new { kind, payload = JsonSerializer.Serialize(payload, Row.Json), runAt = Database.Utc(runAt), maxAttempts, now = Database.Utc(now) }, tx);

    /// <summary>
    /// Kinds that recompute figures in the background (the analytics' refresh, warnings and forecasts, ADR 0016): a first
    /// start queues dozens of them, and work people wait for — imports, notifications, deadlines — must not queue behind.
    /// </summary>
    public const string BackgroundPrefix = "analytics.";

    /// <summary>Claims the oldest due job of the given kinds for this node, or null; background kinds only when nothing else is due.</summary>
    public async Task<Job?> ClaimAsync(IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        var now = Database.Utc(time.GetUtcNow());
        // PostgreSQL: concurrent claimers skip each other's locked rows. SQLite: writers are serialised, and the
        // statement reads and updates in one step, so two nodes never claim one job either.
        var skipLocked = db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        await using var c = await db.OpenAsync(ct);
        return await ReadJobAsync(c, new CommandDefinition(
            "UPDATE jobs SET status = 'running', node = @node, heartbeat_at = @now, attempts = attempts + 1 " +
            $"WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= @now AND {ListSql.InList(db, "kind", "kinds")} " +
            $"ORDER BY CASE WHEN kind LIKE '{BackgroundPrefix}%' THEN 1 ELSE 0 END, run_at, id LIMIT 1{skipLocked}) AND status = 'queued' " +
            "RETURNING id, kind, payload, attempts",
            new { node = node.Name, now, kinds = kinds.ToArray() }, cancellationToken: ct));
    }

    private static async Task<Job?> ReadJobAsync(DbConnection c, CommandDefinition command)
    {
        await using var reader = await c.ExecuteReaderAsync(command);
        return await reader.ReadAsync(command.CancellationToken) ? new Job(reader.Long(0), reader.GetString(1), reader.GetString(2), reader.Int(3)) : null;
    }

    /// <summary>Renews a running job's heartbeat; false if the job is no longer this node's (another node reaped it).</summary>
    public async Task<bool> HeartbeatAsync(long jobId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("UPDATE jobs SET heartbeat_at = @now WHERE id = @jobId AND node = @node AND status = 'running'",
            new { now = Database.Utc(time.GetUtcNow()), jobId, node = node.Name }, cancellationToken: ct)) == 1;
    }

    /// <summary>Puts a claimed job back in the queue without using up an attempt (not its turn yet, or this node is stopping).</summary>
    public async Task PostponeAsync(Job job, TimeSpan delay, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET status = 'queued', attempts = attempts - 1, node = NULL, run_at = @runAt WHERE id = @Id AND node = @node AND status = 'running'",
            new { job.Id, node = node.Name, runAt = Database.Utc(time.GetUtcNow() + delay) }, cancellationToken: ct));
    }

    /// <summary>
    /// Ends an attempt: done, or failed (queued again while attempts remain, a minute later per attempt). A job that is no
    /// longer this node's (reaped meanwhile) is left as the reaper recorded it.
    /// </summary>
    public async Task FinishAsync(Job job, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            error is null
                ? "UPDATE jobs SET status = 'done', finished_at = @now, error = NULL WHERE id = @Id AND node = @node AND status = 'running'"
                : "UPDATE jobs SET status = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END, " +
                  "run_at = @retryAt, finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE @now END, error = @error, node = NULL " +
                  "WHERE id = @Id AND node = @node AND status = 'running'",
            new { job.Id, node = node.Name, now = Database.Utc(now), retryAt = Database.Utc(now + TimeSpan.FromMinutes(job.Attempt)), error }, cancellationToken: ct));
    }

    /// <summary>
    /// Running jobs whose heartbeat stopped (their node died or hung): each is marked failed with the reason, in one
    /// statement per job so that only one node reports it; returns them for their handlers to clean up.
    /// </summary>
    public async Task<IReadOnlyList<(Job Job, string Reason)>> ReapAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = Database.Utc(now - HeartbeatTimeout);
        await using var c = await db.OpenAsync(ct);
        var candidates = new List<(long Id, string? Node, DateTimeOffset Heartbeat)>();
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, node, heartbeat_at FROM jobs WHERE status = 'running' AND heartbeat_at < @stale", new { stale }, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                candidates.Add((reader.Long(0), reader.NullableString(1), reader.Timestamp(2)));
            }
        }
        var reaped = new List<(Job, string)>();
        foreach (var (id, deadNode, heartbeat) in candidates)
        {
            var reason = $"The node running it ({deadNode}) stopped: no heartbeat since {heartbeat.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC.";
            var job = await ReadJobAsync(c, new CommandDefinition(
                "UPDATE jobs SET status = 'failed', finished_at = @now, error = @reason WHERE id = @id AND status = 'running' AND heartbeat_at < @stale " +
                "RETURNING id, kind, payload, attempts",
                new { id, now = Database.Utc(now), reason, stale }, cancellationToken: ct));
            if (job is not null)
            {
                reaped.Add((job, reason));
            }
        }
        return reaped;
    }
}
