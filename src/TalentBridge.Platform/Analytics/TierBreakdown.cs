using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>The enterprises of one tier (or all enterprises) in a region and month, and the demand and hires they account for.</summary>
public sealed record TierFigures(long Enterprises, long Active, long PositionsNew, long HeadcountSought, long Agreements)
{
    public static readonly TierFigures Zero = new(0, 0, 0, 0, 0);

    public TierFigures Plus(TierFigures o) => new(Enterprises + o.Enterprises, Active + o.Active, PositionsNew + o.PositionsNew,
        HeadcountSought + o.HeadcountSought, Agreements + o.Agreements);
}

/// <summary>
/// One child region (or the region's own remainder: enterprises registered at its level): all its enterprises and, per
/// confirmed tier, those holding it on the month's last day.
/// </summary>
public sealed record TierRow(string RegionCode, bool Remainder, TierFigures All, IReadOnlyDictionary<EnterpriseTier, TierFigures> ByTier)
{
    /// <summary>The figures of every confirmed tier together (创新型 and above).</summary>
    public TierFigures Tiered => ByTier.Values.Aggregate(TierFigures.Zero, (a, b) => a.Plus(b));

    /// <summary>The share of the region's headcount sought in the month that tiered enterprises posted (null when none was sought).</summary>
    public double? TieredDemandShare => All.HeadcountSought == 0 ? null : Math.Round((double)Tiered.HeadcountSought / All.HeadcountSought, 4);
}

/// <summary>One month of the trend: headcount sought and agreements by tier, and of all enterprises.</summary>
public sealed record TierMonth(string Period, TierFigures All, IReadOnlyDictionary<EnterpriseTier, TierFigures> ByTier);

public sealed record TierBreakdownView(string Region, string Period, IReadOnlyList<TierRow> Rows, TierRow Total, IReadOnlyList<TierMonth> Trend,
    string? LatestPeriod);

/// <summary>
/// Confirmed 专精特新 tiers in the labour-market analytics (issue 14, item 4): for a region's children and a month, how
/// many enterprises hold each tier on the month's last day (from the tier records' validity, so a past month shows
/// the tiers held then, not today's) and the new positions, headcount sought and agreements they account for, beside
/// all enterprises; and the last 12 months' trend. Activity comes from the monthly enterprise facts
/// (<c>analytics_enterprise_months</c>, ADR 0016); tiers are read live from <c>es_tier_records</c>, which is small
/// (thousands of rows where the facts hold millions), so a confirmation shows at once without a refresh.
/// </summary>
public sealed class TierBreakdown(Database db, ReferenceData reference, SupplyDemand supplyDemand, TimeProvider time)
{
    public const int TrendMonths = 12;

    public static readonly IReadOnlyList<EnterpriseTier> Tiers = [EnterpriseTier.InnovativeSme, EnterpriseTier.Srdi, EnterpriseTier.LittleGiant];

    /// <summary>The tier each enterprise held on @last: its newest record valid that day (a record of tier None ends a tier).</summary>
    private const string HeldSql =
        "SELECT r.enterprise_id, r.tier FROM es_tier_records r WHERE r.valid_from <= @last AND (r.valid_until IS NULL OR r.valid_until >= @last) " +
        "AND r.tier > 0 AND NOT EXISTS (SELECT 1 FROM es_tier_records n WHERE n.enterprise_id = r.enterprise_id AND n.id > r.id " +
        "AND n.valid_from <= @last AND (n.valid_until IS NULL OR n.valid_until >= @last))";

    public async Task<(TierBreakdownView? View, ValidationErrors Errors)> BuildAsync(Caller caller, string? region, string? period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors();
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return (null, errors);
        }
        await using var c = await db.OpenAsync(ct);
        var latest = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT max(period) FROM analytics_periods", cancellationToken: ct));
        var chosen = SupplyDemand.Region(reference, caller, region, caller.ScopeRegion ?? supplyDemand.HomeRegion, errors);
        var month = latest ?? AnalyticsRefresh.PeriodOf(ChinaTime.Today(time));
        if (period is { Length: > 0 })
        {
            errors.When(AnalyticsRefresh.FirstDay(period.Trim()) is null, "period", "must be a month (YYYY-MM)");
            month = period.Trim();
        }
        if (!errors.IsValid)
        {
            return (null, errors);
        }
        var (lo, hi) = RegionCatalogue.SubtreeRange(chosen);
        var childLength = SupplyDemand.ChildLength(chosen);
        var parent = RegionCatalogue.Pad(chosen);
        var last = AnalyticsRefresh.FirstDay(month)!.Value.AddMonths(1).AddDays(-1);
        var p = new { period = month, last, lo, hi };

        // All enterprises registered in the region (today's register: enterprises keep no founding date) and their month.
        var rows = new Dictionary<string, (TierFigures All, Dictionary<EnterpriseTier, TierFigures> ByTier)>(StringComparer.Ordinal);
        (TierFigures All, Dictionary<EnterpriseTier, TierFigures> ByTier) RowOf(string child) =>
            rows.TryGetValue(child, out var row) ? row : rows[child] = (TierFigures.Zero, []);
        foreach (var (child, count) in await c.QueryAsync<(string, long)>(new CommandDefinition(
            $"SELECT substr(region_code, 1, {childLength}), count(*) FROM enterprises WHERE region_code BETWEEN @lo AND @hi GROUP BY 1", p, cancellationToken: ct)))
        {
            rows[child] = (TierFigures.Zero with { Enterprises = count }, []);
        }
        foreach (var f in await c.QueryAsync<(string Child, long Active, long PositionsNew, long Sought, long Agreements)>(new CommandDefinition(
            $"SELECT substr(region_code, 1, {childLength}), count(*), sum(positions_new), sum(headcount_sought), sum(agreements) " +
            "FROM analytics_enterprise_months WHERE period = @period AND region_code BETWEEN @lo AND @hi GROUP BY 1", p, cancellationToken: ct)))
        {
            var row = RowOf(f.Child);
            rows[f.Child] = (row.All with { Active = f.Active, PositionsNew = f.PositionsNew, HeadcountSought = f.Sought, Agreements = f.Agreements }, row.ByTier);
        }
        foreach (var f in await c.QueryAsync<(string Child, int Tier, long Enterprises, long Active, long PositionsNew, long Sought, long Agreements)>(
            new CommandDefinition(
                $"SELECT substr(e.region_code, 1, {childLength}), h.tier, count(*), count(m.enterprise_id), coalesce(sum(m.positions_new), 0), " +
                $"coalesce(sum(m.headcount_sought), 0), coalesce(sum(m.agreements), 0) FROM ({HeldSql}) h JOIN enterprises e ON e.id = h.enterprise_id " +
                "LEFT JOIN analytics_enterprise_months m ON m.period = @period AND m.enterprise_id = h.enterprise_id " +
                "WHERE e.region_code BETWEEN @lo AND @hi GROUP BY 1, 2", p, cancellationToken: ct)))
        {
            RowOf(f.Child).ByTier[(EnterpriseTier)f.Tier] = new TierFigures(f.Enterprises, f.Active, f.PositionsNew, f.Sought, f.Agreements);
        }
        var list = rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
        {
            var code = RegionCatalogue.Significant(r.Key.PadRight(12, '0'));
            return new TierRow(code, r.Key.PadRight(12, '0') == parent, r.Value.All, Complete(r.Value.ByTier));
        }).ToList();
        var total = new TierRow(RegionCatalogue.Significant(chosen), false, list.Aggregate(TierFigures.Zero, (a, r) => a.Plus(r.All)),
            Complete(Tiers.ToDictionary(t => t, t => list.Aggregate(TierFigures.Zero, (a, r) => a.Plus(r.ByTier[t])))));

        var trend = new List<TierMonth>();
        for (var i = TrendMonths - 1; i >= 0; i--)
        {
            var m = SupplyDemand.Shift(month, -i);
            var q = new { period = m, last = AnalyticsRefresh.FirstDay(m)!.Value.AddMonths(1).AddDays(-1), lo, hi };
            var all = await c.QuerySingleAsync<(long Active, long PositionsNew, long Sought, long Agreements)>(new CommandDefinition(
                "SELECT count(*), coalesce(sum(positions_new), 0), coalesce(sum(headcount_sought), 0), coalesce(sum(agreements), 0) " +
                "FROM analytics_enterprise_months WHERE period = @period AND region_code BETWEEN @lo AND @hi", q, cancellationToken: ct));
            var byTier = (await c.QueryAsync<(int Tier, long Enterprises, long Active, long PositionsNew, long Sought, long Agreements)>(new CommandDefinition(
                    "SELECT h.tier, count(*), count(m.enterprise_id), coalesce(sum(m.positions_new), 0), coalesce(sum(m.headcount_sought), 0), " +
                    $"coalesce(sum(m.agreements), 0) FROM ({HeldSql}) h JOIN enterprises e ON e.id = h.enterprise_id " +
                    "LEFT JOIN analytics_enterprise_months m ON m.period = @period AND m.enterprise_id = h.enterprise_id " +
                    "WHERE e.region_code BETWEEN @lo AND @hi GROUP BY h.tier", q, cancellationToken: ct)))
                .ToDictionary(t => (EnterpriseTier)t.Tier, t => new TierFigures(t.Enterprises, t.Active, t.PositionsNew, t.Sought, t.Agreements));
            trend.Add(new TierMonth(m, new TierFigures(0, all.Active, all.PositionsNew, all.Sought, all.Agreements), Complete(byTier)));
        }
        return (new TierBreakdownView(RegionCatalogue.Significant(chosen), month, list, total, trend, latest), errors);
    }

    /// <summary>Every tier present, zero where none is held.</summary>
    private static Dictionary<EnterpriseTier, TierFigures> Complete(Dictionary<EnterpriseTier, TierFigures> byTier) =>
        Tiers.ToDictionary(t => t, t => byTier.TryGetValue(t, out var f) ? f : TierFigures.Zero);

    /// <summary>
    /// The view's rows (and the total) as CSV or Excel, one column per tier and figure, audited as an export with who,
    /// when and which region and month.
    /// </summary>
    public async Task<byte[]> ExportAsync(Caller caller, TierBreakdownView view, string format, Func<string, string> regionName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(regionName);
        string[] figures = ["enterprises", "active", "positionsNew", "headcountSought", "agreements"];
        string[] header = ["period", "regionCode", "region", .. figures.Select(f => "all." + f), .. Tiers.SelectMany(t => figures.Select(f => $"{t}.{f}")),
            "tieredDemandShare"];
        static object?[] Figures(TierFigures f) => [f.Enterprises, f.Active, f.PositionsNew, f.HeadcountSought, f.Agreements];
        var rows = view.Rows.Append(view.Total).Select(r => (object?[])[view.Period, r.RegionCode, regionName(r.RegionCode), .. Figures(r.All),
            .. Tiers.SelectMany(t => Figures(r.ByTier[t])), r.TieredDemandShare]);
        var bytes = CsvText.Table(format, header, rows);
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "analytics", null, caller.ScopeRegion,
            "enterprise-tiers", $"format={format}&region={view.Region}&period={view.Period}&rows={view.Rows.Count + 1}"), ct);
        return bytes;
    }
}
