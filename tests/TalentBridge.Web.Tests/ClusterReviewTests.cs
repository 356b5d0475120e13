using System.Text;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

public sealed class ClusterReviewTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly PostingNormaliser Normaliser = new(new TitleClassifier(Reference.Occupations), new PlaceNormaliser(Reference.Regions));
    private static readonly Caller LishuiOperator = new(7, Role.Operator, null, "3311", null);
    private static readonly Caller HangzhouOperator = new(8, Role.Operator, null, "3301", null);

    private const string Profile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "uscc": "信用代码",
          "place": "工作地点", "salary": "薪资", "education": "学历", "experience": "经验", "headcount": "人数", "description": "描述", "postedOn": "发布日期" } }
        """;

    private const string SiteA = """
        职位ID,职位名称,公司名称,信用代码,工作地点,薪资,学历,经验,人数,描述,发布日期
        A1,数控车工（长白班）,缙云县测试机械有限公司,,丽水缙云,6000-9000元/月,中专,3年以上,招3人,操作数控车床，看懂图纸,2026-11-01
        A2,电商运营专员,青田县测试贸易有限公司,91350100M000100Y43,浙江丽水青田,8-12K·13薪,大专,1-3年,若干,"负责天猫店铺运营, 直播带货",2026-11-02
        """;

    private const string SiteB = """
        职位ID,职位名称,公司名称,信用代码,工作地点,薪资,学历,经验,人数,描述,发布日期
        B77,急招 数控车工,缙云县测试机械有限公司,,浙江省丽水市缙云县,6-9K,中专,3年以上,3人,操作数控车床，看懂图纸,2026-11-04
        """;

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private sealed record Fixture(TestDatabase Database, PostingImport Importer, ClusterReview Review) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();

        public async Task ImportAsync(string csv, string source) =>
            await Importer.ImportAsync(Text(csv), source + ".csv", source, ImportProfile.Parse(Profile).Profile!, null, null, CancellationToken.None);

        public async Task<long> ClusterOfAsync(string sourceId)
        {
            await using var c = await Database.Database.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>("SELECT cluster_id FROM source_postings WHERE source_id = @sourceId", new { sourceId });
        }

        public async Task<long> PostingAsync(string sourceId)
        {
            await using var c = await Database.Database.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>("SELECT id FROM source_postings WHERE source_id = @sourceId", new { sourceId });
        }

        /// <summary>Every cluster and every source posting, all columns but the review ones, as text.</summary>
        public async Task<string> StateAsync()
        {
            await using var c = await Database.Database.OpenAsync(CancellationToken.None);
            var clusters = await c.QueryAsync("SELECT * FROM posting_clusters ORDER BY id");
            var postings = await c.QueryAsync("SELECT * FROM source_postings ORDER BY id");
            static string Line(dynamic row) => string.Join('|', ((IDictionary<string, object?>)row).Select(kv => $"{kv.Key}={kv.Value}"));
            return string.Join('\n', clusters.Select(r => (string)Line(r)).Concat(postings.Select(r => (string)Line(r))));
        }

        public async Task<long> CountAsync(long clusterId)
        {
            await using var c = await Database.Database.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>("SELECT source_count FROM posting_clusters WHERE id = @clusterId", new { clusterId });
        }
    }

    private static async Task<Fixture> FixtureAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        var importer = new PostingImport(database.Database, Normaliser, TimeProvider.System);
        var fixture = new Fixture(database, importer, new ClusterReview(database.Database, TimeProvider.System));
        await fixture.ImportAsync(SiteA, "site-a");
        await fixture.ImportAsync(SiteB, "site-b");
        return fixture;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_weakest_similarity_is_the_weakest_pair_and_a_one_posting_cluster_has_none(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var cluster = await f.ClusterOfAsync("A1");
        double joined;
        await using (var c = await f.Database.Database.OpenAsync(CancellationToken.None))
        {
            joined = await c.ExecuteScalarAsync<double>("SELECT similarity FROM source_postings WHERE source_id = 'B77'");
        }
        Assert.True(joined > 0);
        var detail = await f.Review.DetailAsync(LishuiOperator, cluster, CancellationToken.None);
        Assert.Equal(joined, detail!.Cluster.Weakest!.Value, 6);
        Assert.Null((await f.Review.DetailAsync(LishuiOperator, await f.ClusterOfAsync("A2"), CancellationToken.None))!.Cluster.Weakest);
        // The default list (below 0.9) holds the cluster only when its one pair is below 0.9; a threshold just below it hides it.
        var listed = await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(), CancellationToken.None);
        Assert.Equal(joined < ClusterReview.DefaultThreshold, listed.Items.Any(i => i.Id == cluster));
        Assert.Equal(0, (await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(Below: joined - 0.001), CancellationToken.None)).Total);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Imported_postings_list_filters_by_source_region_occupation_duplicates_and_text_within_the_scope(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var postings = new ImportedPostings(f.Database.Database, Reference);
        async Task<string[]> Ids(ListQuery query, string? source = null, bool? duplicates = null, Caller? caller = null)
        {
            var (page, errors) = await postings.ListAsync(caller ?? LishuiOperator, query, source, duplicates, null, CancellationToken.None);
            Assert.True(errors.IsValid);
            return [.. page!.Items.Select(p => p.SourceId).Order(StringComparer.Ordinal)];
        }
        Assert.Equal(["A1", "A2", "B77"], await Ids(new ListQuery()));
        Assert.Equal(["B77"], await Ids(new ListQuery(), source: "site-b"));
        Assert.Equal(["A1", "B77"], await Ids(new ListQuery(), duplicates: true));
        Assert.Equal(["A2"], await Ids(new ListQuery(), duplicates: false));
        Assert.Equal(["A2"], await Ids(new ListQuery { Text = "电商" }));
        Assert.Equal(["A2"], await Ids(new ListQuery { Region = "331121" }));
        Assert.Empty(await Ids(new ListQuery { Occupation = "1" }));
        Assert.Empty(await Ids(new ListQuery(), caller: HangzhouOperator));
        var (first, _) = await postings.ListAsync(LishuiOperator, new ListQuery { Sort = "-postedOn", PageSize = 1 }, null, null, null, CancellationToken.None);
        Assert.Equal((3, "B77"), (first!.Total, first.Items.Single().SourceId));
        var (none, errors) = await postings.ListAsync(LishuiOperator, new ListQuery { Sort = "salary" }, null, null, null, CancellationToken.None);
        Assert.Null(none);
        Assert.Contains("sort", errors.ToDictionary().Keys);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Cluster_split_then_undo_restores_exactly(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var cluster = await f.ClusterOfAsync("A1");
        Assert.Equal(cluster, await f.ClusterOfAsync("B77"));
        var before = await f.StateAsync();

        var list = await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(Below: 1), CancellationToken.None);
        Assert.Equal([cluster], list.Items.Select(i => i.Id));

        var refused = await f.Review.SplitAsync(LishuiOperator, cluster, [await f.PostingAsync("B77")], " ", CancellationToken.None);
        Assert.Equal(ReviewStatus.Invalid, refused.Status);
        Assert.Contains("splitReason", refused.Errors.ToDictionary().Keys);
        var all = await f.Review.SplitAsync(LishuiOperator, cluster, [await f.PostingAsync("A1"), await f.PostingAsync("B77")], "all", CancellationToken.None);
        Assert.Contains("postings", all.Errors.ToDictionary().Keys);

        var split = await f.Review.SplitAsync(LishuiOperator, cluster, [await f.PostingAsync("A1")], "different shifts", CancellationToken.None);
        Assert.Equal(ReviewStatus.Done, split.Status);
        Assert.Equal(split.ClusterId, await f.ClusterOfAsync("A1"));
        Assert.Equal(cluster, await f.ClusterOfAsync("B77"));
        Assert.Equal((1L, 1L), (await f.CountAsync(cluster), await f.CountAsync(split.ClusterId)));
        Assert.Equal(0, (await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(Below: 1), CancellationToken.None)).Total);
        await using (var c = await f.Database.Database.OpenAsync(CancellationToken.None))
        {
            // The change is audited in its own transaction, with the operator, the reason and the cluster's region.
            var audit = await c.QuerySingleAsync<(string Reason, string Region)>(
                "SELECT reason, region_code FROM audit_log WHERE subject_type = 'posting_cluster' AND subject_id = @cluster", new { cluster });
            Assert.Equal(("different shifts", "331122000000"), audit);
        }

        var detail = await f.Review.DetailAsync(LishuiOperator, cluster, CancellationToken.None);
        var change = Assert.Single(detail!.History);
        Assert.True(change.CanUndo);
        Assert.Equal(["site-a/A1"], change.Postings);
        var undo = await f.Review.UndoAsync(LishuiOperator, cluster, change.Id, "split by mistake", CancellationToken.None);
        Assert.Equal(ReviewStatus.Done, undo.Status);
        Assert.Equal(before, await f.StateAsync());
        Assert.Equal(2L, await f.CountAsync(cluster));
        var again = await f.Review.UndoAsync(LishuiOperator, cluster, change.Id, "twice", CancellationToken.None);
        Assert.Equal(ReviewStatus.Invalid, again.Status);
        detail = await f.Review.DetailAsync(LishuiOperator, cluster, CancellationToken.None);
        Assert.Equal(["undo", "split"], detail!.History.Select(h => h.Kind));
        Assert.DoesNotContain(detail.History, h => h.CanUndo);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Cluster_merge_then_undo_restores_exactly_and_only_the_latest_change_can_be_undone(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var (cnc, shop) = (await f.ClusterOfAsync("A1"), await f.ClusterOfAsync("A2"));
        Assert.NotEqual(cnc, shop);
        var before = await f.StateAsync();

        var merge = await f.Review.MergeAsync(LishuiOperator, cnc, shop, "same employer group", CancellationToken.None);
        Assert.Equal(ReviewStatus.Done, merge.Status);
        Assert.Equal(cnc, await f.ClusterOfAsync("A2"));
        Assert.Equal((3L, 0L), (await f.CountAsync(cnc), await f.CountAsync(shop)));
        var twice = await f.Review.MergeAsync(LishuiOperator, cnc, shop, "again", CancellationToken.None);
        Assert.Contains("other", twice.Errors.ToDictionary().Keys);

        var review = await f.Review.MarkReviewedAsync(LishuiOperator, cnc, "checked", CancellationToken.None);
        Assert.Equal(ReviewStatus.Done, review.Status);
        var blocked = await f.Review.UndoAsync(LishuiOperator, cnc, merge.ChangeId, "too early", CancellationToken.None);
        Assert.Equal(ReviewStatus.Invalid, blocked.Status);
        var history = (await f.Review.DetailAsync(LishuiOperator, shop, CancellationToken.None))!.History;
        Assert.DoesNotContain(history, h => h.CanUndo);

        Assert.Equal(ReviewStatus.Done, (await f.Review.UndoAsync(LishuiOperator, cnc, review.ChangeId, "not yet", CancellationToken.None)).Status);
        Assert.Equal(ReviewStatus.Done, (await f.Review.UndoAsync(LishuiOperator, shop, merge.ChangeId, "different positions", CancellationToken.None)).Status);
        Assert.Equal(before, await f.StateAsync());
        Assert.Equal((2L, 1L), (await f.CountAsync(cnc), await f.CountAsync(shop)));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Cluster_review_stays_within_the_operators_region(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var cluster = await f.ClusterOfAsync("A1");
        Assert.Equal(0, (await f.Review.ListAsync(HangzhouOperator, new ClusterReviewQuery(Below: 1, IncludeReviewed: true), CancellationToken.None)).Total);
        Assert.Null(await f.Review.DetailAsync(HangzhouOperator, cluster, CancellationToken.None));
        var split = await f.Review.SplitAsync(HangzhouOperator, cluster, [await f.PostingAsync("A1")], "not mine", CancellationToken.None);
        Assert.Equal(ReviewStatus.NotFound, split.Status);
        var merge = await f.Review.MergeAsync(LishuiOperator, cluster, 999_999, "no such cluster", CancellationToken.None);
        Assert.Contains("other", merge.Errors.ToDictionary().Keys);
        var admin = new Caller(1, Role.PlatformAdmin, null, null, null);
        Assert.Equal(1, (await f.Review.ListAsync(admin, new ClusterReviewQuery(Below: 1), CancellationToken.None)).Total);
        Assert.Equal(1, (await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(Region: "331122", Below: 1), CancellationToken.None)).Total);
        Assert.Equal(0, (await f.Review.ListAsync(LishuiOperator, new ClusterReviewQuery(Region: "331121", Below: 1), CancellationToken.None)).Total);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Cluster_changes_are_kept_by_later_imports(string engine)
    {
        await using var f = await FixtureAsync(engine);
        var (cnc, shop) = (await f.ClusterOfAsync("A1"), await f.ClusterOfAsync("A2"));
        var split = await f.Review.SplitAsync(LishuiOperator, cnc, [await f.PostingAsync("B77")], "other platform, other shift", CancellationToken.None);
        var merge = await f.Review.MergeAsync(LishuiOperator, cnc, shop, "same employer group", CancellationToken.None);
        Assert.Equal((ReviewStatus.Done, ReviewStatus.Done), (split.Status, merge.Status));

        // The same importer (its clustering state was warm) and the same content from a third platform.
        await f.ImportAsync(SiteA.Replace("A1,", "C1,", StringComparison.Ordinal).Replace("A2,", "C2,", StringComparison.Ordinal), "site-c");
        Assert.Equal(split.ClusterId, await f.ClusterOfAsync("B77"));
        Assert.Equal(cnc, await f.ClusterOfAsync("A1"));
        Assert.Equal(cnc, await f.ClusterOfAsync("A2"));
        Assert.Equal(0L, await f.CountAsync(shop));
        await using var c = await f.Database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM posting_clusters p WHERE source_count <> (SELECT count(*) FROM source_postings s WHERE s.cluster_id = p.id)"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_postings WHERE cluster_id = @shop", new { shop }));
    }
}
