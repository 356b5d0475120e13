using System.Globalization;
using System.Runtime.CompilerServices;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Aggregation;

/// <summary>The outcome of adding one record to a deduplicator.</summary>
/// <param name="ClusterId">1..N in order of first appearance.</param>
/// <param name="IsNew">The record opened a new cluster.</param>
/// <param name="Similarity">Similarity to the cluster it joined (1 for decisive keys, 0 for a new cluster).</param>
/// <param name="Reason">Why it joined, e.g. "exact source id" or "same enterprise, occupation, region; title 1.00, text 0.91".</param>
public sealed record DedupDecision(long ClusterId, bool IsNew, double Similarity, string Reason);

/// <summary>Thresholds of the duplicate rules. The defaults were tuned on <see cref="DuplicateSetGenerator"/> data.</summary>
public sealed record DedupOptions
{
    /// <summary>Postings further apart than this (days, from the cluster's date range) are different postings.</summary>
    public int MaxDateGapDays { get; init; } = 30;

    /// <summary>Monthly salary mid-points differing by more than this factor mean different positions.</summary>
    public double MaxSalaryRatio { get; init; } = 1.3;

    /// <summary>
    /// Postings of one enterprise in one county with the same full occupation code, no contradicting requirement and
    /// salary ranges whose ends differ by at most this factor are the same position, whatever their titles and texts
    /// (each platform words them its own way: 数控车工 and CNC数控车床操作工).
    /// </summary>
    public double SameSalaryRatio { get; init; } = 1.05;

    /// <summary>Title similarity at or above which a moderate text similarity suffices.</summary>
    public double SameTitle { get; init; } = 0.8;

    /// <summary>
    /// Text similarity needed when titles are the same. Different positions of one enterprise with the same title
    /// often share a description template (about 0.5–0.65 on the import benchmark feed); cross-posted copies are
    /// far closer.
    /// </summary>
    public double TextWithSameTitle { get; init; } = 0.65;

    /// <summary>Title similarity needed at all.</summary>
    public double MinTitle { get; init; } = 0.5;

    /// <summary>Text similarity needed when titles are only similar (typos, other wording).</summary>
    public double TextWithSimilarTitle { get; init; } = 0.85;

    /// <summary>
    /// Text similarity needed when the requirements contradict (another minimum education, minimum experience or
    /// headcount, each where both postings state it): different positions of one enterprise with the same title
    /// share the template of their description, so only a near-identical text outweighs a contradiction.
    /// </summary>
    public double TextWithConflictingRequirements { get; init; } = 0.9;

    /// <summary>
    /// Postings: remember every (source, source id) added, so that the same row added again joins its cluster
    /// decisively ("exact source id"). Off by default: the importer recognises known rows itself, and the index
    /// costs memory per posting rather than per cluster. Without it a repeated row normally joins its cluster
    /// by similarity. Talents always keep the index.
    /// </summary>
    public bool ExactSourceIds { get; init; }

    /// <summary>Talents, exact folded name: résumé text similarity needed (no contradicting contacts).</summary>
    public double TalentTextExactName { get; init; } = 0.45;

    /// <summary>Talents, name one edit apart: résumé text similarity needed.</summary>
    public double TalentTextFuzzyName { get; init; } = 0.7;

    /// <summary>Talents with different phone hashes (and no ID on one side): résumé text similarity needed.</summary>
    public double TalentTextPhoneConflict { get; init; } = 0.8;

    /// <summary>Only this many most recent clusters of a block are compared (bounds time for huge blocks).</summary>
    public int MaxCandidatesPerBlock { get; init; } = 256;

    /// <summary>Region names stripped from the start of enterprise names; null = all province, city and county names.</summary>
    public IReadOnlyCollection<string>? RegionNames { get; init; }
}

/// <summary>Hashing, sketches and small string metrics shared by the deduplicators.</summary>
internal static class DedupMath
{
    /// <summary>Bins of the one-permutation MinHash sketch (one byte each).</summary>
    public const int SketchBins = 64;

    private static readonly Lazy<string[]> DefaultRegionNames = new(LoadRegionNames);

    private static readonly System.Buffers.SearchValues<char> OpenBrackets = System.Buffers.SearchValues.Create("（(【[〔{");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z ^= z >> 33;
        z *= 0xFF51AFD7ED558CCDUL;
        z ^= z >> 33;
        z *= 0xC4CEB9FE1A85EC53UL;
        return z ^ (z >> 33);
    }

    public static ulong Hash(ReadOnlySpan<char> text, ulong seed = 0) => Hash(text, [], seed);

    /// <summary>The hash of the concatenation of two spans (equal to hashing the joined text).</summary>
    public static ulong Hash(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ulong seed)
    {
        var h = 0xCBF29CE484222325UL ^ seed;
        foreach (var c in first)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }
        foreach (var c in second)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }
        return Mix(h ^ (ulong)(first.Length + second.Length));
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b * 0x9E3779B97F4A7C15UL) ^ 0x632BE59BD9B4E019UL);

    /// <summary>
    /// One-permutation MinHash over the character bigrams of a folded text, b-bit (8) values; 0 marks an empty bin.
    /// </summary>
    public static void Sketch(ReadOnlySpan<char> folded, Span<byte> sketch)
    {
        Span<uint> mins = stackalloc uint[SketchBins];
        mins.Fill(uint.MaxValue);
        if (folded.Length == 1)
        {
            Add(mins, folded[0]);
        }
        for (var i = 1; i < folded.Length; i++)
        {
            Add(mins, ((uint)folded[i - 1] << 16) | folded[i]);
        }
        for (var b = 0; b < SketchBins; b++)
        {
            sketch[b] = mins[b] == uint.MaxValue ? (byte)0 : (byte)(1 + ((mins[b] * 0x9E3779B1u) >> 24) % 255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<uint> mins, uint bigram)
    {
        var h = bigram * 0x9E3779B1u;
        h ^= h >> 15;
        h *= 0x85EBCA77u;
        h ^= h >> 13;
        var bin = (int)(h >> 26);
        var value = h & 0x03FF_FFFF;
        if (value < mins[bin])
        {
            mins[bin] = value;
        }
    }

    /// <summary>Estimated Jaccard similarity of two sketches (bins non-empty in either side).</summary>
    public static double Similarity(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int equal = 0, used = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            if ((x | y) == 0)
            {
                continue;
            }
            used++;
            if (x == y)
            {
                equal++;
            }
        }
        return used == 0 ? 0 : (double)equal / used;
    }

    /// <summary>max(bigram Jaccard, 1 − edit distance / longer length) of two short folded strings.</summary>
    public static double TitleSimilarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var edit = 1 - ((double)Levenshtein(a, b, int.MaxValue) / Math.Max(a.Length, b.Length));
        return Math.Max(edit, BigramJaccard(a, b));
    }

    public static double BigramJaccard(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }
        Span<uint> x = a.Length <= 128 ? stackalloc uint[a.Length - 1] : new uint[a.Length - 1];
        Span<uint> y = b.Length <= 128 ? stackalloc uint[b.Length - 1] : new uint[b.Length - 1];
        var nx = Bigrams(a, x);
        var ny = Bigrams(b, y);
        int i = 0, j = 0, common = 0;
        while (i < nx && j < ny)
        {
            if (x[i] == y[j])
            {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)common / (nx + ny - common);
    }

    private static int Bigrams(string s, Span<uint> into)
    {
        for (var i = 1; i < s.Length; i++)
        {
            into[i - 1] = ((uint)s[i - 1] << 16) | s[i];
        }
        into.Sort();
        var n = 0;
        for (var i = 0; i < into.Length; i++)
        {
            if (n == 0 || into[n - 1] != into[i])
            {
                into[n++] = into[i];
            }
        }
        return n;
    }

    /// <summary>Edit distance, stopping early (returning a value above <paramref name="limit"/>) when it exceeds it.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        Span<int> previous = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }

    /// <summary>Removes bracketed segments: （…） (…) 【…】 […] 〔…〕 {…}.</summary>
    public static string RemoveBracketed(string text)
    {
        if (text.AsSpan().IndexOfAny(OpenBrackets) < 0)
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '（' or '(' or '【' or '[' or '〔' or '{')
            {
                depth++;
            }
            else if (c is '）' or ')' or '】' or ']' or '〕' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    public static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static IReadOnlyCollection<string> RegionNames(DedupOptions options) => options.RegionNames ?? DefaultRegionNames.Value;

    private static string[] LoadRegionNames()
    {
        var regions = RegionCatalogue.Load();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var province in regions.Provinces)
        {
            AddNames(province);
            foreach (var city in regions.Children(province.Code))
            {
                AddNames(city);
                foreach (var county in regions.Children(city.Code))
                {
                    if (county.Level == RegionLevel.County)
                    {
                        AddNames(county);
                    }
                }
            }
        }
        return [.. names];

        void AddNames(Region region)
        {
            foreach (var name in new[] { region.Name, region.ShortName })
            {
                var folded = ChineseText.Fold(name);
                if (folded.Length >= 2)
                {
                    names.Add(folded);
                }
            }
        }
    }
}

/// <summary>Reduces an enterprise name to its distinctive core: no region prefix, no legal form, no brackets.</summary>
internal sealed class EnterpriseNameKey
{
    private static readonly string[] LegalForms =
    [
        "股份有限公司", "有限责任公司", "有限公司", "专业合作社", "合作社", "分公司", "总公司", "公司", "集团", "企业", "商行", "工作室", "厂", "店",
    ];

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _regions;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _regionStarts;
    // Keyed by a 64-bit hash of the raw name, so that the cache keeps no posting's string alive.
    private readonly Dictionary<ulong, ulong> _cache = [];
    private readonly int _longestRegion;

    public EnterpriseNameKey(IReadOnlyCollection<string> regionNames)
    {
        var set = new HashSet<string>(regionNames.Select(ChineseText.Fold).Where(n => n.Length >= 2), StringComparer.Ordinal);
        _longestRegion = set.Count == 0 ? 0 : set.Max(n => n.Length);
        _regions = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _regionStarts = set.Select(n => n[..2]).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The core of the name as a 64-bit key; names that fold to nothing give 0.</summary>
    public ulong Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return 0;
        }
        var raw = DedupMath.Hash(name, 0x524157UL);
        if (_cache.TryGetValue(raw, out var cached))
        {
            return cached;
        }
        var key = Compute(name);
        if (_cache.Count < 1 << 20)
        {
            _cache[raw] = key;
        }
        return key;
    }

    private ulong Compute(string name)
    {
        var raw = DedupMath.RemoveBracketed(name);
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var folded = buffer[..ChineseText.Fold(raw, buffer)];
        var core = folded;
        bool changed;
        do
        {
            changed = false;
            var longest = core.Length >= 2 && _regionStarts.Contains(core[..2]) ? Math.Min(_longestRegion, core.Length - 1) : 0;
            for (var length = longest; length >= 2; length--)
            {
                if (_regions.Contains(core[..length]))
                {
                    core = core[length..];
                    changed = true;
                    break;
                }
            }
            foreach (var form in LegalForms)
            {
                if (core.Length > form.Length && core.EndsWith(form, StringComparison.Ordinal))
                {
                    core = core[..^form.Length];
                    changed = true;
                    break;
                }
            }
        }
        while (changed);
        if (core.IsEmpty)
        {
            core = folded;
        }
        return core.IsEmpty ? 0 : DedupMath.Hash(core, 0x454E54UL);
    }
}

/// <summary>
/// Block → clusters lists in pooled arrays: an open-addressing table from block key to the newest entry (key and
/// head side by side, so a look-up touches one cache line), and per entry the cluster and the next (older) entry,
/// also side by side. No allocation per block.
/// </summary>
internal sealed class DedupBlocks
{
    private struct Slot
    {
        public ulong Key;   // 0 = empty
        public int Head;
    }

    private struct Entry
    {
        public int Cluster;
        public int Next;
    }

    private Slot[] _slots = new Slot[1024];
    private int _used;
    private Entry[] _entries = new Entry[1024];
    private int _count;

    public void Add(ulong block, int cluster)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }
        if ((_used + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }
        var key = block == 0 ? 1 : block;
        var mask = _slots.Length - 1;
        var i = (int)(key >> 32 ^ key) & mask;
        while (_slots[i].Key != 0 && _slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }
        ref var slot = ref _slots[i];
        ref var entry = ref _entries[_count];
        entry.Cluster = cluster;
        if (slot.Key == 0)
        {
            slot.Key = key;
            _used++;
            entry.Next = -1;
        }
        else
        {
            entry.Next = slot.Head;
        }
        slot.Head = _count++;
    }

    /// <summary>Whether <paramref name="cluster"/> is among the newest <paramref name="limit"/> entries of the block.</summary>
    public bool Contains(ulong block, int cluster, int limit)
    {
        var entry = First(block);
        for (var seen = 0; entry >= 0 && seen < limit; seen++, entry = _entries[entry].Next)
        {
            if (_entries[entry].Cluster == cluster)
            {
                return true;
            }
        }
        return false;
    }

    public int First(ulong block)
    {
        var key = block == 0 ? 1 : block;
        var mask = _slots.Length - 1;
        var i = (int)(key >> 32 ^ key) & mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
            {
                return slot.Head;
            }
            if (slot.Key == 0)
            {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    public int Next(int entry) => _entries[entry].Next;

    public int ClusterAt(int entry) => _entries[entry].Cluster;

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                var i = (int)(slot.Key >> 32 ^ slot.Key) & mask;
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }
                _slots[i] = slot;
            }
        }
    }
}
