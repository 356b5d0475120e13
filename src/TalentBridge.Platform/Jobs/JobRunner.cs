namespace TalentBridge.Platform.Jobs;

/// <summary>
/// Runs the database's jobs on this node: every <see cref="PollInterval"/> it fails jobs whose node stopped and
/// claims one due job of a kind it has a handler for, renewing the job's heartbeat while the handler works.
/// One job at a time per node; more nodes run more jobs.
/// </summary>
public sealed class JobRunner(JobTable queue, IEnumerable<IJobHandler> handlers, TimeProvider time, ILogger<JobRunner> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the handlers' <see cref="IJobHandler.SweepAsync"/> runs.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The runner must outlive a failing poll (database restart, network blip); it logs and polls again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Job poll failed");
            }
            await Task.Delay(PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One poll: sweep now and then, reap abandoned jobs, then run at most one due job. True if a job ran.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _lastSweep >= SweepInterval)
        {
            _lastSweep = time.GetUtcNow();
            foreach (var handler in _handlers.Values)
            {
                await handler.SweepAsync(ct);
            }
        }
        foreach (var (abandoned, reason) in await queue.ReapAsync(ct))
        {
            logger.LogWarning("Job {Job} ({Kind}) abandoned: {Reason}", abandoned.Id, abandoned.Kind, reason);
            if (_handlers.TryGetValue(abandoned.Kind, out var owner))
            {
                await owner.AbandonedAsync(abandoned, reason, ct);
            }
        }
        if (_handlers.Count == 0 || await queue.ClaimAsync(_handlers.Keys, ct) is not { } job)
        {
            return false;
        }
        using var stop = new CancellationTokenSource();
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(job.Id, lost, stop.Token);
        string? error = null;
        try
        {
            await _handlers[job.Kind].RunAsync(job, lost.Token);
        }
        catch (JobPostponedException later)
        {
            await queue.PostponeAsync(job, later.Delay, CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // This node is stopping: another node takes the job from the start.
            await queue.PostponeAsync(job, TimeSpan.Zero, CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            error = "Another node took the job over after this node's heartbeat stalled.";
        }
#pragma warning disable CA1031 // A failed job records its error on the job row instead of stopping the runner.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Job {Job} ({Kind}) failed", job.Id, job.Kind);
            error = e.Message;
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat; // never throws
        }
        await queue.FinishAsync(job, error, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Beats every <see cref="JobTable.HeartbeatTimeout"/>/6. A failed beat is retried at the next one; the handler is
    /// cancelled when the job is no longer this node's (reaped after a stall).
    /// </summary>
    private async Task HeartbeatAsync(long jobId, CancellationTokenSource lost, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(JobTable.HeartbeatTimeout / 6, time, stop);
                if (!await queue.HeartbeatAsync(jobId, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // the job ended
            }
#pragma warning disable CA1031 // A beat that fails (database busy or unreachable) is retried at the next one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Heartbeat of job {Job} failed", jobId);
            }
        }
    }
}
