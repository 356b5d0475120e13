using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Publishing a duplicate cluster into the position pool (issue 5, item 18), on the demo data of both engines: the
/// draft comes from the cluster's sources, the position, its audit row and the cluster's link commit together, a
/// cluster is published once, only by an importer of its region, and the position shows where it came from.
/// </summary>
public sealed class ClusterPublishingTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private const string Profile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点",
          "salary": "薪资", "education": "学历", "headcount": "人数", "description": "描述", "postedOn": "发布日期" } }
        """;

    private sealed record Setup(TestApp App, long ClusterId, long EnterpriseId, Caller Operator);

    /// <summary>
    /// Two platforms post the same job of a demo enterprise in 缙云; each call uses its own enterprise (the
    /// <paramref name="nth"/> name there) and source names, so that its cluster stays apart from the other calls'.
    /// </summary>
    private static async Task<Setup> ImportAsync(TestApp app, string tag, int nth, int salaryMin = 6000)
    {
        var db = app.Service<Database>();
        await using var c = await db.OpenAsync(CancellationToken.None);
        var (enterpriseId, name) = await c.QueryFirstAsync<(long, string)>(
            "SELECT min(id), name FROM enterprises WHERE region_code LIKE '331122%' GROUP BY name ORDER BY min(id) LIMIT 1 OFFSET @nth", new { nth });
        var operatorId = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'lishui.operator'");
        var import = app.Service<PostingImport>();
        foreach (var (source, id, title, headcount, description) in new[]
        {
            ($"{tag}-a", "1", "数控车工（长白班）", "3", "操作数控车床，看懂图纸"),
            ($"{tag}-b", "2", "急招 数控车工", "3", "操作数控车床，看懂图纸，长白班"),
        })
        {
            var csv = $"职位ID,职位名称,公司名称,工作地点,薪资,学历,人数,描述,发布日期\n{id},{title},{name},浙江省丽水市缙云县,{salaryMin}-{salaryMin + 3000}元/月,中专,{headcount},{description},2026-11-01\n";
            await import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), source + ".csv", source, ImportProfile.Parse(Profile).Profile!, null, null,
                CancellationToken.None);
        }
        var clusters = (await c.QueryAsync<long>("SELECT DISTINCT cluster_id FROM source_postings WHERE source LIKE @tag", new { tag = tag + "-%" })).ToList();
        Assert.Single(clusters);
        return new Setup(app, clusters[0], enterpriseId, new Caller(operatorId, Role.Operator, null, "3311", null));
    }

    private static Position PositionFrom(PublishDraft draft, long enterpriseId) => new()
    {
        EnterpriseId = enterpriseId,
        Title = draft.Title,
        OccupationCode = draft.OccupationCode ?? "6-18-01-01",
        RegionCode = draft.RegionCode!,
        Headcount = draft.Headcount,
        SalaryMin = draft.SalaryMin ?? 0,
        SalaryMax = draft.SalaryMax ?? 0,
        MinEducation = draft.MinEducation,
        EngagementMode = EngagementModes.FullTime,
        PostedOn = new DateOnly(2026, 11, 1),
        ExpiresOn = new DateOnly(2027, 1, 31),
        Description = draft.Description,
    };

    private static async Task<long> PositionCountAsync(TestApp app)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM positions");
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_cluster_is_published_once_with_its_link_audit_and_provenance(string engine)
    {
        var s = await ImportAsync(await apps.For(engine), "pub" + engine[..2], 0);
        var publishing = s.App.Service<ClusterPublishing>();
        var writes = s.App.Service<PositionWrites>();

        var draft = (await publishing.DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!;
        Assert.Equal((6000, 9000, 3, EducationLevel.SeniorHigh), (draft.SalaryMin, draft.SalaryMax, draft.Headcount, draft.MinEducation));
        Assert.Equal("操作数控车床，看懂图纸，长白班", draft.Description);
        Assert.Contains(draft.Enterprises, e => e.Id == s.EnterpriseId && !e.ByUscc);
        Assert.Null(draft.PositionId);

        var result = await writes.CreateAsync(s.Operator, PositionFrom(draft, s.EnterpriseId), null, CancellationToken.None, s.ClusterId);
        Assert.Equal(WriteStatus.Ok, result.Status);
        var positionId = result.Value!.Id;

        await using (var c = await s.App.Service<Database>().OpenAsync(CancellationToken.None))
        {
            var (linked, reviewed) = await c.QuerySingleAsync<(long?, long?)>(
                "SELECT position_id, reviewed_by FROM posting_clusters WHERE id = @id", new { id = s.ClusterId });
            Assert.Equal((positionId, s.Operator.AccountId), (linked, reviewed));
            Assert.Equal($"cluster:{s.ClusterId}", await c.ExecuteScalarAsync<string>(
                "SELECT reason FROM audit_log WHERE subject_type = 'position' AND subject_id = @positionId AND action = 'create'", new { positionId }));
        }
        var provenance = (await publishing.ProvenanceAsync(positionId, CancellationToken.None))!;
        Assert.Equal(s.ClusterId, provenance.ClusterId);
        Assert.Equal(2, provenance.Sources.Count);
        Assert.Null(await publishing.ProvenanceAsync(positionId + 100_000, CancellationToken.None));

        // Published once: a second publish is refused on its field and stores nothing.
        var count = await PositionCountAsync(s.App);
        var again = await writes.CreateAsync(s.Operator, PositionFrom(draft, s.EnterpriseId), null, CancellationToken.None, s.ClusterId);
        Assert.Equal(WriteStatus.Invalid, again.Status);
        Assert.Equal([$"is published already as position {positionId}"], again.Errors.ToDictionary()["fromCluster"]);
        Assert.Equal(count, await PositionCountAsync(s.App));
        Assert.Equal(positionId, (await publishing.DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!.PositionId);

        // The published cluster is not merged away into another; deleting the position frees it.
        var other = await ImportAsync(s.App, "oth" + engine[..2], 1);
        var merge = await s.App.Service<ClusterReview>().MergeAsync(s.Operator, other.ClusterId, s.ClusterId, "同一岗位", CancellationToken.None);
        Assert.Equal(ReviewStatus.Invalid, merge.Status);
        Assert.Contains($"is published as position {positionId}", merge.Errors.ToDictionary()["other"][0], StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Ok, (await writes.DeleteAsync(s.Operator, positionId, null, CancellationToken.None)).Status);
        Assert.Null((await publishing.DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!.PositionId);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Only_an_importer_of_the_cluster_region_publishes_and_an_invalid_position_leaves_the_cluster_unpublished(string engine)
    {
        var s = await ImportAsync(await apps.For(engine), "acc" + engine[..2], 2, 7300);
        var publishing = s.App.Service<ClusterPublishing>();
        var writes = s.App.Service<PositionWrites>();
        var draft = (await publishing.DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!;
        var position = PositionFrom(draft, s.EnterpriseId);
        var count = await PositionCountAsync(s.App);

        var qingtian = new Caller(s.Operator.AccountId, Role.Operator, null, "331121", null);
        Assert.Null(await publishing.DraftAsync(qingtian, s.ClusterId, CancellationToken.None));
        Assert.Equal(WriteStatus.Forbidden, (await writes.CreateAsync(qingtian, position, null, CancellationToken.None, s.ClusterId)).Status);
        var enterpriseUser = new Caller(s.Operator.AccountId, Role.EnterpriseAdmin, s.EnterpriseId, null, null);
        Assert.Null(await publishing.DraftAsync(enterpriseUser, s.ClusterId, CancellationToken.None));
        Assert.Equal(WriteStatus.Forbidden, (await writes.CreateAsync(enterpriseUser, position, null, CancellationToken.None, s.ClusterId)).Status);
        Assert.Equal(WriteStatus.NotFound, (await writes.CreateAsync(s.Operator, position, null, CancellationToken.None, s.ClusterId + 100_000)).Status);

        var invalid = await writes.CreateAsync(s.Operator, position with { SalaryMin = 9000, SalaryMax = 6000 }, null, CancellationToken.None, s.ClusterId);
        Assert.Equal(WriteStatus.Invalid, invalid.Status);
        Assert.Equal(count, await PositionCountAsync(s.App));
        Assert.Null((await publishing.DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!.PositionId);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_api_publishes_a_cluster_once(string engine)
    {
        var s = await ImportAsync(await apps.For(engine), "api" + engine[..2], 3);
        var draft = (await s.App.Service<ClusterPublishing>().DraftAsync(s.Operator, s.ClusterId, CancellationToken.None))!;
        var body = new
        {
            enterpriseId = s.EnterpriseId, title = draft.Title, occupationCode = draft.OccupationCode ?? "6-18-01-01", regionCode = draft.RegionCode,
            headcount = draft.Headcount, salaryMin = draft.SalaryMin, salaryMax = draft.SalaryMax, postedOn = "2026-11-01", expiresOn = "2027-01-31",
            engagementMode = "FullTime",
        };
        using var client = s.App.Client(await s.App.TokenAsync("lishui.operator", "Operator#2026"));
        var created = await client.PostAsJsonAsync($"/api/v1/positions?fromCluster={s.ClusterId}", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await client.PostAsJsonAsync($"/api/v1/positions?fromCluster={s.ClusterId}", body);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("fromCluster", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var county = s.App.Client(await s.App.TokenAsync("qingtian.operator", "Operator#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync($"/api/v1/positions?fromCluster={s.ClusterId}", body)).StatusCode);
    }
}
