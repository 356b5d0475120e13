using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using TalentBridge.Domain.Demo;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge analytics refresh [--month yyyy-MM]</c>: computes the analytics facts now (ADR 0016), every month with
/// data or one. <c>talentbridge bench analytics</c>: on a fresh database of a demo scale (24 months of history), the full
/// refresh, the warning, forecast and wage-table jobs, and then every analytics page's query (supply and demand, talent map, shortage,
/// wages, warnings, forecasts), cold (first run on new connections) and warm (median of the runs), each against the 1 s aim.
/// </summary>
internal static class AnalyticsCommands
{
    /// <summary><see cref="Database"/>: an existing demo database of the scale to time instead of a fresh one (kept afterwards).</summary>
    private sealed record BenchOptions(string Engine, string? PostgresAdmin, string Scale, int Runs, int Seed, string? Database);

    /// <summary>The 1-second aim of every analytics page (issue 13): the baseline each page's time is printed against.</summary>
    private const double AimMs = 1000;

    /// <summary>
    /// What each timed page asks, as the operator of the scale's region (the province's or 丽水's): a function that runs
    /// the page's query and answers the number of rows it shows.
    /// </summary>
    private static IEnumerable<(string Name, Func<CancellationToken, Task<long>> Run)> Pages(IServiceProvider platform, Caller caller, string county,
        string lastMonth)
    {
        var supplyDemand = platform.GetRequiredService<SupplyDemand>();
        Func<CancellationToken, Task<long>> Rows(SupplyDemandFilter filter, bool allRows) => async ct =>
            (await supplyDemand.BuildAsync(caller, filter, allRows, ct)) is { View: { } view } ? view.Total : throw new InvalidOperationException("refused");
        var map = platform.GetRequiredService<TalentMap>();
        Func<CancellationToken, Task<long>> Map(string? region, TalentMapFilter filter) => async ct =>
            (await map.QueryAsync(caller, region, lastMonth, filter, ct)).Value?.Children.Count ?? throw new InvalidOperationException("refused");
        var lastYear = (int.Parse(lastMonth[..4], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
        var shortage = platform.GetRequiredService<ShortageCatalogues>();
        var wages = platform.GetRequiredService<WagePrices>();
        var warnings = platform.GetRequiredService<WarningAlerts>();
        var forecasts = platform.GetRequiredService<Forecasts>();
        var tiers = platform.GetRequiredService<TierBreakdown>();
        Func<CancellationToken, Task<long>> Tiers(string? region) => async ct =>
            (await tiers.BuildAsync(caller, region, lastMonth, ct)).View?.Rows.Count ?? throw new InvalidOperationException("refused");
        return
        [
            ("supplyDemand", Rows(new SupplyDemandFilter(), false)),
            ("supplyDemand.occupations24Months", Rows(new SupplyDemandFilter(Level: "4", From: SupplyDemand.Shift(lastMonth, 1 - SupplyDemand.MaxMonths),
                To: lastMonth, Sort: "ratio"), false)),
            ("supplyDemand.county", Rows(new SupplyDemandFilter(Level: "4", Region: county, Sort: "yoy"), false)),
            ("supplyDemand.industryDigital", Rows(new SupplyDemandFilter(Level: "2", Industry: "C", Digital: true), false)),
            ("supplyDemand.export", Rows(new SupplyDemandFilter(Level: "4"), true)),
            ("talentMap", Map(null, new TalentMapFilter())),
            ("talentMap.countyDigital", Map(county, new TalentMapFilter(Digital: true))),
            ("shortage.lastYear", async ct => (await shortage.ComputeAsync(caller, null, lastYear, true, ct)).Value?.Rows.Count
                ?? throw new InvalidOperationException("refused")),
            ("wages.lastYear", async ct => (await wages.ComputeAsync(caller, null, lastYear, ct)).Value?.Rows.Count
                ?? throw new InvalidOperationException("refused")),
            ("warnings", async ct => (await warnings.ListAsync(caller, new WarningQuery(), ct))?.Total ?? throw new InvalidOperationException("refused")),
            ("forecasts", async ct => (await forecasts.ListAsync(caller, new ForecastQuery(), ct))?.Total ?? throw new InvalidOperationException("refused")),
            ("enterpriseTiers", Tiers(null)),
            ("enterpriseTiers.county", Tiers(county)),
        ];
    }

    public static async Task<int> BenchAsync(IReadOnlyDictionary<string, string> arguments, TextWriter output, CancellationToken ct)
    {
        if (ParseBench(arguments) is not { } options)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge bench analytics [--engine sqlite|postgres] [--postgres \"admin connection\"] " +
                "[--scale small|lishui|province] [--runs 5] [--seed 2026] [--database \"connection of an existing demo database of the scale\"]");
            return 2;
        }
        await using var database = options.Database is null ? await BenchDatabase.CreateAsync("analytics", options.Engine, options.PostgresAdmin, ct) : null;
        await using var platform = CliPlatform.Build(new Dictionary<string, string>
        {
            ["provider"] = options.Engine, ["connection"] = database?.ConnectionString ?? options.Database!, ["contact-key"] = "bench-analytics-contact-key-2026",
        });
        var db = platform.GetRequiredService<Database>();
        await MigrationRunner.MigrateAsync(db, ct);
        var seed = database is null ? "an existing database" : (await platform.GetRequiredService<DemoSeeder>().SeedAsync(options.Scale, options.Seed, null, false, ct)).ToString();
        long cells;
        await using (var c = await db.OpenAsync(ct))
        {
            cells = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM analytics_cells", cancellationToken: ct));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench analytics: {options.Engine}, {seed} (history and facts included); {cells:N0} cells"));

        // The refresh as the job runner does it: every month, one transaction each (on an existing database the two
        // newest months, as the daily job does: a province's full refresh takes the better part of an hour).
        var refreshAnalytics = platform.GetRequiredService<AnalyticsRefresh>();
        var refresh = Stopwatch.StartNew();
        var months = new List<PeriodRefresh>();
        if (database is not null)
        {
            months.AddRange(await refreshAnalytics.RefreshAllAsync(null, ct));
        }
        else
        {
            foreach (var period in (await refreshAnalytics.PeriodsWithDataAsync(ct)).TakeLast(2))
            {
                months.Add(await refreshAnalytics.RefreshAsync(period, ct));
            }
        }
        var refreshMs = refresh.Elapsed.TotalMilliseconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"refresh: {months.Count} months in {refreshMs / 1000:F1} s (slowest month {months.Max(m => m.Elapsed.TotalMilliseconds):F0} ms)"));

        // What the jobs compute after a refresh: the newest month's warnings and the forecasts.
        var jobs = Stopwatch.StartNew();
        await platform.GetRequiredService<Warnings>().EvaluateAsync(months[^1].Period, ct);
        var warningsMs = jobs.Elapsed.TotalMilliseconds;
        jobs.Restart();
        var forecastRuns = await platform.GetRequiredService<Forecasts>().RunAsync(months[^1].Period, ct);
        var forecastMs = jobs.Elapsed.TotalMilliseconds;
        jobs.Restart();
        var wageTables = await platform.GetRequiredService<WagePrices>().PrecomputeAsync(months[^1].Period, ct);
        var wagesMs = jobs.Elapsed.TotalMilliseconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"jobs: warnings of {months[^1].Period} in {warningsMs:F0} ms; forecasts ({forecastRuns.Count} runs) in {forecastMs / 1000:F1} s; " +
            $"{wageTables} wage tables in {wagesMs / 1000:F1} s"));

        var scale = DemoScale.Parse(options.Scale)!;
        var county = scale.RegionCode == "33" ? "3311" : "331102";
        var caller = new Caller(1, Role.Operator, null, scale.RegionCode, null);
        var pages = new Dictionary<string, object>(StringComparer.Ordinal);
        var slowest = 0.0;
        foreach (var (name, run) in Pages(platform, caller, county, months[^1].Period))
        {
            // Cold: the first run on new connections (no statement, plan or page cache of a connection).
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            var watch = Stopwatch.StartNew();
            var rows = await run(ct);
            var cold = watch.Elapsed.TotalMilliseconds;
            var warm = new double[options.Runs];
            for (var i = 0; i < options.Runs; i++)
            {
                watch.Restart();
                await run(ct);
                warm[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(warm);
            var median = warm[warm.Length / 2];
            slowest = Math.Max(slowest, Math.Max(cold, median));
            pages[name] = new { coldMs = Math.Round(cold, 1), warmMedianMs = Math.Round(median, 1), rows };
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-36} cold {cold,8:F1} ms   warm median {median,8:F1} ms   {Math.Max(cold, median) / AimMs,5:F2} x the 1 s aim   ({rows:N0} rows)"));
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            slowestMs = Math.Round(slowest, 1), aimRatio = Math.Round(slowest / AimMs, 2), engine = options.Engine, scale = options.Scale, cells,
            refreshMs = Math.Round(refreshMs), warningsMs = Math.Round(warningsMs), forecastMs = Math.Round(forecastMs), wagesMs = Math.Round(wagesMs), pages,
        }));
        return 0;
    }

    private static BenchOptions? ParseBench(IReadOnlyDictionary<string, string> arguments)
    {
        var engine = arguments.GetValueOrDefault("engine") ?? "sqlite";
        var scale = arguments.GetValueOrDefault("scale") ?? "lishui";
        var runs = 5;
        var seed = 2026;
        if (engine is not ("sqlite" or "postgres") || DemoScale.Parse(scale) is null
            || (arguments.GetValueOrDefault("runs") is { } r && (!int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out runs) || runs < 1))
            || (arguments.GetValueOrDefault("seed") is { } s && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed)))
        {
            return null;
        }
        string? admin = null;
        if (!arguments.ContainsKey("database") && !BenchDatabase.TryAdmin(arguments, engine, out admin))
        {
            return null;
        }
        return new BenchOptions(engine, admin, scale, runs, seed, arguments.GetValueOrDefault("database"));
    }

    public static async Task<int> RefreshAsync(IServiceProvider platform, Dictionary<string, string> options, TextWriter output, CancellationToken ct)
    {
        var refresh = platform.GetRequiredService<AnalyticsRefresh>();
        if (options.GetValueOrDefault("month") is { } month)
        {
            if (AnalyticsRefresh.FirstDay(month) is null)
            {
                await Console.Error.WriteLineAsync($"error: --month must be a month yyyy-MM, not '{month}'");
                return 2;
            }
            Print(output, await refresh.RefreshAsync(month, ct));
            return 0;
        }
        var done = await refresh.RefreshAllAsync(new SyncProgress(r => Print(output, r)), ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refreshed {done.Count} months in {done.Sum(r => r.Elapsed.TotalSeconds):F1} s"));
        return 0;
    }

    private static void Print(TextWriter output, PeriodRefresh r) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {r.Period}  {r.Cells,8:N0} cells  {r.WageObservations,8:N0} wages  {r.EnterpriseMonths,7:N0} enterprises  {r.Elapsed.TotalMilliseconds,8:F0} ms"));

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<PeriodRefresh> report) : IProgress<PeriodRefresh>
    {
        public void Report(PeriodRefresh value) => report(value);
    }
}
