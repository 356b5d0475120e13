using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TalentBridge.Domain;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Cli;

/// <summary><c>talentbridge bench match</c>.</summary>
internal static class MatchCommands
{
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

        var before = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        var index = new MatchIndex(new SkillCodes(SkillVocabulary.Load()));
        foreach (var talent in talents)
        {
            index.Upsert(MatchProfiles.From(talent, index.Skills));
        }
        foreach (var position in positions)
        {
            index.Upsert(MatchProfiles.From(position, sizes[position.EnterpriseId], index.Skills));
        }
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(index);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"index: built in {buildSeconds:F1} s, {indexBytes / 1048576.0:N0} MiB"));

        var random = new Random(7);
        var positionIds = SampleIds(positions.Where(p => p.IsOpenOn(today)).Select(p => p.Id).ToList(), queries, random);
        var talentIds = SampleIds(talents.Where(t => t.Visibility == TalentVisibility.Public && t.Status != TalentStatus.Inactive).Select(t => t.Id).ToList(), queries, random);
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
        if (Environment.GetEnvironmentVariable("BENCH_SLOW") is not null)
        {
            foreach (var (time, id) in forPosition.Zip(positionIds).OrderByDescending(x => x.First).Take(15))
            {
                var list = index.TalentsFor(id, 20, today);
                var p = index.FindPosition(id)!;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  slow {time:F2} ms position {id} region {MatchCodes.RegionText(p.Region)} occ {p.Occupation} scored {list.Scored} worst {(list.Results.Count > 0 ? list.Results[^1].Score : 0):F1} n {list.Results.Count}"));
            }
        }
        await output.WriteLineAsync(Line("index, positions for a talent", forTalent));

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
            postgresP50Ms = (double?)null,
            recallAt20 = Math.Round(recall, 4),
        }));
        return 0;
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
