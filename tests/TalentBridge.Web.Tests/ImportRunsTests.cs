using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Import runs that survive a node: queued uploads, one import at a time across nodes, dead runs failed, reruns idempotent.</summary>
public sealed class ImportRunsTests
{
    private static readonly TalentBridge.Platform.Accounts.Caller Admin = new(1, TalentBridge.Platform.Accounts.Role.PlatformAdmin, null, null, null);

    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly PostingNormaliser Normaliser = new(new TitleClassifier(Reference.Occupations), new PlaceNormaliser(Reference.Regions));

    private const string ProfileJson = """
        { "kind": "positions", "columns": { "sourceId": "id", "title": "title", "enterprise": "company", "place": "place", "salary": "salary" } }
        """;

    private static readonly ImportProfile Profile = ImportProfile.Parse(ProfileJson).Profile!;

    private static readonly string[] Titles = ["数控车工", "电商运营", "会计", "养老护理员", "焊工", "客服专员", "仓库管理员"];
    private static readonly string[] Places = ["丽水缙云", "丽水青田", "丽水莲都", "丽水龙泉"];

    /// <summary>A CSV of <paramref name="rows"/> postings of <paramref name="companies"/> companies (so some rows cluster).</summary>
    private static byte[] Csv(int rows, int companies, string prefix)
    {
        var text = new StringBuilder("id,title,company,place,salary\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{prefix}{i},{Titles[i % Titles.Length]},丽水测试{i % companies}号有限公司,{Places[i % Places.Length]},{4000 + (i % 9) * 500}-{6000 + (i % 9) * 500}元/月\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<TestDatabase> DatabaseAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return database;
    }

    private static async Task<(long Postings, long Clusters, long Duplicates)> CountsAsync(Database db)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_postings"),
            await c.ExecuteScalarAsync<long>("SELECT count(*) FROM posting_clusters"),
            await c.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT cluster_id FROM source_postings GROUP BY cluster_id HAVING count(*) > 1) d"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_uploaded_file_is_stored_queued_and_run_by_a_node_once_and_its_upload_removed(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var db = database.Database;
        var uploads = new ImportUploads(db, TimeProvider.System);
        var runId = await uploads.EnqueueAsync(new MemoryStream(Csv(300, 40, "W")), "export.csv", "web", Profile, ProfileJson, null, CancellationToken.None);
        var runs = new ImportRuns(db, TimeProvider.System);
        Assert.Equal(ImportRuns.Queued, (await runs.FindAsync(Admin, runId, CancellationToken.None))!.Status);

        var services = new ServiceCollection()
            .AddSingleton(new PostingImport(db, Normaliser, TimeProvider.System)).BuildServiceProvider();
        var runner = new JobRunner(new JobTable(db, new Node(), TimeProvider.System), [new ImportJobHandler(uploads, runs, services)],
            TimeProvider.System, NullLogger<JobRunner>.Instance);
        Assert.True(await runner.RunOnceAsync(CancellationToken.None));

        var run = (await runs.FindAsync(Admin, runId, CancellationToken.None))!;
        Assert.Equal(("done", 300L, 300L), (run.Status, run.Rows, run.Inserted));
        Assert.Equal(run.BytesTotal, run.BytesRead);
        await using var c = await db.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM import_uploads"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE subject_type = 'import_run' AND subject_id = @runId AND action = 'create'", new { runId }));
        Assert.False(await runner.RunOnceAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_run_whose_process_died_is_failed_with_the_reason_unless_a_node_still_holds_the_import_lease(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var db = database.Database;
        var old = Database.Utc(DateTimeOffset.UtcNow.AddMinutes(-5));
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            var runId = await c.ExecuteScalarAsync<long>(
                "INSERT INTO import_runs (source, kind, file_name, started_at, status, heartbeat_at, node) VALUES ('cli', 'positions', 'big.csv', @old, 'running', @old, 'dead:1') RETURNING id",
                new { old });
            await c.ExecuteAsync("INSERT INTO import_uploads (run_id, content) VALUES (@runId, @content)", new { runId, content = new byte[] { 1, 2, 3 } });
        }
        var runs = new ImportRuns(db, TimeProvider.System);

        // While some node holds the import lease, a quiet run is still that node's: it is left alone.
        var leases = new Leases(db, new Node(), TimeProvider.System);
        Assert.True(await leases.TryAcquireAsync(ImportRuns.LeaseName, CancellationToken.None));
        Assert.Equal(0, await runs.FailStaleAsync(CancellationToken.None));
        await leases.ReleaseAsync(ImportRuns.LeaseName);

        Assert.Equal(1, await runs.FailStaleAsync(CancellationToken.None));
        var run = Assert.Single(await runs.RecentAsync(Admin, CancellationToken.None));
        Assert.Equal("failed", run.Status);
        Assert.Equal("Stale", run.Error);
        Assert.StartsWith(old.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Assert.Single(run.ErrorArgs), StringComparison.Ordinal);
        Assert.Contains("the process running it ended", ImportText.English("Imports.Error.", run.Error!, run.ErrorArgs), StringComparison.Ordinal);
        Assert.False(run.InProgress);
        await using var check = await db.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM import_uploads"));
        Assert.Equal(0, await runs.FailStaleAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Imports_on_two_nodes_at_once_run_one_after_the_other_and_share_the_clusters(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var db = database.Database;
        // Two importers with state of their own, as on two nodes (or the command line beside the web).
        var first = new PostingImport(db, Normaliser, TimeProvider.System);
        var second = new PostingImport(db, Normaliser, TimeProvider.System);
        var both = await Task.WhenAll(
            first.ImportAsync(new MemoryStream(Csv(12_000, 900, "A")), "a.csv", "site-a", Profile, null, null, CancellationToken.None),
            second.ImportAsync(new MemoryStream(Csv(12_000, 900, "B")), "b.csv", "site-b", Profile, null, null, CancellationToken.None));
        Assert.All(both, r => Assert.Equal(12_000, r.Inserted));
        // The same postings on two platforms: every posting of site-b joins the cluster of its twin on site-a.
        var (postings, clusters, _) = await CountsAsync(db);
        Assert.Equal(24_000, postings);
        Assert.Equal(both.Sum(r => r.Inserted - r.Duplicates), clusters);
        Assert.True(both.Min(r => r.Inserted - r.Duplicates) < 600, "the later import found the earlier one's postings");
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_import_stopped_halfway_and_run_again_ends_exactly_like_one_clean_import(string engine)
    {
        var file = Csv(12_000, 700, "R");
        await using var clean = await DatabaseAsync(engine);
        await new PostingImport(clean.Database, Normaliser, TimeProvider.System)
            .ImportAsync(new MemoryStream(file), "r.csv", "site", Profile, null, null, CancellationToken.None);

        await using var interrupted = await DatabaseAsync(engine);
        var importer = new PostingImport(interrupted.Database, Normaliser, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Rows >= 2 * PostingImport.BatchSize)
            {
                stop.Cancel(); // the process "dies" in its second batch (the first is stored)
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            importer.ImportAsync(new MemoryStream(file), "r.csv", "site", Profile, null, progress, stop.Token));
        var partial = await CountsAsync(interrupted.Database);
        Assert.InRange(partial.Postings, 1, 11_999);

        var rerun = await new PostingImport(interrupted.Database, Normaliser, TimeProvider.System)
            .ImportAsync(new MemoryStream(file), "r.csv", "site", Profile, null, null, CancellationToken.None);
        Assert.Equal(partial.Postings, rerun.Unchanged);
        Assert.Equal(await CountsAsync(clean.Database), await CountsAsync(interrupted.Database));
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
