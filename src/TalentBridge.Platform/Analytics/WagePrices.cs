using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// One cell of a wage-price table (工资价位): an occupation (细类 "2-02-10-03" or 小类 "2-02-10") in a region. A
/// published cell shows its counts, P10 低位数, P25, P50 中位数, P75, P90 高位数 and the weighted mean (yuan a month)
/// and the previous period's median and mean when that cell was published then too; a hidden cell shows none of them,
/// only why it is hidden. <see cref="Excluded"/> and <see cref="Note"/> are an operator's edits of a draft.
/// </summary>
public sealed record WagePriceRow(
    string OccupationCode, string RegionCode, [property: JsonConverter(typeof(JsonStringEnumConverter<CellDisclosure>))] CellDisclosure Disclosure,
    long? Observations, int? Employers, long? P10, long? P25, long? P50, long? P75, long? P90, long? Mean,
    long? PreviousP50, long? PreviousMean, bool Excluded = false, string? Note = null) : IPublicationRow
{
    public bool IsPublished => Disclosure == CellDisclosure.Published && !Excluded;

    /// <summary>The median's change against the previous period, as a fraction (0.05 = +5 %); null when either is missing.</summary>
    public double? P50Change => ShortageIndex.WageGrowth(P50, PreviousP50);

    /// <summary>Whether the occupation is a 小类 ("2-02-10") rather than a 细类.</summary>
    public bool IsGroup => OccupationCode.Length == WagePrices.GroupCodeLength;
}

/// <summary>A computed wage-price table of a region (and its child regions down to counties) for a period.</summary>
public sealed record WagePriceTable(string RegionCode, string Period, string PreviousPeriod, IReadOnlyList<WagePriceRow> Rows);

/// <summary>
/// Wage prices (issue 13, item 4), computed on read from <c>wage_observations</c> (ADR 0016): the observations of the
/// period's months per occupation (细类 and its 小类) × region (the region and, for a province or a city, each child
/// region), summarised with <see cref="WagePercentiles"/> (weighted by headcount) and suppressed with
/// <see cref="WageSuppression"/> over the additive groups 细类 → 小类 and child region → region, so that no hidden cell
/// follows from published ones by sums and differences. Published cells are compared with the previous period of the
/// same length. Operators see their region's subtree, administrators every region.
/// </summary>
public sealed class WagePrices(Database db, ReferenceData reference, Dashboard home)
{
    /// <summary>The length of a 小类 code ("2-02-10").</summary>
    public const int GroupCodeLength = 7;

    public async Task<WriteResult<WagePriceTable>> ComputeAsync(Caller caller, string? region, string? period, CancellationToken ct)
    {
        var (code, p, refusal) = Request<WagePriceTable>(caller, region, period);
        return refusal ?? WriteResult.Ok(await TableAsync(code, p, ct));
    }

    /// <summary>The last month the facts hold ("2026-07"), for the default period; null without facts.</summary>
    public async Task<string?> LastMonthAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT max(period) FROM analytics_cells", cancellationToken: ct));
    }

    /// <summary>
    /// The region (default: the caller's, or the platform's home region) and the period of a request for a table or a
    /// draft, or its refusal: only operators of the region (or of an enclosing one) and administrators; invalid input
    /// names <c>region</c> or <c>period</c>.
    /// </summary>
    internal (string Region, AnalyticsPeriod Period, WriteResult<T>? Refusal) Request<T>(Caller caller, string? region, string? period,
        ValidationErrors? errors = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(caller);
        errors ??= new ValidationErrors();
        var found = reference.Regions.Find(string.IsNullOrWhiteSpace(region) ? caller.ScopeRegion ?? home.HomeRegion : region.Trim());
        errors.When(found is null, "region", "must be a known region code");
        var p = AnalyticsPeriod.Parse(period, errors);
        var refusal = !caller.IsAdmin && !caller.IsOperator ? WriteResult.Forbidden<T>()
            : !errors.IsValid ? WriteResult.Invalid<T>(errors)
            : !Publications.MayManage(caller, found!.Code) ? WriteResult.Forbidden<T>()
            : null;
        return (found?.Code ?? "", p ?? new AnalyticsPeriod(AnalyticsPeriod.MinYear, PeriodLength.Year, 1), refusal);
    }

    internal async Task<WagePriceTable> TableAsync(string region, AnalyticsPeriod period, CancellationToken ct)
    {
        var now = await CellsAsync(region, period, ct);
        var before = (await CellsAsync(region, period.Previous, ct)).Where(c => c.IsPublished)
            .ToDictionary(c => new WageCellKey(c.OccupationCode, c.RegionCode));
        var rows = now.Select(c => c.IsPublished && before.TryGetValue(new WageCellKey(c.OccupationCode, c.RegionCode), out var b)
            ? c with { PreviousP50 = b.P50, PreviousMean = b.Mean }
            : c).ToList();
        return new WagePriceTable(region, period.Text, period.Previous.Text, rows);
    }

    /// <summary>The child regions a table holds besides its region: cities of a province, counties of a city; none below.</summary>
    internal int? ChildLength(string region) =>
        reference.Regions.Find(region)?.Level is RegionLevel.Province or RegionLevel.City ? region.Length + 2 : null;

    /// <summary>The job that computes the wage cells of the operators' regions after a refresh (<see cref="PrecomputeAsync"/>).</summary>
    public const string JobKind = "analytics.wages";

    /// <summary>Queues the wage cells' computation in the caller's transaction (the refresh that replaced the month's facts).</summary>
    public static Task QueueAsync(DbConnection c, DbTransaction tx, string period, DateTimeOffset now) =>
        AnalyticsMonth.QueueAsync(c, tx, JobKind, period, now);

    /// <summary>
    /// Computes (or finds current) the wage cells of the month's year and the two years before, for every region an
    /// operator works in, the home region and the regions above it: the tables the pages and the shortage index ask
    /// for first (a year's table compares with the year before). Returns how many tables it computed and kept.
    /// </summary>
    public async Task<int> PrecomputeAsync(string month, CancellationToken ct)
    {
        var year = AnalyticsMonth.Parse(month)?.Year ?? throw new ArgumentException($"'{month}' is not a month (YYYY-MM).", nameof(month));
        List<string> regions;
        await using (var c = await db.OpenAsync(ct))
        {
            regions = [.. (await c.QueryAsync<string>(new CommandDefinition(
                $"SELECT DISTINCT region_code FROM accounts WHERE role = {(int)Role.Operator} AND region_code IS NOT NULL", cancellationToken: ct)))
                .Select(RegionCatalogue.Significant)];
        }
        regions.AddRange(reference.Regions.Ancestors(home.HomeRegion).Select(r => r.Code).Append(home.HomeRegion));
        var computed = 0;
        foreach (var region in regions.Distinct(StringComparer.Ordinal).Where(r => reference.Regions.Find(r) is not null))
        {
            for (var y = year - 2; y <= year; y++)
            {
                computed += (await CachedCellsAsync(region, new AnalyticsPeriod(y, PeriodLength.Year, 1), ct)).Kept ? 1 : 0;
            }
        }
        return computed;
    }

    /// <summary>
    /// Every cell of the period, ordered by occupation then region, with its disclosure; hidden cells carry no figures.
    /// Kept in <c>analytics_wage_cells</c> with the facts it was computed from, and computed again once a month of the
    /// period is refreshed.
    /// </summary>
    internal async Task<IReadOnlyList<WagePriceRow>> CellsAsync(string region, AnalyticsPeriod period, CancellationToken ct) =>
        (await CachedCellsAsync(region, period, ct)).Rows;

    /// <summary>The cells, kept or computed; <c>Kept</c> when they were computed now and kept (a period with facts on record).</summary>
    private async Task<(IReadOnlyList<WagePriceRow> Rows, bool Kept)> CachedCellsAsync(string region, AnalyticsPeriod period, CancellationToken ct)
    {
        string factsAt;
        await using (var c = await db.OpenAsync(ct))
        {
            await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT max(refreshed_at) FROM analytics_periods WHERE {ListSql.InList(db, "period", "months")}", new { months = period.Months.ToArray() },
                cancellationToken: ct)))
            {
                factsAt = await r.ReadAsync(ct) && r.NullableTimestamp(0) is { } at ? at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : "";
            }
            var kept = await c.QueryFirstOrDefaultAsync<(string FactsAt, string Rows)>(new CommandDefinition(
                "SELECT facts_at, rows FROM analytics_wage_cells WHERE region_code = @region AND period = @period", new { region, period = period.Text },
                cancellationToken: ct));
            if (kept.FactsAt == factsAt && JsonSerializer.Deserialize<List<WagePriceRow>>(kept.Rows, Storage.Row.Json) is { } rows)
            {
                return (rows, false);
            }
        }
        var cells = await ComputeCellsAsync(region, period, ct);
        if (factsAt.Length == 0)
        {
            return (cells, false); // observations without a refresh on record (written by hand): nothing to keep them against
        }
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "INSERT INTO analytics_wage_cells (region_code, period, facts_at, rows) VALUES (@region, @period, @factsAt, @rows) " +
            "ON CONFLICT (region_code, period) DO UPDATE SET facts_at = excluded.facts_at, rows = excluded.rows",
            new { region, period = period.Text, factsAt, rows = JsonSerializer.Serialize(cells, Storage.Row.Json) }, tx), ct);
        return (cells, true);
    }

    private async Task<IReadOnlyList<WagePriceRow>> ComputeCellsAsync(string region, AnalyticsPeriod period, CancellationToken ct)
    {
        var childLength = ChildLength(region);
        var (lo, hi) = RegionCatalogue.SubtreeRange(region);
        var observations = new Dictionary<WageCellKey, List<WageObservation>>();
        void Add(WageCellKey key, WageObservation o)
        {
            if (!observations.TryGetValue(key, out var list))
            {
                observations[key] = list = [];
            }
            list.Add(o);
        }
        await using (var c = await db.OpenAsync(ct))
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT occupation_code, region_code, employer_key, monthly_wage, weight FROM wage_observations " +
            $"WHERE {ListSql.InList(db, "period", "months")} AND region_code BETWEEN @lo AND @hi AND occupation_code <> ''",
            new { months = period.Months.ToArray(), lo, hi }, cancellationToken: ct)))
        {
            var children = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (await r.ReadAsync(ct))
            {
                var occupation = r.GetString(0);
                var o = new WageObservation(r.Long(3), r.Int(4), r.GetString(2));
                var group = occupation.Length > GroupCodeLength ? occupation[..GroupCodeLength] : null;
                Add(new WageCellKey(occupation, region), o);
                if (group is not null)
                {
                    Add(new WageCellKey(group, region), o);
                }
                if (childLength is { } n)
                {
                    var stored = r.GetString(1);
                    if (!children.TryGetValue(stored, out var child))
                    {
                        // Observations known only at the region's own level belong to its total and to no child.
                        var significant = RegionCatalogue.Significant(stored[..n]);
                        children[stored] = child = significant.Length == n ? significant : null;
                    }
                    if (child is not null)
                    {
                        Add(new WageCellKey(occupation, child), o);
                        if (group is not null)
                        {
                            Add(new WageCellKey(group, child), o);
                        }
                    }
                }
            }
        }
        var cells = observations
            .OrderBy(x => x.Key.OccupationCode, StringComparer.Ordinal).ThenBy(x => x.Key.RegionCode, StringComparer.Ordinal)
            .Select(x => KeyValuePair.Create(x.Key, WagePercentiles.Summarise(x.Value)))
            .ToList();
        var disclosure = WageSuppression.Apply(cells, WageSuppression.Groups(cells.Select(x => x.Key), Parent(region)), SuppressionRules.Default);
        return [.. cells.Select(x => Row(x.Key, x.Value, disclosure[x.Key]))];
    }

    private static Func<string, string?> Parent(string region) => code => code == region ? null : region;

    private static WagePriceRow Row(WageCellKey key, WageSummary s, CellDisclosure disclosure) =>
        disclosure == CellDisclosure.Published
            ? new WagePriceRow(key.OccupationCode, key.RegionCode, disclosure, s.Observations, s.Employers, s.P10, s.P25, s.P50, s.P75, s.P90, s.Mean, null, null)
            : new WagePriceRow(key.OccupationCode, key.RegionCode, disclosure, null, null, null, null, null, null, null, null, null, null);

    /// <summary>
    /// Suppression again after an operator excluded rows of a draft: every cell hidden before and every excluded cell
    /// enter as hidden, published cells with their counts, so the run can only hide more (never un-suppress a cell). A
    /// published cell that must now be hidden loses its figures.
    /// </summary>
    internal static IReadOnlyList<WagePriceRow> Resuppress(string region, IReadOnlyList<WagePriceRow> rows)
    {
        var hidden = new WageSummary(0, 0, 0, 0, null, null, null, null, null, null);
        var cells = rows.Select(row => KeyValuePair.Create(new WageCellKey(row.OccupationCode, row.RegionCode), row.IsPublished
            ? new WageSummary(row.Observations!.Value, row.Employers!.Value, 0, 0, null, null, null, null, null, null)
            : hidden)).ToList();
        var disclosure = WageSuppression.Apply(cells, WageSuppression.Groups(cells.Select(x => x.Key), Parent(region)), SuppressionRules.Default);
        return [.. rows.Select(row => row.IsPublished && disclosure[new WageCellKey(row.OccupationCode, row.RegionCode)] != CellDisclosure.Published
            ? row with
            {
                Disclosure = CellDisclosure.Secondary, Observations = null, Employers = null, P10 = null, P25 = null, P50 = null, P75 = null, P90 = null,
                Mean = null, PreviousP50 = null, PreviousMean = null,
            }
            : row)];
    }
}
