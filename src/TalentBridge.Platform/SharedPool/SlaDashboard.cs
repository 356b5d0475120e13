using System.Text;
using Dapper;
using MiniExcelLibs;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>
/// The response figures of one group of orders (a county, a month, a county in a month, or all). <see cref="Responded"/>
/// orders got their first proposal; <see cref="Late"/> counts those that got it after the target and those still waiting
/// past it; the on-time rate is on-time over (responded + still waiting past the target). Hours are the clock's counted
/// hours (calendar or working, as each order's pool counted them).
/// </summary>
public sealed record SlaFigures(string Key, int Placed, int Responded, int OnTime, int Late, int Open, double? OnTimeRate, double? MedianHours,
    double? P90Hours);

/// <summary>An order still waiting for its first proposal, with the time left (null while paused, negative when overdue).</summary>
public sealed record OpenOrderRow(long Id, string Title, string EnterpriseName, string RegionCode, DemandOrderState State, int Level, DateTimeOffset PlacedAt,
    DateTimeOffset? DueAt, TimeSpan? Left);

public sealed record SlaDashboardView(SlaFigures Total, IReadOnlyList<SlaFigures> ByCounty, IReadOnlyList<SlaFigures> ByMonth,
    IReadOnlyList<SlaFigures> ByCountyMonth, IReadOnlyList<OpenOrderRow> Open, int OpenTotal);

/// <summary>
/// The 48-hour response dashboard (issue 7, item 6): on-time rate, median and P90 response time, and the orders still
/// waiting with their time left, for the caller's region, per county and per month (China months), with CSV and Excel
/// exports. Figures are read from the clock columns each order's last recomputation stored.
/// </summary>
public sealed class SlaDashboard(Database db, ReferenceData reference, TimeProvider time)
{
    public const int OpenShown = 50;

    /// <summary>The dashboard of the caller's region (operators) or of <paramref name="region"/> within it; months from/to as "2026-01".</summary>
    public async Task<SlaDashboardView?> BuildAsync(Caller caller, string? region, string? fromMonth, string? toMonth, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return null;
        }
        var where = new Where();
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("o.region_code", scope, "scope");
        }
        if (region is { Length: > 0 } && reference.Regions.Find(region) is not null)
        {
            where.RegionSubtree("o.region_code", region, "region");
        }
        if (fromMonth is { Length: 7 })
        {
            where.Add("o.placed_month >= @fromMonth", "fromMonth", fromMonth);
        }
        if (toMonth is { Length: 7 })
        {
            where.Add("o.placed_month <= @toMonth", "toMonth", toMonth);
        }
        var now = time.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        // One pass over the orders into county × month cells; counties, months and the total are sums of cells.
        var cells = new Dictionary<(string County, string Month), Cell>();
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);
        var waitingTotal = 0;
        Cell CellOf(string stored, string month)
        {
            if (!counties.TryGetValue(stored, out var county))
            {
                var code = RegionCatalogue.Significant(stored);
                counties[stored] = county = code.Length > 6 ? code[..6] : code;
            }
            if (!cells.TryGetValue((county, month), out var cell))
            {
                cells[(county, month)] = cell = new Cell();
            }
            return cell;
        }
        // The counts are summed by the database (a handful of rows per region and month); only the response times come row by row.
        var parameters = new DynamicParameters(where.Parameters);
        parameters.Add("now", Database.Utc(now));
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT o.region_code, o.placed_month, count(*), " +
            "sum(CASE WHEN o.state IN (0, 1) THEN 1 ELSE 0 END), " +
            "sum(CASE WHEN o.response_seconds IS NOT NULL AND o.met IS NOT NULL AND o.met THEN 1 ELSE 0 END), " +
            "sum(CASE WHEN (o.response_seconds IS NOT NULL AND (o.met IS NULL OR NOT o.met)) OR (o.state IN (0, 1) AND o.due_at < @now) THEN 1 ELSE 0 END) " +
            $"FROM demand_orders o {where} GROUP BY o.region_code, o.placed_month", parameters, cancellationToken: ct)))
        {
            while (await r.ReadAsync(ct))
            {
                var cell = CellOf(r.GetString(0), r.GetString(1));
                cell.Placed += r.Int(2);
                cell.Open += r.Int(3);
                cell.OnTime += r.Int(4);
                cell.Late += r.Int(5);
                waitingTotal += r.Int(3);
            }
        }
        var respondedWhere = where.ToString().Length == 0 ? "WHERE o.response_seconds IS NOT NULL" : $"{where} AND o.response_seconds IS NOT NULL";
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT o.region_code, o.placed_month, o.response_seconds FROM demand_orders o {respondedWhere}", where.Parameters, cancellationToken: ct)))
        {
            string? lastRegion = null, lastMonth = null;
            Cell? cell = null;
            while (await r.ReadAsync(ct))
            {
                var stored = r.GetString(0);
                var month = r.GetString(1);
                if (cell is null || stored != lastRegion || month != lastMonth)
                {
                    (lastRegion, lastMonth, cell) = (stored, month, CellOf(stored, month));
                }
                cell.Seconds.Add(r.GetInt64(2));
            }
        }
        var open = new List<OpenOrderRow>();
        var openWhere = where.ToString().Length == 0 ? "WHERE o.state IN (0, 1)" : $"{where} AND o.state IN (0, 1)";
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT o.id, o.title, e.name, o.region_code, o.state, o.level, o.placed_at, o.due_at FROM demand_orders o JOIN enterprises e ON e.id = o.enterprise_id " +
            $"{openWhere} ORDER BY o.due_at IS NULL, o.due_at, o.id LIMIT {OpenShown}", where.Parameters, cancellationToken: ct)))
        {
            while (await r.ReadAsync(ct))
            {
                var due = r.NullableTimestamp(7);
                open.Add(new OpenOrderRow(r.Long(0), r.GetString(1), r.GetString(2), RegionCatalogue.Significant(r.GetString(3)), (DemandOrderState)r.Int(4),
                    r.Int(5), r.Timestamp(6), due, due - now));
            }
        }
        return new SlaDashboardView(Figures("", cells.Values),
            [.. cells.GroupBy(x => x.Key.County).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g.Select(x => x.Value)))],
            [.. cells.GroupBy(x => x.Key.Month).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g.Select(x => x.Value)))],
            [.. cells.OrderBy(x => x.Key.County, StringComparer.Ordinal).ThenBy(x => x.Key.Month, StringComparer.Ordinal)
                .Select(x => Figures($"{x.Key.County} {x.Key.Month}", [x.Value]))],
            open, waitingTotal);
    }

    /// <summary>The counts of one county in one month and its response times in seconds.</summary>
    private sealed class Cell
    {
        public int Placed { get; set; }
        public int OnTime { get; set; }
        public int Late { get; set; }
        public int Open { get; set; }
        public List<long> Seconds { get; } = [];
    }

    private static SlaFigures Figures(string key, IEnumerable<Cell> group)
    {
        int placed = 0, onTime = 0, late = 0, waiting = 0, responded = 0;
        var list = group as IReadOnlyCollection<Cell> ?? [.. group];
        foreach (var cell in list)
        {
            placed += cell.Placed;
            onTime += cell.OnTime;
            late += cell.Late;
            waiting += cell.Open;
            responded += cell.Seconds.Count;
        }
        var hours = new double[responded];
        var i = 0;
        foreach (var cell in list)
        {
            foreach (var seconds in cell.Seconds)
            {
                hours[i++] = seconds / 3600.0;
            }
        }
        Array.Sort(hours);
        return new SlaFigures(key, placed, responded, onTime, late, waiting, onTime + late == 0 ? null : Math.Round((double)onTime / (onTime + late), 4),
            Percentile(hours, 0.5), Percentile(hours, 0.9));
    }

    /// <summary>
    /// The nearest-rank percentile of sorted values (the smallest value with at least p of the values at or below it),
    /// rounded to 0.1 hour. Written here: three lines, where a statistics package would add a dependency for one call.
    /// </summary>
    internal static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);

    private static readonly string[] Header =
        ["group", "placed", "responded", "on_time", "late", "open", "on_time_rate", "median_hours", "p90_hours"];

    private static IEnumerable<SlaFigures> Lines(SlaDashboardView view) =>
        [view.Total with { Key = "all" }, .. view.ByCounty, .. view.ByMonth, .. view.ByCountyMonth];

    /// <summary>All figures as CSV (UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese).</summary>
    public static byte[] Csv(SlaDashboardView view, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(label);
        var text = new StringBuilder().AppendLine(CsvText.Line(Header));
        foreach (var f in Lines(view))
        {
            text.AppendLine(CsvText.Line(Cells(f, label)));
        }
        return CsvText.Bytes(text);
    }

    /// <summary>All figures as an Excel workbook (one sheet).</summary>
    public static byte[] Excel(SlaDashboardView view, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(label);
        var rows = Lines(view).Select(f => Header.Zip(Cells(f, label)).ToDictionary(p => p.First, p => p.Second)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static object?[] Cells(SlaFigures f, Func<string, string> label) =>
        [label(f.Key), f.Placed, f.Responded, f.OnTime, f.Late, f.Open, f.OnTimeRate, f.MedianHours, f.P90Hours];
}
