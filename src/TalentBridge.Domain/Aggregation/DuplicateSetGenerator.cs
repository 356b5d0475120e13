using System.Globalization;
using System.Text;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Evaluation data for duplicate detection with known clusters: postings and people as several platforms deliver
/// them, a share of them repeated on other platforms with realistic noise (typos, traditional characters,
/// reordered sentences, other salary notation, title decorations, shifted dates, enterprise name variants, missing
/// USCC, township instead of county, another occupation in the same 小类, changed phone numbers) and with hard
/// negatives (other positions of the same enterprise and occupation, the same title in another county, namesakes
/// born the same year in the same county). Deterministic for a seed; streams, keeping a window of recent records
/// (and, for postings, a count per enterprise + title + county so that a repeat is a re-post 75 days later).
/// </summary>
public sealed partial class DuplicateSetGenerator(int seed)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Lazy<World> Shared = new(() => new World(ReferenceData.Load()));
    private static readonly string[] SourceNames = ["zjrc", "job51", "zhaopin", "lsrc", "boss", "liepin", "58tc", "ganji"];
    private static readonly string[] Titled = ["急招", "诚聘", "高薪诚聘", "直招"];
    private static readonly string[] Remarks =
    [
        "工作认真负责，吃苦耐劳", "性格开朗，善于沟通", "学习能力强，能适应加班", "有较强的团队合作精神", "做事细心，执行力强",
        "服从安排，踏实肯干", "责任心强，抗压能力好", "希望找一份稳定的工作", "熟悉本地情况，可长期工作", "有驾照，可接受出差",
    ];

    private const int Window = 4096;

    public IEnumerable<(NormalisedPosting Posting, long TrueCluster)> Postings(int count, double duplicateShare = 0.10, int sources = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        sources = Math.Clamp(sources, 1, SourceNames.Length);
        var world = Shared.Value;
        var recent = new PostingBase[Window];
        var enterprises = Math.Max(40, count / 8);
        var occurrences = new Dictionary<(int, string, string), int>();
        long clusters = 0;
        for (var i = 0; i < count; i++)
        {
            var rng = new DemoRandom(seed, 0x504F5354, i);
            if (clusters > 0 && rng.Chance(duplicateShare))
            {
                var b = recent[rng.Next((int)Math.Min(clusters, Window))];
                var source = (b.Source + ++b.Copies) % sources;
                yield return (RenderPosting(world, b, source, i, ref rng, noisy: true), b.Cluster);
                continue;
            }
            PostingBase? sibling = clusters > 0 && rng.Chance(0.3) ? recent[rng.Next((int)Math.Min(clusters, Window))] : null;
            var created = NewPosting(world, ++clusters, rng.Next(sources), enterprises, sibling, occurrences, ref rng);
            recent[(clusters - 1) % Window] = created;
            yield return (RenderPosting(world, created, created.Source, i, ref rng, noisy: false), created.Cluster);
        }
    }

    public IEnumerable<(SourceTalent Talent, long TrueCluster)> Talents(int count, double duplicateShare = 0.10, int sources = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        sources = Math.Clamp(sources, 1, SourceNames.Length);
        var world = Shared.Value;
        var recent = new PersonBase[Window];
        long clusters = 0;
        for (var i = 0; i < count; i++)
        {
            var rng = new DemoRandom(seed, 0x54414C, i);
            if (clusters > 0 && rng.Chance(duplicateShare))
            {
                var b = recent[rng.Next((int)Math.Min(clusters, Window))];
                var source = (b.Source + ++b.Copies) % sources;
                yield return (RenderTalent(world, b, source, i, ref rng, noisy: true), b.Cluster);
                continue;
            }
            PersonBase? namesake = clusters > 0 && rng.Chance(0.15) ? recent[rng.Next((int)Math.Min(clusters, Window))] : null;
            var created = NewPerson(world, ++clusters, rng.Next(sources), namesake, ref rng);
            recent[(clusters - 1) % Window] = created;
            yield return (RenderTalent(world, created, created.Source, i, ref rng, noisy: false), created.Cluster);
        }
    }

    // ---- postings -------------------------------------------------------------------------------------------

    private sealed class Enterprise
    {
        public required string Brand { get; init; }
        public required string LegalForm { get; init; }
        public required string? Uscc { get; init; }
        public required string County { get; init; }
        public required Sector Sector { get; init; }
        public required int Founded { get; init; }
        public required bool Boilerplate { get; init; }
    }

    private sealed class PostingBase
    {
        public required long Cluster { get; init; }
        public required int Source { get; init; }
        public int Copies { get; set; }
        public required int EnterpriseId { get; init; }
        public required Enterprise Enterprise { get; init; }
        public required string County { get; init; }
        public required string Township { get; init; }
        public required Occupation Occupation { get; init; }
        public required OccupationPick Pick { get; init; }
        public required string Title { get; init; }
        public required int SalaryMin { get; init; }
        public required int SalaryMax { get; init; }
        public required EducationLevel Education { get; init; }
        public required int Experience { get; init; }
        public required int Headcount { get; init; }
        public required string[] Skills { get; init; }
        public required string[] Tasks { get; init; }
        public required string[] Benefits { get; init; }
        public required DateOnly PostedOn { get; init; }
    }

    private Enterprise MakeEnterprise(World world, int id)
    {
        var rng = new DemoRandom(seed, 0x454E54, id);
        var sector = world.Sectors.Pick(ref rng);
        var brand = rng.Pick(DemoVocabulary.BrandWords) + (rng.Chance(0.6) ? rng.Pick(DemoVocabulary.BrandWords) : "") + rng.Pick(sector.Words);
        var legal = rng.Chance(0.1) ? "股份有限公司" : rng.Chance(0.1) ? "有限责任公司" : "有限公司";
        string? uscc = null;
        if (rng.Chance(0.9))
        {
            var body = string.Create(Inv, $"91{world.Counties.Pick(ref rng)}MA{rng.Next(100_000_000):D8}");
            uscc = body[..17] + Uscc.CheckCharacter(body.AsSpan(0, 17));
        }
        return new Enterprise
        {
            Brand = brand, LegalForm = legal, Uscc = uscc, County = world.Counties.Pick(ref rng), Sector = sector,
            Founded = rng.Between(1985, 2023), Boilerplate = rng.Chance(0.7),
        };
    }

    private PostingBase NewPosting(World world, long cluster, int source, int enterprises, PostingBase? sibling, Dictionary<(int, string, string), int> occurrences, ref DemoRandom rng)
    {
        var enterpriseId = sibling?.EnterpriseId ?? rng.Next(enterprises);
        var enterprise = sibling?.Enterprise ?? MakeEnterprise(world, enterpriseId);
        var family = world.Family(enterprise.Sector, ref rng);
        var pick = sibling?.Pick ?? world.PickRoot(family, ref rng);
        var occupation = rng.Pick(pick.Leaves);
        var title = pick.Root.Titles is { Length: > 0 } titles ? rng.Pick(titles)
            : family.GenericTitles.Length > 0 && rng.Chance(0.15) ? rng.Pick(family.GenericTitles)
            : occupation.Name;
        var county = enterprise.County;
        if (sibling is not null)
        {
            if (rng.Chance(0.2))
            {
                // The same position in another county (a branch): a hard negative kept apart by region.
                title = sibling.Title;
                occupation = sibling.Occupation;
                county = world.Counties.Pick(ref rng);
            }
            else
            {
                // Another position of the same enterprise and occupation group, with another title; where the
                // group offers no other title, an unrelated new posting instead.
                for (var attempt = 0; attempt < 8 && string.Equals(title, sibling.Title, StringComparison.Ordinal); attempt++)
                {
                    occupation = rng.Pick(pick.Leaves);
                    title = pick.Root.Titles is { Length: > 0 } t ? rng.Pick(t) : occupation.Name;
                }
                if (string.Equals(title, sibling.Title, StringComparison.Ordinal))
                {
                    return NewPosting(world, cluster, source, enterprises, null, occurrences, ref rng);
                }
                county = sibling.County;
            }
        }
        var pay = rng.Between(family.SalaryLow, family.SalaryHigh) / 100 * 100;
        var tasks = Split(occupation.Tasks);
        var skills = pick.Root.Skills ?? family.Skills;
        // The same title of the same enterprise in the same county again is a re-post after the first one
        // closed: 75 days later for every earlier one.
        ref var occurrence = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(occurrences, (enterpriseId, title, county), out _);
        var posted = new DateOnly(2025, 1, 1).AddDays((int)(DedupMath.Hash(title, (ulong)enterpriseId) % 60) + (75 * occurrence++));
        return new PostingBase
        {
            Cluster = cluster, Source = source, EnterpriseId = enterpriseId, Enterprise = enterprise, County = county,
            Township = world.Township(county, ref rng), Occupation = occupation, Pick = pick, Title = title,
            SalaryMin = pay, SalaryMax = pay + (rng.Between(5, 30) * 100), Education = (EducationLevel)rng.Between(2, 6),
            Experience = rng.Between(0, 5), Headcount = rng.Between(1, 10),
            Skills = Sample(skills, 3, ref rng),
            Tasks = tasks.Length == 0 ? ["负责" + rng.Pick(skills) + "相关工作"] : Sample(tasks, 3, ref rng),
            Benefits = Sample(DemoVocabulary.Benefits, 4, ref rng),
            PostedOn = posted,
        };
    }

    private static NormalisedPosting RenderPosting(World world, PostingBase b, int source, int index, ref DemoRandom rng, bool noisy)
    {
        var e = b.Enterprise;
        var countyRegion = world.Regions.Find(e.County);
        var prefix = (noisy ? rng.Next(5) : (int)(b.Cluster % 3)) switch
        {
            0 => "丽水",
            1 => "丽水市",
            2 => string.Empty,
            3 => countyRegion?.ShortName ?? string.Empty,
            _ => "浙江",
        };
        var legal = noisy && rng.Chance(0.3) ? (e.LegalForm == "有限公司" ? "有限责任公司" : "有限公司") : e.LegalForm;
        var enterpriseName = prefix + e.Brand + legal;
        var uscc = e.Uscc is null ? null : noisy && rng.Chance(source == 2 ? 0.6 : 0.2) ? null : e.Uscc;

        var title = b.Title;
        int salaryMin = b.SalaryMin, salaryMax = b.SalaryMax, months = 12;
        var salaryText = string.Create(Inv, $"月薪{b.SalaryMin}-{b.SalaryMax}元");
        var posted = b.PostedOn;
        var occupation = b.Occupation;
        var region = b.Township;
        var sentences = new List<string>();
        if (e.Boilerplate)
        {
            sentences.Add(string.Create(Inv, $"{e.Brand}{legal}成立于{e.Founded}年，主要从事{e.Sector.Business}"));
        }
        sentences.Add(string.Create(Inv, $"因业务发展需要，现招聘{b.Title}{b.Headcount}名"));
        sentences.Add("岗位职责：" + string.Join("；", b.Tasks));
        sentences.Add(string.Create(Inv, $"任职要求：{DemoVocabulary.EducationName(b.Education)}及以上学历，{b.Experience}年以上相关工作经验"));
        sentences.Add("熟悉" + string.Join("、", b.Skills) + "，有相关经验者优先");
        var salaryIndex = sentences.Count;
        sentences.Add(salaryText);
        sentences.Add("福利待遇：" + string.Join("、", b.Benefits));
        sentences.Add("工作地点：" + world.PlaceName(b.Township));

        if (noisy && rng.Chance(0.08))
        {
            // A hard duplicate: another platform's own wording of the same position (another title for it, or the
            // city in the title; its own description template), with the same enterprise, occupation code, county,
            // salary and requirements as the original. Only the structured facts give it away.
            var reworded = RewordedTitle(world, b, ref rng);
            return new NormalisedPosting(
                SourceNames[source], string.Create(Inv, $"{SourceNames[source]}-{index:D8}"), reworded, b.Occupation.Code,
                0.6 + (rng.NextDouble() * 0.4), enterpriseName, uscc, rng.Chance(0.5) ? b.County : b.Township, b.SalaryMin, b.SalaryMax, 12,
                b.Education, b.Experience, b.Headcount,
                string.Create(Inv, $"【{reworded}】{world.PlaceName(b.County)}，{rng.Pick(b.Skills)}。待遇{b.SalaryMin}-{b.SalaryMax}，{rng.Pick(b.Benefits)}，{rng.Pick(b.Benefits)}。联系人：人事部"),
                posted.AddDays(rng.Between(-7, 7)));
        }
        if (noisy)
        {
            switch (rng.Next(4))
            {
                case 0:
                    sentences[salaryIndex] = string.Create(Inv, $"薪资{b.SalaryMin / 1000.0:0.#}k-{b.SalaryMax / 1000.0:0.#}k");
                    salaryMin = (int)Math.Round(b.SalaryMin / 100.0) * 100;
                    salaryMax = (int)Math.Round(b.SalaryMax / 100.0) * 100;
                    break;
                case 1:
                    sentences[salaryIndex] = string.Create(Inv, $"年薪{b.SalaryMin * 13 / 10000.0:0.#}-{b.SalaryMax * 13 / 10000.0:0.#}万（13薪）");
                    months = 13;
                    salaryMin = (int)(Math.Round(b.SalaryMin * 13 / 10000.0, 1) * 10000 / 13);
                    salaryMax = (int)(Math.Round(b.SalaryMax * 13 / 10000.0, 1) * 10000 / 13);
                    break;
                case 2:
                    sentences[salaryIndex] = string.Create(Inv, $"{b.SalaryMin}元至{b.SalaryMax}元/月");
                    break;
            }
            if (rng.Chance(0.5))
            {
                Shuffle(sentences, ref rng);
            }
            if (rng.Chance(0.35))
            {
                for (var s = 0; s < sentences.Count; s++)
                {
                    if (rng.Chance(0.5))
                    {
                        sentences[s] = ChineseText.ToTraditional(sentences[s]);
                    }
                }
            }
            for (int t = 0, typos = rng.Next(3); t < typos; t++)
            {
                var s = rng.Next(sentences.Count);
                sentences[s] = Typo(sentences[s], ref rng);
            }
            if (rng.Chance(0.3))
            {
                title = rng.Pick(Titled) + title;
            }
            if (rng.Chance(0.25))
            {
                title += rng.Chance(0.5) ? "（" + rng.Pick(DemoVocabulary.Benefits) + "）" : "【" + rng.Pick(DemoVocabulary.Benefits) + "】";
            }
            else if (rng.Chance(0.1))
            {
                title += " " + rng.Pick(DemoVocabulary.Benefits);
            }
            if (rng.Chance(0.1))
            {
                title = ChineseText.ToTraditional(title);
            }
            if (rng.Chance(0.08))
            {
                title = Typo(title, ref rng);
            }
            posted = posted.AddDays(rng.Between(-14, 14));
            if (rng.Chance(0.1))
            {
                occupation = rng.Pick(b.Pick.Leaves);
            }
            region = rng.Chance(0.5) ? b.County : b.Township;
        }
        return new NormalisedPosting(
            SourceNames[source], string.Create(Inv, $"{SourceNames[source]}-{index:D8}"), title, occupation.Code,
            0.6 + (rng.NextDouble() * 0.4), enterpriseName, uscc, region, salaryMin, salaryMax, months, b.Education,
            b.Experience, b.Headcount, string.Join("。", sentences) + "。", posted);
    }

    /// <summary>Another platform's title for the same position: another title of its occupation group, the occupation's name, or the city before the title.</summary>
    private static string RewordedTitle(World world, PostingBase b, ref DemoRandom rng)
    {
        var others = (b.Pick.Root.Titles ?? []).Append(b.Occupation.Name).Where(t => !string.Equals(t, b.Title, StringComparison.Ordinal)).ToArray();
        return others.Length > 0 && rng.Chance(0.7) ? rng.Pick(others) : world.Regions.Find(b.County)?.ParentCode is { } city
            && world.Regions.Find(city) is { } c ? c.Name + b.Title : "丽水市" + b.Title;
    }

    // ---- people ---------------------------------------------------------------------------------------------

    private sealed class PersonBase
    {
        public required long Cluster { get; init; }
        public required int Source { get; init; }
        public int Copies { get; set; }
        public required string Name { get; init; }
        public required int BirthYear { get; init; }
        public required string County { get; init; }
        public required string Township { get; init; }
        public required string Phone { get; init; }
        public required string IdNumber { get; init; }
        public required Occupation Occupation { get; init; }
        public required string[] Sentences { get; init; }
    }

    private static PersonBase NewPerson(World world, long cluster, int source, PersonBase? namesake, ref DemoRandom rng)
    {
        var male = rng.Chance(0.55);
        var birthYear = namesake?.BirthYear ?? rng.Between(1965, 2004);
        var older = birthYear < 1985;
        var given = (male, older) switch
        {
            (true, true) => DemoVocabulary.MaleOlder,
            (true, false) => DemoVocabulary.MaleYounger,
            (false, true) => DemoVocabulary.FemaleOlder,
            _ => DemoVocabulary.FemaleYounger,
        };
        var name = namesake?.Name ?? world.Surnames.Pick(ref rng) + rng.Pick(given) + (rng.Chance(0.35) ? rng.Pick(given) : "");
        var county = namesake?.County ?? world.Counties.Pick(ref rng);
        var family = world.Families.Pick(ref rng);
        var pick = world.PickRoot(family, ref rng);
        var occupation = rng.Pick(pick.Leaves);
        var skills = pick.Root.Skills ?? family.Skills;
        var years = Math.Max(0, rng.Between(0, 2025 - birthYear - 18));
        var sentences = new List<string>
        {
            string.Create(Inv, $"{DemoVocabulary.EducationName((EducationLevel)rng.Between(2, 6))}学历，{rng.Pick(family.Majors)}专业"),
            string.Create(Inv, $"从事{occupation.Name}相关工作{years}年"),
            "熟练掌握" + string.Join("、", Sample(skills, 3, ref rng)),
            string.Create(Inv, $"期望月薪{rng.Between(family.SalaryLow, family.SalaryHigh) / 100 * 100}元，期望在{world.PlaceName(county)}工作"),
            "自我评价：" + rng.Pick(Remarks),
        };
        if (family.Certificates.Length > 0 && rng.Chance(0.5))
        {
            sentences.Insert(3, "持有" + rng.Pick(family.Certificates));
        }
        var phone = rng.Pick(DemoVocabulary.MobilePrefixes) + rng.Next(100_000_000).ToString("D8", Inv);
        var id = string.Create(Inv, $"{county}{birthYear}{rng.Between(1, 12):D2}{rng.Between(1, 28):D2}{rng.Next(10000):D4}");
        return new PersonBase
        {
            Cluster = cluster, Source = source, Name = name, BirthYear = birthYear, County = county,
            Township = world.Township(county, ref rng), Phone = phone, IdNumber = id, Occupation = occupation,
            Sentences = [.. sentences],
        };
    }

    private SourceTalent RenderTalent(World world, PersonBase b, int source, int index, ref DemoRandom rng, bool noisy)
    {
        var name = b.Name;
        var sentences = b.Sentences.ToList();
        var phone = b.Phone;
        var region = b.Township;
        if (noisy)
        {
            if (rng.Chance(0.05))
            {
                var position = 1 + rng.Next(name.Length - 1);
                name = name[..position] + rng.Pick(DemoVocabulary.MaleYounger)[0] + name[(position + 1)..];
            }
            if (rng.Chance(0.15))
            {
                name = ChineseText.ToTraditional(name);
            }
            if (rng.Chance(0.1))
            {
                name = name[..1] + " " + name[1..];
            }
            if (rng.Chance(0.5))
            {
                Shuffle(sentences, ref rng);
            }
            if (rng.Chance(0.3))
            {
                for (var s = 0; s < sentences.Count; s++)
                {
                    sentences[s] = rng.Chance(0.5) ? ChineseText.ToTraditional(sentences[s]) : sentences[s];
                }
            }
            for (int t = 0, typos = rng.Next(3); t < typos; t++)
            {
                var s = rng.Next(sentences.Count);
                sentences[s] = Typo(sentences[s], ref rng);
            }
            if (rng.Chance(0.08))
            {
                phone = rng.Pick(DemoVocabulary.MobilePrefixes) + rng.Next(100_000_000).ToString("D8", Inv);
            }
            region = rng.Chance(0.5) ? b.County : b.Township;
        }
        var hasPhone = rng.Chance(source == 1 ? 0.95 : 0.8);
        var hasId = rng.Chance(source == 0 ? 0.8 : 0.4);
        return new SourceTalent(
            SourceNames[source], string.Create(Inv, $"{SourceNames[source]}-p{index:D8}"), name,
            hasPhone ? HashOf("phone:" + phone) : null, hasId ? HashOf("id:" + b.IdNumber) : null,
            b.BirthYear, region, b.Occupation.Code, string.Join("。", sentences) + "。");
    }

    private string HashOf(string value) =>
        DedupMath.Mix(DedupMath.Hash(value, (ulong)(uint)seed)).ToString("x16", Inv);

    // ---- shared ---------------------------------------------------------------------------------------------

    private static string[] Split(string? text) => text is null ? [] :
        TaskNumber().Replace(text, "；").Split(['；', '。', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length >= 4)
            .ToArray();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\d{1,2}[.．、]\s*")]
    private static partial System.Text.RegularExpressions.Regex TaskNumber();

    private static string[] Sample(string[] items, int n, ref DemoRandom rng)
    {
        var picked = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var item = rng.Pick(items);
            if (!picked.Contains(item, StringComparer.Ordinal))
            {
                picked.Add(item);
            }
        }
        return [.. picked];
    }

    private static void Shuffle(List<string> items, ref DemoRandom rng)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One character changed (to a neighbour in the code table) or dropped.</summary>
    private static string Typo(string text, ref DemoRandom rng)
    {
        if (text.Length < 3)
        {
            return text;
        }
        var at = rng.Next(text.Length);
        return rng.Chance(0.5)
            ? text.Remove(at, 1)
            : new StringBuilder(text).Remove(at, 1).Insert(at, (char)(text[at] + 1 + rng.Next(3))).ToString();
    }

    private sealed record OccupationPick(RootSpec Root, Occupation[] Leaves);

    private sealed class World
    {
        private readonly Dictionary<string, OccupationPick[]> _roots = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Weighted<OccupationPick>> _rootWeights = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Region[]> _townships = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JobFamily> _families;

        public World(ReferenceData reference)
        {
            Regions = reference.Regions;
            Counties = new Weighted<string>(DemoVocabulary.LishuiCounties.Select(c => (c.County, c.Weight)));
            Surnames = new Weighted<string>(DemoVocabulary.Surnames.Select(s => (s.Surname, s.Weight)));
            Sectors = new Weighted<Sector>(DemoVocabulary.Sectors.Select(s => (s, s.LishuiWeight)));
            Families = new Weighted<JobFamily>(DemoVocabulary.Families.Select(f => (f, f.LishuiWeight)));
            _families = DemoVocabulary.Families.ToDictionary(f => f.Key, StringComparer.Ordinal);
            foreach (var family in DemoVocabulary.Families)
            {
                var picks = family.Roots
                    .Select(r => (Pick: new OccupationPick(r, Leaves(reference.Occupations, r.Code)), r.Weight))
                    .Where(p => p.Pick.Leaves.Length > 0)
                    .ToArray();
                _roots[family.Key] = [.. picks.Select(p => p.Pick)];
                _rootWeights[family.Key] = new Weighted<OccupationPick>(picks);
            }
            foreach (var (county, _) in DemoVocabulary.LishuiCounties)
            {
                _townships[county] = [.. Regions.Children(county)];
            }
        }

        public RegionCatalogue Regions { get; }
        public Weighted<string> Counties { get; }
        public Weighted<string> Surnames { get; }
        public Weighted<Sector> Sectors { get; }
        public Weighted<JobFamily> Families { get; }

        public JobFamily Family(Sector sector, ref DemoRandom rng)
        {
            var total = sector.Hires.Sum(h => h.Weight);
            var x = rng.NextDouble() * total;
            foreach (var (family, weight) in sector.Hires)
            {
                x -= weight;
                if (x < 0 && _families.TryGetValue(family, out var found))
                {
                    return found;
                }
            }
            return _families[sector.Hires[0].Family];
        }

        public OccupationPick PickRoot(JobFamily family, ref DemoRandom rng) => _rootWeights[family.Key].Pick(ref rng);

        public string Township(string county, ref DemoRandom rng) =>
            _townships.TryGetValue(county, out var towns) && towns.Length > 0 ? rng.Pick(towns).Code : county;

        public string PlaceName(string code)
        {
            var region = Regions.Find(code);
            if (region is null)
            {
                return code;
            }
            return region.Level == RegionLevel.Township && region.ParentCode is { } parent && Regions.Find(parent) is { } county
                ? county.Name + region.Name
                : region.Name;
        }

        private static Occupation[] Leaves(OccupationCatalogue catalogue, string code)
        {
            var root = catalogue.Find(code);
            if (root is null)
            {
                return [];
            }
            var leaves = new List<Occupation>();
            var stack = new Stack<Occupation>([root]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                var children = catalogue.Children(node.Code);
                if (children.Count == 0)
                {
                    if (node.Level == 4)
                    {
                        leaves.Add(node);
                    }
                    continue;
                }
                foreach (var child in children)
                {
                    stack.Push(child);
                }
            }
            return [.. leaves];
        }
    }
}
