namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Incremental duplicate clustering of normalised postings (the same position on several platforms).
/// Feed postings one by one; each gets the id of its cluster. Postings are compared only within a block
/// (enterprise name core or USCC × occupation 小类 × county), against a compact per-cluster signature: the
/// interned folded core title, a 64-byte MinHash sketch of the folded title + description, the USCC, the date
/// range, the salary mid-point and the stated requirements (minimum education, minimum experience, headcount).
/// Memory grows with the number of clusters (about 110 bytes each plus the block index), not with the number of
/// postings, unless <see cref="DedupOptions.ExactSourceIds"/> is on. Not thread-safe.
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
    /// <summary>The reason of a posting that opened a new cluster (it joined none, so it is no pair).</summary>
    public const string NewClusterReason = "new cluster";

    private readonly DedupOptions _options;
    private readonly EnterpriseNameKey _names;
    private readonly DedupBlocks _blocks = new();
    private readonly Dictionary<ulong, int>? _bySource;

    // Core titles are interned: a cluster keeps the id of its title, equal titles compare by id.
    private readonly Dictionary<string, int> _titleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _titleLookup;
    private readonly List<string> _titleTexts = [];

    // "same USCC/enterprise, occupation, region; title t, text x" by (via USCC, t·100, x·100): formatted once.
    private readonly Dictionary<int, string> _reasons = [];

    // Per cluster: the facts compared (48 bytes) and the sketch (64 bytes).
    private Facts[] _facts = new Facts[1024];
    private byte[] _sketches = new byte[1024 * DedupMath.SketchBins];
    private char[] _buffer = new char[1024];
    private int _count;
    private int _added;

    public PostingDeduplicator(DedupOptions? options = null)
    {
        _options = options ?? new DedupOptions();
        _names = new EnterpriseNameKey(DedupMath.RegionNames(_options));
        _titleLookup = _titleIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _bySource = _options.ExactSourceIds ? [] : null;
    }

    /// <summary>Number of clusters so far.</summary>
    public int ClusterCount => _count;


    public DedupDecision Add(NormalisedPosting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        _added++;
        var sourceKey = 0UL;
        if (_bySource is not null)
        {
            sourceKey = DedupMath.Combine(DedupMath.Hash(posting.Source), DedupMath.Hash(posting.SourceId, 0x5155UL));
            if (_bySource.TryGetValue(sourceKey, out var known))
            {
                return new DedupDecision(known + 1, false, 1, "exact source id");
            }
        }

        var text = Fold(posting.Title, posting.Description, out var titleLength);
        var title = TitleId(text[..titleLength]);
        Span<byte> sketch = stackalloc byte[DedupMath.SketchBins];
        DedupMath.Sketch(text, sketch);

        var occupation = Prefix(posting.OccupationCode, 7);
        var county = Prefix(posting.RegionCode, 6);
        var place = DedupMath.Combine(DedupMath.Hash(occupation, 0x4F43UL), DedupMath.Hash(county, 0x5247UL));
        var nameKey = _names.Key(posting.EnterpriseName);
        var usccKey = string.IsNullOrWhiteSpace(posting.Uscc) ? 0UL : DedupMath.Hash(posting.Uscc.AsSpan().Trim(), 0x5553UL);
        var nameBlock = nameKey == 0 ? 0 : DedupMath.Combine(nameKey, place);
        var usccBlock = usccKey == 0 ? 0 : DedupMath.Combine(usccKey, place);
        var day = posting.PostedOn?.DayNumber ?? NoDay;
        var posted = new Facts
        {
            Uscc = usccKey, Title = title, FirstDay = day, LastDay = day, Salary = Mid(posting), SalaryMin = posting.SalaryMin ?? 0,
            SalaryMax = posting.SalaryMax ?? 0, Occupation = OccupationKey(posting.OccupationCode), Requirements = Requirements(posting), Stamp = _added,
        };

        var best = new Candidate(-1, 0, 0, 0, false, false);
        if (usccBlock != 0)
        {
            best = Scan(usccBlock, true, posted, sketch, best);
        }
        if (nameBlock != 0)
        {
            best = Scan(nameBlock, false, posted, sketch, best);
        }

        int cluster;
        DedupDecision decision;
        if (best.Cluster >= 0)
        {
            cluster = best.Cluster;
            Join(cluster, posted);
            decision = new DedupDecision(cluster + 1, false, best.Score, Reason(best));
        }
        else
        {
            cluster = NewCluster(posted, sketch);
            decision = new DedupDecision(cluster + 1, true, 0, NewClusterReason);
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
        if (_bySource is not null)
        {
            _bySource[sourceKey] = cluster;
        }
        return decision;
    }

    /// <summary>
    /// The compared facts of a cluster, or of the posting being added (then both days are its posting day): the
    /// interned core title, the USCC key, the date range, the salary mid-point and range, the full occupation code's
    /// key, the packed requirements, and the number of the last <see cref="Add"/> that looked at the cluster.
    /// </summary>
    private struct Facts
    {
        public ulong Uscc;
        public int Title;
        public int FirstDay;
        public int LastDay;
        public int Salary;
        public int SalaryMin;
        public int SalaryMax;
        public uint Occupation;
        public uint Requirements;
        public int Stamp;
    }

    private readonly record struct Candidate(int Cluster, double Score, double Title, double Text, bool ViaUscc, bool SameFacts);

    private Candidate Scan(ulong block, bool viaUscc, in Facts p, ReadOnlySpan<byte> sketch, Candidate best)
    {
        var o = _options;
        var entry = _blocks.First(block);
        for (var seen = 0; entry >= 0 && seen < o.MaxCandidatesPerBlock; seen++, entry = _blocks.Next(entry))
        {
            var c = _blocks.ClusterAt(entry);
            ref var f = ref _facts[c];
            if (f.Stamp == _added)
            {
                continue;
            }
            f.Stamp = _added;
            if (p.Uscc != 0 && f.Uscc != 0 && f.Uscc != p.Uscc)
            {
                continue;
            }
            if (p.FirstDay != NoDay && f.FirstDay != NoDay
                && (p.FirstDay < f.FirstDay - o.MaxDateGapDays || p.FirstDay > f.LastDay + o.MaxDateGapDays))
            {
                continue;
            }
            if (p.Salary > 0 && f.Salary > 0 && (double)Math.Max(p.Salary, f.Salary) / Math.Min(p.Salary, f.Salary) > o.MaxSalaryRatio)
            {
                continue;
            }
            var conflict = Conflict(p.Requirements, f.Requirements);
            // Same enterprise and county (the block), the same full occupation code, the same salary range and no
            // contradicting requirement: the same position however each platform words its title and text.
            var sameFacts = !conflict && p.Occupation != 0 && p.Occupation == f.Occupation && SameSalary(p, f, o.SameSalaryRatio);
            var t = p.Title == f.Title ? 1.0 : DedupMath.TitleSimilarity(_titleTexts[p.Title], _titleTexts[f.Title]);
            if (t < o.MinTitle && !sameFacts)
            {
                continue;
            }
            var x = DedupMath.Similarity(sketch, _sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
            var accept = sameFacts
                || (conflict
                    ? x >= o.TextWithConflictingRequirements && (t >= o.SameTitle || x >= o.TextWithSimilarTitle)
                    : (t >= o.SameTitle && x >= o.TextWithSameTitle) || x >= o.TextWithSimilarTitle);
            var score = (0.4 * t) + (0.6 * x);
            if (accept && score > best.Score)
            {
                best = new Candidate(c, score, t, x, viaUscc, sameFacts);
            }
        }
        return best;
    }

    private void Join(int cluster, in Facts p)
    {
        ref var f = ref _facts[cluster];
        if (p.FirstDay != NoDay)
        {
            f.FirstDay = f.FirstDay == NoDay ? p.FirstDay : Math.Min(f.FirstDay, p.FirstDay);
            f.LastDay = f.LastDay == NoDay ? p.FirstDay : Math.Max(f.LastDay, p.FirstDay);
        }
        if (f.Uscc == 0)
        {
            f.Uscc = p.Uscc;
        }
        if (f.Salary == 0)
        {
            f.Salary = p.Salary;
        }
        if (f.SalaryMin == 0 && f.SalaryMax == 0)
        {
            (f.SalaryMin, f.SalaryMax) = (p.SalaryMin, p.SalaryMax);
        }
        if (f.Occupation == 0)
        {
            f.Occupation = p.Occupation;
        }
        f.Requirements = Fill(f.Requirements, p.Requirements);
    }

    private int NewCluster(in Facts p, ReadOnlySpan<byte> sketch)
    {
        if (_count == _facts.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _facts, size);
            Array.Resize(ref _sketches, size * DedupMath.SketchBins);
        }
        var c = _count++;
        sketch.CopyTo(_sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
        _facts[c] = p;
        return c;
    }

    private string Reason(in Candidate best)
    {
        var t = (int)Math.Round(best.Title * 100);
        var x = (int)Math.Round(best.Text * 100);
        var key = (((((best.SameFacts ? 2 : 0) + (best.ViaUscc ? 1 : 0)) * 101) + t) * 101) + x;
        if (!_reasons.TryGetValue(key, out var reason))
        {
            var facts = best.SameFacts ? "; same occupation code and salary" : "";
            reason = $"same {(best.ViaUscc ? "USCC" : "enterprise")}, occupation, region{facts}; title {DedupMath.Format(best.Title)}, text {DedupMath.Format(best.Text)}";
            _reasons[key] = reason;
        }
        return reason;
    }

    private int TitleId(ReadOnlySpan<char> core)
    {
        if (_titleLookup.TryGetValue(core, out var id))
        {
            return id;
        }
        var text = new string(core);
        id = _titleTexts.Count;
        _titleTexts.Add(text);
        _titleIds[text] = id;
        return id;
    }

    /// <summary>
    /// Folds the core title (see <see cref="CoreTitle(string?)"/>) followed by the folded description into the buffer;
    /// <paramref name="titleLength"/> is the length of the core title at its start.
    /// </summary>
    private ReadOnlySpan<char> Fold(string? title, string? description, out int titleLength)
    {
        var needed = (title?.Length ?? 0) + (description?.Length ?? 0);
        if (_buffer.Length < needed)
        {
            _buffer = new char[Math.Max(needed, _buffer.Length * 2)];
        }
        titleLength = string.IsNullOrWhiteSpace(title) ? 0 : CoreTitle(title, _buffer);
        var n = titleLength + ChineseText.Fold(description, _buffer.AsSpan(titleLength));
        return _buffer.AsSpan(0, n);
    }

    /// <summary>The folded title without brackets, recruiting prefixes (急招) and trailing benefits (五险一金).</summary>
    internal static string CoreTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return string.Empty;
        }
        Span<char> buffer = title.Length <= 256 ? stackalloc char[title.Length] : new char[title.Length];
        return new string(buffer[..CoreTitle(title, buffer)]);
    }

    /// <summary>Writes the core title to the start of <paramref name="destination"/> (at least as long as the title); returns its length.</summary>
    private static int CoreTitle(ReadOnlySpan<char> title, Span<char> destination)
    {
        // Bracketed segments are dropped, the rest folded (as RemoveBracketed, then ChineseText.Fold).
        var n = 0;
        var depth = 0;
        foreach (var c in title)
        {
            if (c is '（' or '(' or '【' or '[' or '〔' or '{')
            {
                depth++;
            }
            else if (c is '）' or ')' or '】' or ']' or '〕' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && ChineseText.FoldChar(c) is var f && f != '\0')
            {
                destination[n++] = f;
            }
        }
        ReadOnlySpan<char> core = destination[..n];
        var start = 0;
        bool changed;
        do
        {
            changed = false;
            foreach (var prefix in TitlePrefixes)
            {
                if (core.Length > prefix.Length && core.StartsWith(prefix, StringComparison.Ordinal))
                {
                    core = core[prefix.Length..];
                    start += prefix.Length;
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
        if (start > 0)
        {
            destination.Slice(start, core.Length).CopyTo(destination);
        }
        return core.Length;
    }

    private static ReadOnlySpan<char> Prefix(string? code, int length)
    {
        var trimmed = code.AsSpan().Trim();
        return trimmed[..Math.Min(length, trimmed.Length)];
    }

    private static uint OccupationKey(string? code) =>
        string.IsNullOrWhiteSpace(code) ? 0 : (uint)DedupMath.Hash(code.AsSpan().Trim(), 0x4F4343UL) | 1;

    /// <summary>Both salary ranges stated and each end within the ratio of the other's.</summary>
    private static bool SameSalary(in Facts a, in Facts b, double ratio) =>
        a.SalaryMin > 0 && a.SalaryMax > 0 && b.SalaryMin > 0 && b.SalaryMax > 0
        && (double)Math.Max(a.SalaryMin, b.SalaryMin) / Math.Min(a.SalaryMin, b.SalaryMin) <= ratio
        && (double)Math.Max(a.SalaryMax, b.SalaryMax) / Math.Min(a.SalaryMax, b.SalaryMax) <= ratio;

    private static int Mid(NormalisedPosting posting) => (posting.SalaryMin, posting.SalaryMax) switch
    {
        ({ } min, { } max) when min > 0 && max > 0 => (min + max) / 2,
        ({ } min, null) when min > 0 => min,
        (null, { } max) when max > 0 => max,
        _ => 0,
    };

    // Requirements packed in 32 bits, each field 0 when not stated: minimum education + 1 (8 bits),
    // minimum experience years + 1 (8 bits), headcount + 1 (16 bits).
    private const uint EducationMask = 0xFF, ExperienceMask = 0xFF00, HeadcountMask = 0xFFFF_0000;

    private static uint Requirements(NormalisedPosting posting)
    {
        var education = posting.MinEducation is { } e && e >= 0 ? (uint)Math.Min((int)e + 1, 255) : 0;
        var experience = posting.MinExperienceYears is { } x && x >= 0 ? (uint)Math.Min(x + 1, 255) : 0;
        var headcount = posting.Headcount is { } h && h > 0 ? (uint)Math.Min(h + 1, 65535) : 0;
        return education | (experience << 8) | (headcount << 16);
    }

    /// <summary>Whether a requirement stated by both sides differs.</summary>
    private static bool Conflict(uint a, uint b) =>
        Differs(a, b, EducationMask) || Differs(a, b, ExperienceMask) || Differs(a, b, HeadcountMask);

    private static bool Differs(uint a, uint b, uint mask) => (a & mask) != 0 && (b & mask) != 0 && (a & mask) != (b & mask);

    /// <summary>The cluster's requirements with the fields it did not know taken from a joining posting.</summary>
    private static uint Fill(uint cluster, uint joining)
    {
        foreach (var mask in (ReadOnlySpan<uint>)[EducationMask, ExperienceMask, HeadcountMask])
        {
            if ((cluster & mask) == 0)
            {
                cluster |= joining & mask;
            }
        }
        return cluster;
    }
}
