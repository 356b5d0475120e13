namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Incremental duplicate clustering of people registered on several platforms. An equal ID-number hash or
/// phone hash is decisive (unless the ID hashes contradict). Otherwise a person matches a cluster with the same
/// folded name (or one edit apart), the same birth year and the same county, whose contacts do not contradict,
/// when their résumé texts are similar enough. Names are indexed with their one-deletion variants, so one-character
/// typos land in the same block. Memory grows with the number of clusters. Not thread-safe.
/// </summary>
public sealed class TalentDeduplicator
{
    private readonly DedupOptions _options;
    private readonly DedupBlocks _blocks = new();
    private readonly Dictionary<ulong, int> _bySource = [];
    private readonly Dictionary<ulong, int> _byId = [];
    private readonly Dictionary<ulong, int> _byPhone = [];

    private byte[] _sketches = new byte[1024 * DedupMath.SketchBins];
    private string[] _names = new string[1024];
    private bool[] _hasId = new bool[1024];
    private bool[] _hasPhone = new bool[1024];
    private int[] _stamp = new int[1024];
    private int _count;
    private int _added;

    public TalentDeduplicator(DedupOptions? options = null)
    {
        _options = options ?? new DedupOptions();
    }

    /// <summary>Number of clusters so far.</summary>
    public int ClusterCount => _count;

    public DedupDecision Add(SourceTalent talent)
    {
        ArgumentNullException.ThrowIfNull(talent);
        _added++;
        var sourceKey = DedupMath.Combine(DedupMath.Hash(talent.Source), DedupMath.Hash(talent.SourceId, 0x5155UL));
        if (_bySource.TryGetValue(sourceKey, out var known))
        {
            return new DedupDecision(known + 1, false, 1, "exact source id");
        }
        var idKey = KeyOf(talent.IdNumberHash, 0x4944UL);
        var phoneKey = KeyOf(talent.PhoneHash, 0x5048UL);
        var name = ChineseText.Fold(talent.Name);
        var place = DedupMath.Combine((ulong)(talent.BirthYear ?? 0) + 1, DedupMath.Hash(Prefix(talent.RegionCode, 6), 0x5247UL));

        int cluster;
        DedupDecision decision;
        if (idKey != 0 && _byId.TryGetValue(idKey, out var byId))
        {
            cluster = byId;
            decision = new DedupDecision(cluster + 1, false, 1, "same ID number hash");
        }
        else if (phoneKey != 0 && _byPhone.TryGetValue(phoneKey, out var byPhone) && !(idKey != 0 && _hasId[byPhone]))
        {
            cluster = byPhone;
            decision = new DedupDecision(cluster + 1, false, 1, "same phone hash");
        }
        else
        {
            Span<byte> sketch = stackalloc byte[DedupMath.SketchBins];
            DedupMath.Sketch(ChineseText.Fold(talent.Text), sketch);
            var (best, score, distance) = Scan(name, place, sketch, idKey != 0, phoneKey != 0);
            if (best >= 0)
            {
                cluster = best;
                decision = new DedupDecision(cluster + 1, false, score,
                    (distance == 0 ? "same name, birth year, county; text " : "similar name (one edit), birth year, county; text ") + DedupMath.Format(score));
            }
            else
            {
                cluster = NewCluster(name, sketch);
                decision = new DedupDecision(cluster + 1, true, 0, "new cluster");
            }
        }

        if (idKey != 0)
        {
            _byId.TryAdd(idKey, cluster);
            _hasId[cluster] = true;
        }
        if (phoneKey != 0)
        {
            _byPhone.TryAdd(phoneKey, cluster);
            _hasPhone[cluster] = true;
        }
        if (name.Length > 0 && (decision.IsNew || !string.Equals(name, _names[cluster], StringComparison.Ordinal)))
        {
            IndexName(name, place, cluster);
        }
        _bySource[sourceKey] = cluster;
        return decision;
    }

    private (int Cluster, double Score, int Distance) Scan(string name, ulong place, ReadOnlySpan<byte> sketch, bool hasId, bool hasPhone)
    {
        if (name.Length == 0)
        {
            return (-1, 0, 0);
        }
        var o = _options;
        var best = (Cluster: -1, Score: 0.0, Distance: 0);
        var bestRank = double.MinValue;
        for (var skip = -1; skip < name.Length; skip++)
        {
            var entry = _blocks.First(NameKey(name, skip, place));
            for (var seen = 0; entry >= 0 && seen < o.MaxCandidatesPerBlock; seen++, entry = _blocks.Next(entry))
            {
                var c = _blocks.ClusterAt(entry);
                if (_stamp[c] == _added)
                {
                    continue;
                }
                _stamp[c] = _added;
                if (hasId && _hasId[c])
                {
                    continue;   // both have an ID number and they differ
                }
                var distance = DedupMath.Levenshtein(name, _names[c], 1);
                if (distance > 1)
                {
                    continue;
                }
                var phoneConflict = hasPhone && _hasPhone[c];
                var need = phoneConflict
                    ? (distance == 0 ? o.TalentTextPhoneConflict : double.PositiveInfinity)
                    : distance == 0 ? o.TalentTextExactName : o.TalentTextFuzzyName;
                var x = DedupMath.Similarity(sketch, _sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
                var rank = x - (0.2 * distance);
                if (x >= need && rank > bestRank)
                {
                    bestRank = rank;
                    best = (c, x, distance);
                }
            }
        }
        return best;
    }

    private void IndexName(string name, ulong place, int cluster)
    {
        var limit = _options.MaxCandidatesPerBlock;
        for (var skip = -1; skip < name.Length; skip++)
        {
            var key = NameKey(name, skip, place);
            if (!_blocks.Contains(key, cluster, limit))
            {
                _blocks.Add(key, cluster);
            }
        }
    }

    /// <summary>The block of a name (skip = −1) or of the name without the character at <paramref name="skip"/>.</summary>
    private static ulong NameKey(string name, int skip, ulong place)
    {
        var h = skip < 0
            ? DedupMath.Hash(name, 0x4E4DUL)
            : DedupMath.Hash(name.AsSpan(0, skip), name.AsSpan(skip + 1), 0x4E4DUL);
        return DedupMath.Combine(h, place);
    }

    private int NewCluster(string name, ReadOnlySpan<byte> sketch)
    {
        if (_count == _names.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _sketches, size * DedupMath.SketchBins);
            Array.Resize(ref _names, size);
            Array.Resize(ref _hasId, size);
            Array.Resize(ref _hasPhone, size);
            Array.Resize(ref _stamp, size);
        }
        var c = _count++;
        sketch.CopyTo(_sketches.AsSpan(c * DedupMath.SketchBins, DedupMath.SketchBins));
        _names[c] = name;
        _stamp[c] = _added;
        return c;
    }

    private static ulong KeyOf(string? hash, ulong seed) =>
        string.IsNullOrWhiteSpace(hash) ? 0 : DedupMath.Hash(hash.AsSpan().Trim(), seed);

    private static ReadOnlySpan<char> Prefix(string? code, int length) =>
        code is null ? [] : code.AsSpan().Trim()[..Math.Min(length, code.AsSpan().Trim().Length)];
}
