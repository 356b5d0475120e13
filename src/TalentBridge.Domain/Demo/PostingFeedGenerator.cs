using System.Globalization;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Demo;

/// <summary>One posting as an outside platform would export it, with the real position it describes.</summary>
public sealed record FeedPosting(SourcePosting Posting, long TruePosition);

/// <summary>
/// Raw job-board postings for the import benchmark and tests: free text in the notations real platforms
/// use (salary as 8-12K·13薪 or 8000-12000元/月 or 0.8-1.2万, place as 丽水青田 or 浙江省丽水市青田县 …),
/// spread over several sources, with a share of postings repeated on another source with noise — a
/// title variant, another salary notation, a typo, a few days later — so that duplicate detection can be
/// measured against the known positions. Deterministic for a seed.
/// </summary>
public sealed class PostingFeedGenerator
{
    private static readonly string[] Sources = ["zhilian", "job51", "lishui-rc"];
    private const int RecentWindow = 5_000;
    private static readonly string[] TitleNoise = ["急招", "诚聘", "（包吃住）", " 五险一金", "【双休】", " 长白班"];

    private readonly ReferenceData _reference;
    private readonly DemoDataGenerator _demo;
    private readonly int _seed;
    private readonly int _count;
    private readonly double _duplicateShare;

    public PostingFeedGenerator(ReferenceData reference, ContactProtector protector, int count, double duplicateShare, int seed, DateTimeOffset now)
    {
        _reference = reference;
        _seed = seed;
        _count = count;
        _duplicateShare = duplicateShare;
        var positions = count; // more than needed: the feed stops at count rows
        var scale = new DemoScale("feed", "33", 0, Math.Max(20, positions / 8), positions);
        _demo = new DemoDataGenerator(reference, protector, scale, seed, now);
    }

    public static IReadOnlyList<string> SourceNames => Sources;

    /// <summary>The postings in export order; a duplicate always comes after the posting it repeats.</summary>
    public IEnumerable<FeedPosting> Postings()
    {
        var random = new Random(_seed);
        var enterprises = _demo.Enterprises().ToDictionary(e => e.Id);
        var originals = new List<(Position Position, int Source)>();
        var emitted = 0;
        using var positions = _demo.Positions().GetEnumerator();
        var sequence = new int[Sources.Length];
        while (emitted < _count)
        {
            var duplicate = originals.Count > 100 && random.NextDouble() < _duplicateShare;
            if (duplicate)
            {
                // Repeat a recent posting on another platform, as the same employer cross-posts it.
                var (position, source) = originals[random.Next(originals.Count)];
                var other = (source + 1 + random.Next(Sources.Length - 1)) % Sources.Length;
                yield return Render(position, enterprises[position.EnterpriseId], other, ++sequence[other], random, noisy: true);
            }
            else
            {
                if (!positions.MoveNext())
                {
                    yield break;
                }
                var source = random.NextDouble() < 0.6 ? 0 : random.Next(1, Sources.Length);
                // Only the most recent postings are repeated: a window keeps memory flat.
                if (originals.Count == RecentWindow)
                {
                    originals[(int)(emitted % RecentWindow)] = (positions.Current, source);
                }
                else
                {
                    originals.Add((positions.Current, source));
                }
                yield return Render(positions.Current, enterprises[positions.Current.EnterpriseId], source, ++sequence[source], random, noisy: false);
            }
            emitted++;
        }
    }

    private FeedPosting Render(Position p, Enterprise e, int source, int sequence, Random random, bool noisy)
    {
        var title = p.Title;
        if (noisy || random.NextDouble() < 0.3)
        {
            title = random.Next(3) switch
            {
                0 => TitleNoise[random.Next(2)] + title,
                1 => title + TitleNoise[2 + random.Next(TitleNoise.Length - 2)],
                _ => title,
            };
        }
        var description = p.Description ?? "";
        if (noisy && description.Length > 10 && random.NextDouble() < 0.5)
        {
            // A typo: one character dropped.
            var at = random.Next(description.Length);
            description = description.Remove(at, 1);
        }
        var enterpriseName = noisy && random.NextDouble() < 0.3 ? e.Name.Replace("有限公司", "有限责任公司", StringComparison.Ordinal) : e.Name;
        var posted = p.PostedOn.AddDays(noisy ? random.Next(0, 8) : 0);
        var posting = new SourcePosting(
            Sources[source],
            string.Create(CultureInfo.InvariantCulture, $"{Sources[source][..2].ToUpperInvariant()}{sequence:D8}"),
            title,
            enterpriseName,
            random.NextDouble() < 0.5 ? e.Uscc : null,
            PlaceText(p.RegionCode, random),
            SalaryText(p.SalaryMin, p.SalaryMax, p.MonthsPerYear, random),
            EducationText(p.MinEducation, random),
            p.MinExperienceYears == 0 ? "经验不限"
                : random.Next(2) == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.MinExperienceYears}年以上")
                    : string.Create(CultureInfo.InvariantCulture, $"{p.MinExperienceYears}-{p.MinExperienceYears + 2}年"),
            random.Next(3) == 0 ? "若干" : string.Create(CultureInfo.InvariantCulture, $"招{p.Headcount}人"),
            description,
            posted);
        return new FeedPosting(posting, p.Id);
    }

    private string PlaceText(string regionCode, Random random)
    {
        var region = _reference.Regions.Find(regionCode);
        if (region is null)
        {
            return regionCode;
        }
        var path = _reference.Regions.Ancestors(region.Code).Append(region).Where(r => r.Level >= RegionLevel.City && r.Level <= RegionLevel.County).ToList();
        return random.Next(4) switch
        {
            0 => string.Concat(path.Select(r => r.Name)),
            1 => string.Join('-', path.Select(r => r.ShortName)),
            2 => "浙江" + string.Concat(path.Select(r => r.ShortName)),
            _ => path[^1].Name,
        };
    }

    private static string EducationText(EducationLevel level, Random random) => level switch
    {
        EducationLevel.None or EducationLevel.Primary => "学历不限",
        EducationLevel.JuniorHigh => "初中及以上",
        EducationLevel.SeniorHigh => random.Next(2) == 0 ? "高中" : "中专",
        EducationLevel.Associate => random.Next(2) == 0 ? "大专" : "大专及以上",
        EducationLevel.Bachelor => random.Next(2) == 0 ? "本科" : "统招本科",
        _ => "硕士",
    };

    private static string SalaryText(int min, int max, int months, Random random)
    {
        var suffix = months != 12 ? string.Create(CultureInfo.InvariantCulture, $"·{months}薪") : "";
        return random.Next(5) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{min / 1000.0:0.#}-{max / 1000.0:0.#}K{suffix}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"{min}-{max}元/月"),
            2 => string.Create(CultureInfo.InvariantCulture, $"{min / 10000.0:0.##}-{max / 10000.0:0.##}万/月"),
            3 => string.Create(CultureInfo.InvariantCulture, $"月薪{min}-{max}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{min / 1000.0:0.#}k-{max / 1000.0:0.#}k{suffix}"),
        };
    }
}
