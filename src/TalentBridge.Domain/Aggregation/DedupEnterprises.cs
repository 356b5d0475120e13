namespace TalentBridge.Domain.Aggregation;

/// <summary>An employer after normalisation: a valid USCC or none, national region and industry codes.</summary>
public sealed record NormalisedEnterprise(
    string Source,
    string SourceId,
    string Name,
    string? Uscc,
    string? RegionCode,
    string? IndustryCode,
    int? Headcount,
    string? Description);

/// <summary>
/// Incremental clustering of employers registered on several platforms. A valid unified social credit code (USCC)
/// is decisive. Without one, an employer joins the cluster with the same name core (folded: full-width, traditional
/// characters and case evened out, region prefix and legal form such as 有限公司 stripped) in the same county, unless
/// both carry different USCCs. Not thread-safe.
/// </summary>
public sealed class EnterpriseDeduplicator
{
    private readonly EnterpriseNameKey _names;
    private readonly Dictionary<ulong, int> _bySource = [];
    private readonly Dictionary<string, int> _byUscc = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _byNameAndCounty = [];
    private readonly List<string?> _uscc = [];

    public EnterpriseDeduplicator(DedupOptions? options = null)
    {
        _names = new EnterpriseNameKey(DedupMath.RegionNames(options ?? new DedupOptions()));
    }

    /// <summary>Number of clusters so far.</summary>
    public int ClusterCount => _uscc.Count;

    public DedupDecision Add(NormalisedEnterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var sourceKey = DedupMath.Combine(DedupMath.Hash(enterprise.Source), DedupMath.Hash(enterprise.SourceId, 0x5155UL));
        if (_bySource.TryGetValue(sourceKey, out var known))
        {
            return new DedupDecision(known + 1, false, 1, "exact source id");
        }
        var uscc = string.IsNullOrWhiteSpace(enterprise.Uscc) ? null : enterprise.Uscc.Trim().ToUpperInvariant();
        var name = _names.Key(enterprise.Name);
        var county = enterprise.RegionCode is { Length: >= 6 } code ? code[..6] : enterprise.RegionCode?.Trim() ?? "";
        var nameKey = name == 0 ? 0 : DedupMath.Combine(name, DedupMath.Hash(county, 0x434FUL));

        int cluster;
        DedupDecision decision;
        if (uscc is not null && _byUscc.TryGetValue(uscc, out var byUscc))
        {
            cluster = byUscc;
            decision = new DedupDecision(cluster + 1, false, 1, "same USCC");
        }
        else if (nameKey != 0 && _byNameAndCounty.TryGetValue(nameKey, out var byName) && !(uscc is not null && _uscc[byName] is not null))
        {
            cluster = byName;
            decision = new DedupDecision(cluster + 1, false, 1, county.Length == 0 ? "same name, no county" : "same name, same county");
        }
        else
        {
            cluster = _uscc.Count;
            _uscc.Add(null);
            decision = new DedupDecision(cluster + 1, true, 0, "new cluster");
        }

        if (uscc is not null)
        {
            _byUscc.TryAdd(uscc, cluster);
            _uscc[cluster] ??= uscc;
        }
        if (nameKey != 0)
        {
            _byNameAndCounty.TryAdd(nameKey, cluster);
        }
        _bySource[sourceKey] = cluster;
        return decision;
    }
}
