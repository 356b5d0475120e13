using System.Globalization;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Training;

/// <summary>What one gap run found.</summary>
public sealed record GapRun(DateOnly Day, int Talents, int Gaps);

/// <summary>A region's training-demand table: when its gaps were computed, the shortage catalogue's period, and the rows.</summary>
public sealed record TrainingDemandTable(string RegionCode, string Period, DateTimeOffset? ComputedAt, int Talents, IReadOnlyList<TrainingDemandRow> Rows);

/// <summary>
/// The region's training demand (培训需求, issue 16 item 5). Computing every talent's gaps takes a match query per talent
/// (20,000 at Lishui scale), too slow for a page: the job <see cref="JobKind"/> (background work, one node at a time,
/// queued daily) asks the match index for each matchable talent's <see cref="PositionsPerTalent"/> best positions and
/// stores the missing skills by the position's occupation with the summed scores (<c>training_gaps</c>, replaced as a
/// whole). The table is read from those rows for the caller's region and set against the shortage catalogue computed
/// for a period (<see cref="ShortageCatalogues"/>, 细类 rows) by <see cref="TrainingDemand.Table"/>.
/// </summary>
public sealed class TrainingGaps(Database db, MatchQueries queries, MatchService service, Leases leases, Programmes programmes,
    ShortageCatalogues shortage, WagePrices wages, TimeProvider time)
{
    public const string JobKind = "analytics.training-gaps";
    public const int PositionsPerTalent = 10;
    public const int MaxExportRows = 100_000;

    private const string InsertGap =
        "INSERT INTO training_gaps (talent_id, region_code, occupation_code, skill, weight) VALUES (@TalentId, @RegionCode, @OccupationCode, @Skill, @Weight)";

    private sealed record GapRow(long TalentId, string RegionCode, string OccupationCode, string Skill, double Weight);

    /// <summary>Queues today's run unless it ran today or is waiting (each node's daily sweep).</summary>
    internal Task QueueStaleAsync(CancellationToken ct)
    {
        var today = service.Today;
        return AnalyticsMonth.QueueEachAsync(db, JobKind, "SELECT @text WHERE NOT EXISTS (SELECT 1 FROM training_gap_runs WHERE day = @today)",
            new { text = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today }, time.GetUtcNow(), ct);
    }

    /// <summary>Queues a run now (an operator's "compute again"), unless one is waiting.</summary>
    public async Task<WriteResult<GapRun>> QueueAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<GapRun>();
        }
        var today = service.Today;
        await db.InTransactionAsync(async (c, tx) =>
        {
            await AnalyticsMonth.QueueAsync(c, tx, JobKind, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), time.GetUtcNow());
            return 0;
        }, ct);
        return WriteResult.Ok(new GapRun(today, 0, 0));
    }

    /// <summary>Computes every matchable talent's gaps for <paramref name="day"/> ("2026-12-07") and replaces the stored ones; one node at a time.</summary>
    public async Task<GapRun> RunAsync(string day, CancellationToken ct)
    {
        var on = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await AnalyticsMonth.HoldingLeaseAsync(leases, JobKind, token => RunHeldAsync(on, token), ct);
    }

    private async Task<GapRun> RunHeldAsync(DateOnly day, CancellationToken ct)
    {
        var index = await queries.IndexAsync(ct) ?? throw new JobPostponedException(TimeSpan.FromMinutes(1), "The match index is still being built.");
        List<(long Id, string Region)> people;
        await using (var c = await db.OpenAsync(ct))
        {
            people = [.. await c.QueryAsync<(long, string)>(new CommandDefinition(
                "SELECT id, residence_region_code FROM talents WHERE visibility = @visible AND status <> @inactive ORDER BY id",
                new { visible = (int)TalentVisibility.Public, inactive = (int)TalentStatus.Inactive }, cancellationToken: ct))];
        }
        var rows = new List<GapRow>();
        var talents = 0;
        foreach (var (id, region) in people)
        {
            ct.ThrowIfCancellationRequested();
            var gaps = new Dictionary<(string Occupation, string Skill), double>();
            foreach (var result in index.PositionsFor(id, PositionsPerTalent, day, exposureAware: false).Results)
            {
                if (index.FindPosition(result.Id) is not { Occupation: not 0 } position)
                {
                    continue;
                }
                var occupation = MatchCodes.OccupationText(position.Occupation);
                foreach (var skill in result.Explanation.MissingSkills.Distinct(StringComparer.Ordinal))
                {
                    gaps[(occupation, skill)] = gaps.GetValueOrDefault((occupation, skill)) + result.Score;
                }
            }
            talents += gaps.Count > 0 ? 1 : 0;
            rows.AddRange(gaps.Select(g => new GapRow(id, region, g.Key.Occupation, g.Key.Skill, Math.Round(g.Value, 4))));
        }
        var now = time.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM training_gaps", transaction: tx);
            await BulkInsert.WriteAsync(c, tx, InsertGap, rows, ct);
            await c.ExecuteAsync("DELETE FROM training_gap_runs WHERE day = @day", new { day }, tx);
            await c.ExecuteAsync("INSERT INTO training_gap_runs (day, computed_at, talents, gaps) VALUES (@day, @now, @talents, @gaps)",
                new { day, now = Database.Utc(now), talents, gaps = rows.Count }, tx);
            return 0;
        }, ct);
        return new GapRun(day, talents, rows.Count);
    }

    /// <summary>
    /// The training-demand table of a region (default the caller's) against the shortage catalogue of a period (default
    /// as on the analytics pages): operators of the region and administrators.
    /// </summary>
    public async Task<WriteResult<TrainingDemandTable>> TableAsync(Caller caller, string? region, string? period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        period = string.IsNullOrWhiteSpace(period) ? AnalyticsPeriod.Default(await wages.LastMonthAsync(ct), service.Today).Text : period;
        var (code, p, refusal) = wages.Request<TrainingDemandTable>(caller, region, period);
        if (refusal is not null)
        {
            return refusal;
        }
        var catalogue = (await shortage.RowsAsync(code, p, children: false, ct))
            .Where(r => !r.IsGroup)
            .ToDictionary(r => r.OccupationCode, r => (r.Index, r.Shortage), StringComparer.Ordinal);
        var teaching = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var programme in await programmes.ActiveAsync(ct))
        {
            foreach (var skill in programme.Skills.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                teaching[skill] = teaching.GetValueOrDefault(skill) + 1;
            }
        }
        var (lo, hi) = RegionCatalogue.SubtreeRange(code);
        await using var c = await db.OpenAsync(ct);
        var gaps = (await c.QueryAsync<(long TalentId, string Occupation, string Skill, double Weight)>(new CommandDefinition(
            "SELECT talent_id, occupation_code, skill, weight FROM training_gaps WHERE region_code BETWEEN @lo AND @hi", new { lo, hi }, cancellationToken: ct)))
            .Select(g => new TalentGap(g.TalentId, g.Occupation, g.Skill, g.Weight)).ToList();
        DateTimeOffset? computedAt = null;
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition("SELECT computed_at FROM training_gap_runs ORDER BY day DESC LIMIT 1",
            cancellationToken: ct)))
        {
            computedAt = await r.ReadAsync(ct) ? r.Timestamp(0) : null;
        }
        var rows = TrainingDemand.Table(gaps, catalogue, skill => teaching.GetValueOrDefault(skill));
        return WriteResult.Ok(new TrainingDemandTable(code, p.Text, computedAt, gaps.Select(g => g.TalentId).Distinct().Count(), rows));
    }

    /// <summary>The whole table as CSV or Excel, audited as an export with the region, period and row count.</summary>
    public async Task<WriteResult<byte[]>> ExportAsync(Caller caller, string? region, string? period, string format, Func<string, string> occupationName,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(occupationName);
        if (format is not ("csv" or "xlsx"))
        {
            return WriteResult.Invalid<byte[]>(new ValidationErrors().Add("format", "must be one of csv, xlsx"));
        }
        var table = await TableAsync(caller, region, period, ct);
        if (table.Value is not { } t)
        {
            return new WriteResult<byte[]>(table.Status, null, table.Errors);
        }
        string[] header = ["occupationCode", "occupation", "skill", "talents", "weight", "shortageIndex", "shortage", "priority", "programmes"];
        var cells = t.Rows.Take(MaxExportRows).Select(r => new object?[]
        {
            r.OccupationCode, occupationName(r.OccupationCode), r.Skill, r.Talents, r.Weight, r.ShortageIndex is { } i ? Math.Round(i, 1) : null, r.Shortage,
            r.Priority, r.Programmes,
        }).ToList();
        var bytes = CsvText.Table(format, header, cells);
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "trainingDemand", null, t.RegionCode,
            "training demand", $"format={format}&period={t.Period}&region={t.RegionCode}&rows={cells.Count}"), ct);
        return WriteResult.Ok(bytes);
    }
}
