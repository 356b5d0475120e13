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
/// part with the fewest observations (ties: the cell listed first), or the total when no part is published. Groups
/// can still give a cell away together (two hierarchies cross: a county's 细类 can follow from the city's and the
/// 小类's figures), so the equations of all groups are then solved as one linear system per connected set of hidden
/// cells; while one hidden cell is determined, the published cell with the fewest observations among the groups
/// that determine it is hidden too, and the per-group rule runs again. Hiding only ever grows, so this ends, with no
/// hidden cell's observations or weighted wage sum recoverable by any sums and differences of published cells.
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

        while (true)
        {
            HideLoneMembers(members, state, cells);
            // Where a combination of groups still pins a hidden cell down, hide the smallest published cell of those
            // groups (one per connected set; they do not share groups) and start over. Consistent counts of at least
            // one observation always leave a candidate.
            var hidden = 0;
            foreach (var derivation in Disclosed(members, state))
            {
                var candidates = derivation.SelectMany(g => members[g]).Where(i => state[i] == CellDisclosure.Published).ToArray();
                if (candidates.Length > 0)
                {
                    state[candidates.MinBy(i => (cells[i].Value.Observations, i))] = CellDisclosure.Secondary;
                    hidden++;
                }
            }
            if (hidden == 0)
            {
                break;
            }
        }
        return Enumerable.Range(0, cells.Count).ToDictionary(i => cells[i].Key, i => state[i]);
    }

    /// <summary>The per-group rule, to its fixed point: a group with exactly one hidden member hides one more.</summary>
    private static void HideLoneMembers<TKey>(int[][] members, CellDisclosure[] state, IReadOnlyList<KeyValuePair<TKey, WageSummary>> cells)
    {
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
                state[parts.Length == 0 ? group[0] : parts.MinBy(i => (cells[i].Value.Observations, i))] = CellDisclosure.Secondary;
                changed = true;
            }
        }
    }

    /// <summary>
    /// For each connected set of hidden cells where some hidden cell is determined, the groups whose equations,
    /// combined, determine it (one derivation per set; none when nothing is recoverable). The hidden cells of each connected set (cells linked by shared groups) are the unknowns of a linear
    /// system, one equation total − Σ parts = 0 per group with the published members on the known side; a cell is
    /// determined exactly when its unit vector lies in the row space, i.e. when the reduced row echelon form has a
    /// row with that cell alone. The elimination carries an identity block to tell which groups that row combines.
    /// </summary>
    private static List<int[]> Disclosed(int[][] members, CellDisclosure[] state)
    {
        bool Hidden(int i) => state[i] != CellDisclosure.Published;
        // Connected sets of hidden cells (union–find over the groups).
        var root = new Dictionary<int, int>();
        int Find(int i)
        {
            while (root[i] != i)
            {
                i = root[i] = root[root[i]];
            }
            return i;
        }
        foreach (var group in members)
        {
            var hidden = group.Where(Hidden).ToArray();
            foreach (var i in hidden)
            {
                root.TryAdd(i, i);
            }
            for (var k = 1; k < hidden.Length; k++)
            {
                root[Find(hidden[k])] = Find(hidden[0]);
            }
        }
        var components = Enumerable.Range(0, members.Length)
            .Where(g => members[g].Any(Hidden))
            .GroupBy(g => Find(members[g].First(Hidden)));
        var derivations = new List<int[]>();
        foreach (var component in components)
        {
            var rows = component.ToArray();
            var unknowns = rows.SelectMany(g => members[g].Where(Hidden)).Distinct().Order().ToArray();
            var column = unknowns.Select((cell, c) => (cell, c)).ToDictionary(x => x.cell, x => x.c);
            int n = unknowns.Length, m = rows.Length;
            var a = new double[m, n + m];
            for (var r = 0; r < m; r++)
            {
                var group = members[rows[r]];
                for (var k = 0; k < group.Length; k++)
                {
                    if (Hidden(group[k]))
                    {
                        a[r, column[group[k]]] += k == 0 ? 1 : -1;
                    }
                }
                a[r, n + r] = 1;
            }
            var pivotRow = 0;
            for (var c = 0; c < n && pivotRow < m; c++)
            {
                var best = Enumerable.Range(pivotRow, m - pivotRow).MaxBy(r => Math.Abs(a[r, c]));
                if (Math.Abs(a[best, c]) < 1e-9)
                {
                    continue;
                }
                for (var k = 0; k < n + m; k++)
                {
                    (a[pivotRow, k], a[best, k]) = (a[best, k], a[pivotRow, k]);
                }
                var pivot = a[pivotRow, c];
                for (var k = 0; k < n + m; k++)
                {
                    a[pivotRow, k] /= pivot;
                }
                for (var r = 0; r < m; r++)
                {
                    var factor = a[r, c];
                    if (r != pivotRow && factor != 0)
                    {
                        for (var k = 0; k < n + m; k++)
                        {
                            a[r, k] -= factor * a[pivotRow, k];
                        }
                    }
                }
                pivotRow++;
            }
            for (var r = 0; r < pivotRow; r++)
            {
                if (Enumerable.Range(0, n).Count(c => Math.Abs(a[r, c]) > 1e-9) == 1)
                {
                    derivations.Add([.. Enumerable.Range(0, m).Where(g => Math.Abs(a[r, n + g]) > 1e-9).Select(g => rows[g])]);
                    break;
                }
            }
        }
        return derivations;
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
