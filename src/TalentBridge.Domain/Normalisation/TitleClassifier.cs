using System.Runtime.CompilerServices;
using System.Text;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Job title → occupation code of 职业分类大典 2022. Titles on job boards are noisy (places in brackets,
/// benefits, salary fragments, several titles in one), so the title is first cleaned and split, then
/// matched against a keyword vocabulary built from the catalogue (occupation names and their job-board
/// aliases, with "工程技术人员" also read as "工程师") and the team's curated list of common titles
/// (<c>data/reference/titles/curated-*.tsv</c>).
/// <para>
/// Keywords come in three tiers. A specific keyword names the job ("凉菜", "渣土车", "注塑"); a context
/// keyword names the workplace or trade ("电子厂", "工地", "汽修厂"); a generic head names a role in any
/// trade ("师傅", "司机", "操作工", "技术员"). A Chinese title is modifier + head, so the head takes its
/// occupation from the most specific keyword anywhere in the title: specific beats context beats generic.
/// Within a tier the longest, most trusted keyword wins, and among equals the one nearest the end.
/// Titles that contain no keyword fall back to shared character pairs with occupation names, at low
/// confidence.
/// </para>
/// The hot path allocates only the result: the title is folded and cleaned in a stack buffer, noise words
/// and keywords are found by probing only the keyword lengths that exist for each first character.
/// </summary>
public sealed class TitleClassifier : ITitleClassifier
{
    private enum Source
    {
        /// <summary>A short form derived from an occupation name (汽车维修工 → 汽车维修, 汽车维修师).</summary>
        Derived = 0,
        Alias = 1,
        Name = 2,
        Curated = 3,
    }

    private enum Tier
    {
        Generic = 0,
        /// <summary>A process done in many trades (包装, 分拣, 打磨): it names the job unless a workplace names the trade.</summary>
        Process = 1,
        Context = 2,
        Specific = 3,
    }

    /// <summary>
    /// How much a keyword of this source counts. Aliases count as much as names: they are real job-board
    /// titles the catalogue maps. The curated list outranks both for the head words it adds.
    /// </summary>
    private static int Trust(Source source) => source switch
    {
        Source.Curated => 3,
        Source.Derived => 1,
        _ => 2,
    };

    /// <summary>
    /// Head words that name a role in any trade (操作工, 技术员, 助理 …): they lose to a specific keyword
    /// anywhere in the title ("数控车床操作工" is a lathe operator, not a generic operative). The curated
    /// list marks more of them with a third column <c>head</c>.
    /// </summary>
    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    {
        "操作工", "操作员", "技术员", "工艺员", "学徒", "助理", "专员", "设计师", "工程师", "经理", "主管", "师傅", "普工", "工人", "老师", "教师",
        "司机", "驾驶员",
    };

    /// <summary>
    /// A keyword's occupation. <c>Headed</c>: it ends with a generic head word (店员, 业务员, 木工), so among
    /// equally long and trusted matches it yields to one that does not. <c>JobName</c>: the occupation's
    /// name, folded, with 工程技术人员 read as 工程师, which a qualifier in another segment must end with.
    /// </summary>
    private sealed record Keyword(string Code, Source Source, Tier Tier, Occupation Occupation, bool Headed, string JobName);

    private readonly record struct Match(Keyword Keyword, int Length, int End, int SegmentStart, int SegmentLength, double Score);

    /// <summary>Final words that name a role in any trade, longest first.</summary>
    private static readonly string[] HeadEndings = ["工程师", "技术员", "专员", "助理", "经理", "主管", "顾问", "总监", "客服", "销售", "师", "员", "工"];

    /// <summary>The generic head word <paramref name="text"/> ends with, if it says more than the head alone.</summary>
    private static string? HeadOf(ReadOnlySpan<char> text)
    {
        foreach (var head in HeadEndings)
        {
            if (text.Length > head.Length && text.EndsWith(head, StringComparison.Ordinal))
            {
                return head;
            }
        }
        return null;
    }

    private static Keyword MakeKeyword(string text, Occupation occupation, Source source, Tier tier)
    {
        const string engineer = "工程技术人员";
        var name = Fold(occupation.Name);
        if (name.EndsWith(engineer, StringComparison.Ordinal))
        {
            name = string.Concat(name.AsSpan(0, name.Length - engineer.Length), "工程师");
        }
        return new Keyword(occupation.Code, source, tier, occupation, HeadOf(text) is not null, name);
    }

    private readonly Dictionary<string, Keyword> _keywords = new(StringComparer.Ordinal);

    /// <summary>Words the curated lists mark as naming no occupation; the fallback ignores them.</summary>
    private readonly List<string> _unwords = [];
    private readonly Dictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Bit n set when some keyword starting with this character has length n (2–63).</summary>
    private readonly ulong[] _lengths = new ulong[char.MaxValue + 1];

    /// <summary>The same for the first two characters, hashed (a collision only costs a probe).</summary>
    private readonly ulong[] _pairLengths = new ulong[1 << 16];
    /// <summary>Character pair → (level-4 occupation, TF-IDF weight in its unit-length name/alias/definition vector).</summary>
    private readonly Dictionary<int, (int Occupation, double Weight)[]> _bigrams = [];
    private readonly Dictionary<int, double> _bigramIdf = [];
    private Occupation[] _described = [];

    [ThreadStatic]
    private static double[]? t_scores;

    [ThreadStatic]
    private static List<int>? t_touched;

    [ThreadStatic]
    private static List<Match>? t_matches;

    /// <summary>Words that say nothing about the occupation: urgency, benefits, shifts, seniority, hiring terms.</summary>
    private static readonly string[] Noise =
    [
        "急招", "急聘", "诚聘", "高薪", "直招", "直聘", "包吃住", "包食宿", "包住", "包吃", "五险一金", "五险",
        "双休", "单休", "周末双休", "不加班", "长白班", "白班", "夜班", "两班倒", "倒班", "日结", "周结", "月结", "兼职", "全职", "长期",
        "实习生", "实习", "储备", "资深", "高级", "中级", "初级", "月入", "底薪", "提成", "年终奖", "无责", "有责", "无经验",
        "可带教", "包培训", "带薪培训", "男女不限", "限男", "限女", "宝妈", "退伍军人", "应届生", "应届", "若干",
        "待遇优", "待遇", "福利", "轻松", "稳定", "优先", "上班", "坐班", "在家", "线上", "远程", "抖音快手", "抖音", "快手", "小红书",
    ];

    /// <summary>
    /// Words that start with a noise word but name a post of their own on job boards, kept whole: a trainee
    /// cadre (储备干部) is the board's generic management-trainee post, not a 干部 of some trade.
    /// </summary>
    private static readonly string[] KeptWords = ["储备干部", "储备主管", "储备主任", "储备岗", "储备人员"];

    private static readonly Dictionary<string, bool> NoiseWords = BuildNoise();
    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> NoiseLookup = NoiseWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly ulong[] NoiseLengths = BuildNoiseLengths();

    private static Dictionary<string, bool> BuildNoise()
    {
        var words = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var noise in Noise)
        {
            words[noise] = true;
        }
        foreach (var kept in KeptWords)
        {
            words[kept] = false;
        }
        return words;
    }

    private static ulong[] BuildNoiseLengths()
    {
        var lengths = new ulong[char.MaxValue + 1];
        foreach (var noise in Noise.Concat(KeptWords))
        {
            lengths[noise[0]] |= 1UL << Math.Min(noise.Length, 63);
        }
        return lengths;
    }

    public TitleClassifier(OccupationCatalogue occupations)
    {
        foreach (var occupation in Occupations(occupations))
        {
            AddName(occupation);
        }
        AddDerived(occupations);
        IndexDescriptions(occupations);
        foreach (var (_, nurse, technician) in DepartmentStaff)
        {
            foreach (var code in (ReadOnlySpan<string?>)[nurse, technician])
            {
                if (code is not null)
                {
                    _staff[code] = occupations.Find(code) ?? throw new InvalidDataException($"department staff code {code} is not in the catalogue.");
                }
            }
        }
        foreach (var (trade, code) in EmbeddedCsv.ReadTsv("reference/titles/engineer-trades.tsv"))
        {
            var engineer = occupations.Find(code) ?? throw new InvalidDataException($"engineer-trades.tsv: '{trade}' maps to unknown code {code}.");
            _engineerTrades.Add((trade, engineer));
        }
        _engineerTrades.Sort((a, b) => b.Trade.Length.CompareTo(a.Trade.Length));
        foreach (var (staff, manager, heads) in Managers)
        {
            if (!_managers.TryGetValue(staff, out var list))
            {
                _managers[staff] = list = [];
            }
            list.Add((occupations.Find(manager) ?? throw new InvalidDataException($"manager code {manager} is not in the catalogue."), heads));
        }
        var curated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in typeof(TitleClassifier).Assembly.GetManifestResourceNames().Where(IsCuratedList).Order(StringComparer.Ordinal))
        {
            var list = file[(file.LastIndexOf('/') + 1)..];
            foreach (var (keyword, value) in EmbeddedCsv.ReadTsv(file))
            {
                var parts = value.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var code = parts[0];
                if (code == "-")
                {
                    // Not an occupation word on job boards, whatever the catalogue says ("招聘", "机长" in a factory):
                    // no keyword, and no evidence for the fallback.
                    var word = FoldKeyword(keyword);
                    if (!curated.TryAdd(word, list))
                    {
                        throw new InvalidDataException($"{list}: '{keyword}' is already listed in {curated[word]}.");
                    }
                    _keywords.Remove(word);
                    _unwords.Add(word);
                    continue;
                }
                var occupation = occupations.Find(code)
                    ?? throw new InvalidDataException($"{list}: '{keyword}' maps to unknown code {code}.");
                var folded = FoldKeyword(keyword);
                var tier = parts.Length > 1 ? parts[1] switch
                {
                    "head" => Tier.Generic,
                    "proc" => Tier.Process,
                    "ctx" => Tier.Context,
                    _ => throw new InvalidDataException($"{list}: '{keyword}' has unknown kind {parts[1]}."),
                } : GenericHeads.Contains(folded) ? Tier.Generic : Tier.Specific;
                if (folded.Length is < 2 or > 63)
                {
                    throw new InvalidDataException($"{list}: '{keyword}' must have 2 to 63 characters.");
                }
                if (!curated.TryAdd(folded, list))
                {
                    throw new InvalidDataException($"{list}: '{keyword}' is already listed in {curated[folded]}.");
                }
                _keywords[folded] = MakeKeyword(folded, occupation, Source.Curated, tier);
            }
        }
        foreach (var keyword in _keywords.Keys)
        {
            _lengths[keyword[0]] |= 1UL << Math.Min(keyword.Length, 63);
            _pairLengths[PairSlot(keyword[0], keyword[1])] |= 1UL << Math.Min(keyword.Length, 63);
        }
        _lookup = _keywords.GetAlternateLookup<ReadOnlySpan<char>>();
        // Compile the hot path now rather than on the first title of a batch.
        foreach (var warmUp in (ReadOnlySpan<string>)["急招数控车床操作工（长白班）/CNC 月入8000+", "驯导员", "急招", "客运站售票员/司机 区域督导 连锁", "投诉处理专员", "x"])
        {
            Classify(warmUp);
        }
    }

    /// <summary>The curated keyword lists: <c>data/reference/titles/curated-*.tsv</c>, one per area; a keyword may be listed once.</summary>
    private static bool IsCuratedList(string resource) =>
        resource.StartsWith("reference/titles/curated-", StringComparison.Ordinal) && resource.EndsWith(".tsv", StringComparison.Ordinal);

    private static IEnumerable<Occupation> Occupations(OccupationCatalogue catalogue)
    {
        var stack = new Stack<Occupation>(catalogue.MajorGroups);
        while (stack.Count > 0)
        {
            var occupation = stack.Pop();
            yield return occupation;
            foreach (var child in catalogue.Children(occupation.Code))
            {
                stack.Push(child);
            }
        }
    }

    private void AddName(Occupation occupation)
    {
        // Names of major groups and 中类 are categories, not jobs; their aliases are real job-board titles
        // ("技术总监", "一级建造师", "厂务") and count like any other.
        if (occupation.Level >= 3)
        {
            var name = FoldKeyword(occupation.Name);
            AddKeyword(name, occupation, Source.Name);
            const string engineer = "工程技术人员";
            if (name.EndsWith(engineer, StringComparison.Ordinal) && name.Length > engineer.Length + 1)
            {
                AddKeyword(string.Concat(name.AsSpan(0, name.Length - engineer.Length), "工程师"), occupation, Source.Name);
            }
        }
        foreach (var alias in occupation.Aliases)
        {
            foreach (var part in alias.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var folded = FoldKeyword(part);
                if (folded.Length >= 2)
                {
                    AddKeyword(folded, occupation, Source.Alias);
                }
            }
        }
    }

    /// <summary>Occupation-name endings that job boards drop or swap (汽车维修工 → 汽车维修师, 宠物美容师 → 宠物美容), longest first.</summary>
    private static readonly string[] NameEndings =
    [
        "工程技术人员", "专业技术人员", "专业人员", "技术人员", "管理人员", "服务人员", "辅助人员", "人员", "操作员", "操作工", "制作工",
        "服务员", "管理员", "管理师", "工程师", "技术员", "设计师", "维修工", "安装工", "装配工", "调试工", "加工工", "制作师", "工", "员", "师",
    ];

    private static readonly string[] StemHeads = ["师", "员", "工", "工程师", "技术员"];

    /// <summary>
    /// Short forms of level-4 occupation names: the name without its ending, alone (when three characters
    /// or more) and with each common head. A form that several occupations derive goes to their common
    /// 小类 when they share one and is dropped otherwise; a form already in the vocabulary keeps its code.
    /// </summary>
    private void AddDerived(OccupationCatalogue catalogue)
    {
        var forms = new Dictionary<string, List<Occupation>>(StringComparer.Ordinal);
        foreach (var occupation in Occupations(catalogue))
        {
            if (occupation.Level != 4)
            {
                continue;
            }
            var name = FoldKeyword(occupation.Name);
            foreach (var ending in NameEndings)
            {
                if (!name.EndsWith(ending, StringComparison.Ordinal) || name.Length - ending.Length < 2)
                {
                    continue;
                }
                var stem = name[..^ending.Length];
                if (stem.Length >= 3)
                {
                    AddForm(forms, stem, occupation);
                }
                // An engineer's stem with 工 or 员 names a worker of that trade (焊接工), not the engineer.
                foreach (var head in ending == "工程技术人员" ? ["工程师", "技术员", "师"] : StemHeads)
                {
                    AddForm(forms, stem + head, occupation);
                }
                break;
            }
        }
        foreach (var (form, list) in forms)
        {
            if (_keywords.ContainsKey(form) || GenericHeads.Contains(form))
            {
                continue;
            }
            var target = list[0];
            if (list.Count > 1)
            {
                var group = target.Code[..7];
                var same = true;
                foreach (var other in list)
                {
                    same &= other.Code.StartsWith(group, StringComparison.Ordinal);
                }
                if (!same || catalogue.Find(group + "-00") is not { } smallGroup)
                {
                    continue;
                }
                target = smallGroup;
            }
            _keywords[form] = MakeKeyword(form, target, Source.Derived, Tier.Specific);
        }
    }

    /// <summary>
    /// TF-IDF vectors of character pairs for each level-4 occupation over its name (weight 6), aliases
    /// (weight 4) and definition and tasks (weight 1), for titles that contain no keyword ("陪诊师", "消杀员"
    /// share words with their definitions).
    /// </summary>
    private void IndexDescriptions(OccupationCatalogue catalogue)
    {
        var documents = new List<(Occupation Occupation, Dictionary<int, double> Counts)>();
        var frequency = new Dictionary<int, int>();
        foreach (var occupation in Occupations(catalogue))
        {
            if (occupation.Level != 4)
            {
                continue;
            }
            var counts = new Dictionary<int, double>();
            Count(counts, Fold(occupation.Name), NameWeight);
            foreach (var alias in occupation.Aliases)
            {
                Count(counts, Fold(alias), AliasWeight);
            }
            Count(counts, Fold(occupation.Definition ?? ""), 1);
            Count(counts, Fold(occupation.Tasks ?? ""), 1);
            documents.Add((occupation, counts));
            foreach (var bigram in counts.Keys)
            {
                frequency[bigram] = frequency.GetValueOrDefault(bigram) + 1;
            }
        }
        foreach (var (bigram, df) in frequency)
        {
            _bigramIdf[bigram] = Math.Log((double)documents.Count / df);
        }
        _described = new Occupation[documents.Count];
        var postings = new Dictionary<int, List<(int, double)>>();
        for (var index = 0; index < documents.Count; index++)
        {
            var (occupation, counts) = documents[index];
            _described[index] = occupation;
            var norm = 0.0;
            foreach (var (bigram, count) in counts)
            {
                var w = Math.Log(1 + count) * _bigramIdf[bigram];
                norm += w * w;
            }
            norm = Math.Sqrt(Math.Max(norm, 1e-9));
            foreach (var (bigram, count) in counts)
            {
                if (!postings.TryGetValue(bigram, out var list))
                {
                    postings[bigram] = list = [];
                }
                list.Add((index, Math.Log(1 + count) * _bigramIdf[bigram] / norm));
            }
        }
        foreach (var (bigram, list) in postings)
        {
            // Pairs in more than an eighth of the descriptions (从事, 人员, 进行) say little and cost much.
            if (list.Count * 8 <= documents.Count)
            {
                _bigrams[bigram] = [.. list];
            }
        }
    }

    private const double NameWeight = 6;
    private const double AliasWeight = 4;

    private static void Count(Dictionary<int, double> counts, string text, double weight)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (Bigram(text, i) is { } bigram)
            {
                counts[bigram] = counts.GetValueOrDefault(bigram) + weight;
            }
        }
    }

    private static void AddForm(Dictionary<string, List<Occupation>> forms, string form, Occupation occupation)
    {
        if (form.Length > 63)
        {
            return;
        }
        if (!forms.TryGetValue(form, out var list))
        {
            forms[form] = list = [];
        }
        if (!list.Contains(occupation))
        {
            list.Add(occupation);
        }
    }

    /// <summary>A keyword keeps its most trusted source; between equals, the finer occupation.</summary>
    private void AddKeyword(string keyword, Occupation occupation, Source source)
    {
        if (keyword.Length > 63
            || (_keywords.TryGetValue(keyword, out var existing)
                && (existing.Source > source || (existing.Source == source && OccupationCatalogue.Prefix(existing.Code).Length >= OccupationCatalogue.Prefix(occupation.Code).Length))))
        {
            return;
        }
        _keywords[keyword] = MakeKeyword(keyword, occupation, source, GenericHeads.Contains(keyword) ? Tier.Generic : Tier.Specific);
    }

    /// <summary>
    /// The note of an answer without a code because the title holds no word the vocabulary knows (as against an empty
    /// title or a company name, which name no job by rule): where a learned model may still read the title.
    /// </summary>
    public const string NoJobWord = "no occupation word found";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Normalised<Occupation> Classify(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return new Normalised<Occupation>(null, 0, [], "empty title");
        }
        var size = (title.Length * 3) + 8;
        var buffer = size <= 768 ? stackalloc char[size] : new char[size];
        var text = buffer[..CleanInto(title, buffer)];
        if (IsCompanyName(text))
        {
            return new Normalised<Occupation>(null, 0, [], "a company name only");
        }
        var matches = t_matches ??= new List<Match>(16);
        matches.Clear();
        var start = 0;
        while (start < text.Length)
        {
            if (IsSeparator(text[start]))
            {
                start++;
                continue;
            }
            var end = start + 1;
            while (end < text.Length && !IsSeparator(text[end]))
            {
                end++;
            }
            FindKeywords(text[start..end], start, matches);
            start = end;
        }
        if (matches.Count == 0)
        {
            // Without a head word ("工资过万你值得选择", "给你一份开心的工作") shared wording is no evidence of a job.
            return Fallback(text, HasHeadWord(text) ? FallbackThreshold : HeadlessFallbackThreshold, out _);
        }
        // The job comes first and qualifiers after it ("海运货代 销售", "模特 服装拍摄"): a keyword in the first
        // segment that names one counts a little more than an equal one in a later segment.
        for (var i = 0; i < matches.Count && matches[i].SegmentStart == matches[0].SegmentStart; i++)
        {
            if (matches[i].Keyword.Tier != Tier.Generic)
            {
                matches[i] = matches[i] with { Score = matches[i].Score + (matches[i].Keyword.Tier == Tier.Specific ? FirstJobBonus : FirstSegmentBonus) };
            }
        }
        var best = matches[0];
        for (var i = 1; i < matches.Count; i++)
        {
            if (Beats(text, matches[i], best))
            {
                best = matches[i];
            }
        }
        if (best.Keyword.Tier != Tier.Generic)
        {
            best = Qualified(text, best, matches);
        }
        if (best.Keyword.Tier == Tier.Context && best.Keyword.Occupation.Level <= 1)
        {
            // A workplace that names only a major group ("工厂") says less than a head that names a group in it
            // ("技术员 工厂" is a 生产现场技术工艺人员, "安全主管 工厂" a safety manager).
            foreach (var m in matches)
            {
                if (m.Keyword.Tier == Tier.Generic && m.Keyword.Occupation.Level > 1 && (best.Keyword.Tier != Tier.Generic || m.Score > best.Score))
                {
                    best = m;
                }
            }
        }
        if (EngineerOf(text, best, matches) is { } engineer)
        {
            return new Normalised<Occupation>(engineer, 0.7, [best.Keyword.Occupation]);
        }
        if (best.Keyword.Tier == Tier.Context && StaffOf(text, best, matches) is { } staff)
        {
            return new Normalised<Occupation>(staff, 0.75, [best.Keyword.Occupation]);
        }
        if (best.Keyword.Tier == Tier.Generic)
        {
            // Only a generic head ("技工", "专员"): the rest of the title may still describe the trade.
            // It refines the head's occupation, or replaces a head that only names a major group.
            var described = Fallback(text, GenericOverrideThreshold, out _);
            if (described.Value is { } refined
                && (best.Keyword.Occupation.Level <= 1 || refined.Code.StartsWith(OccupationCatalogue.Prefix(best.Keyword.Code), StringComparison.Ordinal)))
            {
                return described;
            }
        }
        var occupation = ManagerOf(text, best) ?? best.Keyword.Occupation;
        // Up to three runner-up occupations, best first, without sorting.
        List<Occupation>? alternatives = null;
        var runnerUp = double.MinValue;
        for (var k = 0; k < 3; k++)
        {
            Match? next = null;
            foreach (var m in matches)
            {
                if ((next is null || m.Score > next.Value.Score) && !ReferenceEquals(m.Keyword.Occupation, occupation)
                    && (alternatives is null || !ContainsSame(alternatives, m.Keyword.Occupation)))
                {
                    next = m;
                }
            }
            if (next is null)
            {
                break;
            }
            if (alternatives is null)
            {
                alternatives = new List<Occupation>(3);
                runnerUp = next.Value.Score;
            }
            alternatives.Add(next.Value.Keyword.Occupation);
        }
        var whole = best.Length == best.SegmentLength;
        var confidence = best.Keyword.Source switch
        {
            _ when best.Keyword.Tier == Tier.Generic => 0.6,
            _ when best.Keyword.Tier is Tier.Context or Tier.Process => 0.65,
            Source.Curated or Source.Name when whole => 0.95,
            Source.Curated or Source.Name => best.Length >= 3 ? 0.85 : 0.75,
            _ => whole ? 0.9 : 0.75,
        };
        if (alternatives is not null && runnerUp >= best.Score * 0.9)
        {
            confidence -= 0.15;
        }
        return new Normalised<Occupation>(occupation, confidence, alternatives is null ? [] : alternatives);
    }

    /// <summary>
    /// Higher score wins, except that between equally long and trusted keywords of one tier, the one that
    /// does not end with a generic head wins wherever it stands ("菜鸟驿站店员", "木工 支模"), unless the two
    /// name separate jobs (<see cref="SeparateJobs"/>): then the first job named keeps its lead. A keyword
    /// that starts inside the best one and adds only a head word ("金融销售人员": 销售人员 after 金融销售)
    /// is the same job and does not displace it.
    /// </summary>
    private static bool Beats(ReadOnlySpan<char> text, Match candidate, Match best)
    {
        var a = candidate.Keyword;
        var b = best.Keyword;
        if (ExtendsWithHead(text, best, candidate))
        {
            return false;
        }
        if (a.Tier == b.Tier && a.Tier != Tier.Generic && a.Headed != b.Headed && candidate.Length == best.Length && Trust(a.Source) == Trust(b.Source)
            // In another segment, only a keyword of the same major group qualifies the head ("木工 支模", not "公关专员 政府关系").
            && (candidate.SegmentStart == best.SegmentStart || (a.Code[0] == b.Code[0] && !SeparateJobs(text, best, candidate))))
        {
            return !a.Headed;
        }
        return candidate.Score > best.Score;
    }

    private static int StartOf(Match match) => match.SegmentStart + match.End - match.Length + 1;

    /// <summary>
    /// True when <paramref name="later"/> starts inside <paramref name="word"/> and goes on only by a head word of
    /// two characters or more (人员, 专员) to the end of the segment. A one-character head (员, 工) may turn a
    /// stem into another job ("产品质量检验员" is a 质检员, not the engineer of 产品质量检验).
    /// </summary>
    private static bool ExtendsWithHead(ReadOnlySpan<char> text, Match word, Match later)
    {
        var wordEnd = word.SegmentStart + word.End;
        var laterEnd = later.SegmentStart + later.End;
        if (later.SegmentStart != word.SegmentStart || StartOf(later) <= StartOf(word) || StartOf(later) > wordEnd || laterEnd <= wordEnd
            || laterEnd != later.SegmentStart + later.SegmentLength - 1)
        {
            return false;
        }
        return laterEnd - wordEnd >= 2 && Array.IndexOf(TrailingHeads, text.Slice(wordEnd + 1, laterEnd - wordEnd).ToString()) >= 0;
    }

    /// <summary>Separators that list several jobs ("冲压工/普工", "检测员、网管", "电工兼机修"); a space may also join a job and its qualifier.</summary>
    private static bool IsListSeparator(char c) => c is '/' or '\\' or '|' or '、' or ',' or '，' or ';' or '；' or '兼';

    /// <summary>
    /// True when the segments of two matches name separate jobs: a list separator stands between them, or the
    /// later segment ends with a head word of its own ("车工 普铣工", "会计/出纳"), so it is a job and not a
    /// qualifier of the earlier one ("木工 支模").
    /// </summary>
    private static bool SeparateJobs(ReadOnlySpan<char> text, Match one, Match other)
    {
        var (first, second) = one.SegmentStart <= other.SegmentStart ? (one, other) : (other, one);
        foreach (var c in text[(first.SegmentStart + first.SegmentLength)..second.SegmentStart])
        {
            if (IsListSeparator(c))
            {
                return true;
            }
        }
        var segment = text.Slice(second.SegmentStart, second.SegmentLength);
        return HeadOf(segment) is not null || Array.IndexOf(PersonEndings, segment[^1]) >= 0;
    }

    /// <summary>
    /// A keyword in another segment may qualify the best match's segment: "主持人 婚庆" is a 礼仪主持人, whose
    /// name ends with the segment; "电气工程师 PLC" an 自动控制工程师, whose name ends with the segment's
    /// head in the same 中类.
    /// </summary>
    private static Match Qualified(ReadOnlySpan<char> text, Match best, List<Match> matches)
    {
        var segment = text.Slice(best.SegmentStart, best.SegmentLength);
        var head = HeadOf(segment);
        var chosen = best;
        foreach (var m in matches)
        {
            if (m.SegmentStart == best.SegmentStart || m.Keyword.Tier == Tier.Generic || ReferenceEquals(m.Keyword.Occupation, best.Keyword.Occupation)
                || (ReferenceEquals(chosen.Keyword, best.Keyword) ? false : m.Score <= chosen.Score))
            {
                continue;
            }
            var name = m.Keyword.JobName.AsSpan();
            if (name.EndsWith(segment, StringComparison.Ordinal)
                || (head is { Length: > 1 } && name.EndsWith(head, StringComparison.Ordinal) && m.Keyword.Code.AsSpan(0, 4).SequenceEqual(best.Keyword.Code.AsSpan(0, 4))))
            {
                chosen = m;
            }
        }
        return chosen;
    }

    /// <summary>
    /// Staff occupations whose manager is another occupation: a sales word with a manager head ("市场拓展经理",
    /// "网销总监", "电销团队经理") is a 市场营销专业人员, an HR word with one ("人事部经理", "招聘经理") an
    /// 人力资源管理专业人员, as the labelling conventions have it for 销售经理 and 人事经理.
    /// The assistant of an enterprise's head ("厂长助理", "总经理助理") is a 秘书, as the conventions have it. The keyword itself may carry the head ("招聘经理", an alias of 招聘师).
    /// </summary>
    private static readonly (string Staff, string Manager, string[] Heads)[] Managers =
    [
        ("4-01-02-01", "2-06-07-02", ["经理", "总监", "主管", "部长", "负责人"]),
        ("4-07-03-04", "2-06-08-01", ["经理", "总监", "部长"]),
        ("4-07-03-08", "2-06-08-01", ["经理", "总监", "部长"]),
        ("1-06-01-02", "3-01-02-02", ["助理"]),
    ];

    private readonly Dictionary<string, List<(Occupation Manager, string[] Heads)>> _managers = new(StringComparer.Ordinal);

    /// <summary>The manager (or assistant) occupation when the best keyword is a staff word and its segment ends with such a head.</summary>
    private Occupation? ManagerOf(ReadOnlySpan<char> text, Match best)
    {
        if (!_managers.TryGetValue(best.Keyword.Code, out var managers))
        {
            return null;
        }
        var word = text.Slice(best.SegmentStart, best.SegmentLength)[(best.End - best.Length + 1)..];
        foreach (var (manager, heads) in managers)
        {
            foreach (var head in heads)
            {
                if (word.Length > head.Length && word.EndsWith(head, StringComparison.Ordinal))
                {
                    return manager;
                }
            }
        }
        return null;
    }

    /// <summary>Endings of a segment that name a person doing a job.</summary>
    private static readonly char[] PersonEndings = ['员', '工', '师', '手', '长', '官'];

    private static bool HasHeadWord(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(PersonEndings, text[i]) >= 0 && (i + 1 == text.Length || IsSeparator(text[i + 1])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Suffixes of a company's name.</summary>
    private static readonly string[] CompanySuffixes = ["公司", "集团", "工作室", "事务所"];

    /// <summary>A title that is one company's name and nothing else ("上海艺盛贸易有限公司").</summary>
    private static bool IsCompanyName(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim(' ');
        if (trimmed.IsEmpty)
        {
            return false;
        }
        foreach (var c in trimmed)
        {
            if (IsSeparator(c))
            {
                return false;
            }
        }
        foreach (var suffix in CompanySuffixes)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Engineer words that name a role in any industry, not the industry itself.</summary>
    private static readonly HashSet<string> RoleEngineers = new(StringComparer.Ordinal)
    {
        "工程师", "研发工程师", "工艺工程师", "技术工程师", "产品工程师", "设计工程师", "研发",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RoleEngineerLookup = RoleEngineers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Trade code prefix → the 工程技术人员 occupation of that trade (engineer-trades.tsv), longest prefix first.</summary>
    private readonly List<(string Trade, Occupation Engineer)> _engineerTrades = [];

    private static ReadOnlySpan<char> WordOf(ReadOnlySpan<char> text, Match match) =>
        text.Slice(match.SegmentStart + match.End - match.Length + 1, match.Length);

    /// <summary>
    /// An engineer of a trade: "研发工程师 化工", "工艺工程师 注塑", "环保工程师 污水处理", "电力工程师 变电". When the
    /// title says 工程师 and its best keyword is a trade, a coarse engineering code or a role word, the trade
    /// keyword names the engineer's occupation through engineer-trades.tsv. Null when the keyword already
    /// names an engineer ("测试工程师", "化工工程师") or no trade in the title has one.
    /// </summary>
    private Occupation? EngineerOf(ReadOnlySpan<char> text, Match best, List<Match> matches)
    {
        if (text.IndexOf("工程师", StringComparison.Ordinal) < 0)
        {
            return null;
        }
        var bestWord = WordOf(text, best);
        var role = RoleEngineerLookup.Contains(bestWord);
        if (!role && ListedBefore(text, best, text.IndexOf("工程师", StringComparison.Ordinal)))
        {
            return null; // "冲压工/普工/产品设计工程师": the first job named, not an engineer listed after it
        }
        if (!role && best.Keyword.Occupation.Level == 4
            && (bestWord.IndexOf("工程师", StringComparison.Ordinal) >= 0 || best.Keyword.Code.StartsWith("2-", StringComparison.Ordinal)))
        {
            return null;
        }
        foreach (var m in matches)
        {
            var word = WordOf(text, m);
            if (m.Keyword.Tier != Tier.Generic && m.Keyword.Occupation.Level == 4 && !RoleEngineerLookup.Contains(word)
                && word.IndexOf("工程师", StringComparison.Ordinal) >= 0)
            {
                return m.Keyword.Occupation; // "项目工程师 汽车零部件": an engineer keyword names the job
            }
        }
        Occupation? chosen = null;
        var chosenScore = double.MinValue;
        foreach (var m in matches)
        {
            if (m.Keyword.Tier == Tier.Generic || m.Score <= chosenScore || RoleEngineerLookup.Contains(WordOf(text, m)))
            {
                continue;
            }
            if (role && m.Keyword.Occupation.Level == 4 && m.Keyword.Code.StartsWith("2-02-", StringComparison.Ordinal))
            {
                chosen = m.Keyword.Occupation; // "化工工艺工程师": the engineering field before the role word
                chosenScore = m.Score;
                continue;
            }
            foreach (var (trade, engineer) in _engineerTrades)
            {
                if (m.Keyword.Code.StartsWith(trade, StringComparison.Ordinal))
                {
                    // A coarse engineering keyword ("电力工程师") keeps its group: the trade only refines it.
                    if (role || !best.Keyword.Code.StartsWith("2-", StringComparison.Ordinal)
                        || engineer.Code.StartsWith(OccupationCatalogue.Prefix(best.Keyword.Code), StringComparison.Ordinal))
                    {
                        chosen = engineer;
                        chosenScore = m.Score;
                    }
                    break;
                }
            }
        }
        return chosen;
    }

    /// <summary>True when <paramref name="match"/>'s segment comes before <paramref name="at"/> with a list separator between them.</summary>
    private static bool ListedBefore(ReadOnlySpan<char> text, Match match, int at)
    {
        var end = match.SegmentStart + match.SegmentLength;
        if (at < end)
        {
            return false;
        }
        foreach (var c in text[end..at])
        {
            if (IsListSeparator(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Hospital departments (as context keywords, which name the department's doctors) and the nursing and
    /// technician 细类 of the same department: "护士 内科病房" is an 内科护士, "检验科 技师" a 临床检验技师.
    /// </summary>
    private static readonly (string Department, string? Nurse, string? Technician)[] DepartmentStaff =
    [
        ("2-05-01-01", "2-05-08-01", null),         // 内科
        ("2-05-01-02", "2-05-08-04", null),         // 外科, 手术室
        ("2-05-01-03", "2-05-08-02", null),         // 儿科
        ("2-05-01-04", "2-05-08-08", null),         // 妇产科
        ("2-05-01-07", "2-05-08-07", "2-05-07-02"), // 口腔
        ("2-05-01-11", "2-05-08-03", null),         // 急诊
        ("2-05-01-12", null, "2-05-07-13"),         // 康复
        ("2-05-01-13", "2-05-08-04", null),         // 麻醉
        ("2-05-01-14", null, "2-05-07-03"),         // 病理
        ("2-05-01-15", null, "2-05-07-01"),         // 放射, 影像
        ("2-05-01-17", null, "2-05-07-01"),         // 超声
        ("2-05-01-19", "2-05-08-05", null),         // 全科
        ("2-05-01-23", "2-05-08-00", null),         // ICU
        ("2-05-01-24", null, "2-05-07-04"),         // 检验科
        ("2-05-02", "2-05-08-09", null),            // 中医 (any 中医 细类)
    ];

    private readonly Dictionary<string, Occupation> _staff = new(StringComparer.Ordinal);

    /// <summary>Technician heads: with a department they name its 医疗卫生技术人员.</summary>
    private static readonly string[] TechnicianHeads = ["技师", "技术员", "治疗师"];

    /// <summary>
    /// A department keyword with a generic nurse or technician head elsewhere in the title: the head is the
    /// job and the department picks its 细类 ("护士 口腔诊所", "康复科 治疗师"). Null when the table has no
    /// such staff for the department or the title has no such head.
    /// </summary>
    private Occupation? StaffOf(ReadOnlySpan<char> text, Match department, List<Match> matches)
    {
        var code = department.Keyword.Code;
        foreach (var (dept, nurse, technician) in DepartmentStaff)
        {
            if (!(code == dept || (dept.Length == 7 && code.StartsWith(dept, StringComparison.Ordinal))))
            {
                continue;
            }
            foreach (var m in matches)
            {
                if (m.Keyword.Tier != Tier.Generic)
                {
                    continue;
                }
                if (nurse is not null && m.Keyword.Code.StartsWith("2-05-08", StringComparison.Ordinal))
                {
                    return _staff[nurse];
                }
                var word = WordOf(text, m);
                if (technician is not null)
                {
                    foreach (var head in TechnicianHeads)
                    {
                        if (word.SequenceEqual(head))
                        {
                            return _staff[technician];
                        }
                    }
                }
            }
            return null;
        }
        return null;
    }

    private static bool ContainsSame(List<Occupation> occupations, Occupation occupation)
    {
        foreach (var o in occupations)
        {
            if (ReferenceEquals(o, occupation))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What a keyword in the first segment with any keyword gains over one in a later segment.</summary>
    private const double FirstSegmentBonus = 2;

    /// <summary>
    /// What a keyword that names a job gains in the first segment: a title that names several jobs ("客服/销售助理",
    /// "冲压工/普工/注塑工") is about the first, and a job word outranks a later one of any length or source.
    /// </summary>
    private const double FirstJobBonus = 40;

    private static double Score(Keyword keyword, int length, int end, int segmentLength, bool endsJob) => keyword.Tier switch
    {
        Tier.Generic => Math.Min(length, 8) + (end / 100.0),
        _ => (keyword.Tier switch { Tier.Specific => 1000, Tier.Context => 500, _ => 400 })
            + ((Trust(keyword.Source) + 1) * Math.Min(length, 8))
            + (endsJob ? 3 : 0)                    // the head noun ends the title, or only a head word follows it
            + (length == segmentLength ? 2 : 0)
            + (end / 100.0),                       // among equals, the later match
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindKeywords(ReadOnlySpan<char> span, int segmentStart, List<Match> matches)
    {
        var covered = -1; // end of the furthest-reaching match so far: a keyword inside it is part of that word
        for (var start = 0; start < span.Length; start++)
        {
            var lengths = _lengths[span[start]];
            if (lengths == 0 || start + 1 >= span.Length || (lengths &= _pairLengths[PairSlot(span[start], span[start + 1])]) == 0)
            {
                continue;
            }
            // Only the lengths that exist for this first character, longest first.
            lengths &= (span.Length - start >= 63 ? ulong.MaxValue : (2UL << (span.Length - start)) - 1);
            while (lengths != 0)
            {
                var length = 63 - System.Numerics.BitOperations.LeadingZeroCount(lengths);
                lengths &= ~(1UL << length);
                if (_lookup.TryGetValue(span.Slice(start, length), out var keyword)
                    // A Latin keyword is a whole Latin word ("tax" is not in "taxi", "ui" not in "recruiter"); one of
                    // five letters or more may also start or end a longer one ("python" in "python3").
                    && !(char.IsAsciiLetter(span[start]) && start > 0 && char.IsAsciiLetter(span[start - 1])
                        && (length <= 4 || (char.IsAsciiLetter(span[start + length - 1]) && start + length < span.Length && char.IsAsciiLetter(span[start + length]))))
                    && !(length <= 4 && char.IsAsciiLetter(span[start + length - 1]) && start + length < span.Length && char.IsAsciiLetter(span[start + length]))
                    // A two-character alias ("技师", "督导") is too common inside other words to trust
                    // anywhere but as the whole segment.
                    && (keyword.Source != Source.Alias || length > 2 || length == span.Length))
                {
                    var end = start + length - 1;
                    if (end <= covered)
                    {
                        break; // "车工" inside "挡车工", "安保" inside "平安保险"
                    }
                    covered = end;
                    matches.Add(new Match(keyword, length, end, segmentStart, span.Length, Score(keyword, length, end, span.Length, EndsJob(span, end))));
                    break; // the longest keyword starting here; shorter ones inside it add nothing
                }
            }
        }
    }

    /// <summary>Head words that may follow a trade word and leave it the job ("送餐员", "汽修学徒").</summary>
    private static readonly string[] TrailingHeads = ["员", "工", "师", "学徒", "人员", "专员", "师傅", "工人", "学员"];

    /// <summary>True when the keyword ending at <paramref name="end"/> ends its segment, or only a head word follows it.</summary>
    private static bool EndsJob(ReadOnlySpan<char> segment, int end)
    {
        var rest = segment[(end + 1)..];
        if (rest.IsEmpty)
        {
            return true;
        }
        foreach (var head in TrailingHeads)
        {
            if (rest.SequenceEqual(head))
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PairSlot(char first, char second) => ((first * 40503) ^ second) & 0xFFFF;

    /// <summary>No keyword: the level-4 occupation sharing the most character pairs, if it shares enough.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Normalised<Occupation> Fallback(ReadOnlySpan<char> text, double threshold, out double bestScore, string? within = null)
    {
        bestScore = 0;
        foreach (var word in _unwords)
        {
            if (text.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                var masked = text.ToArray().AsSpan();
                for (var at = masked.IndexOf(word, StringComparison.Ordinal); at >= 0; at = masked.IndexOf(word, StringComparison.Ordinal))
                {
                    masked.Slice(at, word.Length).Fill(' ');
                }
                text = masked;
            }
        }
        var scores = t_scores ??= new double[_described.Length];
        var touched = t_touched ??= new List<int>(256);
        touched.Clear();
        var queryNorm = 0.0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (Bigram(text, i) is not { } bigram || !_bigrams.TryGetValue(bigram, out var postings) || SeenBefore(text, i, bigram))
            {
                continue;
            }
            var idf = _bigramIdf[bigram];
            queryNorm += idf * idf;
            foreach (var (index, weight) in postings)
            {
                if (scores[index] == 0)
                {
                    touched.Add(index);
                }
                scores[index] += weight * idf;
            }
        }
        if (touched.Count == 0)
        {
            return new Normalised<Occupation>(null, 0, [], NoJobWord);
        }
        var scale = 1 / Math.Sqrt(queryNorm);
        // The four best by score, ties by catalogue order.
        Span<int> top = stackalloc int[4];
        var ranked = 0;
        foreach (var index in touched)
        {
            var score = scores[index];
            if (within is not null && !_described[index].Code.StartsWith(within, StringComparison.Ordinal))
            {
                continue;
            }
            var at = ranked;
            while (at > 0 && (scores[top[at - 1]] < score || (scores[top[at - 1]] == score && top[at - 1] > index)))
            {
                at--;
            }
            if (at < 4)
            {
                for (var k = Math.Min(ranked, 3); k > at; k--)
                {
                    top[k] = top[k - 1];
                }
                top[at] = index;
                ranked = Math.Min(ranked + 1, 4);
            }
        }
        if (ranked == 0)
        {
            foreach (var index in touched)
            {
                scores[index] = 0;
            }
            return new Normalised<Occupation>(null, 0, [], NoJobWord);
        }
        bestScore = scores[top[0]] * scale;
        foreach (var index in touched)
        {
            scores[index] = 0;
        }
        var others = new List<Occupation>(4);
        for (var i = bestScore < threshold ? 0 : 1; i < ranked; i++)
        {
            others.Add(_described[top[i]]);
        }
        if (bestScore < threshold)
        {
            return new Normalised<Occupation>(null, 0, others, NoJobWord);
        }
        return new Normalised<Occupation>(_described[top[0]], Math.Round(0.25 + (bestScore * 0.3), 2), others, "similar wording only");
    }
    private static bool SeenBefore(ReadOnlySpan<char> text, int i, int bigram)
    {
        for (var j = 0; j < i; j++)
        {
            if (Bigram(text, j) == bigram)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Cosine below which the fallback gives no code: almost every posting names some occupation, so it is low.</summary>
    private const double FallbackThreshold = 0.1;

    /// <summary>Cosine below which the fallback gives no code to a title without a head word (员, 工, 师 …).</summary>
    private const double HeadlessFallbackThreshold = 0.3;

    /// <summary>Cosine above which the description match refines a title that has only a generic head.</summary>
    private const double GenericOverrideThreshold = 0.3;

    /// <summary>
    /// Two adjacent Chinese letters as one number, or a whole Latin word of two or more characters at its
    /// first character ("bim", "erp" in a definition); pairs across a separator or a script change do not count.
    /// </summary>
    private static int? Bigram(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsAsciiLetterOrDigit(c))
        {
            if (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]))
            {
                return null;
            }
            var end = i + 1;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }
            return end - i >= 2 && char.IsAsciiLetter(c) ? string.GetHashCode(text[i..end], StringComparison.Ordinal) : null;
        }
        return char.IsLetterOrDigit(c) && char.IsLetterOrDigit(text[i + 1]) && !char.IsAscii(text[i + 1]) ? (c << 16) | text[i + 1] : null;
    }

    private static char FoldChar(char c) => char.ToLowerInvariant(c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    });

    /// <summary>Full-width to half-width, lower-case Latin.</summary>
    internal static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(FoldChar(c));
        }
        return sb.ToString();
    }

    /// <summary>Joins Latin words separated by a space, in titles and keywords alike; not a separator.</summary>
    private const char LatinJoiner = '_';

    /// <summary>
    /// A vocabulary entry folded as titles are cleaned: a space between Latin words becomes
    /// <see cref="LatinJoiner"/>, other spaces go ("FAE 现场应用工程师", "毛皮制品").
    /// </summary>
    private static string FoldKeyword(string keyword)
    {
        var folded = Fold(keyword.Trim());
        var sb = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c != ' ')
            {
                sb.Append(c);
            }
            else if (i > 0 && char.IsAsciiLetter(folded[i - 1]) && i + 1 < folded.Length && char.IsAsciiLetter(folded[i + 1]))
            {
                sb.Append(LatinJoiner);
            }
        }
        return sb.ToString();
    }

    /// <summary>Removes bracketed asides, digits with their units, and noise words.</summary>
    public static string Clean(string title)
    {
        var buffer = new char[(title.Length * 3) + 8];
        return new string(buffer, 0, CleanInto(title, buffer));
    }

    /// <summary>
    /// Folds and cleans <paramref name="title"/> into <paramref name="output"/> (at least three times as
    /// long as the title) and returns the length written. Removed text becomes spaces, which separate segments.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CleanInto(ReadOnlySpan<char> title, Span<char> output)
    {
        var n = 0;
        var depth = 0;
        var previous = '\0';
        for (var i = 0; i < title.Length; i++)
        {
            var c = FoldChar(title[i]);
            if (c is '(' or '【' or '[' or '〔' or '<' or '《' or '「' or '〈')
            {
                depth++;
            }
            else if (c is ')' or '】' or ']' or '〕' or '>' or '》' or '」' or '〉')
            {
                depth = Math.Max(0, depth - 1);
                output[n++] = ' ';
            }
            else if (depth > 0)
            {
                // inside a bracketed aside
            }
            else if (char.IsAsciiDigit(c) && !char.IsAsciiLetter(previous)
                // "4S店", "3D打印", "5G": a digit before a letter that is no salary unit is part of a word.
                && !(i + 1 < title.Length && FoldChar(title[i + 1]) is var letter && char.IsAsciiLetter(letter) && letter is not ('k' or 'w')))
            {
                // A number and the salary or count unit after it: 8000, 3万, 70%, 15k, 2人.
                while (i + 1 < title.Length && FoldChar(title[i + 1]) is var next && (char.IsAsciiDigit(next) || next is '.' or '-' or '~' or 'k' or 'w' or '%' or '+'
                    or '万' or '千' or '元' or '人' or '名' or '年' or '岁' or '薪'))
                {
                    i++;
                    c = next;
                }
                output[n++] = ' ';
            }
            // Tokens whose punctuation would otherwise split them: c++, c#, .net.
            else if (c == 'c' && i + 1 < title.Length && FoldChar(title[i + 1]) == '+' && i + 2 < title.Length && FoldChar(title[i + 2]) == '+')
            {
                "cpp".CopyTo(output[n..]);
                n += 3;
                i += 2;
                c = '+';
            }
            else if (c == 'c' && i + 1 < title.Length && FoldChar(title[i + 1]) == '#')
            {
                "csharp".CopyTo(output[n..]);
                n += 6;
                i++;
                c = '#';
            }
            else if (c == '.' && i + 3 < title.Length && FoldChar(title[i + 1]) == 'n' && FoldChar(title[i + 2]) == 'e' && FoldChar(title[i + 3]) == 't')
            {
                "dotnet".CopyTo(output[n..]);
                n += 6;
                i += 3;
                c = 't';
            }
            else if (c == ' ' && IsLetterSpaced(title, i))
            {
                // "司 机", "办 公 文 员": a title typed with a space between single characters is one word.
            }
            else if (c == ' ' && char.IsAsciiLetter(previous) && i + 1 < title.Length && char.IsAsciiLetter(FoldChar(title[i + 1])))
            {
                output[n++] = LatinJoiner; // "pcb layout", "sales manager": one word, as in the keywords
            }
            else
            {
                output[n++] = c;
            }
            previous = c;
        }
        // Noise words become spaces, the longest at each position.
        var text = output[..n];
        for (var i = 0; i < n;)
        {
            var lengths = NoiseLengths[text[i]];
            var removed = 0;
            if (lengths != 0)
            {
                lengths &= n - i >= 63 ? ulong.MaxValue : (2UL << (n - i)) - 1;
                while (lengths != 0)
                {
                    var length = 63 - System.Numerics.BitOperations.LeadingZeroCount(lengths);
                    lengths &= ~(1UL << length);
                    if (NoiseLookup.TryGetValue(text.Slice(i, length), out var isNoise))
                    {
                        if (isNoise)
                        {
                            text.Slice(i, length).Fill(' ');
                        }
                        removed = length;
                        break;
                    }
                }
            }
            i += Math.Max(1, removed);
        }
        return n;
    }

    /// <summary>A space at <paramref name="i"/> between two single Chinese characters ("司 机", "注 塑 工").</summary>
    private static bool IsLetterSpaced(ReadOnlySpan<char> title, int i) =>
        i >= 1 && i + 1 < title.Length && IsHan(title[i - 1]) && IsHan(title[i + 1])
        && (i < 2 || FoldChar(title[i - 2]) == ' ')
        && (i + 2 >= title.Length || FoldChar(title[i + 2]) == ' ' || !char.IsLetterOrDigit(title[i + 2]));

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static bool IsSeparator(char c) => c switch
    {
        '/' or '\\' or '|' or '、' or ',' or '，' or ';' or '；' or '&' or ' ' or '·' or '兼' or '!' or '！' or '-' or '~' or '～' or ':' or '：' or '*' or '+' or '.' or '#' => true,
        _ => char.IsWhiteSpace(c),
    };

    internal static IReadOnlyList<string> Segments(string cleaned)
    {
        var segments = new List<string>();
        var start = 0;
        while (start < cleaned.Length)
        {
            if (IsSeparator(cleaned[start]))
            {
                start++;
                continue;
            }
            var end = start + 1;
            while (end < cleaned.Length && !IsSeparator(cleaned[end]))
            {
                end++;
            }
            segments.Add(cleaned[start..end]);
            start = end;
        }
        return segments;
    }
}
