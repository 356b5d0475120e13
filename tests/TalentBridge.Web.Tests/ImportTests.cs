using System.Text;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

public sealed class ImportTests
{
    private static readonly TalentBridge.Platform.Accounts.Caller Admin = new(1, TalentBridge.Platform.Accounts.Role.PlatformAdmin, null, null, null);

    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly PostingNormaliser Normaliser = new(new TitleClassifier(Reference.Occupations), new PlaceNormaliser(Reference.Regions));

    private const string CsvProfile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "uscc": "信用代码",
          "place": "工作地点", "salary": "薪资", "education": "学历", "experience": "经验", "headcount": "人数", "description": "描述", "postedOn": "发布日期" } }
        """;

    private const string Csv = """
        职位ID,职位名称,公司名称,信用代码,工作地点,薪资,学历,经验,人数,描述,发布日期
        A1,数控车工（长白班）,缙云县测试机械有限公司,,丽水缙云,6000-9000元/月,中专,3年以上,招3人,操作数控车床，看懂图纸,2026-11-01
        A2,电商运营专员,青田县测试贸易有限公司,91350100M000100Y43,浙江丽水青田,8-12K·13薪,大专,1-3年,若干,"负责天猫店铺运营, 直播带货",2026/11/02
        A3,,无名公司,,丽水,面议,,,,,
        A4,普工 包吃住,丽水测试服饰有限公司,91350100M000100Y44,西湖区,3000以上,不限,经验不限,10人,,20261103
        """;

    private static async Task<(TestDatabase Database, PostingImport Importer)> ImporterAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return (database, new PostingImport(database.Database, Normaliser, TimeProvider.System));
    }

    private static ImportProfile Profile(string json) => ImportProfile.Parse(json).Profile!;

    /// <summary>The platform's imports classify titles with the vocabulary and the learned model (ADR 0022).</summary>
    [Fact]
    public async Task Imports_take_the_learned_model_s_code_where_the_vocabulary_finds_no_job_word()
    {
        var posting = new SourcePosting("board", "1", "裁工", "丽水测试服饰有限公司", null, "丽水", null, null, null, null, null, null);
        var (alone, issues) = Normaliser.Normalise(posting);
        Assert.Null(alone!.OccupationCode);
        Assert.Contains(issues, i => i.Reason == "NoOccupation");

        await using var app = await TestApp.StartAsync("sqlite");
        Assert.IsType<TalentBridge.Platform.Titles.CombinedTitleClassifier>(app.Service<ITitleClassifier>());
        var (combined, _) = app.Service<PostingNormaliser>().Normalise(posting);
        Assert.Equal("6-05-01-02", combined!.OccupationCode); // 裁剪工
        Assert.Null(app.Service<PostingNormaliser>().Normalise(posting with { Title = "无责任底薪2300+万元提成 绝对真实" }).Posting!.OccupationCode);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_csv_export_is_normalised_and_every_problem_row_is_reported(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var report = await importer.ImportAsync(Text(Csv), "export.csv", "testsite", Profile(CsvProfile), null, null, CancellationToken.None);
        Assert.Equal(4, report.Rows);
        Assert.Equal(3, report.Inserted);
        Assert.Equal(1, report.Rejected);

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var a1 = await c.QuerySingleAsync<(string Occupation, string Region, long Min, long Max, long Headcount)>(
            "SELECT occupation_code, region_code, salary_min, salary_max, headcount FROM source_postings WHERE source_id = 'A1'");
        Assert.Equal(("6-18-01-01", "331122000000", 6000L, 9000L, 3L), a1);
        // One region-code form: imported postings and their clusters store 12 digits, like the pools.
        Assert.Equal(0, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM source_postings WHERE length(region_code) <> 12") + await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM posting_clusters WHERE length(region_code) <> 12"));
        var a2 = await c.QuerySingleAsync<(long Months, string Uscc)>("SELECT months_per_year, uscc FROM source_postings WHERE source_id = 'A2'");
        Assert.Equal((13L, "91350100M000100Y43"), a2);

        using var issues = new StringWriter();
        Assert.True(await importer.WriteIssuesAsync(report.RunId, issues, CancellationToken.None) >= 3);
        var text = issues.ToString();
        Assert.Contains("4\tA3\ttitle\trejected\tis required", text, StringComparison.Ordinal);
        Assert.Contains("5\tA4\tuscc\tdoubtful", text, StringComparison.Ordinal);
        Assert.Contains("5\tA4\tplace\tdoubtful\t'西湖区' is ambiguous", text, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_is_updated(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var profile = Profile(CsvProfile);
        await importer.ImportAsync(Text(Csv), "export.csv", "testsite", profile, null, null, CancellationToken.None);
        var again = await importer.ImportAsync(Text(Csv), "export.csv", "testsite", profile, null, null, CancellationToken.None);
        Assert.Equal((0L, 0L, 3L), (again.Inserted, again.Updated, again.Unchanged));

        var changed = await importer.ImportAsync(Text(Csv.Replace("6000-9000元/月", "7000-9500元/月", StringComparison.Ordinal)), "export.csv", "testsite",
            profile, null, null, CancellationToken.None);
        Assert.Equal((0L, 1L, 2L), (changed.Inserted, changed.Updated, changed.Unchanged));
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(7000, await c.ExecuteScalarAsync<long>("SELECT salary_min FROM source_postings WHERE source_id = 'A1'"));
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_postings"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_same_posting_on_another_platform_joins_its_cluster(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var profile = Profile(CsvProfile);
        await importer.ImportAsync(Text(Csv), "export.csv", "site-a", profile, null, null, CancellationToken.None);
        var crossPosted = """
            职位ID,职位名称,公司名称,信用代码,工作地点,薪资,学历,经验,人数,描述,发布日期
            B77,急招 数控车工,缙云县测试机械有限公司,,浙江省丽水市缙云县,6-9K,中专,3年以上,3人,操作数控车床，看懂图纸,2026-11-04
            """;
        var report = await importer.ImportAsync(Text(crossPosted), "other.csv", "site-b", profile, null, null, CancellationToken.None);
        Assert.Equal(1, report.Duplicates);
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var clusters = (await c.QueryAsync<long>("SELECT cluster_id FROM source_postings WHERE source_id IN ('A1', 'B77')")).Distinct().ToList();
        Assert.Single(clusters);
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT source_count FROM posting_clusters WHERE id = @id", new { id = clusters[0] }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_run_is_listed_found_by_id_and_its_issues_are_paged_and_filtered(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var report = await importer.ImportAsync(Text(Csv), "export.csv", "testsite", Profile(CsvProfile), null, null, CancellationToken.None);
        var runs = new ImportRuns(database.Database, TimeProvider.System);
        var ct = CancellationToken.None;

        var run = Assert.Single(await runs.RecentAsync(Admin, ct));
        Assert.Equal((report.RunId, "testsite", "positions", "export.csv", "done"), (run.Id, run.Source, run.Kind, run.FileName, run.Status));
        Assert.Equal((4L, 3L, 1L, null), (run.Rows, run.Inserted, run.Rejected, run.Error));
        Assert.Equal(run.Id, (await runs.FindAsync(Admin, report.RunId, ct))?.Id);
        Assert.Null(await runs.FindAsync(Admin, report.RunId + 1, ct));

        var all = await runs.IssuesAsync(report.RunId, null, 1, 50, ct);
        Assert.True(all.Total >= 3);
        Assert.Equal(all.Items.OrderBy(i => i.Line).Select(i => i.Line), all.Items.Select(i => i.Line));
        var rejected = await runs.IssuesAsync(report.RunId, true, 1, 50, ct);
        var issue = Assert.Single(rejected.Items);
        Assert.Equal((4L, "A3", "title", true, "Required"), (issue.Line, issue.SourceId, issue.Field, issue.Rejected, issue.Reason));
        Assert.All((await runs.IssuesAsync(report.RunId, false, 1, 50, ct)).Items, i => Assert.False(i.Rejected));
        var second = await runs.IssuesAsync(report.RunId, null, 2, 1, ct);
        Assert.Equal((all.Total, 2, all.Items[1].Line, all.Items[1].Field), (second.Total, second.PageNumber, Assert.Single(second.Items).Line, second.Items[0].Field));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Json_lines_and_excel_exports_import_like_csv(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var jsonl = "{\"id\":\"J1\",\"name\":\"Java开发工程师\",\"city\":\"杭州西湖区\",\"pay\":\"15-20K·14薪\"}\n{ not json\n{\"id\":\"J2\",\"name\":\"客服专员\",\"city\":\"丽水\",\"pay\":\"面议\"}\n";
        var json = await importer.ImportAsync(Text(jsonl), "feed.jsonl", "jsonsite",
            Profile("""{ "kind": "positions", "columns": { "sourceId": "id", "title": "name", "place": "city", "salary": "pay" } }"""), null, null, CancellationToken.None);
        Assert.Equal((3L, 2L, 1L), (json.Rows, json.Inserted, json.Rejected));

        await using var xlsx = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "postings.xlsx"));
        var excel = await importer.ImportAsync(xlsx, "postings.xlsx", "excelsite", Profile("""
            { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点",
              "salary": "薪资", "education": "学历", "postedOn": "发布日期" } }
            """), null, null, CancellationToken.None);
        Assert.Equal((3L, 2L, 1L), (excel.Rows, excel.Inserted, excel.Rejected));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_mapped_column_missing_from_the_file_stops_the_import_with_its_name(string engine)
    {
        var (database, importer) = await ImporterAsync(engine);
        await using var _ = database;
        var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(Text("id,name\n1,普工\n"), "x.csv", "s",
            Profile("""{ "kind": "positions", "columns": { "sourceId": "id", "title": "职位名称" } }"""), null, null, CancellationToken.None));
        Assert.Contains("职位名称", error.Message, StringComparison.Ordinal);
        Assert.Contains("id, name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_names_unknown_fields_and_missing_required_ones()
    {
        var (profile, errors) = ImportProfile.Parse("""{ "kind": "positions", "columns": { "title": "t", "colour": "c" } }""");
        Assert.Null(profile);
        var messages = string.Join(" ", errors.ToDictionary()["columns"]);
        Assert.Contains("'colour' is not a Positions field", messages, StringComparison.Ordinal);
        Assert.Contains("required field 'sourceId'", messages, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ImportProfile.Parse("{ nope").Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_stays_that_of_the_values_joined_by_unit_separators()
    {
        // Stored hashes make re-imports idempotent: the way they are computed must not change what they are.
        string?[][] rows =
        [
            [],
            [null],
            ["", null, ""],
            ["A1", "数控车工（长白班）", null, "丽水缙云", "6000-9000元/月", "操作数控车床，看懂图纸 😀", "2026-11-01"],
            ["lone \ud800 surrogate", "\udc00", new string('长', 5_000)],
        ];
        foreach (var values in rows)
        {
            var joined = Encoding.UTF8.GetBytes(string.Join('\u001f', values.Select(v => v ?? "")));
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(joined).AsSpan(0, 16));
            Assert.Equal(expected, ImportRuns.ContentHash(values));
        }
    }
}
