using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>What one refresh of a month read and wrote.</summary>
public sealed record PeriodRefresh(string Period, long Cells, long WageObservations, long EnterpriseMonths, TimeSpan Elapsed);

/// <summary>The payload of an <see cref="AnalyticsRefresh.JobKind"/> job: the month to compute ("2026-05").</summary>
public sealed record AnalyticsRefreshPayload(string Period);

/// <summary>
/// Computes one month of the analytics facts (ADR 0016, migration 0023) from the pools, the imported postings and the
/// flow: <c>analytics_cells</c>, <c>wage_observations</c>, <c>analytics_enterprise_months</c> and <c>analytics_periods</c>,
/// each with one aggregate <c>INSERT … SELECT</c>, replacing the month's rows in one transaction (readers see the old
/// month or the new one). Months are China months. Definitions:
/// <list type="bullet">
/// <item>a pool position is open at the month's end when it was posted on or before the last day, expires after it and
/// was not closed on or before it (<c>closed_on</c>); new when posted in the month; closed when closed in the month;</item>
/// <item>an imported posting counts once per duplicate cluster (not merged away, not published as a pool position, with
/// a region), in the month it was posted (its first sighting when the sources give no date), and is open for 30 days;
/// its headcount is the largest of its sources' (1 when none says);</item>
/// <item>headcount sought is the headcount of the positions and clusters posted in the month; a pool position's is its
/// headcount as posted (what is left plus the places its agreements took);</item>
/// <item>a monthly wage is the salary range's midpoint × months paid ÷ 12 in yuan; an agreement's is its terms' salary
/// × months ÷ 12;</item>
/// <item>a talent counts from registration on, once, under the first occupation listed, in the township (or county) of
/// residence; applications, agreements and terminations count in the month they happened, in the position's cell;</item>
/// <item>cells are township × occupation (as coded: a 细类, or a 小类 where that is all the record says; '' unknown) ×
/// industry section (the position's industry, else its enterprise's; a cluster's from the pool enterprise with its
/// USCC; '' for talents); enterprise months are kept for enterprises with any activity in the month.</item>
/// </list>
/// </summary>
public sealed class AnalyticsRefresh(Database db, ReferenceData reference, Leases leases, TimeProvider time)
{
    public const string JobKind = "analytics.refresh";

    /// <summary>A month of one refresh may run for minutes at province scale; the default 30 s would cut it off.</summary>
    private const int StatementSeconds = 1_800;

    private readonly string _section = SectionSql(reference.Industries);
    private readonly (string Digital, string Green) _flags = FlagSql(reference.Occupations);

    /// <summary>"2026-05" for a date in May 2026.</summary>
    public static string PeriodOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of a period, or null when <paramref name="period"/> is not a month "yyyy-MM" (2000 or later).</summary>
    public static DateOnly? FirstDay(string? period) =>
        period is { Length: 7 } && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && day.Year >= 2000 ? day : null;

    /// <summary>Computes <paramref name="period"/> and replaces its rows.</summary>
    public async Task<PeriodRefresh> RefreshAsync(string period, CancellationToken ct)
    {
        var first = FirstDay(period) ?? throw new ArgumentException($"'{period}' is not a month (yyyy-MM).", nameof(period));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var last = first.AddMonths(1).AddDays(-1);
        var startAt = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var endAt = new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var p = new
        {
            period,
            first,
            last,
            startAt,
            endAt,
            // Clusters are open for 30 days: posted on d, open on d … d+29.
            openFrom = last.AddDays(-29),
            openFromAt = endAt.AddDays(-30),
            since = first < last.AddDays(-29) ? first : last.AddDays(-29),
            now = Database.Utc(time.GetUtcNow()),
            lockKey = 0x616E_0000L + (first.Year * 100) + first.Month,
        };
        var (cells, wages, enterprises) = await db.InTransactionAsync(async (c, tx) =>
        {
            if (db.Engine == DatabaseEngine.Postgres)
            {
                // Two nodes refreshing the same month would each delete, then both insert: one at a time per month.
                await Run(c, tx, "SELECT pg_advisory_xact_lock(@lockKey)", p, ct);
            }
            foreach (var table in (string[])["analytics_cells", "wage_observations", "analytics_enterprise_months", "analytics_periods"])
            {
                await Run(c, tx, $"DELETE FROM {table} WHERE period = @period", p, ct);
            }
            var cells = await Run(c, tx, CellsSql(), p, ct);
            await RollUpAsync(c, tx, period, ct);
            var wages = await Run(c, tx, WagesSql(), p, ct);
            var enterprises = await Run(c, tx, EnterpriseMonthsSql(), p, ct);
            await Run(c, tx,
                "INSERT INTO analytics_periods (period, refreshed_at, positions, postings, talents, agreements) SELECT @period, @now, " +
                $"(SELECT count(*) FROM positions p WHERE {PositionsInMonth}), (SELECT count(*) FROM posting_clusters c WHERE {ClustersInMonth}), " +
                "(SELECT coalesce(sum(talents), 0) FROM analytics_cells WHERE period = @period), " +
                "(SELECT coalesce(sum(agreements), 0) FROM analytics_cells WHERE period = @period)", p, ct);
            // What is computed from the month's facts follows them: queued in the same transaction.
            await Warnings.QueueAsync(c, tx, period, time.GetUtcNow());
            await Forecasts.QueueAsync(c, tx, period, time.GetUtcNow());
            await WagePrices.QueueAsync(c, tx, period, time.GetUtcNow());
            return ((long)cells, (long)wages, (long)enterprises);
        }, ct);
        return new PeriodRefresh(period, cells, wages, enterprises, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private static Task<int> Run(DbConnection c, DbTransaction? tx, string sql, object p, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(sql, p, tx, StatementSeconds, cancellationToken: ct));

    /// <summary>Every month from the earliest posting, cluster or talent registration up to the current one, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PeriodsWithDataAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var earliestPosted = await c.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT min(d) FROM (SELECT min(posted_on) AS d FROM positions UNION ALL SELECT min(posted_on) FROM posting_clusters) x", cancellationToken: ct));
        var earliestTalent = await c.ExecuteScalarAsync<object?>(new CommandDefinition("SELECT min(created_at) FROM talents", cancellationToken: ct));
        var today = ChinaTime.Today(time);
        var starts = new List<DateOnly>();
        if (earliestPosted is not null and not DBNull)
        {
            starts.Add(DateOnlyHandler.ParseValue(earliestPosted));
        }
        if (earliestTalent is not null and not DBNull)
        {
            starts.Add(ChinaTime.Date(earliestTalent switch
            {
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                DateTimeOffset dto => dto,
                var text => DateTimeOffset.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            }));
        }
        if (starts.Count == 0)
        {
            return [];
        }
        var month = new DateOnly(starts.Min().Year, starts.Min().Month, 1);
        var periods = new List<string>();
        for (; month <= today; month = month.AddMonths(1))
        {
            periods.Add(PeriodOf(month));
        }
        return periods;
    }

    /// <summary>Computes every month with data now, oldest first (seeding, <c>talentbridge analytics refresh</c>).</summary>
    public async Task<IReadOnlyList<PeriodRefresh>> RefreshAllAsync(IProgress<PeriodRefresh>? progress, CancellationToken ct)
    {
        var done = new List<PeriodRefresh>();
        foreach (var period in await PeriodsWithDataAsync(ct))
        {
            var refresh = await RefreshAsync(period, ct);
            progress?.Report(refresh);
            done.Add(refresh);
        }
        return done;
    }

    /// <summary>Queues a refresh job per month unless one for that month is queued already; returns how many were queued.</summary>
    public async Task<int> QueueAsync(IEnumerable<string> periods, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var queued = 0;
            foreach (var period in periods)
            {
                var payload = JsonSerializer.Serialize(new AnalyticsRefreshPayload(period), Row.Json);
                if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = @kind AND status = 'queued' AND payload = @payload",
                        new { kind = JobKind, payload }, tx) == 0)
                {
                    await JobTable.EnqueueAsync(c, tx, JobKind, new AnalyticsRefreshPayload(period), now, now, maxAttempts: 3);
                    queued++;
                }
            }
            return queued;
        }, ct);
    }

    /// <summary>
    /// The schedule, from every node's job sweep: while no month has facts and no refresh was ever queued, every month
    /// with data (the first start on a database with data); otherwise, once per China day, the current and the
    /// previous month. One node at a time (a lease), and the jobs table says what was queued already, so several nodes
    /// queue each month once.
    /// </summary>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var queued = await leases.WhileHoldingAsync("analytics.queue", TimeSpan.Zero, async token =>
        {
            var today = ChinaTime.Today(time);
            var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
            long computed, jobs, jobsToday;
            await using (var c = await db.OpenAsync(token))
            {
                computed = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM analytics_periods", cancellationToken: token));
                (jobs, jobsToday) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition(
                    "SELECT count(*), coalesce(sum(CASE WHEN created_at >= @dayStart THEN 1 ELSE 0 END), 0) FROM jobs WHERE kind = @kind",
                    new { kind = JobKind, dayStart = Database.Utc(dayStart) }, cancellationToken: token));
            }
            if (computed == 0 && jobs == 0)
            {
                return (object)await QueueAsync(await PeriodsWithDataAsync(token), token);
            }
            return jobsToday > 0 ? 0 : (object)await QueueAsync([PeriodOf(today.AddMonths(-1)), PeriodOf(today)], token);
        }, ct);
        return queued is int count ? count : 0;
    }

    // ------------------------------------------------------------------ SQL

    /// <summary>Pool positions that count in the month: posted by its end and new, still open at its end, or closed in it.</summary>
    private const string PositionsInMonth =
        "p.posted_on <= @last AND (p.posted_on >= @first OR p.closed_on >= @first OR (p.expires_on > @last AND p.closed_on IS NULL))";

    /// <summary>Clusters that count in the month: posted in it or within the 30 days before its end.</summary>
    private const string ClustersInMonth =
        "c.merged_into IS NULL AND c.position_id IS NULL AND c.region_code IS NOT NULL " +
        "AND ((c.posted_on >= @since AND c.posted_on <= @last) OR (c.posted_on IS NULL AND c.first_seen >= @openFromAt AND c.first_seen < @endAt) " +
        "OR (c.posted_on IS NULL AND c.first_seen >= @startAt AND c.first_seen < @endAt))";

    /// <summary>The cell's region: the township of a 12-digit code, or the code itself above township level.</summary>
    private static string Cell(string column) => $"substr({column}, 1, 9) || '000'";

    private static string Wage(string min, string max, string months) => $"CAST(round(({min} + {max}) * {months} / 24.0) AS integer)";

    private string TermsWage(string terms) => db.Engine == DatabaseEngine.Postgres
        ? $"CAST(round(({terms}::jsonb ->> 'monthlySalary')::numeric * ({terms}::jsonb ->> 'monthsPerYear')::numeric / 12) AS integer)"
        : $"CAST(round(json_extract({terms}, '$.monthlySalary') * json_extract({terms}, '$.monthsPerYear') / 12.0) AS integer)";

    private string FirstOccupation(string occupations) => db.Engine == DatabaseEngine.Postgres
        ? $"coalesce({occupations}::jsonb -> 0 ->> 'code', '')"
        : $"coalesce(json_extract({occupations}, '$[0].code'), '')";

    private string Section(string industryCode) => string.Format(CultureInfo.InvariantCulture, _section, industryCode);

    /// <summary>One row per pool position counting in the month, with its cell, enterprise and measures.</summary>
    private string PositionFacts() =>
        $"SELECT p.id, p.enterprise_id, {Cell("p.region_code")} AS region, p.occupation_code AS occupation, " +
        $"{Section("coalesce(p.industry_code, e.industry_code)")} AS section, " +
        "CASE WHEN p.expires_on > @last AND (p.closed_on IS NULL OR p.closed_on > @last) THEN 1 ELSE 0 END AS open_end, " +
        "CASE WHEN p.posted_on >= @first THEN 1 ELSE 0 END AS new_in, " +
        "CASE WHEN p.closed_on >= @first AND p.closed_on <= @last THEN 1 ELSE 0 END AS closed_in, " +
        "CASE WHEN p.posted_on >= @first THEN p.headcount + (SELECT count(*) FROM agreements g WHERE g.position_id = p.id) ELSE 0 END AS sought, " +
        $"{Wage("p.salary_min", "p.salary_max", "p.months_per_year")} AS wage " +
        $"FROM positions p JOIN enterprises e ON e.id = p.enterprise_id WHERE {PositionsInMonth}";

    /// <summary>One row per cluster counting in the month.</summary>
    private string ClusterFacts() =>
        $"SELECT c.id, e.id AS enterprise_id, c.uscc, c.enterprise_name, {Cell("c.region_code")} AS region, coalesce(c.occupation_code, '') AS occupation, " +
        $"{Section("e.industry_code")} AS section, " +
        "CASE WHEN (c.posted_on >= @openFrom AND c.posted_on <= @last) OR (c.posted_on IS NULL AND c.first_seen >= @openFromAt AND c.first_seen < @endAt) " +
        "THEN 1 ELSE 0 END AS open_end, " +
        "CASE WHEN (c.posted_on >= @first AND c.posted_on <= @last) OR (c.posted_on IS NULL AND c.first_seen >= @startAt AND c.first_seen < @endAt) " +
        "THEN 1 ELSE 0 END AS new_in, " +
        "coalesce((SELECT max(s.headcount) FROM source_postings s WHERE s.cluster_id = c.id), 1) AS sought, " +
        $"CASE WHEN c.salary_min IS NULL THEN NULL ELSE {Wage("c.salary_min", "coalesce(c.salary_max, c.salary_min)", "c.months_per_year")} END AS wage " +
        $"FROM posting_clusters c LEFT JOIN enterprises e ON e.uscc = c.uscc WHERE {ClustersInMonth}";

    /// <summary>Agreements with their position's cell; <paramref name="when"/> names the column that falls in the month.</summary>
    private string AgreementFacts(string when) =>
        $"SELECT g.id, g.enterprise_id, {Cell("g.region_code")} AS region, p.occupation_code AS occupation, " +
        $"{Section("coalesce(p.industry_code, e.industry_code)")} AS section, {TermsWage("g.terms")} AS wage " +
        $"FROM agreements g JOIN positions p ON p.id = g.position_id JOIN enterprises e ON e.id = p.enterprise_id WHERE g.{when} >= @startAt AND g.{when} < @endAt";

    /// <summary>The columns of the cell tables (the township cells and their county and city roll-ups), in order.</summary>
    private const string CellColumns =
        "period, region_code, occupation_code, industry_section, digital, green, talents, talents_new, positions_open, positions_new, positions_closed, " +
        "headcount_sought, applications, agreements, terminated, salary_weight, salary_sum";

    private string CellsSql()
    {
        const string zeros7 = "0, 0, 0, 0, 0, 0, 0";
        return
            $"INSERT INTO analytics_cells ({CellColumns}) " +
            $"SELECT @period, region, occupation, section, {_flags.Digital}, {_flags.Green}, sum(talents), sum(talents_new), sum(positions_open), " +
            "sum(positions_new), sum(positions_closed), sum(headcount_sought), sum(applications), sum(agreements), sum(terminated), sum(salary_weight), " +
            "sum(salary_sum) FROM (" +
            // Pool positions.
            "SELECT region, occupation, section, 0 AS talents, 0 AS talents_new, open_end AS positions_open, new_in AS positions_new, " +
            "closed_in AS positions_closed, sought AS headcount_sought, 0 AS applications, 0 AS agreements, 0 AS terminated, sought AS salary_weight, " +
            $"CAST(sought AS bigint) * wage AS salary_sum FROM ({PositionFacts()}) pf " +
            // Imported postings, once per cluster.
            "UNION ALL SELECT region, occupation, section, 0, 0, open_end, new_in, 0, new_in * sought, 0, 0, 0, " +
            $"CASE WHEN wage IS NULL THEN 0 ELSE new_in * sought END, CASE WHEN wage IS NULL THEN 0 ELSE CAST(new_in * sought AS bigint) * wage END FROM ({ClusterFacts()}) cf " +
            // Talents registered by the month's end, once each.
            $"UNION ALL SELECT {Cell("t.residence_region_code")}, {FirstOccupation("t.occupations")}, '', 1, " +
            $"CASE WHEN t.created_at >= @startAt THEN 1 ELSE 0 END, {zeros7}, 0, 0 FROM talents t WHERE t.created_at < @endAt " +
            // Applications made in the month.
            $"UNION ALL SELECT {Cell("a.region_code")}, p.occupation_code, {Section("coalesce(p.industry_code, e.industry_code)")}, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 " +
            "FROM applications a JOIN positions p ON p.id = a.position_id JOIN enterprises e ON e.id = p.enterprise_id " +
            "WHERE a.applied_at >= @startAt AND a.applied_at < @endAt " +
            // Agreements signed, and agreements terminated, in the month.
            $"UNION ALL SELECT region, occupation, section, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 FROM ({AgreementFacts("signed_at")}) sf " +
            $"UNION ALL SELECT region, occupation, section, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 FROM ({AgreementFacts("terminated_at")}) tf " +
            ") f GROUP BY region, occupation, section";
    }

    /// <summary>
    /// The table to sum the cells of a view from whose rows are regions of <paramref name="childLength"/> digits: the
    /// city roll-up for a province's cities (or the province itself), the county roll-up for a city's counties, the
    /// township cells below that (migration 0029: at province scale a month is 18,000, 95,000 and 400,000 rows).
    /// </summary>
    public static string CellsTable(int childLength) => childLength switch
    {
        <= 4 => "analytics_city_cells",
        <= 6 => "analytics_county_cells",
        _ => "analytics_cells",
    };

    /// <summary>Replaces a month's county and city roll-ups with its cells summed per county and per city, in the caller's transaction.</summary>
    internal static async Task RollUpAsync(DbConnection c, DbTransaction? tx, string period, CancellationToken ct)
    {
        (string Table, string From, int Digits)[] levels = [("analytics_county_cells", "analytics_cells", 6), ("analytics_city_cells", "analytics_county_cells", 4)];
        foreach (var (table, from, digits) in levels)
        {
            var p = new { period };
            await Run(c, tx, $"DELETE FROM {table} WHERE period = @period", p, ct);
            await Run(c, tx,
                $"INSERT INTO {table} ({CellColumns}) " +
                $"SELECT period, substr(region_code, 1, {digits}) || '{new string('0', 12 - digits)}', occupation_code, industry_section, max(digital), max(green), " +
                "sum(talents), sum(talents_new), sum(positions_open), sum(positions_new), sum(positions_closed), sum(headcount_sought), sum(applications), " +
                $"sum(agreements), sum(terminated), sum(salary_weight), sum(salary_sum) FROM {from} WHERE period = @period " +
                $"GROUP BY period, substr(region_code, 1, {digits}), occupation_code, industry_section", p, ct);
        }
    }

    private string WagesSql() =>
        "INSERT INTO wage_observations (period, region_code, occupation_code, employer_key, source, source_id, monthly_wage, weight) " +
        $"SELECT @period, region, occupation, 'e:' || enterprise_id, 'position', id, wage, sought FROM ({PositionFacts()}) pf WHERE new_in = 1 AND sought > 0 " +
        "UNION ALL SELECT @period, region, occupation, CASE WHEN enterprise_id IS NOT NULL THEN 'e:' || enterprise_id " +
        "WHEN uscc IS NOT NULL THEN 'u:' || uscc ELSE 'n:' || enterprise_name END, 'posting', id, wage, sought " +
        $"FROM ({ClusterFacts()}) cf WHERE new_in = 1 AND wage IS NOT NULL " +
        $"UNION ALL SELECT @period, region, occupation, 'e:' || enterprise_id, 'agreement', id, wage, 1 FROM ({AgreementFacts("signed_at")}) sf";

    private string EnterpriseMonthsSql() =>
        "INSERT INTO analytics_enterprise_months (period, enterprise_id, region_code, industry_section, positions_open, positions_new, positions_closed, " +
        "headcount_sought, agreements, terminated) " +
        $"SELECT @period, e.id, e.region_code, {Section("e.industry_code")}, sum(f.open_end), sum(f.new_in), sum(f.closed_in), sum(f.sought), " +
        "sum(f.signed), sum(f.terminated) FROM (" +
        $"SELECT enterprise_id, open_end, new_in, closed_in, sought, 0 AS signed, 0 AS terminated FROM ({PositionFacts()}) pf " +
        $"UNION ALL SELECT enterprise_id, 0, 0, 0, 0, 1, 0 FROM ({AgreementFacts("signed_at")}) sf " +
        $"UNION ALL SELECT enterprise_id, 0, 0, 0, 0, 0, 1 FROM ({AgreementFacts("terminated_at")}) tf" +
        ") f JOIN enterprises e ON e.id = f.enterprise_id GROUP BY e.id, e.region_code, e.industry_code";

    /// <summary>
    /// The industry section (门类) of an industry code of any level, as SQL over the placeholder {0}: a section letter
    /// is itself; a division, group or class falls in its division's section, and the sections are runs of divisions
    /// (A = 01–05, B = 06–12 …), read from the catalogue; anything else is ''.
    /// </summary>
    private static string SectionSql(IndustryCatalogue industries)
    {
        var sql = new StringBuilder("CASE WHEN {0} IS NULL THEN '' WHEN length({0}) = 1 THEN {0}");
        foreach (var section in industries.Sections)
        {
            var divisions = industries.Children(section.Code);
            if (divisions.Count > 0)
            {
                sql.Append(CultureInfo.InvariantCulture,
                    $" WHEN substr({{0}}, 1, 2) BETWEEN '{divisions[0].Code}' AND '{divisions[^1].Code}' THEN '{section.Code}'");
            }
        }
        return sql.Append(" ELSE '' END").ToString();
    }

    /// <summary>The digital (S) and green (L) flags of an occupation code as SQL over the grouped column <c>occupation</c>.</summary>
    private static (string Digital, string Green) FlagSql(OccupationCatalogue occupations)
    {
        var all = OccupationNames.Detailed(occupations).ToList();
        static string Flag(IEnumerable<Occupation> flagged)
        {
            var codes = string.Join(", ", flagged.Select(o => $"'{o.Code}'"));
            return codes.Length == 0 ? "0" : $"CASE WHEN occupation IN ({codes}) THEN 1 ELSE 0 END";
        }
        return (Flag(all.Where(o => o.IsDigital)), Flag(all.Where(o => o.IsGreen)));
    }
}

/// <summary>Runs refresh jobs, and from every node's sweep queues the daily and first-start refreshes (<see cref="AnalyticsRefresh.QueueDueAsync"/>).</summary>
public sealed class AnalyticsRefreshHandler(AnalyticsRefresh refresh, TimeProvider time) : IJobHandler
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public string Kind => AnalyticsRefresh.JobKind;

    public Task RunAsync(Job job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<AnalyticsRefreshPayload>(job.Payload, Row.Json)
            ?? throw new InvalidDataException($"Job {job.Id} has no period.");
        return refresh.RefreshAsync(payload.Period, ct);
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public async Task SweepAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _last < Every)
        {
            return;
        }
        _last = time.GetUtcNow();
        await refresh.QueueDueAsync(ct);
    }
}
