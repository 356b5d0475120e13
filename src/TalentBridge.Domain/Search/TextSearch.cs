using System.Text;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Search;

/// <summary>
/// One word of a search query and what it matches besides the word itself in the index: occupations whose
/// name or an alias contains it (厨师 → 中式烹调师 …) and regions of that name (丽水 → 丽水市's subtree).
/// </summary>
public sealed record SearchWord(string Term, IReadOnlyList<string> OccupationCodes, IReadOnlyList<string> RegionCodes);

/// <summary>
/// The words of the text search, on both sides: a record's fields become index terms (its words as the
/// segmenter cuts them, folded, plus the dictionary words inside longer Chinese words, as jieba's search mode
/// does), and a query becomes words that must each match somewhere. Pure and thread-safe.
/// </summary>
public sealed class TextSearch
{
    /// <summary>Words of a query beyond this are ignored (the list would only get slower, hardly more precise).</summary>
    public const int MaxWords = 8;

    /// <summary>Longer tokens (a pasted URL) are not indexed.</summary>
    public const int MaxTermLength = 40;

    /// <summary>The term every indexed record carries, so that a record with no other term still counts as indexed.</summary>
    public const string IndexedMarker = "";

    private readonly Segmenter _segmenter;
    private readonly RegionCatalogue _regions;
    private readonly (string Code, string[] Names)[] _occupations;

    public TextSearch(Segmenter segmenter, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(reference);
        _segmenter = segmenter;
        _regions = reference.Regions;
        _occupations = [.. OccupationNames.Detailed(reference.Occupations).Select(o => (o.Code, (string[])[Fold(o.Name), .. o.Aliases.Select(Fold)]))];
    }

    /// <summary>Full-width forms to ASCII, lower case: the index and the query compare folded text.</summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Adds the terms of one field to <paramref name="terms"/>, keeping the highest weight a term gets from any field.</summary>
    public void AddTerms(IDictionary<string, int> terms, string? text, int weight)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        void Put(string term) => Keep(terms, term, weight);
        // Characters the segmenter leaves single are also joined into one term, as a query joins them.
        var run = new StringBuilder();
        void EndRun()
        {
            if (run.Length > 1)
            {
                Put(run.ToString());
            }
            run.Clear();
        }
        foreach (var word in Words(text))
        {
            if (word.Length == 1 && IsHan(word[0]))
            {
                run.Append(word);
            }
            else
            {
                EndRun();
            }
            Put(word);
            if (word.Length <= 2 || !word.All(IsHan))
            {
                continue;
            }
            // 数控车床操作工 is also found by 车床 and 操作: the dictionary words inside it.
            for (var length = 2; length < word.Length && length <= 4; length++)
            {
                for (var start = 0; start + length <= word.Length; start++)
                {
                    var inner = word.Substring(start, length);
                    if (_segmenter.Cut(inner).Count == 1)
                    {
                        Put(inner);
                    }
                }
            }
        }
        EndRun();
    }

    /// <summary>
    /// A person's name: besides its words, every run of one to four characters of it is a term, so that the surname
    /// (王) or the given name (云兰) finds 王云兰, which the segmenter may keep as one word. Longer names (a company
    /// written into the field) get only their words.
    /// </summary>
    public void AddName(IDictionary<string, int> terms, string? name, int weight)
    {
        AddTerms(terms, name, weight);
        var folded = Fold(name ?? "").Trim();
        if (folded.Length is 0 or > 6 || !folded.All(IsHan))
        {
            return;
        }
        for (var start = 0; start < folded.Length; start++)
        {
            for (var length = 1; length <= 4 && start + length <= folded.Length; length++)
            {
                Keep(terms, folded.Substring(start, length), weight);
            }
        }
    }

    /// <summary>
    /// The words of a query, each of which must match. Characters the segmenter leaves single are joined with their
    /// single neighbours (云兰, cut 云/兰, is searched as 云兰, as a name's parts are indexed); one left alone beside
    /// other words of the same part is dropped (在丽水 → 丽水); a part that is one character stays.
    /// </summary>
    public IReadOnlyList<SearchWord> Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new List<SearchWord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = new List<(string Text, bool Singles)>();
            foreach (var word in Words(part))
            {
                var single = word.Length == 1 && IsHan(word[0]);
                if (single && words.Count > 0 && words[^1].Singles)
                {
                    words[^1] = (words[^1].Text + word, true);
                }
                else
                {
                    words.Add((word, single));
                }
            }
            foreach (var (word, singles) in words)
            {
                if ((words.Count > 1 && singles && word.Length == 1) || !seen.Add(word))
                {
                    continue;
                }
                result.Add(new SearchWord(word, Occupations(word), Regions(word)));
            }
        }
        return result;
    }

    private IEnumerable<string> Words(string text) =>
        _segmenter.Cut(Fold(text)).Where(w => w.Length <= MaxTermLength && w.Any(char.IsLetterOrDigit));

    /// <summary>小类 and 细类 whose name or an alias contains the word (two characters at least: one says too little).</summary>
    private string[] Occupations(string word) =>
        word.Length < 2 ? [] : _occupations.Where(o => o.Names.Any(n => n.Contains(word, StringComparison.Ordinal))).Select(o => o.Code).ToArray();

    /// <summary>Regions of this full or short name (丽水, 丽水市, 青田).</summary>
    private string[] Regions(string word) =>
        word.Length < 2 ? [] : _regions.FindByName(word).Select(r => r.Code).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Adds a term, keeping the highest weight it gets from any field.</summary>
    private static void Keep(IDictionary<string, int> terms, string term, int weight)
    {
        if (!terms.TryGetValue(term, out var known) || known < weight)
        {
            terms[term] = weight;
        }
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';
}
