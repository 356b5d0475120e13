using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Leases and the job table across nodes (each node a <see cref="Node"/> of its own), on both engines.</summary>
public sealed class JobsAndLeasesTests
{
    /// <summary>The system clock moved by a settable amount: a node whose clock runs ahead sees leases and heartbeats age.</summary>
    private sealed class MovedTime : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private static async Task<TestDatabase> DatabaseAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return database;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_lease_is_held_by_one_node_until_released_or_expired(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var later = new MovedTime();
        var a = new Leases(database.Database, new Node(), TimeProvider.System);
        var b = new Leases(database.Database, new Node(), later);

        Assert.True(await a.TryAcquireAsync("import:positions", CancellationToken.None));
        Assert.False(await b.TryAcquireAsync("import:positions", CancellationToken.None));
        Assert.False(await a.TryAcquireAsync("import:positions", CancellationToken.None)); // not re-entrant, even on one node
        Assert.True(await b.TryAcquireAsync("import:talents", CancellationToken.None));

        // The holder renews; once it stops (died), the lease expires and another node takes it over.
        Assert.True(await a.RenewAsync("import:positions", CancellationToken.None));
        later.Ahead = Leases.Term + TimeSpan.FromSeconds(1);
        Assert.True(await b.TryAcquireAsync("import:positions", CancellationToken.None));
        Assert.False(await a.RenewAsync("import:positions", CancellationToken.None));
        await a.ReleaseAsync("import:positions"); // releasing a lost lease leaves the new holder's alone
        later.Ahead = TimeSpan.Zero;
        Assert.False(await a.TryAcquireAsync("import:positions", CancellationToken.None));
        await b.ReleaseAsync("import:positions");
        Assert.True(await a.TryAcquireAsync("import:positions", CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Two_nodes_claiming_at_once_never_get_the_same_job(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var now = DateTimeOffset.UtcNow;
        await database.Database.InTransactionAsync(async (c, tx) =>
        {
            for (var i = 0; i < 20; i++)
            {
                await JobTable.EnqueueAsync(c, tx, "test", new { i }, now.AddSeconds(-1), now);
            }
            await JobTable.EnqueueAsync(c, tx, "test", new { later = true }, now.AddHours(1), now);
            await JobTable.EnqueueAsync(c, tx, "other", new { }, now.AddSeconds(-1), now);
            return 0;
        }, CancellationToken.None);
        var nodes = Enumerable.Range(0, 4).Select(_ => new JobTable(database.Database, new Node(), TimeProvider.System)).ToList();
        var claims = await Task.WhenAll(nodes.Select(async node =>
        {
            var mine = new List<long>();
            while (await node.ClaimAsync(["test"], CancellationToken.None) is { } job)
            {
                mine.Add(job.Id);
            }
            return mine;
        }));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    private sealed class RecordingHandler : IJobHandler
    {
        public List<(long Id, string Reason)> Abandoned { get; } = [];
        public List<long> Ran { get; } = [];
        public string Kind => "test";

        public Task RunAsync(Job job, CancellationToken ct)
        {
            if (job.Payload.Contains("later", StringComparison.Ordinal) && !Ran.Contains(job.Id))
            {
                Ran.Add(job.Id);
                throw new JobPostponedException(TimeSpan.Zero, "not its turn");
            }
            Ran.Add(job.Id);
            return job.Payload.Contains("fail", StringComparison.Ordinal) ? throw new InvalidOperationException("the payload asked to fail") : Task.CompletedTask;
        }

        public Task SweepAsync(CancellationToken ct) => Task.CompletedTask;

        public Task AbandonedAsync(Job job, string reason, CancellationToken ct)
        {
            Abandoned.Add((job.Id, reason));
            return Task.CompletedTask;
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Background_analytics_jobs_wait_for_the_work_people_wait_for(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var now = DateTimeOffset.UtcNow;
        var (refresh, import) = await database.Database.InTransactionAsync(async (c, tx) =>
            (await JobTable.EnqueueAsync(c, tx, JobTable.BackgroundPrefix + "test", new { }, now.AddMinutes(-5), now),
                await JobTable.EnqueueAsync(c, tx, "test", new { }, now.AddSeconds(-1), now)), CancellationToken.None);
        var node = new JobTable(database.Database, new Node(), TimeProvider.System);
        string[] kinds = ["test", JobTable.BackgroundPrefix + "test"];
        Assert.Equal(import, (await node.ClaimAsync(kinds, CancellationToken.None))!.Id);
        Assert.Equal(refresh, (await node.ClaimAsync(kinds, CancellationToken.None))!.Id);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_postponed_job_runs_again_later_without_using_up_its_one_attempt(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var now = DateTimeOffset.UtcNow;
        var id = await database.Database.InTransactionAsync(async (c, tx) =>
            await JobTable.EnqueueAsync(c, tx, "test", new { later = true }, now, now), CancellationToken.None);
        var handler = new RecordingHandler();
        var runner = new JobRunner(new JobTable(database.Database, new Node(), TimeProvider.System), [handler], TimeProvider.System,
            NullLogger<JobRunner>.Instance);
        Assert.True(await runner.RunOnceAsync(CancellationToken.None));
        Assert.True(await runner.RunOnceAsync(CancellationToken.None));
        Assert.Equal([id, id], handler.Ran);
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(("done", 1L), await c.QuerySingleAsync<(string, long)>("SELECT status, attempts FROM jobs WHERE id = @id", new { id }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_job_whose_node_died_is_failed_with_the_reason_by_another_node_and_its_handler_cleans_up(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var now = DateTimeOffset.UtcNow;
        var ids = await database.Database.InTransactionAsync(async (c, tx) => new[]
        {
            await JobTable.EnqueueAsync(c, tx, "test", new { n = 1 }, now, now),
            await JobTable.EnqueueAsync(c, tx, "test", new { n = "fail" }, now, now),
        }, CancellationToken.None);

        // The first node claims a job and dies (never heartbeats, never finishes).
        var dying = new JobTable(database.Database, new Node(), TimeProvider.System);
        Assert.Equal(ids[0], (await dying.ClaimAsync(["test"], CancellationToken.None))!.Id);

        // A second node, once the heartbeat is old, fails it with the reason, then runs the other job (which fails).
        var later = new MovedTime { Ahead = JobTable.HeartbeatTimeout + TimeSpan.FromSeconds(1) };
        var handler = new RecordingHandler();
        var runner = new JobRunner(new JobTable(database.Database, new Node(), later), [handler], later, NullLogger<JobRunner>.Instance);
        Assert.True(await runner.RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids[0], Assert.Single(handler.Abandoned).Id);
        Assert.Contains("stopped", handler.Abandoned[0].Reason, StringComparison.Ordinal);
        Assert.Equal([ids[1]], handler.Ran);
        Assert.False(await runner.RunOnceAsync(CancellationToken.None));

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var rows = (await c.QueryAsync<(string Status, string Error)>("SELECT status, error FROM jobs ORDER BY id")).ToList();
        Assert.Equal("failed", rows[0].Status);
        Assert.Contains("no heartbeat since", rows[0].Error, StringComparison.Ordinal);
        Assert.Equal(("failed", "the payload asked to fail"), rows[1]);
    }
}
