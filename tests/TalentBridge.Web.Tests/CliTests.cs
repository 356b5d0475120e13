namespace TalentBridge.Web.Tests;

/// <summary>The <c>talentbridge</c> command, run through its real entry point.</summary>
public sealed class CliTests
{
    internal static async Task<int> RunAsync(params string[] args)
    {
        var entry = System.Reflection.Assembly.Load("talentbridge").EntryPoint!;
        var result = entry.Invoke(null, [args]);
        return result is Task<int> task ? await task : (int)result!;
    }

    [Fact]
    public async Task Seed_fills_an_empty_database_once_and_reports_bad_options()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tb_cli_{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file}";
        try
        {
            Assert.Equal(0, await RunAsync("seed", "--scale", "small", "--seed", "5", "--connection", connection));
            Assert.Equal(1, await RunAsync("seed", "--scale", "small", "--connection", connection));
            Assert.Equal(0, await RunAsync("migrate", "--connection", connection));
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
        // Bad options are refused before anything is written: no database file appears.
        Assert.Equal(2, await RunAsync("seed", "--scale", "galaxy", "--connection", connection));
        Assert.Equal(2, await RunAsync("seed", "--seed", "many", "--connection", connection));
        Assert.Equal(2, await RunAsync("frobnicate", "--connection", connection));
        Assert.Equal(2, await RunAsync("seed", "--provider", "oracle"));
        Assert.Equal(2, await RunAsync("seed", "--scale"));
        Assert.False(File.Exists(file));
    }

    [SkippableFact]
    public async Task Seeding_postgres_needs_a_contact_hash_key()
    {
        TestDatabases.RequireEngine(TestDatabases.Postgres);
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        Assert.Equal(2, await RunAsync("seed", "--scale", "small", "--provider", "postgres", "--connection", database.Database.ConnectionString));
        Assert.Equal(0, await RunAsync("seed", "--scale", "small", "--provider", "postgres", "--connection", database.Database.ConnectionString,
            "--contact-key", "a-test-contact-key-2026"));
    }

    [Theory]
    [InlineData("title", "Java开发工程师", "\"code\":\"2-02-10-03\"")]
    [InlineData("place", "浙江丽水青田", "\"code\":\"331121\",\"name\":\"青田县\",\"level\":\"county\"")]
    [InlineData("salary", "15-20K·14薪", "\"monthlyMin\":15000,\"monthlyMax\":20000,\"monthsPerYear\":14")]
    [InlineData("salary", "面议", "\"monthlyMin\":null,\"monthlyMax\":null,\"monthsPerYear\":12,\"period\":null,\"negotiable\":true")]
    public async Task Normalize_writes_one_json_object_per_input_line(string kind, string text, string expected)
    {
        using var input = new StringReader($"{text}\n{text}\n");
        using var output = new StringWriter();
        Assert.Equal(0, await Cli.Normalize.RunAsync([kind], input, output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{{\"input\":\"{text}\"", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normalize_refuses_an_unknown_kind() =>
        Assert.Equal(2, await Cli.Normalize.RunAsync(["colour"], new StringReader(""), new StringWriter()));

    /// <summary><c>eval titles</c> scores a labelled file, and with a second labelling counts the rows right by either.</summary>
    [Fact]
    public async Task Title_evaluation_counts_rows_right_by_either_labeller()
    {
        var directory = Directory.CreateTempSubdirectory("tb-eval-");
        try
        {
            var first = Path.Combine(directory.FullName, "first.tsv");
            var second = Path.Combine(directory.FullName, "second.tsv");
            await File.WriteAllTextAsync(first, "title\tcode\tnote\n电话销售\t4-01-02-01\t\n电话销售专员\t4-04-05-03\t\n急招\t\tno-occupation\n");
            await File.WriteAllTextAsync(second, "title\tcode\tnote\n电话销售专员\t4-01-02-01\t\n");
            using var output = new StringWriter();
            Assert.Equal(0, await Cli.Normalize.EvaluateTitlesAsync(["titles", "--file", first, "--second-labels", second], output));
            using var json = System.Text.Json.JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
            var root = json.RootElement;
            Assert.Equal(3, root.GetProperty("rows").GetInt32());
            Assert.Equal(2, root.GetProperty("vocabulary").GetProperty("right").GetInt32());
            var either = root.GetProperty("rightByEitherLabeller");
            Assert.Equal(1, either.GetProperty("secondLabels").GetInt32());
            Assert.Equal(3, either.GetProperty("vocabulary").GetInt32());
            Assert.Equal(2, await Cli.Normalize.EvaluateTitlesAsync(["titles", "--file", first, "--second-labels", Path.Combine(directory.FullName, "missing.tsv")], new StringWriter()));
            Assert.Contains("miss\t", output.ToString(), StringComparison.Ordinal);

            // A held-out file is scored only: no misses, and no threshold sweep on it.
            var heldOut = Path.Combine(directory.FullName, "some-heldout.tsv");
            File.Copy(first, heldOut);
            using var scored = new StringWriter();
            Assert.Equal(0, await Cli.Normalize.EvaluateTitlesAsync(["titles", "--file", heldOut], scored));
            Assert.DoesNotContain("miss", scored.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, await Cli.Normalize.EvaluateTitlesAsync(["titles", "--file", heldOut, "--sweep"], new StringWriter()));

            // A second labelling that labels a title twice is refused.
            await File.WriteAllTextAsync(second, "title\tcode\tnote\n急招\t\tno-occupation\n急招\t4-01-02-01\t\n");
            Assert.Equal(2, await Cli.Normalize.EvaluateTitlesAsync(["titles", "--file", first, "--second-labels", second], new StringWriter()));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The import benchmark's smoke run (CI size): it completes and reports its figures as JSON.</summary>
    [Fact]
    public async Task The_import_benchmark_runs_at_small_scale_and_reports_its_figures()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await Cli.ImportCommands.BenchAsync(new Dictionary<string, string> { ["rows"] = "10000" }, output, CancellationToken.None));
        var last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = System.Text.Json.JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal(10_000, root.GetProperty("rows").GetInt64());
        Assert.True(root.GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("peakBytes").GetInt64() > 0);
        Assert.InRange(root.GetProperty("duplicatePrecision").GetDouble(), 0.8, 1.0);
        Assert.InRange(root.GetProperty("duplicateRecall").GetDouble(), 0.8, 1.0);
    }

    /// <summary>The enterprise-services benchmark's smoke run: every tier decided and explained, outcomes agreeing, every policy, and its JSON line.</summary>
    [Fact]
    public async Task The_services_benchmark_runs_at_small_scale_and_ends_with_its_figures()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await Cli.ServicesBench.BenchAsync(new Dictionary<string, string> { ["enterprises"] = "2000", ["threads"] = "2" }, output));
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("enterprises").GetInt32());
        Assert.True(root.GetProperty("outcomesAgree").GetBoolean());
        Assert.True(root.GetProperty("ratioToAim").GetDouble() > 0);
        Assert.True(root.GetProperty("policiesQualified").GetInt32() > 0);
        // Deterministic: the same seed gives the same answers.
        using var again = new StringWriter();
        Assert.Equal(0, await Cli.ServicesBench.BenchAsync(new Dictionary<string, string> { ["enterprises"] = "2000", ["threads"] = "1" }, again));
        using var second = System.Text.Json.JsonDocument.Parse(again.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal(root.GetProperty("qualifies").GetRawText(), second.RootElement.GetProperty("qualifies").GetRawText());
        Assert.Equal(2, await Cli.ServicesBench.BenchAsync(new Dictionary<string, string> { ["enterprises"] = "ten" }, output));
    }

    /// <summary>The duplicate-detection benchmark's smoke run: it completes and reports its figures as JSON.</summary>
    [Fact]
    public async Task The_dedup_benchmark_runs_at_small_scale_and_reports_its_figures()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await Cli.ImportCommands.BenchDedupAsync(new Dictionary<string, string> { ["records"] = "5000" }, output));
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.InRange(json.RootElement.GetProperty("postingPrecision").GetDouble(), 0.9, 1.0);
        Assert.InRange(json.RootElement.GetProperty("talentRecall").GetDouble(), 0.9, 1.0);
        Assert.Equal(2, await Cli.ImportCommands.BenchDedupAsync(new Dictionary<string, string> { ["records"] = "ten" }, output));
    }

    /// <summary>
    /// The flow benchmark's smoke run (CI size) on each engine: the real web host under ten simulated people for five
    /// seconds, then the database against what they saw. Figures are not asserted, the checks are.
    /// </summary>
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_flow_benchmark_runs_at_small_scale_and_loses_or_doubles_nothing(string engine)
    {
        TestDatabases.RequireEngine(engine);
        using var output = new StringWriter();
        var options = new Dictionary<string, string>
        {
            ["engine"] = engine, ["users"] = "10", ["seconds"] = "5", ["scale"] = "small", ["baseline-rounds"] = "3", ["think-ms"] = "300", ["warmup-seconds"] = "1",
        };
        if (engine == TestDatabases.Postgres)
        {
            options["postgres"] = TestDatabases.PostgresAdmin!;
        }
        var exit = await Cli.FlowBench.BenchAsync(options, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var root = json.RootElement;
        Assert.Equal((10, 5), (root.GetProperty("users").GetInt32(), root.GetProperty("seconds").GetInt32()));
        Assert.True(root.GetProperty("requestsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("seenEvents").GetInt64() > 0);
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("lostEvents").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicatedEvents").GetInt64());
        Assert.Equal(0, root.GetProperty("mismatchedAgreements").GetInt32());
        Assert.True(root.GetProperty("agreements").GetInt32() > 0, "the baseline alone signs three agreements");
        Assert.True(root.GetProperty("p99MsByStep").TryGetProperty("apply", out _));
        Assert.Equal(2, await Cli.FlowBench.BenchAsync(new Dictionary<string, string> { ["users"] = "1" }, output, CancellationToken.None));
    }

    /// <summary>
    /// The SLA benchmark's smoke run (CI size) on each engine, through the real entry point: it succeeds and prints its
    /// figure lines. Figures are not asserted; the naive clock must agree with the real one.
    /// </summary>
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_sla_benchmark_runs_at_small_scale_and_prints_its_figures(string engine)
    {
        TestDatabases.RequireEngine(engine);
        using var output = new StringWriter();
        var options = new Dictionary<string, string> { ["engine"] = engine, ["orders"] = "2000", ["runs"] = "3" };
        if (engine == TestDatabases.Postgres)
        {
            options["postgres"] = TestDatabases.PostgresAdmin!;
        }
        var exit = await Cli.SlaBench.BenchAsync(options, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        var text = output.ToString();
        foreach (var line in new[] { "seed: 2,000 orders", "dashboard: ", "× the aim of 200 ms", "clocks (calendar hours): ", "clocks (working hours): ", "sweep: " })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }
        using var json = System.Text.Json.JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("orders").GetInt32());
        Assert.True(root.GetProperty("ordersPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("dashboardP95Ms").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("clocks").GetProperty("working").GetProperty("disagree").GetInt32());
        Assert.Equal(0, root.GetProperty("clocks").GetProperty("calendar").GetProperty("disagree").GetInt32());
        Assert.Equal(2, await Cli.SlaBench.BenchAsync(new Dictionary<string, string> { ["orders"] = "many" }, output, CancellationToken.None));
    }

    /// <summary>The analytics benchmark's smoke run (small scale) on each engine: it refreshes, times every page and ends with its JSON line.</summary>
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_analytics_benchmark_runs_at_small_scale_and_ends_with_its_figures(string engine)
    {
        TestDatabases.RequireEngine(engine);
        using var output = new StringWriter();
        var options = new Dictionary<string, string> { ["engine"] = engine, ["scale"] = "small", ["runs"] = "2" };
        if (engine == TestDatabases.Postgres)
        {
            options["postgres"] = TestDatabases.PostgresAdmin!;
        }
        var exit = await Cli.AnalyticsCommands.BenchAsync(options, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        var text = output.ToString();
        Assert.Matches("refresh: 2[45] months", text);
        using var json = System.Text.Json.JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var root = json.RootElement;
        var pages = root.GetProperty("pages").EnumerateObject().ToList();
        Assert.Equal(["enterpriseTiers", "enterpriseTiers.county", "forecasts", "shortage.lastYear", "supplyDemand", "supplyDemand.county", "supplyDemand.export", "supplyDemand.industryDigital",
            "supplyDemand.occupations24Months", "talentMap", "talentMap.countyDigital", "wages.lastYear", "warnings"],
            pages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches("jobs: warnings of .* forecasts", text);
        Assert.All(pages, p => Assert.True(p.Value.GetProperty("rows").GetInt32() > 0, p.Name));
        Assert.Equal(pages.Max(p => Math.Max(p.Value.GetProperty("coldMs").GetDouble(), p.Value.GetProperty("warmMedianMs").GetDouble())),
            root.GetProperty("slowestMs").GetDouble());
        Assert.Equal(2, await Cli.AnalyticsCommands.BenchAsync(new Dictionary<string, string> { ["scale"] = "galaxy" }, output, CancellationToken.None));
    }

    /// <summary>talentbridge match: recommendations as JSON lines for ids on standard input, and a recruitment round.</summary>
    [Fact]
    public async Task Match_commands_answer_ids_on_standard_input_and_run_a_round()
    {
        var folder = Directory.CreateTempSubdirectory("tb-match-cli-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "match.db")}";
        try
        {
            Assert.Equal(0, await RunAsync("seed", "--scale", "small", "--seed", "5", "--connection", connection));
            await using var platform = Cli.CliPlatform.Build(new Dictionary<string, string> { ["connection"] = connection });
            using var output = new StringWriter();
            Assert.Equal(0, await Cli.MatchCommands.RunAsync(platform, "talents-for", new Dictionary<string, string> { ["take"] = "3" },
                new StringReader("1\nnot-an-id\n2\n"), output, CancellationToken.None));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            using (var first = System.Text.Json.JsonDocument.Parse(lines[0]))
            {
                Assert.Equal(1, first.RootElement.GetProperty("id").GetInt64());
                Assert.True(first.RootElement.GetProperty("found").GetBoolean());
                Assert.True(first.RootElement.GetProperty("results").GetArrayLength() <= 3);
            }

            File.WriteAllLines(Path.Combine(folder, "t.txt"), Enumerable.Range(1, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            File.WriteAllLines(Path.Combine(folder, "p.txt"), Enumerable.Range(1, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using var round = new StringWriter();
            Assert.Equal(0, await Cli.MatchCommands.RunAsync(platform, "round", new Dictionary<string, string>
            {
                ["talents"] = Path.Combine(folder, "t.txt"),
                ["positions"] = Path.Combine(folder, "p.txt"),
            }, new StringReader(""), round, CancellationToken.None));
            var roundLines = round.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(201, roundLines.Length);
            using var summary = System.Text.Json.JsonDocument.Parse(roundLines[^1]);
            Assert.InRange(summary.RootElement.GetProperty("filled").GetInt32(), 1, summary.RootElement.GetProperty("seats").GetInt32());
            Assert.Equal(2, await Cli.MatchCommands.RunAsync(platform, "sideways", new Dictionary<string, string>(), new StringReader(""), round, CancellationToken.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Index_run_computes_a_ranking_with_rank_bands_from_files_and_names_bad_rows()
    {
        var folder = Directory.CreateTempSubdirectory("tb_index_").FullName;
        try
        {
            // Three cities on the shipped B.11 tree, every indicator higher for 甲 than 乙 than 丙 (negative ones the other way).
            var tree = TalentBridge.Domain.Indices.IndexTree.Embedded("b11-city-talent-retention");
            var header = "unit,name,kind,group,period," + string.Join(',', tree.Indicators.Select(i => i.Code));
            string Row(string unit, string name, double level) => $"{unit},{name},city,,2024," + string.Join(',', tree.Indicators.Select(i =>
                (i.Direction == TalentBridge.Domain.Indices.IndicatorDirection.Negative ? 100 - level : level).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var data = Path.Combine(folder, "figures.csv");
            await File.WriteAllLinesAsync(data, [header, Row("a", "甲", 90), Row("b", "乙", 50), Row("c", "丙", 10)]);
            var output = new StringWriter();
            var error = new StringWriter();
            var xlsx = Path.Combine(folder, "result.xlsx");
            Assert.Equal(0, await Cli.IndexCommands.RunAsync("run", new() { ["tree"] = "b11-city-talent-retention", ["data"] = data, ["out"] = xlsx }, output, error));
            var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^1\s+100\.00\s+1\s+1–1\s+a 甲$"));
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^3\s+0\.00\s+3\s+3–3\s+c 丙$"));
            Assert.Contains("(1000 Monte Carlo runs, seed 1)", output.ToString(), StringComparison.Ordinal);
            Assert.True(new FileInfo(xlsx).Length > 0);

            // A figure that is not a number is refused with its row and column; a period without figures is named.
            await File.WriteAllLinesAsync(data, [header, Row("a", "甲", 90).Replace(",90,", ",many,", StringComparison.Ordinal)]);
            error = new StringWriter();
            Assert.Equal(2, await Cli.IndexCommands.RunAsync("run", new() { ["tree"] = "b11-city-talent-retention", ["data"] = data }, new StringWriter(), error));
            Assert.Contains("rows[2].", error.ToString(), StringComparison.Ordinal);
            await File.WriteAllLinesAsync(data, [header, Row("a", "甲", 90)]);
            error = new StringWriter();
            Assert.Equal(2, await Cli.IndexCommands.RunAsync("run", new() { ["tree"] = "b11-city-talent-retention", ["data"] = data, ["period"] = "2030" }, new StringWriter(), error));
            Assert.Contains("period '2030' has no figures (the figures hold 2024)", error.ToString(), StringComparison.Ordinal);
            error = new StringWriter();
            Assert.Equal(2, await Cli.IndexCommands.RunAsync("run", new() { ["tree"] = "b11-city-talent-retention", ["data"] = data, ["weights"] = "x" }, new StringWriter(), error));
            Assert.Contains("unknown option --weights", error.ToString(), StringComparison.Ordinal);

            output = new StringWriter();
            Assert.Equal(0, await Cli.IndexCommands.RunAsync("reproduce", [], output, new StringWriter()));
            Assert.Contains("exact ranks 117 / 120", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("exact ranks 18 / 18", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
