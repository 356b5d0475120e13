using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dapper;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Hostile and broken import files (issue [5] items 1–3) and region-scoped imports (item 5).</summary>
public sealed class ImportHardeningTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly PostingNormaliser Normaliser = new(new TitleClassifier(Reference.Occupations), new PlaceNormaliser(Reference.Regions));
    private static readonly Caller Admin = new(1, Role.PlatformAdmin, null, null, null);

    private static readonly ImportProfile Profile = ImportProfile.Parse("""
        { "kind": "positions", "columns": { "sourceId": "id", "title": "title", "enterprise": "company", "place": "place",
          "headcount": "hiring", "postedOn": "posted" } }
        """).Profile!;

    private static async Task<(TestDatabase Database, PostingImport Importer, ImportRuns Runs)> ImporterAsync(string engine, ImportLimits? limits = null)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return (database, new PostingImport(database.Database, Normaliser, TimeProvider.System, limits), new ImportRuns(database.Database, TimeProvider.System));
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<ImportIssueRow>> IssuesAsync(ImportRuns runs, long runId) =>
        [.. (await runs.IssuesAsync(runId, null, 1, 500, CancellationToken.None)).Items];

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_unclosed_quote_rejects_its_own_row_with_its_line_and_the_rows_after_it_are_imported(string engine)
    {
        var (database, importer, runs) = await ImporterAsync(engine);
        await using var _ = database;
        var csv = new StringBuilder("id,title,company,place,hiring,posted\n");
        for (var line = 2; line <= 200; line++)
        {
            var n = line.ToString(CultureInfo.InvariantCulture);
            csv.Append(line == 11 ? $"Q{n},\"数控车工,丽水测试公司,丽水莲都,3,2026-11-01\n" : $"Q{n},数控车工,丽水测试{n}号公司,丽水莲都,3,2026-11-01\n");
        }
        var report = await importer.ImportAsync(Text(csv.ToString()), "quote.csv", "site", Profile, null, null, CancellationToken.None);
        Assert.Equal((199L, 198L, 1L), (report.Rows, report.Inserted, report.Rejected));
        var issue = Assert.Single(await IssuesAsync(runs, report.RunId), i => i.Rejected);
        Assert.Equal((11L, "UnclosedQuote"), (issue.Line, issue.Reason));
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_postings WHERE length(title) > 20"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Broken_rows_get_their_own_reason_impossible_dates_and_negative_headcounts_are_not_stored(string engine)
    {
        var (database, importer, runs) = await ImporterAsync(engine);
        await using var _ = database;
        var jsonl = """
            {"id": "J1", "title": "数控车工", "company": "甲公司", "place": "丽水莲都", "hiring": "-5", "posted": "31/11/2026"}
            {"id": "J2", "title": "焊工", "company": "乙公司"
            [1, 2]
            {"id": "J4", "title": "会计", "company": "丙公司", "posted": "2026-11-21"}
            """;
        var report = await importer.ImportAsync(Text(jsonl), "feed.jsonl", "site", Profile, null, null, CancellationToken.None);
        Assert.Equal((4L, 2L, 2L), (report.Rows, report.Inserted, report.Rejected));
        var issues = await IssuesAsync(runs, report.RunId);
        Assert.Contains(issues, i => (i.Line, i.Field, i.Reason, i.Rejected) == (2, "line", "NotJson", true));
        Assert.Contains(issues, i => (i.Line, i.Field, i.Reason, i.Rejected) == (3, "line", "NotJsonObject", true));
        Assert.Contains(issues, i => (i.Line, i.Field, i.Reason) == (1, "postedOn", "DateInvalid") && i.Args.SequenceEqual(["31/11/2026"]));
        Assert.Contains(issues, i => (i.Line, i.Field, i.Reason) == (1, "headcount", "HeadcountNegative"));
        Assert.DoesNotContain(issues, i => i.Reason == "SourceIdRequired");
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var j1 = await c.QuerySingleAsync<(long? Headcount, string? PostedOn)>("SELECT headcount, CAST(posted_on AS TEXT) FROM source_postings WHERE source_id = 'J1'");
        Assert.Equal((null, null), j1);
        // Every reason has its text in both languages, and the English is what the command line prints.
        Assert.Contains("not valid JSON", ImportText.English("Imports.Reason.", "NotJson", []), StringComparison.Ordinal);
        Assert.All(issues, i => Assert.NotEqual(i.Reason, ImportText.English("Imports.Reason.", i.Reason, i.Args)));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Limits_reject_long_fields_and_lines_stop_at_the_row_limit_and_count_the_issues_not_kept(string engine)
    {
        var limits = new ImportLimits { MaxFieldChars = 100, MaxRowChars = 1_000, MaxRowsPerFile = 6, MaxIssuesPerRun = 3 };
        var (database, importer, runs) = await ImporterAsync(engine, limits);
        await using var _ = database;
        var csv = "id,title,company,place,hiring,posted\n" +
            $"L2,{new string('工', 101)},甲公司,丽水莲都,3,\n" +
            $"L3,焊工,{new string('乙', 2_000)},丽水莲都,3,\n" +
            "L4,焊工,丙公司,丽水莲都,3,\n" +
            "L5,,丁公司,,,\n" +
            "L6,,戊公司,,,\n" +
            "L7,会计,己公司,丽水莲都,3,\n" +
            "L8,会计,庚公司,丽水莲都,3,\n" +
            "L9,会计,辛公司,丽水莲都,3,\n";
        var report = await importer.ImportAsync(Text(csv), "big.csv", "site", Profile, null, null, CancellationToken.None);
        Assert.Equal((6L, 2L, 4L), (report.Rows, report.Inserted, report.Rejected));
        var issues = await IssuesAsync(runs, report.RunId);
        Assert.Equal(3, issues.Count);
        Assert.Equal((2L, "title", "FieldTooLong"), (issues[0].Line, issues[0].Field, issues[0].Reason));
        Assert.Equal((3L, "line", "RowTooLong"), (issues[1].Line, issues[1].Field, issues[1].Reason));
        var run = (await runs.FindAsync(Admin, report.RunId, CancellationToken.None))!;
        Assert.Equal(2, run.IssuesDropped); // L6's title and the file-level note on the rows not read
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM source_postings WHERE source_id IN ('L8', 'L9')"));

        var unlimited = await ImporterAsync(engine, limits with { MaxIssuesPerRun = 100 });
        await using var __ = unlimited.Database;
        var again = await unlimited.Importer.ImportAsync(Text(csv), "big.csv", "site", Profile, null, null, CancellationToken.None);
        var note = Assert.Single(await IssuesAsync(unlimited.Runs, again.RunId), i => i.Field == SourceRow.FileField);
        Assert.Equal(("RowsLimit", 8L), (note.Reason, note.Line));
        Assert.Contains("the first 6 were read, the rest was not", ImportText.English("Imports.Reason.", note.Reason, note.Args), StringComparison.Ordinal);
    }

    private static MemoryStream Workbook(string sheet, string? sharedStrings = null)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Add("xl/workbook.xml", """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/worksheets/sheet1.xml", sheet);
            if (sharedStrings is not null)
            {
                Add("xl/sharedStrings.xml", sharedStrings);
            }
        }
        file.Position = 0;
        return file;
    }

    private static readonly ImportProfile SheetProfile = ImportProfile.Parse("""{ "kind": "positions", "columns": { "sourceId": "id", "title": "title" } }""").Profile!;

    private const string Header = """<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>title</t></is></c></row>""";

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Hostile_workbooks_are_read_within_the_limits_and_a_dtd_is_refused_with_its_reason(string engine)
    {
        var (database, importer, runs) = await ImporterAsync(engine, new ImportLimits { MaxFieldChars = 1_000 });
        await using var _ = database;
        // A shared string far over the field limit, used by a cell, and a last row at 1,048,576 with nothing between.
        var huge = new string('A', 5_000_000);
        var sheet = $"""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>X2</t></is></c><c r="B2" t="s"><v>0</v></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>X3</t></is></c><c r="B1048576" t="inlineStr"><is><t>焊工</t></is></c></row></sheetData></worksheet>""";
        var shared = $"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{huge}</t></si></sst>""";
        var report = await importer.ImportAsync(Workbook(sheet, shared), "hostile.xlsx", "site", SheetProfile, null, null, CancellationToken.None);
        Assert.Equal((2L, 1L, 1L), (report.Rows, report.Inserted, report.Rejected));
        var issue = Assert.Single(await IssuesAsync(runs, report.RunId));
        Assert.Equal((2L, "title", "FieldTooLong"), (issue.Line, issue.Field, issue.Reason));

        var dtd = $"""<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>""";
        var refused = await Assert.ThrowsAsync<ImportFileException>(() =>
            importer.ImportAsync(Workbook(dtd), "dtd.xlsx", "site", SheetProfile, null, null, CancellationToken.None));
        Assert.Equal("XlsxDtd", refused.Code);
        Assert.Contains("DTD", refused.Message, StringComparison.Ordinal);
        var failed = (await runs.RecentAsync(Admin, CancellationToken.None))[0];
        Assert.Equal(("failed", "XlsxDtd"), (failed.Status, failed.Error));
    }

    private static async Task<long> OperatorAsync(Database db, string name, string region)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(
            "INSERT INTO accounts (user_name, display_name, password_hash, role, region_code, created_at) VALUES (@name, @name, 'x', @role, @region, @now) RETURNING id",
            new { name, role = (int)Role.Operator, region, now = Database.Utc(DateTimeOffset.UtcNow) });
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_operator_imports_only_rows_of_its_region_and_sees_only_runs_of_its_subtree(string engine)
    {
        var (database, importer, runs) = await ImporterAsync(engine);
        await using var _ = database;
        var db = database.Database;
        var county = await OperatorAsync(db, "qingtian.operator", "331121");
        var city = await OperatorAsync(db, "lishui.operator", "331100");
        var csv = "id,title,company,place,hiring,posted\nR1,焊工,青田测试公司,丽水青田,2,\nR2,会计,莲都测试公司,丽水莲都,2,\nR3,电商运营,杭州测试公司,杭州市,2,\n";

        var byCounty = await importer.ImportAsync(Text(csv), "county.csv", "site-a", Profile, county, null, CancellationToken.None);
        Assert.Equal((1L, 2L), (byCounty.Inserted, byCounty.Rejected));
        var outside = (await IssuesAsync(runs, byCounty.RunId)).Where(i => i.Reason == "OutOfScope").ToList();
        Assert.Equal(["R2", "R3"], outside.Select(i => i.SourceId));
        Assert.All(outside, i => Assert.Equal("331121", i.Args[1]));

        var byCity = await importer.ImportAsync(Text(csv), "city.csv", "site-b", Profile, city, null, CancellationToken.None);
        Assert.Equal((2L, 1L), (byCity.Inserted, byCity.Rejected));
        Assert.Equal("R3", Assert.Single(await IssuesAsync(runs, byCity.RunId), i => i.Reason == "OutOfScope").SourceId);
        var byAdmin = await importer.ImportAsync(Text(csv), "all.csv", "site-c", Profile, null, null, CancellationToken.None);
        Assert.Equal(0, byAdmin.Rejected);

        var countyCaller = new Caller(county, Role.Operator, null, "331121", null);
        var cityCaller = new Caller(city, Role.Operator, null, "331100", null);
        Assert.Equal([byCounty.RunId], (await runs.RecentAsync(countyCaller, CancellationToken.None)).Select(r => r.Id));
        Assert.Null(await runs.FindAsync(countyCaller, byCity.RunId, CancellationToken.None));
        Assert.Null(await runs.FindAsync(countyCaller, byAdmin.RunId, CancellationToken.None));
        Assert.Equal([byCity.RunId, byCounty.RunId], (await runs.RecentAsync(cityCaller, CancellationToken.None)).Select(r => r.Id));
        Assert.Equal(3, (await runs.RecentAsync(Admin, CancellationToken.None)).Count);
    }
}
