namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Incremental duplicate clustering of normalised postings (the same position on several platforms).
/// Feed postings one by one; each gets the id of its cluster. Postings are compared only within a block
/// (enterprise name core or USCC × occupation 小类 × county), against a compact per-cluster signature: the
/// folded core title, a 64-byte MinHash sketch of the folded title + description, the USCC, the date range and
/// the salary mid-point. Memory grows with the number of clusters (plus one 16-byte entry per source id).
/// Not thread-safe.
/// </summary>
public sealed class PostingDeduplicator
{
    private static readonly string[] TitlePrefixes =
        ["高薪诚聘", "高薪招聘", "长期招聘", "急招", "急聘", "诚聘", "直招", "热招", "高薪", "招聘", "聘"];

    private static readonly string[] TitleSuffixes =
    [
        "五险一金", "包吃包住", "包吃住", "包住", "包吃", "周末双休", "双休", "单休", "年终奖", "带薪年假", "节日福利", "班车接送",
        "餐补", "住房补贴", "定期体检", "技能培训", "绩效奖金", "提成", "高薪", "急招", "急聘", "长白班", "不加班", "可实习",
        "应届生可", "经验不限", "学历不限", "底薪", "加提成", "包食宿", "提供住宿",
    ];

    private const int NoDay = int.MinValue;

    private readonly DedupOptions _options;
    private readonly EnterpriseNameKey _names;
    private readonly DedupBlocks _blocks = new();
    private readonly Dictionary<ulong, int> _bySource = [];

    private byte[] _sketches = new byte[1024 * DedupMath.SketchBins];
    private string[] _titles = new string[1024];
    private ulong[] _uscc = new ulong[1024];
    private int[] _firstDay = new int[1024];
    private int[] _lastDay = new int[1024];
    private int[] _salary = new int[1024];
    private int[] _stamp = new int[1024];
    private char[] _buffer = new char[1024];
    private int _count;
    private int _added;

    public PostingDeduplicator(DedupOptions? options = null)
    {
        _options = options ?? new DedupOptions();
        _names = new EnterpriseNameKey(DedupMath.RegionNames(_options));
    }

    /// <summary>Number of clusters so far.</summary>
    public int ClusterCount => _count;

    public DedupDecision Add(NormalisedPosting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        _added++;
        var sourceKey = DedupMath.Combine(DedupMath.Hash(posting.Source), DedupMath.Hash(posting.SourceId, 0x5155UL));
        if (_bySource.TryGetValue(sourceKey, out var known))
        {
            return new DedupDecision(known + 1, false, 1, "exact source id");
        }

        var title = CoreTitle(posting.Title);
        Span<byte> sketch = stackalloc byte[DedupMath.SketchBins];
        DedupMath.Sketch(FoldText(title, posting.Description), sketch);

        var occupation = Prefix(posting.OccupationCode, 7);
        var county = Prefix(posting.RegionCode, 6);
        var place = DedupMath.Combine(DedupMath.Hash(occupation, 0x4F43UL), DedupMath.Hash(county, 0x5247UL));
        var nameKey = _names.Key(posting.EnterpriseName);
        var usccKey = string.IsNullOrWhiteSpace(posting.Uscc) ? 0UL : DedupMath.Hash(posting.Uscc.AsSpan().Trim(), 0x5553UL);
        var nameBlock = nameKey == 0 ? 0 : DedupMath.Combine(nameKey, place);
        var usccBlock = usccKey == 0 ? 0 : DedupMath.Combine(usccKey, place);
        var day = posting.PostedOn?.DayNumber ?? NoDay;
        var salary = Mid(posting);

        var best = new Candidate(-1, 0, 0, 0, false);
        if (usccBlock != 0)
        {
            best = Scan(usccBlock, true, title, sketch, usccKey, day, salary, best);
        }
        if (nameBlock != 0)
        {
            best = Scan(nameBlock, false, title, sketch, usccKey, day, salary, best);
        }

        int cluster;
        DedupDecision decision;
        if (best.Cluster >= 0)
        {
            cluster = best.Cluster;
            if (day != NoDay)
            {
                _firstDay[cluster] = _firstDay[cluster] == NoDay ? day : Math.Min(_firstDay[cluster], day);
                _lastDay[cluster] = _lastDay[cluster] == NoDay ? day : Math.Max(_lastDay[cluster], day);
            }
            if (_uscc[cluster] == 0)
            {
                _uscc[cluster] = usccKey;
            }
            if (_salary[cluster] == 0)
            {
                _salary[cluster] = salary;
            }
            decision = new DedupDecision(cluster + 1, false, best.Score,
                $"same {(best.ViaUscc ? "USCC" : "enterprise")}, occupation, region; title {DedupMath.Format(best.Title)}, text {DedupMath.Format(best.Text)}");
        }
        else
        {
            cluster = NewCluster(title, sketch, usccKey, day, salary);
            decision = new DedupDecision(cluster + 1, true, 0, "new cluster");
        }

        var limit = _options.MaxCandidatesPerBlock;
        if (usccBlock != 0 && (decision.IsNew || !_blocks.Contains(usccBlock, cluster, limit)))
        {
            _blocks.Add(usccBlock, cluster);
        }
        if (nameBlock != 0 && (decision.IsNew || !_blocks.Contains(nameBlock, cluster, limit)))
        {
            _blocks.Add(nameBlock, cluster);
        }
        _bySource[sourceKey] = cluster;
        return decision;
    }

    private readonly record struct Candidate(int Cluster, double Score, double Title, double Text, bool ViaUscc);

    private Candidate Scan(ulong block, bool viaUscc, string title, ReadOnlySpan<byte> sketch, ulong uscc, int day, int salary, Candidate best)
    {
        var o = _options;
        var entry = _blocks.First(block);
        for (var seen = 0; entry >= 0 && seen < o.MaxCandidatesPerBlock; seen++, entry = _blocks.Next(entry))
        {
            var c = _blocks.ClusterAt(entry);
            if (_stamp[c] == _added)
            {
                continue;
            }
            _stamp[c] = _added;
            if (uscc != 0 && _uscc[c] != 0 && _uscc[c] != uscc)
            {
                continue;
            }
            if (day != NoDay && _firstDay[c] != NoDay
                && (day < _firstDay[c] - o.MaxDateGapDays || day > _lastDay[c] + o.MaxDateGapDays))
            {
                continue;
            }
            if (salary > 0 && _salary[c] > 0 && (double)Math.Max(salary, _salary[c]) / Math.Min(salary, _salary[c]) > o.MaxSalaryRatio)
            {
                continue;
            }
            var t = DedupMath.TitleSimilarity(title, _titles[c]);
            if (t < o.MinTitle)
            {
                continue;
            }
            var x = DedupMath.Similarity(sketch, _sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
            var accept = (t >= o.SameTitle && x >= o.TextWithSameTitle) || x >= o.TextWithSimilarTitle;
            var score = (0.4 * t) + (0.6 * x);
            if (accept && score > best.Score)
            {
                best = new Candidate(c, score, t, x, viaUscc);
            }
        }
        return best;
    }

    private int NewCluster(string title, ReadOnlySpan<byte> sketch, ulong uscc, int day, int salary)
    {
        if (_count == _titles.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _sketches, size * DedupMath.SketchBins);
            Array.Resize(ref _titles, size);
            Array.Resize(ref _uscc, size);
            Array.Resize(ref _firstDay, size);
            Array.Resize(ref _lastDay, size);
            Array.Resize(ref _salary, size);
            Array.Resize(ref _stamp, size);
        }
        var c = _count++;
        sketch.CopyTo(_sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
        _titles[c] = title;
        _uscc[c] = uscc;
        _firstDay[c] = day;
        _lastDay[c] = day;
        _salary[c] = salary;
        _stamp[c] = _added;
        return c;
    }

    private ReadOnlySpan<char> FoldText(string title, string? description)
    {
        var needed = title.Length + (description?.Length ?? 0);
        if (_buffer.Length < needed)
        {
            _buffer = new char[Math.Max(needed, _buffer.Length * 2)];
        }
        title.CopyTo(_buffer);
        var n = title.Length + ChineseText.Fold(description, _buffer.AsSpan(title.Length));
        return _buffer.AsSpan(0, n);
    }

    /// <summary>The folded title without brackets, recruiting prefixes (急招) and trailing benefits (五险一金).</summary>
    internal static string CoreTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return string.Empty;
        }
        var folded = ChineseText.Fold(DedupMath.RemoveBracketed(title));
        var core = folded.AsSpan();
        bool changed;
        do
        {
            changed = false;
            foreach (var prefix in TitlePrefixes)
            {
                if (core.Length > prefix.Length && core.StartsWith(prefix, StringComparison.Ordinal))
                {
                    core = core[prefix.Length..];
                    changed = true;
                }
            }
            foreach (var suffix in TitleSuffixes)
            {
                if (core.Length > suffix.Length && core.EndsWith(suffix, StringComparison.Ordinal))
                {
                    core = core[..^suffix.Length];
                    changed = true;
                }
            }
        }
        while (changed);
        return core.Length == folded.Length ? folded : new string(core);
    }

    private static ReadOnlySpan<char> Prefix(string? code, int length) =>
        code is null ? [] : code.AsSpan().Trim()[..Math.Min(length, code.AsSpan().Trim().Length)];

    private static int Mid(NormalisedPosting posting) => (posting.SalaryMin, posting.SalaryMax) switch
    {
        ({ } min, { } max) when min > 0 && max > 0 => (min + max) / 2,
        ({ } min, null) when min > 0 => min,
        (null, { } max) when max > 0 => max,
        _ => 0,
    };
}
