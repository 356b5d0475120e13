using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>The months of the analytics facts as they are stored: <c>2026-05</c>.</summary>
public static class AnalyticsMonth
{
    public static string Of(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of the month a period names, or null when the text is no month.</summary>
    public static DateOnly? Parse(string? period) =>
        period is { Length: 7 } && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month : null;

    /// <summary>The China month of an instant: a month is complete once the next one has begun.</summary>
    public static DateOnly Current(DateTimeOffset now)
    {
        var today = ChinaTime.Date(now);
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>Queues a job of <paramref name="kind"/> for a period in the caller's transaction, unless one is already waiting.</summary>
    internal static async Task QueueAsync(DbConnection c, DbTransaction tx, string kind, string period, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(new PeriodPayload(period), Row.Json);
        if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = @kind AND payload = @payload AND status = 'queued'",
                new { kind, payload }, tx) == 0)
        {
            await JobTable.EnqueueAsync(c, tx, kind, new PeriodPayload(period), now, now, maxAttempts: 3);
        }
    }

    /// <summary>Queues the job of a period with <paramref name="queue"/> in a transaction of its own.</summary>
    internal static async Task QueueAsync(Database db, string period, Func<DbConnection, DbTransaction, Task> queue, CancellationToken ct)
    {
        _ = Parse(period) ?? throw new ArgumentException($"'{period}' is not a month (YYYY-MM).", nameof(period));
        await db.InTransactionAsync(async (c, tx) =>
        {
            await queue(c, tx);
            return 0;
        }, ct);
    }

    /// <summary>Queues a job of <paramref name="kind"/> for each period a query names, in one transaction.</summary>
    internal static async Task QueueEachAsync(Database db, string kind, string periodsSql, object? args, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            var periods = (await c.QueryAsync<string>(periodsSql, args, tx)).ToList();
            foreach (var period in periods)
            {
                await QueueAsync(c, tx, kind, period, now);
            }
            return periods.Count;
        }, ct);

    /// <summary>Runs a job's work holding the lease named after its kind (one node at a time); the job waits a minute while another node holds it.</summary>
    internal static async Task<T> HoldingLeaseAsync<T>(Leases leases, string kind, Func<CancellationToken, Task<T>> work, CancellationToken ct) where T : class =>
        await leases.WhileHoldingAsync(kind, TimeSpan.FromSeconds(5), work, ct)
        ?? throw new JobPostponedException(TimeSpan.FromMinutes(1), $"Another node is running {kind}.");
}

/// <summary>The payload of the analytics jobs: the month to compute.</summary>
public sealed record PeriodPayload(string Period);

/// <summary>
/// The job runner's side of <see cref="Warnings"/> and <see cref="Forecasts"/>: runs a queued month, and once a day (on
/// each node's sweep, the first right after start-up; the queue skips a month already waiting) queues the months whose
/// facts are newer than what was computed from them.
/// </summary>
public sealed class AnalyticsJobHandler(string kind, Func<string, CancellationToken, Task> run, Func<CancellationToken, Task> queueStale,
    TimeProvider time) : IJobHandler
{
    private DateTimeOffset _lastDaily = DateTimeOffset.MinValue;

    public string Kind => kind;

    public Task RunAsync(Job job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var period = JsonSerializer.Deserialize<PeriodPayload>(job.Payload, Row.Json)?.Period
            ?? throw new InvalidDataException($"Job {job.Id} names no period.");
        return run(period, ct);
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public async Task SweepAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _lastDaily >= TimeSpan.FromDays(1))
        {
            _lastDaily = time.GetUtcNow();
            await queueStale(ct);
        }
    }
}

/// <summary>What one evaluation of a month found: subjects read, alerts reached, new ones, ones no longer reached.</summary>
public sealed record WarningEvaluation(string Period, int Subjects, int Alerts, int Raised, int Cleared);

/// <summary>
/// Employment monitoring and early warning (就业监测与风险预警, issue 13 item 5): the job <see cref="JobKind"/> evaluates
/// one month for every enterprise (its series in <c>analytics_enterprise_months</c>) and every industry section per county
/// (the sums of its enterprises) with <see cref="EarlyWarnings.Evaluate"/>, under the thresholds of the subject's region
/// (<see cref="WarningThresholdSettings"/>), and upserts one alert per subject, kind and month. Re-evaluating never
/// duplicates an alert and never clears its acknowledgement; an alert no longer reached is marked cleared. A severe alert
/// notifies the operators of the subject's region (the nearest region up from its county that has operators), once.
/// The refresh of a month's facts queues the month (<see cref="QueueAsync(string, CancellationToken)"/>); a daily sweep
/// queues the two newest months whose facts are newer than their last evaluation.
/// </summary>
public sealed class Warnings(Database db, Leases leases, ReferenceData reference, TimeProvider time)
{
    public const string JobKind = "analytics.warnings";

    /// <summary>Months of a subject read for its sparkline; the sharp fall needs the three before the month.</summary>
    public const int RecentMonths = 12;

    /// <summary>Queues the evaluation of a month (no second job while one is waiting).</summary>
    public Task QueueAsync(string period, CancellationToken ct) => AnalyticsMonth.QueueAsync(db, period, (c, tx) => QueueAsync(c, tx, period, time.GetUtcNow()), ct);

    /// <summary>Queues the evaluation of a month in the caller's transaction (e.g. the refresh that replaced the month's facts).</summary>
    public static Task QueueAsync(DbConnection c, DbTransaction tx, string period, DateTimeOffset now) =>
        AnalyticsMonth.QueueAsync(c, tx, JobKind, period, now);

    /// <summary>The daily sweep's part: the two newest months with facts, when their facts are newer than their last evaluation.</summary>
    internal Task QueueStaleAsync(CancellationToken ct) => AnalyticsMonth.QueueEachAsync(db, JobKind,
        "SELECT p.period FROM (SELECT period, refreshed_at FROM analytics_periods ORDER BY period DESC LIMIT 2) p " +
        "LEFT JOIN warning_evaluations w ON w.period = p.period WHERE w.period IS NULL OR w.evaluated_at < p.refreshed_at", null, time.GetUtcNow(), ct);

    /// <summary>Evaluates one month for all enterprises and industry sections per county; one node at a time.</summary>
    public async Task<WarningEvaluation> EvaluateAsync(string period, CancellationToken ct)
    {
        var month = AnalyticsMonth.Parse(period) ?? throw new ArgumentException($"'{period}' is not a month (YYYY-MM).", nameof(period));
        return await AnalyticsMonth.HoldingLeaseAsync(leases, JobKind, token => EvaluateHeldAsync(month, token), ct);
    }

    private async Task<WarningEvaluation> EvaluateHeldAsync(DateOnly month, CancellationToken ct)
    {
        var period = AnalyticsMonth.Of(month);
        var first = month.AddMonths(1 - RecentMonths);
        var subjects = new Dictionary<string, Subject>(StringComparer.Ordinal);
        Subject SubjectOf(string key, Func<Subject> create) => subjects.TryGetValue(key, out var s) ? s : subjects[key] = create();
        await using (var c = await db.OpenAsync(ct))
        {
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                "SELECT period, enterprise_id, region_code, industry_section, positions_open, positions_closed, terminated FROM analytics_enterprise_months " +
                "WHERE period >= @from AND period <= @to ORDER BY period",
                new { from = AnalyticsMonth.Of(first), to = period }, cancellationToken: ct));
            while (await r.ReadAsync(ct))
            {
                var index = MonthIndex(first, AnalyticsMonth.Parse(r.GetString(0))!.Value);
                var enterpriseId = r.Long(1);
                var region = r.GetString(2);
                var section = r.GetString(3);
                var counts = new[] { r.Int(4), r.Int(5), r.Int(6) };
                // Rows come month by month: the enterprise's region and section are those of its newest row.
                var enterprise = SubjectOf("e:" + enterpriseId.ToString(CultureInfo.InvariantCulture), () => new Subject("enterprise", enterpriseId));
                enterprise.Place(region, section);
                enterprise.Add(index, counts);
                var county = RegionCatalogue.Pad(region[..6]);
                SubjectOf($"i:{region[..6]}:{section}", () => new Subject("industry", null).Place(county, section)).Add(index, counts);
            }
        }
        var thresholds = await WarningThresholdSettings.AllAsync(db, ct);
        var found = new List<(string Key, Subject Subject, EarlyWarning Warning)>();
        var last = RecentMonths - 1;
        foreach (var (key, subject) in subjects)
        {
            // Subjects active in the month or the three before; the month itself counts as a month without activity
            // when it has no row (an enterprise whose positions all expired).
            if (subject.Months[(last - 3)..].All(m => m is null))
            {
                continue;
            }
            var series = Enumerable.Range(last - 3, 4)
                .Select(i => subject.Months[i] is { } m ? new SubjectMonth(first.AddMonths(i), m[0], m[1], m[2]) : new SubjectMonth(first.AddMonths(i), 0, 0, 0));
            var applied = WarningThresholdSettings.Resolve(thresholds, subject.RegionCode).Thresholds;
            found.AddRange(EarlyWarnings.Evaluate(series, applied).Where(w => w.Month == month).Select(w => (key, subject, w)));
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var existing = (await c.QueryAsync<(long Id, string Key, int Kind, bool Notified, bool Cleared)>(
                "SELECT id, subject_key, kind, notified_at IS NOT NULL, cleared_at IS NOT NULL FROM early_warnings WHERE period = @period",
                new { period }, tx)).ToDictionary(e => (e.Key, e.Kind));
            var raised = 0;
            var seen = new HashSet<(string, int)>();
            foreach (var (key, subject, warning) in found)
            {
                var kind = (int)warning.Kind;
                seen.Add((key, kind));
                var stored = existing.TryGetValue((key, kind), out var s) ? s : default;
                // Dapper binds only the parameters a statement names.
                var values = new
                {
                    id = stored.Id, key, subject.Type, subject.EnterpriseId, subject.Section, region = subject.RegionCode, period, kind,
                    severity = (int)warning.Severity, warning.Measured, warning.Threshold, recent = Row.ToJson(subject.Months.Select(m => m ?? [0, 0, 0])),
                    now = Database.Utc(now),
                };
                var id = stored.Id;
                if (id != 0)
                {
                    await c.ExecuteAsync(
                        "UPDATE early_warnings SET severity = @severity, measured = @Measured, threshold = @Threshold, recent = @recent, region_code = @region, " +
                        "industry_section = @Section, evaluated_at = @now, cleared_at = NULL WHERE id = @id", values, tx);
                }
                else
                {
                    raised++;
                    id = await c.ExecuteScalarAsync<long>(
                        "INSERT INTO early_warnings (subject_key, subject_type, enterprise_id, industry_section, region_code, period, kind, severity, measured, " +
                        "threshold, recent, raised_at, evaluated_at, version) VALUES (@key, @Type, @EnterpriseId, @Section, @region, @period, @kind, @severity, " +
                        "@Measured, @Threshold, @recent, @now, @now, 1) RETURNING id", values, tx);
                }
                if (warning.Severity == WarningSeverity.Severe && !stored.Notified)
                {
                    await NotifyAsync(c, tx, id, subject, warning, now);
                }
            }
            var cleared = existing.Where(e => !seen.Contains(e.Key) && !e.Value.Cleared).Select(e => e.Value.Id).ToArray();
            foreach (var chunk in cleared.Chunk(500))
            {
                await c.ExecuteAsync($"UPDATE early_warnings SET cleared_at = @now WHERE {ListSql.InList(db, "id", "ids")}",
                    new { now = Database.Utc(now), ids = chunk }, tx);
            }
            await c.ExecuteAsync(
                "INSERT INTO warning_evaluations (period, evaluated_at, subjects, alerts) VALUES (@period, @now, @subjects, @alerts) " +
                "ON CONFLICT (period) DO UPDATE SET evaluated_at = excluded.evaluated_at, subjects = excluded.subjects, alerts = excluded.alerts",
                new { period, now = Database.Utc(now), subjects = subjects.Count, alerts = found.Count }, tx);
            return new WarningEvaluation(period, subjects.Count, found.Count, raised, cleared.Length);
        }, ct);
    }

    /// <summary>
    /// A severe alert's notification, to the operators of the nearest region up from the subject's county (the county's,
    /// else the city's, else the province's) that has operators.
    /// </summary>
    private async Task NotifyAsync(DbConnection c, DbTransaction tx, long id, Subject subject, EarlyWarning warning, DateTimeOffset now)
    {
        var county = RegionCatalogue.Significant(subject.RegionCode) is { Length: >= 6 } code ? code[..6] : RegionCatalogue.Significant(subject.RegionCode);
        var candidates = new[] { county, county.Length > 4 ? county[..4] : null, county[..2] }.OfType<string>().Distinct().ToArray();
        var withOperators = (await c.QueryAsync<string>(
            $"SELECT DISTINCT region_code FROM accounts WHERE role = 4 AND {ListSql.InList(db, "region_code", "regions")}",
            new { regions = candidates.Select(RegionCatalogue.Pad).ToArray() }, tx)).Select(RegionCatalogue.Significant).ToHashSet(StringComparer.Ordinal);
        if (candidates.FirstOrDefault(withOperators.Contains) is not { } region)
        {
            return;
        }
        var name = subject.Type == "enterprise"
            ? await c.ExecuteScalarAsync<string?>("SELECT name FROM enterprises WHERE id = @id", new { id = subject.EnterpriseId }, tx) ?? $"#{subject.EnterpriseId}"
            : SubjectName(reference, subject.RegionCode, subject.Section);
        await Inbox.NotifyOperatorsAsync(c, tx, region, "earlyWarning." + warning.Kind, "earlyWarning", id,
            [name, AnalyticsMonth.Of(warning.Month)], now);
        await c.ExecuteAsync("UPDATE early_warnings SET notified_at = @now WHERE id = @id", new { now = Database.Utc(now), id }, tx);
    }

    /// <summary>An industry subject's name: the county and the section (莲都区 · 制造业).</summary>
    internal static string SubjectName(ReferenceData reference, string countyCode, string section) =>
        $"{reference.Regions.Find(countyCode)?.Name ?? RegionCatalogue.Significant(countyCode)} · " +
        (section.Length == 0 ? "—" : reference.Industries.Find(section)?.Name ?? section);

    private static int MonthIndex(DateOnly first, DateOnly month) => (month.Year - first.Year) * 12 + month.Month - first.Month;

    /// <summary>An enterprise or an industry section of a county, with its counts per month (null: no row that month).</summary>
    private sealed class Subject(string type, long? enterpriseId)
    {
        public string Type { get; } = type;
        public long? EnterpriseId { get; } = enterpriseId;
        public string RegionCode { get; private set; } = "";
        public string Section { get; private set; } = "";
        public int[]?[] Months { get; } = new int[]?[RecentMonths];

        public Subject Place(string region, string section)
        {
            (RegionCode, Section) = (region, section);
            return this;
        }

        public void Add(int index, int[] counts)
        {
            var m = Months[index] ??= new int[3];
            for (var i = 0; i < 3; i++)
            {
                m[i] += counts[i];
            }
        }
    }
}
