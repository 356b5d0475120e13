using System.Text;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Import of talents (résumés) and enterprises from outside platforms, on both engines.</summary>
public sealed class ImportPeopleTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly TitleClassifier Titles = new(Reference.Occupations);
    private static readonly PlaceNormaliser Places = new(Reference.Regions);
    private static readonly ContactProtector Protector = new("import-people-test-key-2026"u8.ToArray());

    private static readonly string ValidId = WithCheck("33112219900101123");
    private static readonly string WrongCheckId = "33112219880202456" + (WithCheck("33112219880202456")[17] == '0' ? '1' : '0');

    private const string TalentProfile = """
        { "kind": "talents", "columns": { "sourceId": "编号", "name": "姓名", "phone": "手机", "idNumber": "身份证", "birthYear": "出生年份",
          "place": "现居地", "title": "期望职位", "text": "简历" } }
        """;

    private static string TalentCsv => $"""
        编号,姓名,手机,身份证,出生年份,现居地,期望职位,简历
        T1,张伟,13800138000,{ValidId},,丽水缙云,数控车工,五年数控车床操作经验，能看懂图纸，会编程
        T2,李娜,12345,,1992,丽水青田,电商运营,负责天猫店铺运营三年
        T3,,13900139000,,,,,
        T4,王芳,13700137000,{WrongCheckId},1988,丽水莲都,会计,出纳和会计工作八年
        """;

    private const string EnterpriseProfile = """
        { "kind": "enterprises", "columns": { "sourceId": "企业ID", "name": "企业名称", "uscc": "信用代码", "place": "所在地",
          "industry": "行业", "headcount": "人数", "description": "简介" } }
        """;

    private const string EnterpriseCsv = """
        企业ID,企业名称,信用代码,所在地,行业,人数,简介
        E1,缙云县测试机械有限公司,,丽水缙云,通用设备制造业,120人,数控机床零件加工
        E2,青田县测试贸易有限公司,91350100M000100Y44,丽水青田,批发业,50人,
        E3,,,丽水,,,
        E4,丽水测试服饰有限公司,91350100M000100Y43,丽水莲都,,300人,服装加工
        """;

    private static string WithCheck(string first17) => first17 + ResidentId.CheckCharacter(first17);

    private static ImportProfile Profile(string json) => ImportProfile.Parse(json).Profile!;

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<TestDatabase> DatabaseAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return database;
    }

    private static TalentImport Talents(Database db) => new(db, Protector, Titles, Places, TimeProvider.System);

    private static EnterpriseImport Enterprises(Database db) => new(db, Places, Reference.Industries, TimeProvider.System);

    private static async Task<string> IssuesAsync(Func<long, TextWriter, CancellationToken, Task<long>> write, long runId)
    {
        using var writer = new StringWriter();
        await write(runId, writer, CancellationToken.None);
        return writer.ToString();
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Talents_are_normalised_contacts_protected_and_problems_reported(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var importer = Talents(database.Database);
        var report = await importer.ImportAsync(Text(TalentCsv), "talents.csv", "site-a", Profile(TalentProfile), null, null, CancellationToken.None);
        Assert.Equal((4L, 3L, 1L), (report.Rows, report.Inserted, report.Rejected));
        Assert.Equal(2, report.Doubtful);

        var issues = await IssuesAsync(importer.WriteIssuesAsync, report.RunId);
        Assert.Contains("3\tT2\tphone\tdoubtful\tis not a mainland mobile number", issues, StringComparison.Ordinal);
        Assert.Contains("4\tT3\tname\trejected\tis required", issues, StringComparison.Ordinal);
        Assert.Contains("5\tT4\tidNumber\tdoubtful\tis not a valid resident ID number", issues, StringComparison.Ordinal);

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var t1 = await c.QuerySingleAsync<(string PhoneMasked, string PhoneHash, string IdMasked, string IdHash, long BirthYear, string Region, string Occupation)>(
            "SELECT phone_masked, phone_hash, id_number_masked, id_number_hash, birth_year, region_code, occupation_code FROM source_talents WHERE source_id = 'T1'");
        Assert.Equal(("138****8000", Protector.Hash("13800138000"), ContactProtector.MaskResidentId(ValidId), Protector.Hash(ValidId)),
            (t1.PhoneMasked, t1.PhoneHash, t1.IdMasked, t1.IdHash));
        Assert.Equal((1990L, "331122000000", "6-18-01-01"), (t1.BirthYear, t1.Region, t1.Occupation));
        var t2 = await c.QuerySingleAsync<(string? PhoneMasked, string? PhoneHash)>("SELECT phone_masked, phone_hash FROM source_talents WHERE source_id = 'T2'");
        Assert.Equal((null, null), t2);
        var t4 = await c.QuerySingleAsync<(string? IdHash, long BirthYear)>("SELECT id_number_hash, birth_year FROM source_talents WHERE source_id = 'T4'");
        Assert.Equal((null, 1988L), t4);
        Assert.Equal("talents", await c.ExecuteScalarAsync<string>("SELECT kind FROM import_runs WHERE id = @RunId", new { report.RunId }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_same_person_on_another_platform_joins_their_cluster_and_no_raw_contact_is_stored(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var importer = Talents(database.Database);
        var profile = Profile(TalentProfile);
        await importer.ImportAsync(Text(TalentCsv), "talents.csv", "site-a", profile, null, null, CancellationToken.None);
        // Same phone written differently, the name in traditional characters.
        var other = """
            编号,姓名,手机,身份证,出生年份,现居地,期望职位,简历
            B9,張偉,+86 138-0013-8000,,1990年,浙江省丽水市缙云县,数控车床操作工,数控车床操作
            B10,赵磊,13600136000,,1985,丽水龙泉,焊工,电焊气焊
            """;
        var report = await importer.ImportAsync(Text(other), "people.csv", "site-b", profile, null, null, CancellationToken.None);
        Assert.Equal((2L, 1L), (report.Inserted, report.Duplicates));

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var clusters = (await c.QueryAsync<long>("SELECT cluster_id FROM source_talents WHERE source_id IN ('T1', 'B9')")).Distinct().ToList();
        Assert.Single(clusters);
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT source_count FROM talent_clusters WHERE id = @id", new { id = clusters[0] }));
        Assert.Equal("same phone hash", await c.ExecuteScalarAsync<string>("SELECT match_reason FROM source_talents WHERE source_id = 'B9'"));
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM talent_clusters"));

        // No text anywhere in the database holds a raw phone or ID number, valid or not.
        string[] secrets = ["13800138000", "13700137000", "13600136000", "13900139000", "12345", ValidId, WrongCheckId, ValidId[..17]];
        var tables = database.Provider == TestDatabases.Sqlite
            ? await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
            : await c.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        var checkedValues = 0;
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await c.QueryAsync($"SELECT * FROM {table}"))
            {
                foreach (var (column, value) in row)
                {
                    if (value is string text)
                    {
                        checkedValues++;
                        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
                        Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal) || (s.Length > 5 && digits.Contains(s, StringComparison.Ordinal)));
                        Assert.False(text.Contains("138-0013-8000", StringComparison.Ordinal), $"{table}.{column}");
                    }
                }
            }
        }
        Assert.True(checkedValues > 50);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Importing_the_same_talents_again_changes_nothing_and_a_changed_row_is_updated(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var importer = Talents(database.Database);
        var profile = Profile(TalentProfile);
        await importer.ImportAsync(Text(TalentCsv), "talents.csv", "site-a", profile, null, null, CancellationToken.None);
        var again = await importer.ImportAsync(Text(TalentCsv), "talents.csv", "site-a", profile, null, null, CancellationToken.None);
        Assert.Equal((0L, 0L, 3L, 1L), (again.Inserted, again.Updated, again.Unchanged, again.Rejected));

        var changed = await importer.ImportAsync(Text(TalentCsv.Replace("13700137000", "13700137001", StringComparison.Ordinal)), "talents.csv", "site-a",
            profile, null, null, CancellationToken.None);
        Assert.Equal((0L, 1L, 2L), (changed.Inserted, changed.Updated, changed.Unchanged));
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(Protector.Hash("13700137001"), await c.ExecuteScalarAsync<string>("SELECT phone_hash FROM source_talents WHERE source_id = 'T4'"));
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_talents"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Enterprises_with_a_bad_uscc_are_reported_and_cluster_by_uscc_or_name_and_county(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var importer = Enterprises(database.Database);
        var profile = Profile(EnterpriseProfile);
        var report = await importer.ImportAsync(Text(EnterpriseCsv), "enterprises.csv", "site-a", profile, null, null, CancellationToken.None);
        Assert.Equal((4L, 3L, 1L), (report.Rows, report.Inserted, report.Rejected));
        var issues = await IssuesAsync(importer.WriteIssuesAsync, report.RunId);
        Assert.Contains("3\tE2\tuscc\tdoubtful", issues, StringComparison.Ordinal);
        Assert.Contains("4\tE3\tname\trejected\tis required", issues, StringComparison.Ordinal);

        var other = """
            企业ID,企业名称,信用代码,所在地,行业,人数,简介
            F1,縉雲測試機械有限責任公司,,浙江省丽水市缙云县,C,100-499人,机械加工
            F2,测试机械有限公司,,丽水青田,,,
            F3,某某品牌运营中心,91350100M000100Y43,杭州,,,
            """;
        var second = await importer.ImportAsync(Text(other), "companies.csv", "site-b", profile, null, null, CancellationToken.None);
        Assert.Equal((3L, 2L), (second.Inserted, second.Duplicates));

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var cluster = (await c.QueryAsync<(string SourceId, long Cluster)>("SELECT source_id, cluster_id FROM source_enterprises")).ToDictionary(r => r.SourceId, r => r.Cluster);
        Assert.Equal(cluster["E1"], cluster["F1"]);
        Assert.NotEqual(cluster["E1"], cluster["F2"]);
        Assert.Equal(cluster["E4"], cluster["F3"]);
        var e2 = await c.QuerySingleAsync<(string? Uscc, string Region, string Industry, long Headcount)>(
            "SELECT uscc, region_code, industry_code, headcount FROM source_enterprises WHERE source_id = 'E2'");
        Assert.Equal((null, "331121000000", "51", 50L), e2);
        Assert.Equal("enterprises", await c.ExecuteScalarAsync<string>("SELECT kind FROM import_runs WHERE id = @RunId", new { report.RunId }));
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM enterprise_clusters")); // E1+F1, E2, E4+F3, F2
    }

    [Fact]
    public async Task An_importer_refuses_a_profile_of_another_kind()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => Enterprises(new Database(DatabaseEngine.Sqlite, "Data Source=:memory:"))
            .ImportAsync(Text("x"), "x.csv", "s", Profile(TalentProfile), null, null, CancellationToken.None));
        Assert.Contains("takes enterprises; the profile is for talents", error.Message, StringComparison.Ordinal);
    }
}
