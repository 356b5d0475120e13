using System.Globalization;
using System.Text;
using Dapper;
using MiniExcelLibs;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>The filters of the supply-and-demand view as the page and the API receive them (each checked by <see cref="SupplyDemand"/>).</summary>
public sealed record SupplyDemandFilter(
    string? Level = null,
    string? Occupation = null,
    string? Region = null,
    string? From = null,
    string? To = null,
    string? Industry = null,
    bool Digital = false,
    bool Green = false,
    string? Sort = null,
    bool Ascending = false,
    int? Page = null,
    int? PageSize = null);

/// <summary>
/// One occupation group in one region over the months chosen. Demand: <see cref="HeadcountSought"/> (招聘人数 of the
/// positions and imported postings posted in the months), <see cref="PositionsNew"/> and <see cref="PositionsOpen"/> (at
/// the last month's end). Supply: <see cref="Talents"/> (registered at the last month's end) and <see cref="Applications"/>
/// (投递 in the months). <see cref="Ratio"/> is headcount sought per application (求人倍率; above 1, more places than
/// applicants); the year-on-year changes compare with the same months a year before (null without a base).
/// </summary>
public sealed record SupplyDemandRow(string OccupationCode, string RegionCode, bool Remainder, long HeadcountSought, long PositionsNew, long PositionsOpen,
    long Talents, long Applications, double? Ratio, double? DemandYearOnYear, double? SupplyYearOnYear);

/// <summary>One month of the trend: demand (headcount sought, open positions) and supply (talents, applications), with the year-on-year changes.</summary>
public sealed record SupplyDemandMonth(string Period, long HeadcountSought, long PositionsOpen, long Talents, long Applications, double? DemandYearOnYear,
    double? SupplyYearOnYear);

public sealed record SupplyDemandView(int Level, string Region, string From, string To, IReadOnlyList<SupplyDemandRow> Rows, int Total, int Page,
    int PageSize, SupplyDemandRow Totals, IReadOnlyList<SupplyDemandMonth> Trend, string? LatestPeriod)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Supply and demand by occupation (中类, 小类 or 细类) × region × month (issue 13, item 2), read from the monthly facts
/// (<see cref="AnalyticsRefresh"/>): for operators (their region's subtree) and administrators. Rows are occupation groups
/// in the chosen region's children (a region's records that name no child form its remainder row); the trend sums the
/// whole selection per month. An industry filter applies to demand and applications; talents carry no industry and stay
/// as they are. Two aggregate queries over the months asked and the same months a year before.
/// </summary>
public sealed class SupplyDemand(Database db, ReferenceData reference, Microsoft.Extensions.Configuration.IConfiguration configuration, TimeProvider time)
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 24;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The sortable columns.</summary>
    public static readonly IReadOnlyList<string> SortKeys = ["demand", "supply", "ratio", "yoy"];

    /// <summary>The occupation levels: 2 中类, 3 小类, 4 细类.</summary>
    public static readonly IReadOnlyList<int> Levels = [2, 3, 4];

    /// <summary>The platform's home region, the default of administrators.</summary>
    public string HomeRegion => configuration["Platform:RegionCode"] ?? "3311";

    /// <summary>The view, or errors naming each filter that is wrong; null when the caller may not see analytics.</summary>
    public async Task<(SupplyDemandView? View, ValidationErrors Errors)> BuildAsync(Caller caller, SupplyDemandFilter filter, bool allRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var errors = new ValidationErrors();
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return (null, errors);
        }
        await using var c = await db.OpenAsync(ct);
        var latest = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT max(period) FROM analytics_periods", cancellationToken: ct));
        var q = Check(caller, filter, latest, errors);
        if (!errors.IsValid)
        {
            return (null, errors);
        }
        var (lo, hi) = RegionCatalogue.SubtreeRange(q.Region);
        var where = new StringBuilder("period >= @fromLastYear AND period <= @to AND region_code BETWEEN @lo AND @hi");
        var p = new DynamicParameters(new { from = q.From, to = q.To, fromLastYear = Shift(q.From, -12), toLastYear = Shift(q.To, -12), lo, hi });
        if (q.Occupation is { } occupation)
        {
            // Codes are text in the catalogue's order: a group is the range [prefix, prefix~).
            where.Append(" AND occupation_code >= @occupationLo AND occupation_code < @occupationHi");
            p.Add("occupationLo", occupation);
            p.Add("occupationHi", occupation + "~");
        }
        where.Append(filter.Digital ? " AND digital = 1" : "").Append(filter.Green ? " AND green = 1" : "");
        // Demand and applications follow the industry filter; talents (no industry) do not.
        var industry = q.Section is null ? "1 = 1" : "industry_section = @section";
        p.Add("section", q.Section);
        var occupationGroup = q.Level switch { 2 => "substr(occupation_code, 1, 4)", 3 => "substr(occupation_code, 1, 7)", _ => "occupation_code" };
        var childLength = ChildLength(q.Region);
        var regionGroup = $"substr(region_code, 1, {childLength})";
        var table = AnalyticsRefresh.CellsTable(childLength);
        // Flows (months asked and the year before) from the cells that have one (each cell table's partial index
        // ix_…_flows names the same condition), stock (talents, open positions) from the last month's cells; summed per group.
        var flows = "headcount_sought + positions_new + applications > 0";
        var measures =
            "sum(CASE WHEN period >= @from THEN headcount_sought ELSE 0 END), sum(CASE WHEN period >= @from THEN positions_new ELSE 0 END), " +
            "sum(positions_open), sum(talents), sum(CASE WHEN period >= @from THEN applications ELSE 0 END), " +
            "sum(CASE WHEN period <= @toLastYear THEN headcount_sought ELSE 0 END), sum(CASE WHEN period <= @toLastYear THEN applications ELSE 0 END)";
        var rows = new List<SupplyDemandRow>();
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT occupation_group, region_group, {measures} FROM (" +
            $"SELECT {occupationGroup} AS occupation_group, {regionGroup} AS region_group, period, headcount_sought, positions_new, 0 AS positions_open, " +
            $"0 AS talents, applications FROM {table} WHERE {where} AND {flows} AND {industry} " +
            "UNION ALL " +
            $"SELECT {occupationGroup}, {regionGroup}, period, 0, 0, CASE WHEN {industry} THEN positions_open ELSE 0 END, talents, 0 " +
            $"FROM {table} WHERE {where} AND period = @to) cells GROUP BY occupation_group, region_group",
            p, cancellationToken: ct)))
        {
            while (await r.ReadAsync(ct))
            {
                var row = Row(Code(r.GetString(0)), r.GetString(1), q.Region, r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
                    r.GetInt64(7), r.GetInt64(8));
                if (row.HeadcountSought + row.PositionsOpen + row.Talents + row.Applications > 0)
                {
                    rows.Add(row);
                }
            }
        }
        var trend = new Dictionary<string, (long Sought, long Open, long Talents, long Applications)>(StringComparer.Ordinal);
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT period, sum(CASE WHEN {industry} THEN headcount_sought ELSE 0 END), sum(CASE WHEN {industry} THEN positions_open ELSE 0 END), " +
            $"sum(talents), sum(CASE WHEN {industry} THEN applications ELSE 0 END) FROM {table} WHERE {where} GROUP BY period",
            p, cancellationToken: ct)))
        {
            while (await r.ReadAsync(ct))
            {
                trend[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
            }
        }
        var months = new List<SupplyDemandMonth>();
        for (var month = q.From; string.CompareOrdinal(month, q.To) <= 0; month = Shift(month, 1))
        {
            var now = trend.GetValueOrDefault(month);
            var before = trend.GetValueOrDefault(Shift(month, -12));
            months.Add(new SupplyDemandMonth(month, now.Sought, now.Open, now.Talents, now.Applications, Change(now.Sought, before.Sought),
                Change(now.Applications, before.Applications)));
        }
        var totals = rows.Aggregate(new long[7], (sum, x) =>
        {
            sum[0] += x.HeadcountSought;
            sum[1] += x.PositionsNew;
            sum[2] += x.PositionsOpen;
            sum[3] += x.Talents;
            sum[4] += x.Applications;
            return sum;
        });
        var lastYear = months.Count == 0 ? (0L, 0L) : (trend.Where(t => string.CompareOrdinal(t.Key, q.From) < 0).Sum(t => t.Value.Sought),
            trend.Where(t => string.CompareOrdinal(t.Key, q.From) < 0).Sum(t => t.Value.Applications));
        var total = new SupplyDemandRow("", q.Region, false, totals[0], totals[1], totals[2], totals[3], totals[4], Ratio(totals[0], totals[4]),
            Change(totals[0], lastYear.Item1), Change(totals[4], lastYear.Item2));
        var sorted = Sorted(rows, q.Sort, q.Ascending).ToList();
        var page = allRows ? sorted : sorted.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToList();
        return (new SupplyDemandView(q.Level, q.Region, q.From, q.To, page, sorted.Count, allRows ? 1 : q.Page, allRows ? Math.Max(1, sorted.Count) : q.PageSize,
            total, months, latest), errors);
    }

    /// <summary>Records an export of the view (who, when, which filters and format), as every export is.</summary>
    public Task AuditExportAsync(Caller caller, SupplyDemandFilter filter, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var detail = string.Join('&', new (string Key, string? Value)[]
            {
                ("format", format), ("level", filter.Level), ("occupation", filter.Occupation), ("region", filter.Region), ("from", filter.From),
                ("to", filter.To), ("industry", filter.Industry), ("digital", filter.Digital ? "true" : null), ("green", filter.Green ? "true" : null),
            }
            .Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "analytics", null, caller.ScopeRegion,
            "supply-demand", detail), ct);
    }

    private sealed record Checked(int Level, string? Occupation, string Region, string From, string To, string? Section, string Sort, bool Ascending, int Page,
        int PageSize);

    /// <summary>Every filter checked, each error under its own name; defaults: 小类, the caller's region, the last 12 months with facts.</summary>
    private Checked Check(Caller caller, SupplyDemandFilter f, string? latest, ValidationErrors errors)
    {
        var level = 3;
        if (f.Level is { Length: > 0 } levelText && (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out level) || !Levels.Contains(level)))
        {
            errors.Add("level", "must be one of 2, 3, 4");
        }
        string? occupation = null;
        if (f.Occupation is { Length: > 0 } code)
        {
            var found = reference.Occupations.Find(ListQuery.PadOccupation(code.Trim()));
            if (found is null)
            {
                errors.Add("occupation", "must be an occupation code or prefix such as 2-02 or 2-02-10-03");
            }
            else
            {
                occupation = OccupationCatalogue.Prefix(found.Code);
            }
        }
        var region = Region(reference, caller, f.Region, caller.ScopeRegion ?? HomeRegion, errors);
        var to = latest ?? AnalyticsRefresh.PeriodOf(ChinaTime.Today(time));
        if (f.To is { Length: > 0 } toText)
        {
            if (AnalyticsRefresh.FirstDay(toText) is null)
            {
                errors.Add("to", "must be a month (YYYY-MM)");
            }
            else
            {
                to = toText;
            }
        }
        var from = Shift(to, 1 - DefaultMonths);
        if (f.From is { Length: > 0 } fromText)
        {
            if (AnalyticsRefresh.FirstDay(fromText) is null)
            {
                errors.Add("from", "must be a month (YYYY-MM)");
            }
            else
            {
                from = fromText;
                errors.When(string.CompareOrdinal(to, from) < 0, "to", "must not be before from")
                    .When(string.CompareOrdinal(to, from) >= 0 && string.CompareOrdinal(Shift(from, MaxMonths - 1), to) < 0, "to",
                        $"must be at most {MaxMonths} months after from");
            }
        }
        string? section = null;
        if (f.Industry is { Length: > 0 } industry)
        {
            section = reference.Industries.Find(industry.Trim()) is { } found ? found.Section : null;
            errors.When(section is null, "industry", "is not in the industry catalogue");
        }
        var sort = f.Sort is { Length: > 0 } s ? s : "demand";
        errors.When(!SortKeys.Contains(sort), "sort", $"must be one of {string.Join(", ", SortKeys)}");
        var pageNumber = f.Page ?? 1;
        var pageSize = f.PageSize ?? DefaultPageSize;
        errors.When(pageNumber < 1 || pageNumber > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
            .When(pageSize < 1 || pageSize > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}");
        return new Checked(level, occupation, region, from, to, section, sort, f.Ascending, pageNumber, pageSize);
    }

    /// <summary>The region asked for (default <paramref name="home"/>), checked against the catalogue and the caller's scope.</summary>
    internal static string Region(ReferenceData reference, Caller caller, string? text, string home, ValidationErrors errors)
    {
        if (text is not { Length: > 0 })
        {
            return home;
        }
        if (reference.Regions.Find(text.Trim()) is not { } found)
        {
            errors.Add("region", "must be a region code of the catalogue");
            return home;
        }
        if (!caller.InScope(found.Code))
        {
            errors.Add("region", $"must lie inside your region ({caller.ScopeRegion})");
            return home;
        }
        return found.Code;
    }

    /// <summary>The digits of a region's children in the 12-digit code (province 2 → cities 4 → counties 6 → townships 9 → villages 12).</summary>
    internal static int ChildLength(string region) => RegionCatalogue.Significant(region).Length switch
    {
        2 => 4,
        4 => 6,
        6 => 9,
        _ => 12,
    };

    /// <summary>An occupation group prefix ("2-02", "2-02-10") as its catalogue code ("2-02-00-00", "2-02-10-00"); '' stays unknown.</summary>
    private static string Code(string prefix) => prefix.Length == 0 ? "" : prefix + "-00-00-00"[..(10 - prefix.Length)];

    private static SupplyDemandRow Row(string occupation, string regionPrefix, string parent, long sought, long positionsNew, long open, long talents,
        long applications, long soughtLastYear, long applicationsLastYear)
    {
        var code = RegionCatalogue.Significant(regionPrefix.PadRight(12, '0'));
        return new SupplyDemandRow(occupation, code, code == RegionCatalogue.Significant(parent), sought, positionsNew, open, talents, applications,
            Ratio(sought, applications), Change(sought, soughtLastYear), Change(applications, applicationsLastYear));
    }

    private static double? Ratio(long sought, long applications) => applications == 0 ? null : Math.Round((double)sought / applications, 2);

    private static double? Change(long now, long before) => before == 0 ? null : Math.Round((double)(now - before) / before, 4);

    private static IEnumerable<SupplyDemandRow> Sorted(List<SupplyDemandRow> rows, string sort, bool ascending)
    {
        Func<SupplyDemandRow, double> key = sort switch
        {
            "supply" => x => x.Applications,
            "ratio" => x => x.Ratio ?? double.PositiveInfinity,
            "yoy" => x => x.DemandYearOnYear ?? double.NegativeInfinity,
            _ => x => x.HeadcountSought,
        };
        var ordered = ascending ? rows.OrderBy(key) : rows.OrderByDescending(key);
        return ordered.ThenBy(x => x.OccupationCode, StringComparer.Ordinal).ThenBy(x => x.RegionCode, StringComparer.Ordinal);
    }

    /// <summary>The month <paramref name="months"/> after (or before) a period "yyyy-MM".</summary>
    public static string Shift(string period, int months) => AnalyticsRefresh.PeriodOf(AnalyticsRefresh.FirstDay(period)!.Value.AddMonths(months));

    private static readonly string[] Header =
        ["occupation_code", "occupation", "region_code", "region", "headcount_sought", "positions_new", "positions_open", "talents", "applications", "ratio",
            "demand_yoy", "supply_yoy"];

    /// <summary>Every row of the view (and its total) as CSV, UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese.</summary>
    public static byte[] Csv(SupplyDemandView view, Func<SupplyDemandRow, (string Occupation, string Region)> names)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(names);
        var text = new StringBuilder().AppendLine(CsvText.Line(Header));
        foreach (var row in view.Rows.Append(view.Totals))
        {
            text.AppendLine(CsvText.Line(Cells(row, names)));
        }
        return CsvText.Bytes(text);
    }

    /// <summary>Every row of the view (and its total) as an Excel workbook of one sheet.</summary>
    public static byte[] Excel(SupplyDemandView view, Func<SupplyDemandRow, (string Occupation, string Region)> names)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(names);
        var rows = view.Rows.Append(view.Totals).Select(r => Header.Zip(Cells(r, names)).ToDictionary(x => x.First, x => x.Second)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static object?[] Cells(SupplyDemandRow r, Func<SupplyDemandRow, (string Occupation, string Region)> names)
    {
        var (occupation, region) = names(r);
        return [r.OccupationCode, occupation, r.RegionCode, region, r.HeadcountSought, r.PositionsNew, r.PositionsOpen, r.Talents, r.Applications, r.Ratio,
            r.DemandYearOnYear, r.SupplyYearOnYear];
    }
}
