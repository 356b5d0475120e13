namespace TalentBridge.Platform.Jobs;

/// <summary>
/// Runs the database's jobs on this node: every <see cref="PollInterval"/> it fails jobs whose node stopped and
/// claims one due job of a kind it has a handler for, renewing the job's heartbeat while the handler works.
/// One job at a time per node; more nodes run more jobs.
/// </summary>
public sealed class JobRunner(JobTable queue, IEnumerable<IJobHandler> handlers, TimeProvider time, ILogger<JobRunner> logger) : BackgroundService
{
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the handlers' <see cref="IJobHandler.SweepAsync"/> runs.</summary>
    public static TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

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
        var heartbeat = HeartbeatAsync(job.Id, stop.Token);
        string? error = null;
        try
        {
            await _handlers[job.Kind].RunAsync(job, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error = "The node stopped while the job ran.";
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
            await heartbeat;
        }
        await queue.FinishAsync(job, error, CancellationToken.None);
        return true;
    }

    private async Task HeartbeatAsync(long jobId, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(JobTable.HeartbeatTimeout / 6, time, stop);
                await queue.HeartbeatAsync(jobId, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job ended.
        }
    }
}
