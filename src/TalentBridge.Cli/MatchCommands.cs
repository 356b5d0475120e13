using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using TalentBridge.Domain;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Matching.Evaluation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Cli;

/// <summary><c>talentbridge match</c>, <c>eval matches</c> and <c>bench match</c>.</summary>
internal static class MatchCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// <c>match talents-for|positions-for</c>: ids on standard input (one per line), one JSON object per id on
    /// standard output. <c>match round</c>: a recruitment round over the talents and positions listed in two files.
    /// </summary>
    public static async Task<int> RunAsync(IServiceProvider platform, string? mode, IReadOnlyDictionary<string, string> options, TextReader input,
        TextWriter output, CancellationToken ct)
    {
        if (mode is not ("talents-for" or "positions-for" or "round") || !TryCount(options, "take", 20, out var take) || take > 1000
            || !TryCount(options, "list", 30, out var listLength)
            || options.GetValueOrDefault("exposure") is not (null or "on" or "off"))
        {
            await Console.Error.WriteLineAsync("usage: talentbridge match talents-for|positions-for [--take 1..1000] [--exposure on|off] < ids\n" +
                "       talentbridge match round --talents FILE --positions FILE [--list N]");
            return 2;
        }
        var positions = platform.GetRequiredService<PositionStore>();
        var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
        await MatchService.LoadAsync(index, platform.GetRequiredService<TalentStore>(), positions, null, ct);
        var today = ChinaTime.Today(TimeProvider.System);

        if (mode == "round")
        {
            return await RoundAsync(positions, index, options, today, listLength, output, ct);
        }
        var exposure = options.GetValueOrDefault("exposure") == "on";
        var lineNumber = 0;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!long.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                await Console.Error.WriteLineAsync($"line {lineNumber}: '{line.Trim()}' is not an id; skipped");
                continue;
            }
            var list = mode == "talents-for" ? index.TalentsFor(id, take, today) : index.PositionsFor(id, take, today, exposure);
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                id,
                found = list.Found,
                blocked = list.Blocked,
                results = list.Results.Select(r => new
                {
                    r.Id,
                    score = Math.Round(r.Score, 2),
                    exposureBonus = Math.Round(r.ExposureBonus, 2),
                    factors = MatchQueries.Points(r.Explanation).ToDictionary(f => f.Factor, f => f.Points),
                    r.Explanation.MatchedSkills,
                    r.Explanation.MissingSkills,
                    r.Explanation.ConditionsPassed,
                }),
            }, Json).AsMemory(), ct);
        }
        return 0;
    }

    private static async Task<int> RoundAsync(PositionStore positions, MatchIndex index, IReadOnlyDictionary<string, string> options, DateOnly today,
        int listLength, TextWriter output, CancellationToken ct)
    {
        if (options.GetValueOrDefault("talents") is not { } talentFile || options.GetValueOrDefault("positions") is not { } positionFile
            || !File.Exists(talentFile) || !File.Exists(positionFile))
        {
            await Console.Error.WriteLineAsync("error: --talents and --positions must name files of ids, one per line");
            return 2;
        }
        var talentIds = await ReadIdsAsync(talentFile, ct);
        var positionIds = await ReadIdsAsync(positionFile, ct);
        var unknown = talentIds.Where(id => index.FindTalent(id) is null).Select(id => $"talent {id}")
            .Concat(positionIds.Where(id => index.FindPosition(id) is null).Select(id => $"position {id}")).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: not found: {string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? " …" : "")}");
            return 1;
        }
        var seats = new Dictionary<long, int>();
        await foreach (var (position, _) in positions.StreamForMatchingAsync(positionIds, null, ct))
        {
            seats[position.Id] = position.Headcount;
        }
        var watch = Stopwatch.StartNew();
        var result = RecruitmentRound.Run(index, talentIds, [.. positionIds.Select(id => (id, seats.GetValueOrDefault(id)))], today, listLength);
        foreach (var a in result.Assignments)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { a.TalentId, a.PositionId, score = a.Score is { } s ? Math.Round(s, 2) : (double?)null }, Json).AsMemory(), ct);
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            talents = talentIds.Count,
            positions = positionIds.Count,
            result.Seats,
            result.Filled,
            result.Proposals,
            result.Rounds,
            milliseconds = Math.Round(watch.Elapsed.TotalMilliseconds, 1),
        }, Json).AsMemory(), ct);
        return 0;
    }

    private static async Task<List<long>> ReadIdsAsync(string file, CancellationToken ct) =>
        [.. (await File.ReadAllLinesAsync(file, ct))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => long.Parse(l.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture))
            .Distinct()];

    /// <summary><c>eval matches</c>: the engine against random and naive rankings on a generated set with hidden ground truth.</summary>
    public static async Task<int> EvaluateAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        if (options.GetValueOrDefault("source") == "outcomes")
        {
            return await EvaluateOutcomesAsync(options, output);
        }
        if (!TryCount(options, "talents", 2_000, out var talentCount) || !TryCount(options, "positions", 600, out var positionCount)
            || !TryCount(options, "seed", 1, out var seed))
        {
            await Console.Error.WriteLineAsync("error: --talents, --positions and --seed must be whole numbers of at least 1");
            return 2;
        }
        var set = MatchEvaluationSetGenerator.Generate(ReferenceData.Load(), talentCount, positionCount, seed);
        using var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
        foreach (var talent in set.Talents)
        {
            index.Upsert(MatchProfiles.From(talent, index.Skills));
        }
        foreach (var position in set.Positions)
        {
            index.Upsert(MatchProfiles.From(position, EnterpriseSize.Small, index.Skills));
        }
        await ReportAsync(set, index, new() { ["talents"] = talentCount, ["positions"] = positionCount, ["seed"] = seed }, output);
        return 0;
    }

    /// <summary>Scores the index's rankings on the set against the baselines: the table, then one JSON line (<paramref name="head"/> and the engine's figures).</summary>
    private static async Task ReportAsync(MatchEvaluationSet set, MatchIndex index, Dictionary<string, object> head, TextWriter output)
    {
        var report = MatchEvaluation.Run(set,
            (id, take) => [.. index.TalentsFor(id, take, set.ReferenceDate).Results.Select(r => r.Id)],
            (id, take) => [.. index.PositionsFor(id, take, set.ReferenceDate, exposureAware: false).Results.Select(r => r.Id)]);
        await output.WriteLineAsync(report.Format());
        head["talentsNdcgAt10"] = Math.Round(report.Engine.TalentsForPosition.NdcgAt10, 4);
        head["talentsRecallAt20"] = Math.Round(report.Engine.TalentsForPosition.RecallAt20, 4);
        head["positionsNdcgAt10"] = Math.Round(report.Engine.PositionsForTalent.NdcgAt10, 4);
        head["positionsRecallAt20"] = Math.Round(report.Engine.PositionsForTalent.RecallAt20, 4);
        await output.WriteLineAsync(JsonSerializer.Serialize(head, Json));
    }
    /// <summary>
    /// <c>eval matches --source outcomes</c>: the engine against random and naive rankings on the platform's own database, judged by
    /// the outcomes recorded there (applications, accepted invitations, agreements).
    /// </summary>
    private static async Task<int> EvaluateOutcomesAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        ServiceProvider platform;
        try
        {
            platform = CliPlatform.Build(options);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        await using (platform)
        {
            var today = ChinaTime.Today(TimeProvider.System);
            var set = await platform.GetRequiredService<MatchOutcomes>().SetAsync(today, CancellationToken.None);
            if (set.Outcomes.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: the database records no applications, accepted invitations or agreements yet");
                return 1;
            }
            using var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
            await MatchService.LoadAsync(index, platform.GetRequiredService<TalentStore>(), platform.GetRequiredService<PositionStore>(), null,
                CancellationToken.None);
            // Outcomes happen on positions that are closed afterwards (signed, full); the ranking is of the positions as
            // they are today, so a filled position can no longer be found: the figures are a lower bound.
            await ReportAsync(set, index, new()
            {
                ["source"] = "outcomes", ["outcomes"] = set.Outcomes.Count, ["talents"] = set.Talents.Count, ["positions"] = set.Positions.Count,
            }, output);
            return 0;
        }
    }

    private static readonly DateTimeOffset BenchNow = new(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> BenchAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        if (!TryCount(options, "talents", 1_500_000, out var talentCount) || !TryCount(options, "positions", 1_200_000, out var positionCount)
            || !TryCount(options, "queries", 2_000, out var queries) || !TryCount(options, "exhaustive-queries", 100, out var exhaustiveQueries))
        {
            await Console.Error.WriteLineAsync("error: --talents, --positions, --queries and --exhaustive-queries must be whole numbers of at least 1");
            return 2;
        }
        var reference = ReferenceData.Load();
        var generator = new DemoDataGenerator(reference, new ContactProtector("bench-contact-key-2026"u8.ToArray()),
            new DemoScale("bench", "33", talentCount, Math.Max(10, positionCount / 8), positionCount), 2026, BenchNow);
        var today = DateOnly.FromDateTime(BenchNow.DateTime);

        var clock = Stopwatch.StartNew();
        var sizes = generator.Enterprises().ToDictionary(e => e.Id, e => e.SizeClass);
        var talents = generator.Talents().ToList();
        var positions = generator.Positions().ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"generated {talents.Count:N0} talents and {positions.Count:N0} positions in {clock.Elapsed.TotalSeconds:F1} s"));

        var before = SettledHeapBytes();
        clock.Restart();
        var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
        // Profiles are built on both cores; filing them into the index is sequential.
        foreach (var talent in talents.AsParallel().AsOrdered().Select(t => MatchProfiles.From(t, index.Skills)))
        {
            index.Upsert(talent);
        }
        foreach (var position in positions.AsParallel().AsOrdered().Select(p => MatchProfiles.From(p, sizes[p.EnterpriseId], index.Skills)))
        {
            index.Upsert(position);
        }
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = SettledHeapBytes() - before;
        GC.KeepAlive(index);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"index: built in {buildSeconds:F1} s, {indexBytes / 1048576.0:N0} MiB"));

        PostgresMatchBaseline? postgres = null;
        var workRegions = new HashSet<long>();
        if (options.GetValueOrDefault("postgres") is { Length: > 0 } postgresConnection)
        {
            clock.Restart();
            var profiles = talents.Select(t => index.FindTalent(t.Id)!).ToList();
            foreach (var profile in profiles)
            {
                workRegions.UnionWith(profile.WorkRegions);
            }
            postgres = await PostgresMatchBaseline.CreateAsync(postgresConnection, profiles);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"postgres: loaded {profiles.Count:N0} talents in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        var random = new Random(7);
        var open = positions.Where(p => p.IsOpenOn(today)).Select(p => p.Id).ToList();
        var openPositions = open.Count;
        var positionIds = SampleIds(open, queries, random);
        var visible = talents.Where(t => t.Visibility == TalentVisibility.Public && t.Status != TalentStatus.Inactive).Select(t => t.Id).ToList();
        var talentIds = SampleIds(visible, queries, random);
        talents.Clear();
        positions.Clear();

        // Warm up the JIT on a few queries of each kind.
        foreach (var id in positionIds.Take(20))
        {
            index.TalentsFor(id, 20, today);
        }
        foreach (var id in talentIds.Take(20))
        {
            index.PositionsFor(id, 20, today, exposureAware: false);
        }

        var forPosition = Time(positionIds, id => index.TalentsFor(id, 20, today));
        var forTalent = Time(talentIds, id => index.PositionsFor(id, 20, today, exposureAware: false));
        var all = forPosition.Concat(forTalent).ToList();
        await output.WriteLineAsync(Line("index, talents for a position", forPosition));
        await output.WriteLineAsync(Line("index, positions for a talent", forTalent));

        // Exposure: the share of open positions that appear in at least one talent's top 10, plain and exposure-aware.
        var shownPlain = new HashSet<long>();
        var shownAware = new HashSet<long>();
        var audience = SampleIds(visible, Math.Min(visible.Count, 20_000), new Random(11));
        double scorePlain = 0, scoreAware = 0;
        foreach (var id in audience)
        {
            var plain = index.PositionsFor(id, 10, today, exposureAware: false).Results;
            var aware = index.PositionsFor(id, 10, today, exposureAware: true).Results;
            index.AddImpressions(aware.Select(r => r.Id), today);
            shownPlain.UnionWith(plain.Select(r => r.Id));
            shownAware.UnionWith(aware.Select(r => r.Id));
            scorePlain += plain.Sum(r => r.Score);
            scoreAware += aware.Sum(r => r.Score);
        }
        var shareShownPlain = (double)shownPlain.Count / openPositions;
        var shareShownAware = (double)shownAware.Count / openPositions;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exposure: {audience.Count:N0} talents' top 10 reach {shareShownPlain:P1} of {openPositions:N0} open positions plain, {shareShownAware:P1} exposure-aware; " +
            $"the pair scores shown sum to {scoreAware / Math.Max(1, scorePlain):P1} of the plain lists'"));

        // The exhaustive baseline: the same ranking by scoring every record; also the exactness check.
        var exhaustive = new List<double>();
        int agreeing = 0, compared = 0;
        foreach (var id in positionIds.Take(exhaustiveQueries))
        {
            var watch = Stopwatch.StartNew();
            var full = index.TalentsForExhaustive(id, 20, today);
            exhaustive.Add(watch.Elapsed.TotalMilliseconds);
            var fast = index.TalentsFor(id, 20, today);
            (agreeing, compared) = Agree(full, fast, agreeing, compared);
        }
        foreach (var id in talentIds.Take(exhaustiveQueries))
        {
            var watch = Stopwatch.StartNew();
            var full = index.PositionsForExhaustive(id, 20, today);
            exhaustive.Add(watch.Elapsed.TotalMilliseconds);
            var fast = index.PositionsFor(id, 20, today, exposureAware: false);
            (agreeing, compared) = Agree(full, fast, agreeing, compared);
        }
        var recall = compared == 0 ? 1 : (double)agreeing / compared;

        // The PostgreSQL baseline: the same ranking of talents for a position as one SQL query.
        var postgresTimes = new List<double>();
        int postgresAgreeing = 0, postgresCompared = 0;
        if (postgres is not null)
        {
            await using (postgres)
            {
                foreach (var id in positionIds.Take(Math.Min(exhaustiveQueries, 5)))
                {
                    var profile = index.FindPosition(id)!;
                    await postgres.TalentsForAsync(profile, [.. workRegions.Where(r => MatchCodes.Overlap(r, profile.Region))], today.DayNumber, 20); // warm-up
                }
                foreach (var id in positionIds.Take(exhaustiveQueries))
                {
                    var profile = index.FindPosition(id)!;
                    long[] keys = [.. workRegions.Where(r => MatchCodes.Overlap(r, profile.Region))];
                    var watch = Stopwatch.StartNew();
                    var rows = await postgres.TalentsForAsync(profile, keys, today.DayNumber, 20);
                    postgresTimes.Add(watch.Elapsed.TotalMilliseconds);
                    var expected = index.TalentsForExhaustive(id, 20, today).Results.Select(r => r.Id).ToHashSet();
                    postgresAgreeing += rows.Count(r => expected.Contains(r.Id));
                    postgresCompared += expected.Count;
                }
            }
        }
        var postgresP50 = postgresTimes.Count == 0 ? (double?)null : Percentile(postgresTimes, 0.5);
        if (postgresP50 is { } pg)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"postgres query: p50 {pg:F2} ms over {postgresTimes.Count} queries; index is {pg / Percentile(forPosition, 0.5):F0}x faster (talents for a position); " +
                $"its top 20 agrees with exhaustive scoring on {(postgresCompared == 0 ? 1 : (double)postgresAgreeing / postgresCompared):P1}"));
        }
        var p50 = Percentile(all, 0.50);
        var p99 = Percentile(all, 0.99);
        var exhaustiveP50 = Percentile(exhaustive, 0.50);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exhaustive scoring: p50 {exhaustiveP50:F2} ms over {exhaustive.Count} queries; index is {exhaustiveP50 / p50:F1}x faster; recall@20 against it {recall:F4}"));

        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            talents = talentCount,
            positions = positionCount,
            buildSeconds = Math.Round(buildSeconds, 2),
            indexBytes,
            p50Ms = Math.Round(p50, 3),
            p99Ms = Math.Round(p99, 3),
            exhaustiveP50Ms = Math.Round(exhaustiveP50, 3),
            postgresP50Ms = postgresP50 is { } pgMs ? Math.Round(pgMs, 3) : (double?)null,
            recallAt20 = Math.Round(recall, 4),
            shareShownPlain = Math.Round(shareShownPlain, 4),
            shareShownExposureAware = Math.Round(shareShownAware, 4),
        }));
        return 0;
    }

    /// <summary>
    /// The managed heap after a blocking, compacting full collection with finalizers run (twice, so that objects they
    /// free go too). The difference of two readings is the index's retained size, up to what other threads of the
    /// process retain or free in between (in a test process, a few MB either way).
    /// </summary>
    private static long SettledHeapBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static (int Agreeing, int Compared) Agree(MatchList full, MatchList fast, int agreeing, int compared)
    {
        var expected = full.Results.Select(r => r.Id).ToHashSet();
        return (agreeing + fast.Results.Count(r => expected.Contains(r.Id)), compared + expected.Count);
    }

    private static List<long> SampleIds(List<long> ids, int count, Random random)
    {
        var sample = new List<long>(Math.Min(count, ids.Count));
        for (var i = 0; i < count && ids.Count > 0; i++)
        {
            sample.Add(ids[random.Next(ids.Count)]);
        }
        return sample;
    }

    private static List<double> Time(List<long> ids, Func<long, MatchList> query)
    {
        var times = new List<double>(ids.Count);
        foreach (var id in ids)
        {
            var watch = Stopwatch.StartNew();
            query(id);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static string Line(string what, List<double> times) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: p50 {Percentile(times, 0.5):F3} ms, p99 {Percentile(times, 0.99):F3} ms, max {times.DefaultIfEmpty().Max():F3} ms over {times.Count} queries");

    private static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    private static bool TryCount(IReadOnlyDictionary<string, string> options, string name, int fallback, out int value)
    {
        value = fallback;
        return !options.TryGetValue(name, out var text)
            || (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 1);
    }
}
