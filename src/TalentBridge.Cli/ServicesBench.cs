using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TalentBridge.Domain.EnterpriseServices;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge bench services [--enterprises 150000] [--seed 2026] [--threads N]</c>: evaluates every 专精特新 tier
/// and every policy for many enterprises whose figures are generated deterministically (issue 14 asks for 150,000 in at
/// most 10 s). Rules are parsed once and their parameters resolved once per date; enterprises are evaluated in
/// parallel over the cores given. Prints each step's time and allocations, then one JSON line with the total and its
/// ratio to the 10-second aim.
/// </summary>
public static class ServicesBench
{
    public const double AimSeconds = 10;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> BenchAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (!int.TryParse(options.GetValueOrDefault("enterprises") ?? "150000", NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 100)
        {
            await Console.Error.WriteLineAsync("error: --enterprises must be a whole number of at least 100");
            return 2;
        }
        if (!int.TryParse(options.GetValueOrDefault("seed") ?? "2026", NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            await Console.Error.WriteLineAsync("error: --seed must be a whole number");
            return 2;
        }
        if (!int.TryParse(options.GetValueOrDefault("threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), NumberStyles.Integer,
                CultureInfo.InvariantCulture, out var threads) || threads < 1)
        {
            await Console.Error.WriteLineAsync("error: --threads must be a whole number of at least 1");
            return 2;
        }

        var (parse, parseBytes, (rules, catalogue)) = Measure(() => (TierRuleSet.Embedded(RuleSetKey), PolicyCatalogue.Embedded));
        var on = new DateOnly(2026, 6, 30);
        var period = Period.Year(2026);
        var values = rules.ValuesOn(on);
        var (generate, generateBytes, enterprises) = Measure(() => Generate(count, seed));

        var tierCounts = new int[3, 3];
        var (tiers, tierBytes, _) = Measure(() => EvaluateTiers(enterprises, threads, e => rules.Decide(e, values), tierCounts));
        // The same with every explanation (changes, missing facts), as a page shows one enterprise: its outcomes must agree.
        var explainedCounts = new int[3, 3];
        var (explained, explainedBytes, _) = Measure(() => EvaluateTiers(enterprises, threads, e => rules.Evaluate(e, values), explainedCounts));
        var agree = tierCounts.Cast<int>().SequenceEqual(explainedCounts.Cast<int>());

        var policyCounts = new int[5];
        var (policies, policyBytes, _) = Measure(() =>
        {
            Parallel.ForEach(Partition(count, threads), new ParallelOptions { MaxDegreeOfParallelism = threads }, range =>
            {
                var local = new int[5];
                for (var i = range.From; i < range.To; i++)
                {
                    foreach (var policy in catalogue.Policies)
                    {
                        local[(int)policy.Evaluate(enterprises[i], period).Outcome]++;
                    }
                }
                lock (policyCounts)
                {
                    for (var o = 0; o < local.Length; o++)
                    {
                        policyCounts[o] += local[o];
                    }
                }
            });
            return 0;
        });

        var evaluation = tiers + policies;
        var tierNames = rules.Tiers.Select(t => t.Key).ToArray();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"parse rules      {parse.TotalMilliseconds,10:F1} ms  {parseBytes / 1e6,8:F1} MB allocated  ({rules.Tiers.Count} tiers, {catalogue.Policies.Count} policies)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"generate figures {generate.TotalMilliseconds,10:F1} ms  {generateBytes / 1e6,8:F1} MB allocated  ({count:N0} enterprises, seed {seed})"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"decide tiers     {tiers.TotalMilliseconds,10:F1} ms  {tierBytes / 1e6,8:F1} MB allocated  ({tierBytes / (double)count / 1024:F1} KB per enterprise, {threads} threads)"));
        for (var t = 0; t < tierNames.Length; t++)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {tierNames[t],-14} qualifies {tierCounts[t, 1],8:N0}  does not {tierCounts[t, 0],8:N0}  undetermined {tierCounts[t, 2],8:N0}"));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"explain tiers    {explained.TotalMilliseconds,10:F1} ms  {explainedBytes / 1e6,8:F1} MB allocated  ({explainedBytes / (double)count / 1024:F1} KB per enterprise; " +
            $"outcomes {(agree ? "agree" : "DIFFER")}; ratio to deciding {explained / tiers:F2}x)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"evaluate policies{policies.TotalMilliseconds,10:F1} ms  {policyBytes / 1e6,8:F1} MB allocated  (qualifies {policyCounts[1]:N0}, nearly {policyCounts[2]:N0}, " +
            $"no {policyCounts[0]:N0}, undetermined {policyCounts[3]:N0}, not in force {policyCounts[4]:N0})"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"total evaluation {evaluation.TotalSeconds,10:F2} s   aim {AimSeconds:F0} s, ratio {evaluation.TotalSeconds / AimSeconds:F2}"));
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            enterprises = count,
            threads,
            parseMs = Math.Round(parse.TotalMilliseconds, 1),
            generateMs = Math.Round(generate.TotalMilliseconds, 1),
            tiersMs = Math.Round(tiers.TotalMilliseconds, 1),
            policiesMs = Math.Round(policies.TotalMilliseconds, 1),
            explainMs = Math.Round(explained.TotalMilliseconds, 1),
            tierBytesPerEnterprise = tierBytes / count,
            explainBytesPerEnterprise = explainedBytes / count,
            outcomesAgree = agree,
            policyBytesPerEnterprise = policyBytes / count,
            qualifies = tierNames.Select((name, t) => new { tier = name, count = tierCounts[t, 1] }),
            policiesQualified = policyCounts[1],
            seconds = Math.Round(evaluation.TotalSeconds, 3),
            aimSeconds = AimSeconds,
            ratioToAim = Math.Round(evaluation.TotalSeconds / AimSeconds, 3),
        }, Json));
        return agree ? 0 : 1;
    }

    private static int EvaluateTiers(EnterpriseFacts[] enterprises, int threads, Func<EnterpriseFacts, SelfAssessment> evaluate, int[,] counts)
    {
        Parallel.ForEach(Partition(enterprises.Length, threads), new ParallelOptions { MaxDegreeOfParallelism = threads }, range =>
        {
            var local = new int[counts.GetLength(0), counts.GetLength(1)];
            for (var i = range.From; i < range.To; i++)
            {
                var result = evaluate(enterprises[i]);
                for (var t = 0; t < result.Tiers.Count; t++)
                {
                    local[t, (int)result.Tiers[t].Outcome]++;
                }
            }
            lock (counts)
            {
                for (var t = 0; t < local.GetLength(0); t++)
                {
                    for (var o = 0; o < local.GetLength(1); o++)
                    {
                        counts[t, o] += local[t, o];
                    }
                }
            }
        });
        return 0;
    }

    private const string RuleSetKey = "srdi-2022-national";

    private static (TimeSpan Time, long Bytes, T Value) Measure<T>(Func<T> work)
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var value = work();
        return (Stopwatch.GetElapsedTime(started), GC.GetTotalAllocatedBytes(precise: true) - bytes, value);
    }

    private static IEnumerable<(int From, int To)> Partition(int count, int threads)
    {
        // Several chunks per thread, so a thread that finishes early takes more.
        var size = Math.Max(256, count / (threads * 8));
        for (var from = 0; from < count; from += size)
        {
            yield return (from, Math.Min(count, from + size));
        }
    }

    /// <summary>
    /// Deterministic figures of <paramref name="count"/> enterprises from <paramref name="seed"/>: revenues from 1 to
    /// 500 million yuan (log-uniform), R&amp;D shares 0–10 %, growth −20 to +40 %, staff, intellectual property, years,
    /// yes/no honours, the platform's policy facts; about one figure in twenty left out (missing, never zero).
    /// </summary>
    public static EnterpriseFacts[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        string[] counties = ["331102", "331121", "331122", "331123", "331124", "331125", "331126", "331127", "331181", "330106", "330212"];
        string[] sections = ["C", "C", "C", "I", "M", "F", "E"];
        var facts = new EnterpriseFacts[count];
        for (var i = 0; i < count; i++)
        {
            var f = new EnterpriseFacts { RegionCode = counties[random.Next(counties.Length)], IndustrySection = sections[random.Next(sections.Length)] };
            decimal Money(double min, double max) => Math.Round((decimal)Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min))), 0);
            decimal Between(int min, int max) => random.Next(min, max + 1);
            void Set(Fact fact, decimal value)
            {
                if (random.Next(20) != 0)
                {
                    f[fact] = value;
                }
            }
            var revenue = Money(1e6, 5e8);
            var growth = 1m + (decimal)(random.NextDouble() * 0.6 - 0.2);
            Set(Fact.Revenue, revenue);
            Set(Fact.RevenuePrior, Math.Round(revenue / growth, 0));
            Set(Fact.MainRevenue, Math.Round(revenue * 0.9m, 0));
            Set(Fact.MainRevenuePrior, Math.Round(revenue * 0.9m / growth, 0));
            Set(Fact.MainRevenueTwoBefore, Math.Round(revenue * 0.9m / growth / growth, 0));
            Set(Fact.RdSpend, Math.Round(revenue * (decimal)(random.NextDouble() * 0.10), 0));
            Set(Fact.RdSpendPrior, Math.Round(revenue * (decimal)(random.NextDouble() * 0.08), 0));
            Set(Fact.NetProfit, Math.Round(revenue * (decimal)(random.NextDouble() * 0.25 - 0.05), 0));
            var assets = Math.Round(revenue * (decimal)(0.5 + random.NextDouble()), 0);
            Set(Fact.TotalAssets, assets);
            Set(Fact.TotalLiabilities, Math.Round(assets * (decimal)random.NextDouble(), 0));
            Set(Fact.EquityFinancing2Years, random.Next(5) == 0 ? Money(1e6, 5e7) : 0);
            Set(Fact.EquityFinancing3Years, random.Next(5) == 0 ? Money(1e6, 8e7) : 0);
            var staff = Between(5, 900);
            Set(Fact.Staff, staff);
            Set(Fact.RdStaff, Math.Round(staff * (decimal)(random.NextDouble() * 0.4), 0));
            foreach (var ip in new[] { Fact.IpHighValueClass1, Fact.IpSelfDevelopedClass1, Fact.IpClass1, Fact.IpClass1Applied })
            {
                Set(ip, Between(0, 6));
            }
            Set(Fact.IpClass2, Between(0, 20));
            Set(Fact.YearsInNiche, Between(0, 15));
            Set(Fact.YearsOperating, Between(1, 25));
            Set(Fact.NationalMarketShare, Math.Round((decimal)(random.NextDouble() * 20), 1));
            Set(Fact.DigitalLevel, Between(1, 4));
            Set(Fact.RdInstitutionLevel, Between(0, 4));
            Set(Fact.LocalFeaturePoints, Between(0, 15));
            for (var yesNo = Fact.HighTechEnterprise; yesNo <= Fact.KeyChainSupport; yesNo++)
            {
                Set(yesNo, random.Next(4) == 0 ? 1 : 0);
            }
            f[Fact.SizeClass] = Between(1, 4);
            f[Fact.TierHeld] = Between(0, 3);
            f[Fact.SignedGraduates] = Between(0, 3);
            f[Fact.SignedRecentGraduates] = Between(0, 2);
            f[Fact.SignedDoctorates] = random.Next(10) == 0 ? 1 : 0;
            f[Fact.NewPositions] = Between(0, 12);
            Set(Fact.HiresInsuredMonths, Between(0, 12));
            facts[i] = f;
        }
        return facts;
    }
}
