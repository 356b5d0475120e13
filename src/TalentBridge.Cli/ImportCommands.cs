using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Cli;

/// <summary><c>talentbridge import</c> and <c>talentbridge bench import</c>.</summary>
internal static class ImportCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The importer of the profile's kind and its issue writer; talents need the deployment's contact hashing key.</summary>
    private static (IRecordImport Import, Func<long, TextWriter, CancellationToken, Task<long>> WriteIssues) Importer(IServiceProvider platform, ImportKind kind)
    {
        switch (kind)
        {
            case ImportKind.Talents:
                var talents = platform.GetRequiredService<TalentImport>();
                return (talents, talents.WriteIssuesAsync);
            case ImportKind.Enterprises:
                var enterprises = platform.GetRequiredService<EnterpriseImport>();
                return (enterprises, enterprises.WriteIssuesAsync);
            default:
                var positions = platform.GetRequiredService<PostingImport>();
                return (positions, positions.WriteIssuesAsync);
        }
    }

    /// <summary>Imports one export file; every rejected or doubtful row goes to a report file beside it.</summary>
    public static async Task<int> ImportAsync(IServiceProvider platform, IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken ct)
    {
        if (options.GetValueOrDefault("source") is not { Length: > 0 } source
            || options.GetValueOrDefault("profile") is not { } profilePath
            || options.GetValueOrDefault("file") is not { } file)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge import --source NAME --profile PROFILE.json --file EXPORT [--report ISSUES.tsv] [--contact-key SECRET (talents)]");
            return 2;
        }
        if (!File.Exists(profilePath) || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"error: {(File.Exists(profilePath) ? file : profilePath)} not found");
            return 2;
        }
        var (profile, errors) = ImportProfile.Parse(await File.ReadAllTextAsync(profilePath, ct));
        if (profile is null)
        {
            await Console.Error.WriteLineAsync($"error: profile {profilePath}: {errors}");
            return 2;
        }
        if (profile.Kind == ImportKind.Talents)
        {
            try
            {
                platform.GetRequiredService<ContactProtector>();
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message} (--contact-key or env Security__ContactHashKey)");
                return 2;
            }
        }
        await MigrationRunner.MigrateAsync(platform.GetRequiredService<Database>(), ct);
        var (importer, writeIssues) = Importer(platform, profile.Kind);
        var progress = new Progress<ImportProgress>(p => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {p.Rows,10:N0} rows  {p.Inserted,10:N0} new  {p.Rejected,8:N0} rejected  ({p.Elapsed.TotalSeconds:F1} s)")));
        ImportReport report;
        try
        {
            await using var stream = File.OpenRead(file);
            report = await importer.ImportAsync(stream, Path.GetFileName(file), source, profile, null, progress, ct);
        }
        catch (ImportFileException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        var reportPath = options.GetValueOrDefault("report") ?? file + ".issues.tsv";
        long issues;
        await using (var writer = new StreamWriter(reportPath))
        {
            issues = await writeIssues(report.RunId, writer, ct);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"run {report.RunId}: {report.Rows:N0} rows, {report.Inserted:N0} new ({report.Duplicates:N0} joined a known {Noun(profile.Kind)}), {report.Updated:N0} updated, " +
            $"{report.Unchanged:N0} unchanged, {report.Rejected:N0} rejected, {report.Doubtful:N0} doubtful in {report.Elapsed.TotalSeconds:F1} s"));
        await output.WriteLineAsync(issues == 0 ? "no issues" : $"{issues:N0} issues (rejected and doubtful rows with their reasons): {reportPath}");
        return 0;
    }

    private static string Noun(ImportKind kind) => kind switch
    {
        ImportKind.Talents => "person",
        ImportKind.Enterprises => "employer",
        _ => "position",
    };

    /// <summary>
    /// The import benchmark: generates postings over three sources (10% duplicates), writes them as
    /// JSON Lines exports, imports all three into a fresh SQLite database, and reports rows per second,
    /// peak memory and duplicate precision/recall against the known positions. The baseline measured in
    /// the same run is reading the same files without normalising, clustering or storing.
    /// </summary>
    public static async Task<int> BenchAsync(IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken ct)
    {
        if (!int.TryParse(options.GetValueOrDefault("rows") ?? "1000000", NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows) || rows < 1_000)
        {
            await Console.Error.WriteLineAsync("error: --rows must be a whole number of at least 1000");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("talentbridge-bench-");
        try
        {
            var reference = ReferenceData.Load();
            var clock = Stopwatch.StartNew();
            await WriteFeedAsync(reference, rows, folder.FullName, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"generated {rows:N0} postings in {clock.Elapsed.TotalSeconds:F1} s"));

            var profile = ImportProfile.Parse(FeedProfile).Profile!;
            clock.Restart();
            long baselineRows = 0;
            foreach (var source in PostingFeedGenerator.SourceNames)
            {
                await using var stream = File.OpenRead(Path.Combine(folder.FullName, source + ".jsonl"));
                baselineRows += new SourceReader(profile).Read(stream, source + ".jsonl").LongCount();
            }
            var baseline = clock.Elapsed;

            await using var platform = CliPlatform.Build(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["provider"] = "sqlite",
                ["connection"] = $"Data Source={Path.Combine(folder.FullName, "bench.db")}",
            });
            var db = platform.GetRequiredService<Database>();
            await MigrationRunner.MigrateAsync(db, ct);
            var importer = platform.GetRequiredService<PostingImport>();
            clock.Restart();
            long imported = 0;
            foreach (var source in PostingFeedGenerator.SourceNames)
            {
                await using var stream = File.OpenRead(Path.Combine(folder.FullName, source + ".jsonl"));
                var report = await importer.ImportAsync(stream, source + ".jsonl", source, profile, null, null, ct);
                imported += report.Rows;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {source,-10} {report.Rows,10:N0} rows  {report.Inserted,10:N0} new  {report.Duplicates,8:N0} duplicates  {report.Rejected,6:N0} rejected  {report.Doubtful,8:N0} doubtful  {report.Elapsed.TotalSeconds,6:F1} s"));
                await output.WriteLineAsync("             " + string.Join("  ", report.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value.TotalSeconds:F2} s"))));
            }
            var elapsed = clock.Elapsed;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64; // generation and import; scoring comes after

            // The known positions were kept on disk during the import, so that they do not count in its memory.
            var truth = new Dictionary<(string, string), long>(rows);
            foreach (var line in File.ReadLines(Path.Combine(folder.FullName, "truth.tsv")))
            {
                var parts = line.Split('\t');
                truth[(parts[0], parts[1])] = long.Parse(parts[2], CultureInfo.InvariantCulture);
            }
            var predicted = new List<long>(rows);
            var expected = new List<long>(rows);
            await using (var c = await db.OpenAsync(ct))
            {
                foreach (var (source, sourceId, cluster) in await c.QueryAsync<(string, string, long)>("SELECT source, source_id, cluster_id FROM source_postings"))
                {
                    predicted.Add(cluster);
                    expected.Add(truth[(source, sourceId)]);
                }
            }
            var score = DedupEvaluation.Score(predicted, expected);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"imported {imported:N0} rows in {elapsed.TotalSeconds:F1} s = {imported / elapsed.TotalSeconds:N0} rows/s; reading alone {baseline.TotalSeconds:F1} s (ratio {elapsed / baseline:F1}x); peak memory {peak / 1048576.0:F0} MiB"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"duplicates: precision {score.Precision:F4}, recall {score.Recall:F4} over {score.TruePairs:N0} true pairs"));
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                rows = imported,
                seconds = Math.Round(elapsed.TotalSeconds, 2),
                rowsPerSecond = Math.Round(imported / elapsed.TotalSeconds),
                baselineSeconds = Math.Round(baseline.TotalSeconds, 2),
                ratioToBaseline = Math.Round(elapsed / baseline, 2),
                peakBytes = peak,
                duplicatePrecision = Math.Round(score.Precision, 4),
                duplicateRecall = Math.Round(score.Recall, 4),
            }, Json));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The duplicate-detection benchmark: clusters generated postings and talents with known duplicates
    /// (noise and hard negatives) and reports precision, recall and rate. The baseline measured in the
    /// same run is generating the records.
    /// </summary>
    public static async Task<int> BenchDedupAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        if (!int.TryParse(options.GetValueOrDefault("records") ?? "100000", NumberStyles.Integer, CultureInfo.InvariantCulture, out var records) || records < 1_000)
        {
            await Console.Error.WriteLineAsync("error: --records must be a whole number of at least 1000");
            return 2;
        }
        var postings = DedupEvaluation.RunPostings(records, seed: 11);
        var talents = DedupEvaluation.RunTalents(records, seed: 11);
        foreach (var (what, run) in new[] { ("postings", postings), ("talents", talents) })
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{what,-9} {run.Records:N0} records → {run.Clusters:N0} clusters: precision {run.Score.Precision:F4}, recall {run.Score.Recall:F4}, " +
                $"F1 {run.Score.F1:F4}; {run.RecordsPerSecond:N0} records/s (generating took {run.Generating.TotalSeconds:F1} s, ratio {run.Clustering / run.Generating:F2}x)"));
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            records,
            postingPrecision = Math.Round(postings.Score.Precision, 4),
            postingRecall = Math.Round(postings.Score.Recall, 4),
            postingsPerSecond = Math.Round(postings.RecordsPerSecond),
            talentPrecision = Math.Round(talents.Score.Precision, 4),
            talentRecall = Math.Round(talents.Score.Recall, 4),
            talentsPerSecond = Math.Round(talents.RecordsPerSecond),
        }, Json));
        return 0;
    }

    private const string FeedProfile = """
        { "kind": "positions", "format": "jsonLines",
          "columns": { "sourceId": "id", "title": "title", "enterprise": "company", "uscc": "creditCode", "place": "city",
                       "salary": "salary", "education": "degree", "experience": "experience", "headcount": "hiring",
                       "description": "description", "postedOn": "published" } }
        """;

    private static async Task WriteFeedAsync(ReferenceData reference, int rows, string folder, CancellationToken ct)
    {
        await using var truth = new StreamWriter(Path.Combine(folder, "truth.tsv"));
        var writers = PostingFeedGenerator.SourceNames.ToDictionary(s => s, s => new StreamWriter(Path.Combine(folder, s + ".jsonl")), StringComparer.Ordinal);
        try
        {
            var feed = new PostingFeedGenerator(reference, new ContactProtector("bench-contact-key-2026"u8.ToArray()), rows, 0.10, 2026,
                new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
            foreach (var (p, position) in feed.Postings())
            {
                await truth.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{p.Source}\t{p.SourceId}\t{position}").AsMemory(), ct);
                await writers[p.Source].WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = p.SourceId,
                    title = p.Title,
                    company = p.EnterpriseName,
                    creditCode = p.Uscc,
                    city = p.Place,
                    salary = p.Salary,
                    degree = p.Education,
                    experience = p.Experience,
                    hiring = p.Headcount,
                    description = p.Description,
                    published = p.PostedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }, Json).AsMemory(), ct);
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                await writer.DisposeAsync();
            }
        }
    }
}
