using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Jobs;

/// <summary>This process among the platform's nodes: written into leases, jobs and import runs it holds.</summary>
public sealed class Node
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>
/// Named locks in the database, held by one node at a time across all nodes: taken with one statement
/// (insert, or take over a lease that has expired), renewed by the holder while it works, released at the end.
/// A holder that dies stops renewing, and its lease can be taken once <see cref="Term"/> has passed.
/// </summary>
public sealed class Leases(Database db, Node node, TimeProvider time)
{
    /// <summary>How long a lease lasts without renewal; holders renew it every <see cref="Term"/>/4.</summary>
    public static readonly TimeSpan Term = TimeSpan.FromSeconds(30);

    public async Task<bool> TryAcquireAsync(string name, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires) " +
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at " +
            "WHERE leases.expires_at < @now",
            new { name, holder = node.Name, expires = Database.Utc(now + Term), now = Database.Utc(now) }, cancellationToken: ct)) == 1;
    }

    /// <summary>Waits up to <paramref name="wait"/> for the lease; false if another node still holds it then.</summary>
    public async Task<bool> AcquireAsync(string name, TimeSpan wait, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + wait;
        while (!await TryAcquireAsync(name, ct))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
        return true;
    }

    /// <summary>Extends a lease this node holds; false if it lost it (expired and taken by another node).</summary>
    public async Task<bool> RenewAsync(string name, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET expires_at = @expires WHERE name = @name AND holder = @holder",
            new { name, holder = node.Name, expires = Database.Utc(time.GetUtcNow() + Term) }, cancellationToken: ct)) == 1;
    }

    public async Task ReleaseAsync(string name)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("DELETE FROM leases WHERE name = @name AND holder = @holder", new { name, holder = node.Name });
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding the lease, renewing it meanwhile; null if the lease could not be had within
    /// <paramref name="wait"/>. The work is cancelled if the lease is lost (another node took it after a stall).
    /// </summary>
    public async Task<T?> WhileHoldingAsync<T>(string name, TimeSpan wait, Func<CancellationToken, Task<T>> work, CancellationToken ct) where T : class
    {
        if (!await AcquireAsync(name, wait, ct))
        {
            return null;
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stop = new CancellationTokenSource();
        var renewal = RenewUntilAsync(name, lost, stop.Token);
        try
        {
            return await work(lost.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await renewal; // never throws: its failures end in cancelling the work
            await ReleaseAsync(name);
        }
    }

    /// <summary>
    /// Renews every quarter term until the work ends. A failed renewal (database busy or unreachable) is retried at the
    /// next beat; the work is cancelled only when the lease was taken by another node or could not be renewed before it
    /// expired, since from then on another node may hold it.
    /// </summary>
    private async Task RenewUntilAsync(string name, CancellationTokenSource lost, CancellationToken stop)
    {
        var renewedAt = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Term / 4, time, stop);
                if (!await RenewAsync(name, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
                renewedAt = time.GetUtcNow();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the work ended
            }
#pragma warning disable CA1031 // A renewal that fails for any reason is retried; the lease's own expiry bounds how long.
            catch (Exception)
#pragma warning restore CA1031
            {
                if (time.GetUtcNow() - renewedAt >= Term)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
    }
}
