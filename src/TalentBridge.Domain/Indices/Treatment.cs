using MathNet.Numerics.Statistics;

namespace TalentBridge.Domain.Indices;

/// <summary>The share of figures present: per indicator over the units kept, per unit over the indicators.</summary>
public sealed record CoverageReport(
    IReadOnlyDictionary<string, double> ByIndicator,
    IReadOnlyDictionary<string, double> ByUnit,
    IReadOnlyList<string> UnitsLeftOut,
    IReadOnlyList<string> ConstantIndicators,
    IReadOnlyList<string> EmptyIndicators);

/// <summary>A figure imputed (method and value) or winsorised (the value before and after).</summary>
public sealed record TreatedFigure(string Unit, string Indicator, string What, double? Before, double After);

/// <summary>An indicator the outlier rule flagged: its skewness and kurtosis before and after, the values winsorised and whether it then passed.</summary>
public sealed record OutlierReport(string Indicator, double SkewnessBefore, double KurtosisBefore, double SkewnessAfter, double KurtosisAfter, int Winsorised, bool Passed);

/// <summary>Screening, imputation and outlier treatment of the raw figures (units × indicators, missing null).</summary>
public static class Treatment
{
    /// <summary>Coverage of the raw figures and the units left out for having less than <paramref name="minUnitCoverage"/>.</summary>
    public static CoverageReport Screen(IReadOnlyList<IndexUnit> units, IReadOnlyList<IndexNode> indicators, double?[,] raw, double minUnitCoverage)
    {
        var byUnit = new Dictionary<string, double>(StringComparer.Ordinal);
        var leftOut = new List<string>();
        for (var u = 0; u < units.Count; u++)
        {
            var present = 0;
            for (var i = 0; i < indicators.Count; i++)
            {
                present += raw[u, i] is null ? 0 : 1;
            }
            var share = indicators.Count == 0 ? 0 : (double)present / indicators.Count;
            byUnit[units[u].Code] = share;
            if (share < minUnitCoverage || present == 0)
            {
                leftOut.Add(units[u].Code);
            }
        }
        var kept = Enumerable.Range(0, units.Count).Where(u => !leftOut.Contains(units[u].Code)).ToList();
        var byIndicator = new Dictionary<string, double>(StringComparer.Ordinal);
        var constant = new List<string>();
        var empty = new List<string>();
        for (var i = 0; i < indicators.Count; i++)
        {
            var values = kept.Select(u => raw[u, i]).OfType<double>().ToList();
            byIndicator[indicators[i].Code] = kept.Count == 0 ? 0 : (double)values.Count / kept.Count;
            if (values.Count == 0)
            {
                empty.Add(indicators[i].Code);
            }
            else if (values.Distinct().Count() == 1)
            {
                constant.Add(indicators[i].Code);
            }
        }
        return new CoverageReport(byIndicator, byUnit, leftOut, constant, empty);
    }

    /// <summary>
    /// Fills missing figures of one indicator column in place: group mean (over the units of the unit's group that have
    /// a figure, else over all units), or the unit's latest earlier period (<paramref name="earlier"/>, newest first).
    /// </summary>
    public static void Impute(ImputationMethod method, IReadOnlyList<IndexUnit> units, string indicator, double?[] column,
        Func<int, IEnumerable<double?>> earlier, List<TreatedFigure> log)
    {
        if (method == ImputationMethod.None)
        {
            return;
        }
        var original = column.ToArray();
        var overall = original.OfType<double>().ToList();
        for (var u = 0; u < column.Length; u++)
        {
            if (original[u] is not null)
            {
                continue;
            }
            double? value = null;
            if (method == ImputationMethod.GroupMean)
            {
                var group = units[u].Group;
                var peers = Enumerable.Range(0, column.Length)
                    .Where(k => group is not null && string.Equals(units[k].Group, group, StringComparison.Ordinal))
                    .Select(k => original[k]).OfType<double>().ToList();
                value = peers.Count > 0 ? peers.Average() : overall.Count > 0 ? overall.Average() : null;
            }
            else if (method == ImputationMethod.LastPeriod)
            {
                value = earlier(u).FirstOrDefault(v => v is not null);
            }
            if (value is { } v)
            {
                column[u] = v;
                log.Add(new TreatedFigure(units[u].Code, indicator, method.ToString(), null, v));
            }
        }
    }

    /// <summary>
    /// COINr's outlier rule: while |skewness| &gt; the limit and (excess) kurtosis &gt; the limit, the most extreme
    /// value on the side of the skew is set to the next value in from it (winsorised), at most
    /// <see cref="OutlierSpec.MaxWinsorised"/> times. Skewness and kurtosis are the bias-corrected sample statistics
    /// (MathNet's, as Excel's SKEW and KURT). Returns the report, or null when the indicator was not flagged.
    /// </summary>
    public static OutlierReport? Winsorise(IReadOnlyList<IndexUnit> units, string indicator, double?[] column, OutlierSpec spec, List<TreatedFigure> log)
    {
        var present = Enumerable.Range(0, column.Length).Where(u => column[u] is not null).ToList();
        if (present.Count < 4)
        {
            return null;
        }
        (double Skew, double Kurt) Moments() => (present.Select(u => column[u]!.Value).Skewness(), present.Select(u => column[u]!.Value).Kurtosis());
        bool Flagged((double Skew, double Kurt) m) => double.IsFinite(m.Skew) && Math.Abs(m.Skew) > spec.Skewness && m.Kurt > spec.Kurtosis;
        var before = Moments();
        if (!Flagged(before))
        {
            return null;
        }
        var now = before;
        var treated = new HashSet<int>();
        while (Flagged(now) && treated.Count < spec.MaxWinsorised)
        {
            // The upper tail when skewed right, the lower when skewed left; values already winsorised move in with the tail.
            var ordered = now.Skew > 0
                ? present.OrderByDescending(u => column[u]!.Value).ToList()
                : present.OrderBy(u => column[u]!.Value).ToList();
            var extreme = column[ordered[0]]!.Value;
            var next = column[ordered.First(u => column[u]!.Value != extreme)]!.Value;
            foreach (var u in ordered.TakeWhile(u => column[u]!.Value == extreme).ToList())
            {
                log.Add(new TreatedFigure(units[u].Code, indicator, "winsorised", column[u], next));
                column[u] = next;
                treated.Add(u);
            }
            now = Moments();
        }
        return new OutlierReport(indicator, before.Skew, before.Kurt, now.Skew, now.Kurt, treated.Count, !Flagged(now));
    }
}
