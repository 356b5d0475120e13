using TalentBridge.Platform.Jobs;

namespace TalentBridge.Platform.Privacy;

/// <summary>
/// The retention rule of refused applications' snapshots (<see cref="PersonalData.ApplyRetentionAsync"/>): applied by
/// every node's sweep at most once an hour (one UPDATE; nodes running it at once delete the same rows, so no lease is
/// needed), and whenever a job of its kind is enqueued (e.g. after the period was shortened).
/// </summary>
public sealed class RetentionHandler(PersonalData personalData, IConfiguration configuration, TimeProvider time) : IJobHandler
{
    public const string JobKind = "privacy.retention";
    /// <summary>How long a refused, withdrawn or expired application's snapshot is kept (<c>Flow:RefusedSnapshotDays</c>).</summary>
    public const int DefaultDays = 180;

    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;

    public string Kind => JobKind;

    public TimeSpan Period => TimeSpan.FromDays(int.TryParse(configuration["Flow:RefusedSnapshotDays"], out var d) && d > 0 ? d : DefaultDays);

    public Task RunAsync(Job job, CancellationToken ct) => personalData.ApplyRetentionAsync(Period, ct);

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _lastRun >= TimeSpan.FromHours(1))
        {
            _lastRun = now;
            await personalData.ApplyRetentionAsync(Period, ct);
        }
    }
}
