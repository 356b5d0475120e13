namespace TalentBridge.Domain.Analytics;

/// <summary>Whether a wage-price cell is published, and if not, why.</summary>
public enum CellDisclosure
{
    Published = 0,
    /// <summary>Primary: fewer observations than <see cref="SuppressionRules.MinObservations"/>.</summary>
    FewObservations = 1,
    /// <summary>Primary: fewer employers than <see cref="SuppressionRules.MinEmployers"/>.</summary>
    FewEmployers = 2,
    /// <summary>Primary: one employer holds more than <see cref="SuppressionRules.MaxLargestEmployerShare"/> of the observations.</summary>
    DominantEmployer = 3,
    /// <summary>Secondary: published alone it would let a primary-suppressed cell be recovered by subtraction.</summary>
    Secondary = 4,
}

/// <summary>
/// Thresholds of primary suppression. Defaults: at least 30 observations, at least 3 employers, and no employer with
/// more than 85 % of the observations.
/// </summary>
public sealed record SuppressionRules(int MinObservations = 30, int MinEmployers = 3, double MaxLargestEmployerShare = 0.85)
{
    public static SuppressionRules Default { get; } = new();

    public ValidationErrors Validate() => new ValidationErrors()
        .Range(MinObservations, 1, 10_000, "minObservations")
        .Range(MinEmployers, 1, 100, "minEmployers")
        .Range((decimal)MaxLargestEmployerShare, 0.5m, 1m, "maxLargestEmployerShare");

    /// <summary>The first primary rule the cell breaks (in the order of <see cref="CellDisclosure"/>), or Published.</summary>
    public CellDisclosure Primary(WageSummary cell) =>
        cell.Observations < MinObservations ? CellDisclosure.FewObservations
        : cell.Employers < MinEmployers ? CellDisclosure.FewEmployers
        : cell.LargestEmployerShare > MaxLargestEmployerShare ? CellDisclosure.DominantEmployer
        : CellDisclosure.Published;
}

/// <summary>A cell of a wage-price table: occupation (细类 or 小类 code) × region code.</summary>
public readonly record struct WageCellKey(string OccupationCode, string RegionCode);

/// <summary>
/// An additive group of cells: <see cref="Total"/>'s observations (and weighted wage sum) are the sum of its parts'.
/// For example 小类 2-02-10 in 丽水市 = Σ its 细类 in 丽水市, or 2-02-10-03 in 丽水市 = Σ 2-02-10-03 in each county.
/// </summary>
public sealed record AdditiveGroup<TKey>(TKey Total, IReadOnlyList<TKey> Parts);

/// <summary>
/// Primary and secondary suppression of a wage-price table (statistical disclosure control, as statistics offices
/// do for OEWS-like tables, but with the screening rules written down).
/// <para>
/// Primary: every cell that breaks a <see cref="SuppressionRules"/> rule is hidden, with its reason. Secondary: each
/// additive group is an equation total = Σ parts; an equation with exactly one hidden member gives that member away
/// by subtraction (a hidden part = published total − the other parts; a hidden total = the sum of its published
/// parts). So while some group has exactly one hidden member, one more member of that group is hidden: the published
/// part with the fewest observations (ties: the cell listed first), or the total when no part is published. Hiding
/// only ever grows, so this reaches a fixed point where every group hides none or at least two of its members.
/// </para>
/// </summary>
public static class WageSuppression
{
    /// <summary>
    /// Each cell's disclosure. <paramref name="cells"/> is the whole table (the order breaks ties); groups may name
    /// keys that are not cells (they are ignored: an absent cell is neither published nor hidden).
    /// </summary>
    public static IReadOnlyDictionary<TKey, CellDisclosure> Apply<TKey>(
        IReadOnlyList<KeyValuePair<TKey, WageSummary>> cells, IEnumerable<AdditiveGroup<TKey>> groups, SuppressionRules rules)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(rules);
        var index = new Dictionary<TKey, int>(cells.Count);
        var state = new CellDisclosure[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            index.Add(cells[i].Key, i);
            state[i] = rules.Primary(cells[i].Value);
        }
        // Each group as cell indices: the total first, then the parts present in the table.
        var members = groups
            .Where(g => index.ContainsKey(g.Total))
            .Select(g => (int[])[index[g.Total], .. g.Parts.Where(index.ContainsKey).Select(p => index[p]).Distinct()])
            .Where(m => m.Length > 1)
            .ToArray();

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var group in members)
            {
                if (group.Count(i => state[i] != CellDisclosure.Published) != 1)
                {
                    continue;
                }
                var parts = group.Skip(1).Where(i => state[i] == CellDisclosure.Published).ToArray();
                var next = parts.Length == 0
                    ? group[0]
                    : parts.MinBy(i => (cells[i].Value.Observations, i));
                state[next] = CellDisclosure.Secondary;
                changed = true;
            }
        }
        return Enumerable.Range(0, cells.Count).ToDictionary(i => cells[i].Key, i => state[i]);
    }

    /// <summary>
    /// The additive groups of a table along its two hierarchies: for every cell whose parent occupation (细类 → 小类)
    /// in the same region is also a cell, and for every cell whose parent region (county → city) for the same
    /// occupation is also a cell. <paramref name="parentRegion"/> maps a region code to its parent's code in the same
    /// spelling as the keys (null at the top).
    /// </summary>
    public static IReadOnlyList<AdditiveGroup<WageCellKey>> Groups(IEnumerable<WageCellKey> cells, Func<string, string?> parentRegion)
    {
        ArgumentNullException.ThrowIfNull(parentRegion);
        var set = cells.ToHashSet();
        var groups = new List<AdditiveGroup<WageCellKey>>();
        void Add(IEnumerable<(WageCellKey Total, WageCellKey Part)> links) =>
            groups.AddRange(links
                .Where(l => set.Contains(l.Total))
                .GroupBy(l => l.Total)
                .OrderBy(g => g.Key.OccupationCode, StringComparer.Ordinal).ThenBy(g => g.Key.RegionCode, StringComparer.Ordinal)
                .Select(g => new AdditiveGroup<WageCellKey>(g.Key, [.. g.Select(l => l.Part)])));
        Add(set.Select(c => (Parent: ParentOccupation(c.OccupationCode), Cell: c))
            .Where(x => x.Parent is not null)
            .Select(x => (new WageCellKey(x.Parent!, x.Cell.RegionCode), x.Cell)));
        Add(set.Select(c => (Parent: parentRegion(c.RegionCode), Cell: c))
            .Where(x => x.Parent is not null)
            .Select(x => (new WageCellKey(x.Cell.OccupationCode, x.Parent!), x.Cell)));
        return groups;
    }

    /// <summary>The 小类 of a 细类 code (2-02-10-03 → 2-02-10); null for any other level.</summary>
    public static string? ParentOccupation(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = code.Split('-');
        return parts.Length == 4 ? string.Join('-', parts[..3]) : null;
    }
}
