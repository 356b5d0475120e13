using System.Text.RegularExpressions;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>What the map colours its regions by.</summary>
public enum TalentMapMetric
{
    /// <summary>Talents in the pool at the month's end (each under the first occupation listed).</summary>
    Talents,

    /// <summary>Positions open at the month's end (pool positions and de-duplicated imported postings).</summary>
    Positions,

    /// <summary>Talents per open position.</summary>
    Ratio,

    /// <summary>The shortage index, 60–100 across the regions compared (see <see cref="TalentMap.ShortageIndex"/>).</summary>
    Shortage,

    /// <summary>The median (P50 of <see cref="WagePercentiles"/>, as in the wage-price tables) of the month's offered monthly wages (yuan).</summary>
    Wage,
}

/// <summary>
/// The filters of the map: an occupation group (a 大类 or 中类 code, "2" or "2-02"), an industry section ("C"), digital (S)
/// and green (L) occupations only.
/// </summary>
public sealed record TalentMapFilter(string? Occupation = null, string? Industry = null, bool Digital = false, bool Green = false);

/// <summary>
/// The figures of one region: talents and open positions at the month's end, people sought (招聘人数) and applications
/// (投递人数) in the month, talents per open position, the shortage index and the median offered monthly wage.
/// <paramref name="Code"/> is null for the remainder assigned to no child (a county's records with no township).
/// </summary>
public sealed record TalentMapFigures(string? Code, string Name, long Talents, long OpenPositions, long HeadcountSought, long Applications,
    double? SupplyDemandRatio, double? ShortageIndex, int? MedianWage, bool Drillable)
{
    public double? Value(TalentMapMetric metric) => metric switch
    {
        TalentMapMetric.Talents => Talents,
        TalentMapMetric.Positions => OpenPositions,
        TalentMapMetric.Ratio => SupplyDemandRatio,
        TalentMapMetric.Shortage => ShortageIndex,
        _ => MedianWage,
    };
}

/// <summary>
/// The talent map of one region and month: its children's figures (those with any), the remainder assigned to no child,
/// the total, the way down from the caller's top region (<paramref name="Trail"/>, the region last) and the months there
/// are figures for, newest first. <paramref name="Period"/> is null when no month has been computed yet.
/// </summary>
public sealed record TalentMapView(Region Region, IReadOnlyList<Region> Trail, string? Period, IReadOnlyList<string> Periods, TalentMapFilter Filter,
    IReadOnlyList<TalentMapFigures> Children, TalentMapFigures? Unassigned, TalentMapFigures Total, bool HasOutlines);

/// <summary>
/// 人才地图 (issue 13, item 1): the figures of a region's children for one month, read from the fact tables only
/// (ADR 0016): <c>analytics_cells</c> (or its county roll-up for a province's or a city's children) summed per child
/// (<c>GROUP BY substr(region_code, 1, n)</c>) and the month's
/// <c>wage_observations</c> for the median wage. Operators see their subtree (their region is the top); administrators
/// start at the home region's province.
/// </summary>
public sealed partial class TalentMap(Database db, ReferenceData reference, MapOutlines outlines, Dashboard home)
{
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Month();

    [GeneratedRegex(@"^[1-8](-\d\d){0,3}$")]
    private static partial Regex OccupationCode();

    /// <summary>
    /// The map of <paramref name="regionCode"/> (default: the caller's top region) for <paramref name="period"/> (a month
    /// "2026-05"; default the newest computed). Not found when the region lies outside an operator's region; forbidden
    /// for anyone but operators and administrators; invalid input names the field.
    /// </summary>
    public async Task<WriteResult<TalentMapView>> QueryAsync(Caller caller, string? regionCode, string? period, TalentMapFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<TalentMapView>();
        }
        var top = caller.ScopeRegion ?? RegionCatalogue.Significant(home.HomeRegion)[..2];
        var errors = new ValidationErrors();
        var region = reference.Regions.Find(string.IsNullOrWhiteSpace(regionCode) ? top : regionCode.Trim());
        errors.When(region is null, "region", "is not in the region catalogue")
            .When(region is { Level: >= RegionLevel.Township }, "region", "must be a province, city or county of the region catalogue")
            .When(period is { Length: > 0 } p && !Month().IsMatch(p.Trim()), "period", "must be a month (YYYY-MM)");
        var occupation = OccupationPrefix(filter.Occupation, errors);
        var industry = filter.Industry?.Trim().ToUpperInvariant();
        errors.When(industry is { Length: > 0 } && reference.Industries.Find(industry) is not { Level: 1 }, "industry", "must be an industry section letter (A to T)");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TalentMapView>(errors);
        }
        if (!caller.InScope(region!.Code))
        {
            return WriteResult.NotFound<TalentMapView>();
        }
        filter = filter with { Occupation = occupation, Industry = industry is { Length: > 0 } ? industry : null };

        await using var c = await db.OpenAsync(ct);
        var periods = (await c.QueryAsync<string>(new CommandDefinition("SELECT period FROM analytics_periods ORDER BY period DESC", cancellationToken: ct))).ToList();
        if (periods.Count == 0 && await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT max(period) FROM analytics_cells", cancellationToken: ct)) is { } newest)
        {
            periods.Add(newest);
        }
        var month = period is { Length: > 0 } ? period.Trim() : periods.FirstOrDefault();
        var trail = reference.Regions.Ancestors(region.Code).Where(a => caller.InScope(a.Code)).Append(region).ToList();
        var hasOutlines = await outlines.ExistAsync(region.Code, ct);
        var childLength = region.Level switch { RegionLevel.Province => 4, RegionLevel.City => 6, _ => 9 };
        var cells = month is null ? [] : await CellsAsync(c, region, month, childLength, filter, ct);
        var wages = month is null ? [] : await WagesAsync(c, region, month, childLength, filter, ct);

        var children = reference.Regions.Children(region.Code).ToDictionary(r => r.FullCode[..childLength], StringComparer.Ordinal);
        var rows = new List<(Region? Child, Cell Cell, List<WageObservation> Wages)>();
        var rest = (Cell: new Cell(), Wages: new List<WageObservation>());
        foreach (var key in cells.Keys.Union(wages.Keys).Order(StringComparer.Ordinal))
        {
            var cell = cells.GetValueOrDefault(key) ?? new Cell();
            var observed = wages.GetValueOrDefault(key) ?? [];
            if (children.TryGetValue(key, out var child))
            {
                rows.Add((child, cell, observed));
            }
            else
            {
                rest.Cell.Add(cell);
                rest.Wages.AddRange(observed);
            }
        }
        var indices = ShortageIndex([.. rows.Select(r => (r.Cell.Sought, r.Cell.Applications))]);
        var figures = rows.Select((r, i) => Figures(r.Child!.Code, r.Child.Name, r.Cell, r.Wages, indices[i], r.Child.Level < RegionLevel.Township)).ToList();
        var hasRest = rest.Cell.Talents + rest.Cell.Open + rest.Cell.Sought + rest.Cell.Applications > 0 || rest.Wages.Count > 0;
        var total = new Cell();
        foreach (var cell in cells.Values)
        {
            total.Add(cell);
        }
        return WriteResult.Ok(new TalentMapView(region, trail, month, periods, filter, figures,
            hasRest ? Figures(null, "", rest.Cell, rest.Wages, null, false) : null,
            Figures(region.Code, region.Name, total, [.. wages.Values.SelectMany(w => w)], null, false), hasOutlines));
    }

    /// <summary>The code prefix of an occupation group filter (大类 "2" or 中类 "2-02", also written "2-02-00-00"), or null.</summary>
    private string? OccupationPrefix(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var code = text.Trim();
        var group = OccupationCode().IsMatch(code) ? reference.Occupations.Find(Full(code)) : null;
        if (group is not { Level: 1 or 2 })
        {
            errors.Add("occupation", "must be an occupation major or middle group code (such as 2 or 2-02)");
            return null;
        }
        return OccupationCatalogue.Prefix(group.Code);
    }

    /// <summary>"2" -> "2-00-00-00", "2-02" -> "2-02-00-00"; a code of four parts stays as it is.</summary>
    private static string Full(string code) => code + string.Concat(Enumerable.Repeat("-00", 3 - code.Count(ch => ch == '-')));

    /// <summary>The month's cells summed per child (key: the child's code digits); the industry filter counts positions only, as talents carry no industry.</summary>
    private static async Task<Dictionary<string, Cell>> CellsAsync(System.Data.Common.DbConnection c, Region region, string month, int childLength,
        TalentMapFilter filter, CancellationToken ct)
    {
        var where = new Where().Add("period = @period", "period", month);
        where.RegionSubtree("region_code", region.Code, "region");
        if (filter.Occupation is { } occupation)
        {
            where.CodePrefix("occupation_code", occupation, "occupation");
        }
        if (filter.Digital)
        {
            where.Add("digital = 1");
        }
        if (filter.Green)
        {
            where.Add("green = 1");
        }
        string Positions(string column) => filter.Industry is null ? $"sum({column})" : $"sum(CASE WHEN industry_section = @industry THEN {column} ELSE 0 END)";
        if (filter.Industry is { } industry)
        {
            where.Parameters.Add("industry", industry);
        }
        var cells = new Dictionary<string, Cell>(StringComparer.Ordinal);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT substr(region_code, 1, {childLength}), sum(talents), {Positions("positions_open")}, {Positions("headcount_sought")}, {Positions("applications")} " +
            $"FROM {AnalyticsRefresh.CellsTable(childLength)}{where} GROUP BY substr(region_code, 1, {childLength})", where.Parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            cells[r.GetString(0)] = new Cell { Talents = r.Long(1), Open = r.Long(2), Sought = r.Long(3), Applications = r.Long(4) };
        }
        return cells;
    }

    /// <summary>The month's wage observations per child; digital and green select the occupations the catalogue marks S and L.</summary>
    private async Task<Dictionary<string, List<WageObservation>>> WagesAsync(System.Data.Common.DbConnection c, Region region, string month,
        int childLength, TalentMapFilter filter, CancellationToken ct)
    {
        var where = new Where().Add("period = @period", "period", month);
        where.RegionSubtree("region_code", region.Code, "region");
        if (filter.Occupation is { } occupation)
        {
            where.CodePrefix("occupation_code", occupation, "occupation");
        }
        if (filter.Digital || filter.Green)
        {
            where.Add(ListSql.InList(db, "occupation_code", "marked"), "marked", MarkedOccupations(filter.Digital, filter.Green));
        }
        var wages = new Dictionary<string, List<WageObservation>>(StringComparer.Ordinal);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT substr(region_code, 1, {childLength}), monthly_wage, weight, employer_key FROM wage_observations{where}", where.Parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            var key = r.GetString(0);
            if (!wages.TryGetValue(key, out var list))
            {
                wages[key] = list = [];
            }
            list.Add(new WageObservation(r.Int(1), r.Int(2), r.GetString(3)));
        }
        return wages;
    }

    private string[] MarkedOccupations(bool digital, bool green) =>
        [.. Occupations(reference.Occupations.MajorGroups).Where(o => o.Level == 4 && (!digital || o.IsDigital) && (!green || o.IsGreen)).Select(o => o.Code)];

    private IEnumerable<Occupation> Occupations(IEnumerable<Occupation> groups) =>
        groups.SelectMany(g => Occupations(reference.Occupations.Children(g.Code)).Prepend(g));

    private static TalentMapFigures Figures(string? code, string name, Cell cell, List<WageObservation> wages, double? index, bool drillable) =>
        new(code, name, cell.Talents, cell.Open, cell.Sought, cell.Applications,
            cell.Open == 0 ? null : Math.Round((double)cell.Talents / cell.Open, 2), index, (int?)WagePercentiles.Summarise(wages).P50, drillable);

    /// <summary>
    /// The shortage index of the regions compared (<see cref="Domain.Analytics.ShortageIndex"/>, docs/shortage-index.md):
    /// demand is the month's people sought (招聘人数), supply its applications (投递人数). A region with too few people
    /// sought has none.
    /// </summary>
    internal static IReadOnlyList<double?> ShortageIndex(IReadOnlyList<(long Sought, long Applications)> regions) =>
        [.. Domain.Analytics.ShortageIndex.Assess([.. regions.Select((r, i) => new ShortageInput<int>(i, (int)r.Sought, (int)r.Applications, 0, null))],
            ShortageRules.Default).Select(a => a.Index is { } x ? Math.Round(x, 1) : (double?)null)];

    /// <summary>Sums of the cells of one group.</summary>
    private sealed class Cell
    {
        public long Talents { get; set; }
        public long Open { get; set; }
        public long Sought { get; set; }
        public long Applications { get; set; }

        public void Add(Cell other)
        {
            Talents += other.Talents;
            Open += other.Open;
            Sought += other.Sought;
            Applications += other.Applications;
        }
    }
}
