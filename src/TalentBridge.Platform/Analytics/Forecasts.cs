using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// The stored summary of a forecast run for one measure and level: <see cref="Forecasting.Summarise"/>'s figures over
/// its series (the share of backtested series whose chosen method beats Naive2, mean sMAPE and MASE, OWA).
/// </summary>
public sealed record ForecastRunSummary(string Measure, string Level, string Period, DateTimeOffset ComputedAt, int Horizon, ForecastSummary Summary);

/// <summary>
/// One stored forecast: the series of a measure for an occupation group in a region (<see cref="Level"/> county: 小类 ×
/// county, city: 中类 × city), its history ending with <see cref="Period"/>, the chosen method's forecast, its backtest
/// errors and Naive2's, the backtest of every method tried, and <see cref="Next3"/>/<see cref="Next6"/>: for headcount
/// sought the sums over the next 3 and 6 months, for open positions the values of the 3rd and 6th month.
/// </summary>
public sealed record ForecastRow(string Measure, string Level, string RegionCode, string OccupationCode, string Period, ForecastMethod Method,
    ForecastNote Note, IReadOnlyList<double> History, IReadOnlyList<double> Forecast, IReadOnlyList<MethodAccuracy> Backtest, double? Smape,
    double? Mase, double? Naive2Smape, double? Naive2Mase, bool? BeatsNaive2, double Next3, double Next6);

/// <summary>Filters, sort and page of the forecast table.</summary>
public sealed record ForecastQuery
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-demand"] = " ORDER BY f.next6 DESC, f.region_code, f.occupation_code",
        ["demand"] = " ORDER BY f.next6, f.region_code, f.occupation_code",
        ["smape"] = " ORDER BY f.smape IS NULL, f.smape, f.region_code, f.occupation_code",
        ["-smape"] = " ORDER BY f.smape IS NULL, f.smape DESC, f.region_code, f.occupation_code",
        ["mase"] = " ORDER BY f.mase IS NULL, f.mase, f.region_code, f.occupation_code",
        ["-mase"] = " ORDER BY f.mase IS NULL, f.mase DESC, f.region_code, f.occupation_code",
    };

    public string Measure { get; init; } = Forecasts.Headcount;
    public string Level { get; init; } = Forecasts.County;
    /// <summary>An occupation group (大类 2, 中类 2-02 or 小类 2-02-10, with or without -00): the series within it.</summary>
    public string? Occupation { get; init; }
    /// <summary>A region: the series of its subtree (within the caller's scope).</summary>
    public string? Region { get; init; }
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public ValidationErrors Validate(ReferenceData reference) => new ValidationErrors()
        .When(!Forecasts.Measures.Contains(Measure), "measure", "must be one of the listed options")
        .When(!Forecasts.Levels.Contains(Level), "level", "must be one of the listed options")
        .When(Occupation is not null && reference.Occupations.Find(ListQuery.PadOccupation(Occupation)) is not { Level: < 4 }, "occupation",
            "must be an occupation group code such as 2-02")
        .When(Region is not null && reference.Regions.Find(Region) is null, "region", "is not in the region catalogue")
        .When(Sort is not null && !SortKeys.ContainsKey(Sort), "sort", "must be one of the listed options")
        .When(Page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
        .When(PageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
}

/// <summary>
/// Demand forecasts per occupation × region (issue 13 item 6). The job <see cref="JobKind"/> reads the monthly headcount
/// sought and open positions of the newest complete month's <see cref="HistoryMonths"/> months from
/// <c>analytics_cells</c>, per occupation 小类 × county and per 中类 × city, forecasts every series with
/// <see cref="Forecasting.Forecast"/> (horizon 6, the method chosen per series by a rolling-origin backtest), and
/// replaces the previous run — series and summaries — in one transaction. Each series starts at its first month with
/// demand; a series of the measure without any is not stored. Pages and the API read the stored run.
/// </summary>
public sealed class Forecasts(Database db, Leases leases, ReferenceData reference, TimeProvider time)
{
    public const string JobKind = "analytics.forecast";
    public const string Headcount = "headcount";
    public const string Open = "open";
    public const string County = "county";
    public const string City = "city";
    public const int Horizon = 6;

    /// <summary>Months of history read per series (three seasons: enough for the seasonal test and six backtest origins).</summary>
    public const int HistoryMonths = 36;

    public static readonly IReadOnlyList<string> Measures = [Headcount, Open];
    public static readonly IReadOnlyList<string> Levels = [County, City];

    private const string Columns =
        "f.measure, f.level, f.region_code, f.occupation_code, f.period, f.method, f.note, f.history, f.forecast, f.backtest, f.smape, f.mase, " +
        "f.naive2_smape, f.naive2_mase, f.beats_naive2, f.next3, f.next6";

    private const string Insert =
        "INSERT INTO forecast_series (measure, level, region_code, occupation_code, period, method, note, history, forecast, backtest, smape, mase, " +
        "naive2_smape, naive2_mase, beats_naive2, next3, next6) VALUES (@Measure, @Level, @Region, @Occupation, @Period, @Method, @Note, @History, " +
        "@Forecast, @Backtest, @Smape, @Mase, @Naive2Smape, @Naive2Mase, @BeatsNaive2, @Next3, @Next6)";

    /// <summary>Demand forecasts are for operators and administrators.</summary>
    public static bool CanSee(Caller caller) => WarningAlerts.CanSee(caller);

    /// <summary>Queues a run for a month (see the overload in a transaction).</summary>
    public Task QueueAsync(string period, CancellationToken ct) => AnalyticsMonth.QueueAsync(db, period, (c, tx) => QueueAsync(c, tx, period, time.GetUtcNow()), ct);

    /// <summary>
    /// Queues a run in the caller's transaction (e.g. the refresh that replaced the month's facts), when the month is the
    /// newest complete month with facts: the current month is not complete, and an older month's run would replace the
    /// newer one (a first start refreshes every month). No second job while one is waiting.
    /// </summary>
    public static async Task QueueAsync(DbConnection c, DbTransaction tx, string period, DateTimeOffset now)
    {
        var current = AnalyticsMonth.Of(AnalyticsMonth.Current(now));
        if (string.CompareOrdinal(period, current) >= 0 || await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM analytics_periods WHERE period > @period AND period < @current", new { period, current }, tx) > 0)
        {
            return;
        }
        await AnalyticsMonth.QueueAsync(c, tx, JobKind, period, now);
    }

    /// <summary>
    /// The daily sweep's part: a run for the newest complete month with facts, unless the stored run is of that month and
    /// newer than its facts.
    /// </summary>
    internal Task QueueStaleAsync(CancellationToken ct) => AnalyticsMonth.QueueEachAsync(db, JobKind,
        "SELECT p.period FROM (SELECT period, refreshed_at FROM analytics_periods WHERE period < @current ORDER BY period DESC LIMIT 1) p " +
        "WHERE NOT EXISTS (SELECT 1 FROM forecast_summaries s WHERE s.period = p.period AND s.computed_at >= p.refreshed_at)",
        new { current = AnalyticsMonth.Of(AnalyticsMonth.Current(time.GetUtcNow())) }, time.GetUtcNow(), ct);

    /// <summary>Computes and stores the forecasts of every series up to <paramref name="period"/>; one node at a time.</summary>
    public async Task<IReadOnlyList<ForecastRunSummary>> RunAsync(string period, CancellationToken ct)
    {
        var month = AnalyticsMonth.Parse(period) ?? throw new ArgumentException($"'{period}' is not a month (YYYY-MM).", nameof(period));
        return await AnalyticsMonth.HoldingLeaseAsync(leases, JobKind, token => RunHeldAsync(month, token), ct);
    }

    private async Task<IReadOnlyList<ForecastRunSummary>> RunHeldAsync(DateOnly month, CancellationToken ct)
    {
        var period = AnalyticsMonth.Of(month);
        var first = month.AddMonths(1 - HistoryMonths);
        // (level, region, occupation group) → per month: headcount sought, positions open.
        var series = new Dictionary<(string Level, string Region, string Occupation), double[,]>();
        void Add(string level, string region, string occupation, int index, long headcount, long open)
        {
            if (!series.TryGetValue((level, region, occupation), out var values))
            {
                series[(level, region, occupation)] = values = new double[HistoryMonths, 2];
            }
            values[index, 0] += headcount;
            values[index, 1] += open;
        }
        await using (var c = await db.OpenAsync(ct))
        {
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                "SELECT period, substr(region_code, 1, 6), substr(occupation_code, 1, 7), sum(headcount_sought), sum(positions_open) FROM analytics_county_cells " +
                "WHERE period >= @from AND period <= @to AND occupation_code <> '' " +
                "GROUP BY period, substr(region_code, 1, 6), substr(occupation_code, 1, 7)",
                new { from = AnalyticsMonth.Of(first), to = period }, cancellationToken: ct));
            while (await r.ReadAsync(ct))
            {
                var at = AnalyticsMonth.Parse(r.GetString(0))!.Value;
                var index = (at.Year - first.Year) * 12 + at.Month - first.Month;
                var county = r.GetString(1);
                var minorGroup = r.GetString(2);
                long headcount = r.Long(3), open = r.Long(4);
                Add(County, RegionCatalogue.Pad(county), minorGroup + "-00", index, headcount, open);
                Add(City, RegionCatalogue.Pad(county[..4]), minorGroup[..4] + "-00-00", index, headcount, open);
            }
        }
        var options = new ForecastOptions(Horizon);
        var jobs = series.SelectMany(s => Measures.Select((measure, m) => (s.Key, Measure: measure, Values: Trimmed(s.Value, m))))
            .Where(j => j.Values.Length > 0).ToArray();
        var results = new ConcurrentBag<(string Measure, string Level, string Region, string Occupation, double[] History, DemandForecast Forecast)>();
        // Half the cores: the node keeps answering requests while a province's tens of thousands of series are computed.
        Parallel.ForEach(jobs, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) },
            j => results.Add((j.Measure, j.Key.Level, j.Key.Region, j.Key.Occupation, j.Values, Forecasting.Forecast(j.Values, options))));
        var now = time.GetUtcNow();
        var summaries = results.GroupBy(x => (x.Measure, x.Level))
            .Select(g => new ForecastRunSummary(g.Key.Measure, g.Key.Level, period, now, Horizon, Forecasting.Summarise(g.Select(x => x.Forecast))))
            .OrderBy(s => s.Measure != Headcount).ThenBy(s => s.Level != County).ToList();
        await db.InTransactionAsync(async (c, tx) =>
        {
            // A late run for an older month never replaces the forecasts of a newer one.
            if (await c.ExecuteScalarAsync<string?>("SELECT max(period) FROM forecast_summaries", transaction: tx) is { } stored
                && string.CompareOrdinal(stored, period) > 0)
            {
                return 0;
            }
            await c.ExecuteAsync("DELETE FROM forecast_series", transaction: tx);
            await c.ExecuteAsync("DELETE FROM forecast_summaries", transaction: tx);
            await BulkInsert.WriteAsync(c, tx, Insert, results.Select(x => Stored(x.Measure, x.Level, x.Region, x.Occupation, period, x.History, x.Forecast)), ct);
            foreach (var s in summaries)
            {
                var f = s.Summary;
                await c.ExecuteAsync(
                    "INSERT INTO forecast_summaries (measure, level, period, computed_at, horizon, series, backtested, share_beating_naive2, mean_smape, " +
                    "mean_smape_naive2, mean_mase, mean_mase_naive2, owa) VALUES (@Measure, @Level, @Period, @now, @Horizon, @Series, @Backtested, " +
                    "@ShareBeatingNaive2, @MeanSmape, @MeanSmapeNaive2, @MeanMase, @MeanMaseNaive2, @Owa)",
                    new
                    {
                        s.Measure, s.Level, s.Period, now = Database.Utc(now), s.Horizon, f.Series, f.Backtested, f.ShareBeatingNaive2, f.MeanSmape,
                        f.MeanSmapeNaive2, f.MeanMase, f.MeanMaseNaive2, f.Owa,
                    }, tx);
            }
            return 0;
        }, ct);
        return summaries;
    }

    /// <summary>One measure's monthly values from the series' first month with a value above 0 (empty when it has none).</summary>
    private static double[] Trimmed(double[,] values, int measure)
    {
        var start = 0;
        while (start < HistoryMonths && values[start, measure] == 0)
        {
            start++;
        }
        return [.. Enumerable.Range(start, HistoryMonths - start).Select(i => values[i, measure])];
    }

    private static object Stored(string measure, string level, string region, string occupation, string period, double[] history, DemandForecast f)
    {
        var values = f.Values;
        var flow = measure == Headcount;
        return new
        {
            Measure = measure, Level = level, Region = region, Occupation = occupation, Period = period, Method = (int)f.Method, Note = (int)f.Note,
            History = Row.ToJson(history), Forecast = Row.ToJson(values), Backtest = Row.ToJson(f.Backtest), Smape = f.Chosen?.Smape, Mase = f.Chosen?.Mase,
            Naive2Smape = f.Naive2?.Smape, Naive2Mase = f.Naive2?.Mase, BeatsNaive2 = f.BeatsNaive2 is { } b ? (int?)(b ? 1 : 0) : null,
            Next3 = flow ? values.Take(3).Sum() : values.ElementAtOrDefault(2), Next6 = flow ? values.Take(6).Sum() : values.ElementAtOrDefault(5),
        };
    }

    /// <summary>The stored run's summaries (none before the first run).</summary>
    public async Task<IReadOnlyList<ForecastRunSummary>> SummariesAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = new List<ForecastRunSummary>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT measure, level, period, computed_at, horizon, series, backtested, share_beating_naive2, mean_smape, mean_smape_naive2, mean_mase, " +
            "mean_mase_naive2, owa FROM forecast_summaries", cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            rows.Add(new ForecastRunSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.Timestamp(3), r.Int(4),
                new ForecastSummary(r.Int(5), r.Int(6), D(7), D(8), D(9), D(10), D(11), D(12))));
        }
        return [.. rows.OrderBy(s => s.Measure != Headcount).ThenBy(s => s.Level != County)];
    }

    public async Task<Page<ForecastRow>?> ListAsync(Caller caller, ForecastQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!CanSee(caller))
        {
            return null;
        }
        var where = Filter(caller, query.Measure, query.Level, query.Region);
        if (query.Occupation is { } occupation)
        {
            where.CodePrefix("f.occupation_code", OccupationCatalogue.Prefix(ListQuery.PadOccupation(occupation)), "occupation");
        }
        var orderBy = query.Sort is { } sort && ForecastQuery.SortKeys.TryGetValue(sort, out var sql) ? sql : ForecastQuery.SortKeys["-demand"];
        return await ListSql.PageAsync(db, "forecast_series f", Columns, where, orderBy,
            new ListQuery { Page = Math.Clamp(query.Page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(query.PageSize, 1, ListQuery.MaxPageSize) }, Read,
            null, ct);
    }

    /// <summary>One series in the caller's scope, or null.</summary>
    public async Task<ForecastRow?> FindAsync(Caller caller, string measure, string level, string region, string occupation, CancellationToken ct)
    {
        if (!CanSee(caller) || reference.Regions.Find(region) is not { } found)
        {
            return null;
        }
        var where = Filter(caller, measure, level, null)
            .Add("f.region_code = @code", "code", RegionCatalogue.Pad(found.Code))
            .Add("f.occupation_code = @occupationCode", "occupationCode", ListQuery.PadOccupation(occupation));
        await using var c = await db.OpenAsync(ct);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM forecast_series f{where}", where.Parameters,
            cancellationToken: ct));
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    private static Where Filter(Caller caller, string measure, string level, string? region)
    {
        var where = new Where().Add("f.measure = @measure", "measure", measure).Add("f.level = @level", "level", level);
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("f.region_code", scope, "scope");
        }
        if (region is not null)
        {
            where.RegionSubtree("f.region_code", region, "region");
        }
        return where;
    }

    private static ForecastRow Read(DbDataReader r)
    {
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        return new ForecastRow(r.GetString(0), r.GetString(1), RegionCatalogue.Significant(r.GetString(2)), r.GetString(3), r.GetString(4),
            r.Enum<ForecastMethod>(5), r.Enum<ForecastNote>(6), r.FromJson<double[]>(7), r.FromJson<double[]>(8), r.FromJson<MethodAccuracy[]>(9),
            D(10), D(11), D(12), D(13), r.IsDBNull(14) ? null : r.Int(14) == 1, r.GetDouble(15), r.GetDouble(16));
    }
}
