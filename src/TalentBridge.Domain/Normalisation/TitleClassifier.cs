using System.Text;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Job title → occupation code of 职业分类大典 2022. Titles on job boards are noisy (places in brackets,
/// benefits, salary fragments, several titles in one), so the title is first cleaned and split, then
/// matched against a keyword vocabulary built from the catalogue (occupation names and their job-board
/// aliases, with "工程技术人员" also read as "工程师") and the team's curated list of common titles
/// (<c>data/reference/titles/curated-titles.tsv</c>). The longest, most trusted keyword wins; a Chinese
/// title's head noun comes last, so among equals the match nearest the end wins. Titles that contain no
/// keyword fall back to shared character pairs with occupation names, at low confidence.
/// </summary>
public sealed class TitleClassifier
{
    private enum Source
    {
        Alias = 1,
        Name = 2,
        Curated = 3,
    }

    /// <summary>
    /// How much a keyword of this source counts. Aliases count as much as names: they are real job-board
    /// titles the catalogue maps. The curated list outranks both for the head words it adds.
    /// </summary>
    private static int Trust(Source source) => source == Source.Curated ? 3 : 2;

    /// <summary>
    /// Head words that name a role in any trade (操作工, 技术员, 助理 …): they lose to a specific keyword
    /// anywhere in the title ("数控车床操作工" is a lathe operator, not a generic operative).
    /// </summary>
    private static readonly HashSet<string> GenericHeads = new(StringComparer.Ordinal)
    {
        "操作工", "操作员", "技术员", "工艺员", "学徒", "助理", "专员", "设计师", "工程师", "经理", "主管", "师傅", "普工", "工人", "老师", "教师",
    };

    private sealed record Keyword(string Code, Source Source, bool Generic);

    private readonly record struct Match(Keyword Keyword, int Length, int End, int SegmentLength);

    private readonly OccupationCatalogue _occupations;
    private readonly Dictionary<string, Keyword> _keywords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longestKeyword;
    private readonly Dictionary<int, List<string>> _bigrams = [];
    private readonly Dictionary<string, int> _bigramCounts = new(StringComparer.Ordinal);

    /// <summary>Words that say nothing about the occupation: urgency, benefits, shifts, seniority, hiring terms.</summary>
    private static readonly string[] Noise =
    [
        "急招", "急聘", "诚聘", "高薪", "直招", "直聘", "包吃住", "包食宿", "包住", "包吃", "五险一金", "五险", "社保",
        "双休", "单休", "周末双休", "不加班", "长白班", "白班", "夜班", "两班倒", "倒班", "日结", "周结", "月结", "兼职", "全职", "长期",
        "学徒", "实习生", "实习", "储备", "资深", "高级", "中级", "初级", "月入", "底薪", "提成", "年终奖", "无责", "有责", "无经验",
        "可带教", "包培训", "带薪培训", "男女不限", "限男", "限女", "宝妈", "退伍军人", "应届生", "应届", "若干",
        "待遇优", "待遇", "福利", "轻松", "稳定", "优先", "上班", "坐班", "在家", "线上", "远程", "抖音快手", "抖音", "快手", "小红书",
    ];

    public TitleClassifier(OccupationCatalogue occupations)
    {
        _occupations = occupations;
        foreach (var occupation in Occupations(occupations))
        {
            AddName(occupation);
        }
        foreach (var (keyword, code) in EmbeddedCsv.ReadTsv("reference/titles/curated-titles.tsv"))
        {
            if (occupations.Find(code) is null)
            {
                throw new InvalidDataException($"curated-titles.tsv: '{keyword}' maps to unknown code {code}.");
            }
            var folded = Fold(keyword);
            _keywords[folded] = new Keyword(code, Source.Curated, GenericHeads.Contains(folded));
        }
        _lookup = _keywords.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestKeyword = _keywords.Keys.Max(k => k.Length);
    }

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
        if (occupation.Level < 3)
        {
            return;
        }
        var name = Fold(occupation.Name);
        AddKeyword(name, occupation.Code, Source.Name);
        const string engineer = "工程技术人员";
        if (name.EndsWith(engineer, StringComparison.Ordinal) && name.Length > engineer.Length + 1)
        {
            AddKeyword(string.Concat(name.AsSpan(0, name.Length - engineer.Length), "工程师"), occupation.Code, Source.Name);
        }
        foreach (var alias in occupation.Aliases)
        {
            foreach (var part in alias.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var folded = Fold(part);
                if (folded.Length >= 2)
                {
                    AddKeyword(folded, occupation.Code, Source.Alias);
                }
            }
        }
        if (occupation.Level == 4)
        {
            var count = 0;
            foreach (var bigram in Bigrams(name))
            {
                if (!_bigrams.TryGetValue(bigram, out var codes))
                {
                    _bigrams[bigram] = codes = [];
                }
                codes.Add(occupation.Code);
                count++;
            }
            _bigramCounts[occupation.Code] = Math.Max(1, count);
        }
    }

    /// <summary>A keyword keeps its most trusted source; between equals, the finer occupation.</summary>
    private void AddKeyword(string keyword, string code, Source source)
    {
        if (_keywords.TryGetValue(keyword, out var existing)
            && (existing.Source > source || (existing.Source == source && OccupationCatalogue.Prefix(existing.Code).Length >= OccupationCatalogue.Prefix(code).Length)))
        {
            return;
        }
        _keywords[keyword] = new Keyword(code, source, GenericHeads.Contains(keyword));
    }

    public Normalised<Occupation> Classify(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return new Normalised<Occupation>(null, 0, [], "empty title");
        }
        var segments = Segments(Clean(title));
        var matches = new List<Match>();
        foreach (var segment in segments)
        {
            FindKeywords(segment, matches);
        }
        if (matches.Count == 0)
        {
            return Fallback(segments);
        }
        matches.Sort((a, b) => Score(b).CompareTo(Score(a)));
        var best = matches[0];
        var occupation = _occupations.Find(best.Keyword.Code)!;
        var alternatives = matches.Skip(1).Select(m => m.Keyword.Code).Where(c => c != occupation.Code).Distinct(StringComparer.Ordinal)
            .Take(3).Select(c => _occupations.Find(c)!).ToList();
        var whole = best.Length == best.SegmentLength;
        var confidence = best.Keyword.Source switch
        {
            _ when best.Keyword.Generic => 0.6,
            Source.Curated or Source.Name when whole => 0.95,
            Source.Curated or Source.Name => best.Length >= 3 ? 0.85 : 0.75,
            _ => whole ? 0.9 : 0.75,
        };
        if (alternatives.Count > 0 && Score(matches[1]) >= Score(best) * 0.9 && matches[1].Keyword.Code != best.Keyword.Code)
        {
            confidence -= 0.15;
        }
        return new Normalised<Occupation>(occupation, confidence, alternatives);
    }

    private static double Score(Match m) => m.Keyword.Generic
        ? Math.Min(m.Length, 8) + (m.End / 100.0)
        : ((Trust(m.Keyword.Source) + 1) * Math.Min(m.Length, 8))
          + (m.End >= m.SegmentLength - 1 ? 3 : 0)  // the head noun ends the title
          + (m.Length == m.SegmentLength ? 2 : 0)
          + (m.End / 100.0);                         // among equals, the later match

    private void FindKeywords(string segment, List<Match> matches)
    {
        var span = segment.AsSpan();
        for (var start = 0; start < span.Length; start++)
        {
            for (var length = Math.Min(_longestKeyword, span.Length - start); length >= 2; length--)
            {
                if (_lookup.TryGetValue(span.Slice(start, length), out var keyword)
                    // A two-character alias ("技师", "督导") is too common inside other words to trust
                    // anywhere but as the whole segment.
                    && (keyword.Source != Source.Alias || length > 2 || length == span.Length))
                {
                    matches.Add(new Match(keyword, length, start + length - 1, span.Length));
                    break; // the longest keyword starting here; shorter ones inside it add nothing
                }
            }
        }
    }

    /// <summary>No keyword: the level-4 occupation sharing the most character pairs, if it shares enough.</summary>
    private Normalised<Occupation> Fallback(IReadOnlyList<string> segments)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var segment in segments)
        {
            foreach (var bigram in Bigrams(segment))
            {
                total++;
                if (_bigrams.TryGetValue(bigram, out var codes))
                {
                    foreach (var code in codes)
                    {
                        scores[code] = scores.GetValueOrDefault(code) + 1;
                    }
                }
            }
        }
        if (total == 0 || scores.Count == 0)
        {
            return new Normalised<Occupation>(null, 0, [], "no occupation word found");
        }
        var ranked = scores.Select(s => (Code: s.Key, Score: s.Value / Math.Sqrt(_bigramCounts[s.Key] * (double)total)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Code, StringComparer.Ordinal).Take(4).ToList();
        if (ranked[0].Score < 0.35)
        {
            return new Normalised<Occupation>(null, 0, ranked.Select(r => _occupations.Find(r.Code)!).ToList(), "no occupation word found");
        }
        return new Normalised<Occupation>(_occupations.Find(ranked[0].Code), Math.Round(0.25 + (ranked[0].Score * 0.3), 2),
            ranked.Skip(1).Select(r => _occupations.Find(r.Code)!).ToList(), "similar wording only");
    }

    private static IEnumerable<int> Bigrams(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && char.IsLetterOrDigit(text[i + 1]))
            {
                yield return (text[i] << 16) | text[i + 1];
            }
        }
    }

    /// <summary>Full-width to half-width, lower-case Latin.</summary>
    internal static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var ch = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Removes bracketed asides, digits with their units, and noise words.</summary>
    internal static string Clean(string title)
    {
        var folded = Fold(title);
        var sb = new StringBuilder(folded.Length);
        var depth = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c is '(' or '【' or '[' or '〔' or '<' or '《' or '「' or '〈')
            {
                depth++;
                continue;
            }
            if (c is ')' or '】' or ']' or '〕' or '>' or '》' or '」' or '〉')
            {
                depth = Math.Max(0, depth - 1);
                sb.Append(' ');
                continue;
            }
            if (depth > 0)
            {
                continue;
            }
            if (char.IsAsciiDigit(c) && !(i > 0 && char.IsAsciiLetter(folded[i - 1])))
            {
                // A number and the salary or count unit after it: 8000, 3万, 70%, 15k, 2人.
                while (i + 1 < folded.Length && (char.IsAsciiDigit(folded[i + 1]) || folded[i + 1] is '.' or '-' or '~' or 'k' or 'w' or '%' or '+'
                    or '万' or '千' or '元' or '人' or '名' or '年' or '岁' or '薪'))
                {
                    i++;
                }
                sb.Append(' ');
                continue;
            }
            sb.Append(c);
        }
        // Tokens whose punctuation would otherwise split them.
        var text = sb.ToString().Replace("c++", "cpp", StringComparison.Ordinal).Replace("c#", "csharp", StringComparison.Ordinal)
            .Replace(".net", "dotnet", StringComparison.Ordinal);
        foreach (var noise in Noise)
        {
            text = text.Replace(noise, " ", StringComparison.Ordinal);
        }
        return text;
    }

    private static readonly char[] Separators = ['/', '\\', '|', '、', ',', '，', ';', '；', '&', ' ', '·', '!', '！', '-', '~', '～', ':', '：', '*', '+', '.', '#'];

    internal static IReadOnlyList<string> Segments(string cleaned) =>
        cleaned.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0).ToList();
}
