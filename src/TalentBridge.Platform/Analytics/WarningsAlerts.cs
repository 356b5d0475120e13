using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// One early-warning alert: its subject (an enterprise, or an industry section of a county), kind and month, the measured
/// value against the threshold that applied (counts, or shares as fractions), its severity, the subject's last 12 months
/// ending with the alert's month (<see cref="Recent"/>: positions open, closed, agreements terminated), whether the last
/// evaluation still reached it (<see cref="ClearedAt"/> null) and its acknowledgement.
/// </summary>
public sealed record WarningAlert(long Id, string SubjectType, long? EnterpriseId, string SubjectName, string IndustrySection, string RegionCode,
    string Period, WarningKind Kind, WarningSeverity Severity, double Measured, double Threshold, IReadOnlyList<int[]> Recent, DateTimeOffset RaisedAt,
    DateTimeOffset EvaluatedAt, DateTimeOffset? ClearedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgementNote,
    int Version) : IVersioned
{
    /// <summary>Whether the measure is a share (a fraction) rather than a count.</summary>
    public bool IsShare => Kind is WarningKind.SharpFall or WarningKind.MassClosureShare;

    /// <summary>The monthly values the alert is about: open positions for a sharp fall, terminated agreements, else closed positions.</summary>
    public IReadOnlyList<int> Trend => [.. Recent.Select(m => m[Kind switch
    {
        WarningKind.SharpFall => 0,
        WarningKind.TerminatedAgreements => 2,
        _ => 1,
    }])];
}

/// <summary>Filters, sort and page of the alert list.</summary>
public sealed record WarningQuery
{
    public const int MaxExportRows = 100_000;

    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-period"] = " ORDER BY w.period DESC, w.severity DESC, w.id DESC",
        ["period"] = " ORDER BY w.period, w.severity DESC, w.id",
        ["-severity"] = " ORDER BY w.severity DESC, w.period DESC, w.id DESC",
        ["-raisedAt"] = " ORDER BY w.raised_at DESC, w.id DESC",
        ["subject"] = " ORDER BY w.subject_type, w.region_code, w.subject_key, w.period DESC, w.id",
    };

    public static readonly IReadOnlyList<string> SubjectTypes = ["enterprise", "industry"];

    /// <summary>One alert (a notification's link).</summary>
    public long? Id { get; init; }
    public WarningKind? Kind { get; init; }
    public WarningSeverity? Severity { get; init; }
    public string? SubjectType { get; init; }
    /// <summary>A month, 2026-05.</summary>
    public string? Period { get; init; }
    public bool? Acknowledged { get; init; }
    /// <summary>A region: the alerts of its subtree (within the caller's scope).</summary>
    public string? Region { get; init; }
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public ValidationErrors Validate(ReferenceData reference) => new ValidationErrors()
        .When(Kind is { } k && !Enum.IsDefined(k), "kind", "must be one of the listed options")
        .When(Severity is { } s && !Enum.IsDefined(s), "severity", "must be one of the listed options")
        .When(SubjectType is not null && !SubjectTypes.Contains(SubjectType), "subjectType", "must be one of the listed options")
        .When(Period is not null && AnalyticsMonth.Parse(Period) is null, "period", "must be a month (YYYY-MM)")
        .When(Region is not null && reference.Regions.Find(Region) is null, "region", "is not in the region catalogue")
        .When(Sort is not null && !SortKeys.ContainsKey(Sort), "sort", "must be one of the listed options")
        .When(Page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
        .When(PageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
}

/// <summary>
/// The alert list of the early warnings (预警列表): operators see the alerts of their region's subtree, administrators
/// all; filtered, sorted and paged; acknowledged with a required note (audited, who and when kept on the alert);
/// exported as CSV (audited).
/// </summary>
public sealed class WarningAlerts(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxNote = 500;

    private const string Columns =
        "w.id, w.subject_type, w.enterprise_id, e.name, w.industry_section, w.region_code, w.period, w.kind, w.severity, w.measured, w.threshold, " +
        "w.recent, w.raised_at, w.evaluated_at, w.cleared_at, w.acknowledged_at, u.display_name, w.acknowledgement_note, w.version";

    private const string From =
        "early_warnings w LEFT JOIN enterprises e ON e.id = w.enterprise_id LEFT JOIN accounts u ON u.id = w.acknowledged_by";

    /// <summary>Early warnings are for operators and administrators.</summary>
    public static bool CanSee(Caller caller) => caller is not null && (caller.IsAdmin || caller.IsOperator);

    public async Task<Page<WarningAlert>?> ListAsync(Caller caller, WarningQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!CanSee(caller))
        {
            return null;
        }
        var orderBy = query.Sort is { } sort && WarningQuery.SortKeys.TryGetValue(sort, out var sql) ? sql : WarningQuery.SortKeys["-period"];
        return await ListSql.PageAsync(db, From, Columns, Filter(caller, query), orderBy,
            new ListQuery { Page = Math.Clamp(query.Page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(query.PageSize, 1, ListQuery.MaxPageSize) }, Read,
            "early_warnings w", ct);
    }

    /// <summary>One alert in the caller's scope, or null.</summary>
    public async Task<WarningAlert?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        if (!CanSee(caller))
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, caller, id, ct);
    }

    private async Task<WarningAlert?> FindAsync(DbConnection c, DbTransaction? tx, Caller caller, long id, CancellationToken ct)
    {
        var where = Filter(caller, new WarningQuery { Id = id });
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From}{where}", where.Parameters, tx, cancellationToken: ct));
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>
    /// Acknowledges an alert with a note (required): who, when and the note are kept on the alert, with its audit row. An
    /// acknowledged alert stays acknowledged; <paramref name="expectedVersion"/> (null: whatever is current) guards
    /// against acknowledging what someone else just changed.
    /// </summary>
    public async Task<WriteResult<WarningAlert>> AcknowledgeAsync(Caller caller, long id, string? note, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanSee(caller))
        {
            return WriteResult.Forbidden<WarningAlert>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, caller, id, ct) is not { } alert)
            {
                return WriteResult.NotFound<WarningAlert>();
            }
            var errors = new ValidationErrors().Required(note, "note", MaxNote)
                .When(alert.AcknowledgedAt is not null, "id", "is already acknowledged");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<WarningAlert>(errors);
            }
            if (await c.ExecuteAsync(
                    "UPDATE early_warnings SET acknowledged_at = @now, acknowledged_by = @by, acknowledgement_note = @note, version = version + 1 " +
                    "WHERE id = @id AND version = @version AND acknowledged_at IS NULL",
                    new { now = Database.Utc(now), by = caller.AccountId, note = note!.Trim(), id, version = expectedVersion ?? alert.Version }, tx) != 1)
            {
                return WriteResult.Conflict(alert);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "earlyWarning", id, alert.RegionCode, "acknowledge",
                JsonSerializer.Serialize(new { alert.Period, kind = alert.Kind.ToString(), note = note.Trim() }, Row.Json)), "earlyWarning.acknowledge");
            return WriteResult.Ok((await FindAsync(c, tx, caller, id, ct))!);
        }, ct);
    }

    /// <summary>
    /// The filtered alerts (sorted, at most <see cref="WarningQuery.MaxExportRows"/>) as CSV, UTF-8 with a byte-order mark
    /// so that spreadsheet programs read the Chinese; the export is audited with its filters before a row is read.
    /// </summary>
    public async Task<byte[]?> ExportCsvAsync(Caller caller, WarningQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!CanSee(caller))
        {
            return null;
        }
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "earlyWarning", null, caller.ScopeRegion,
            "early warnings", Row.ToJson(query with { Page = 1 })), ct);
        var text = new StringBuilder().AppendLine(
            "id,period,subject_type,subject,region_code,region,industry_section,kind,severity,measured,threshold,cleared_at,acknowledged_at,acknowledged_by,note");
        var where = Filter(caller, query);
        where.Parameters.Add("take", WarningQuery.MaxExportRows);
        var orderBy = query.Sort is { } sort && WarningQuery.SortKeys.TryGetValue(sort, out var sql) ? sql : WarningQuery.SortKeys["-period"];
        await using (var c = await db.OpenAsync(ct))
        await using (var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From}{where}{orderBy} LIMIT @take", where.Parameters,
            cancellationToken: ct)))
        {
            while (await r.ReadAsync(ct))
            {
                var a = Read(r);
                text.AppendLine(CsvText.Line(new[]
                {
                    a.Id.ToString(CultureInfo.InvariantCulture), a.Period, a.SubjectType, a.SubjectName, a.RegionCode,
                    reference.Regions.Find(a.RegionCode)?.Name, a.IndustrySection, a.Kind.ToString(), a.Severity.ToString(),
                    a.Measured.ToString("0.####", CultureInfo.InvariantCulture), a.Threshold.ToString("0.####", CultureInfo.InvariantCulture),
                    Instant(a.ClearedAt), Instant(a.AcknowledgedAt), a.AcknowledgedBy, a.AcknowledgementNote,
                }));
            }
        }
        return CsvText.Bytes(text);
    }

    private static string? Instant(DateTimeOffset? at) => at?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Where Filter(Caller caller, WarningQuery query)
    {
        var where = new Where();
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("w.region_code", scope, "scope");
        }
        if (query.Region is { } region)
        {
            where.RegionSubtree("w.region_code", region, "region");
        }
        if (query.Id is { } id)
        {
            where.Add("w.id = @id", "id", id);
        }
        if (query.Kind is { } kind)
        {
            where.Add("w.kind = @kind", "kind", (int)kind);
        }
        if (query.Severity is { } severity)
        {
            where.Add("w.severity = @severity", "severity", (int)severity);
        }
        if (query.SubjectType is { } type)
        {
            where.Add("w.subject_type = @subjectType", "subjectType", type);
        }
        if (query.Period is { } period)
        {
            where.Add("w.period = @period", "period", period);
        }
        if (query.Acknowledged is { } acknowledged)
        {
            where.Add(acknowledged ? "w.acknowledged_at IS NOT NULL" : "w.acknowledged_at IS NULL");
        }
        return where;
    }

    private WarningAlert Read(DbDataReader r)
    {
        var type = r.GetString(1);
        var region = RegionCatalogue.Significant(r.GetString(5));
        var section = r.GetString(4);
        var name = type == "enterprise"
            ? r.NullableString(3) ?? "#" + r.Long(2).ToString(CultureInfo.InvariantCulture)
            : Warnings.SubjectName(reference, region, section);
        return new WarningAlert(r.Long(0), type, r.NullableLong(2), name, section, region, r.GetString(6), r.Enum<WarningKind>(7),
            r.Enum<WarningSeverity>(8), r.GetDouble(9), r.GetDouble(10), r.FromJson<int[][]>(11), r.Timestamp(12), r.Timestamp(13),
            r.NullableTimestamp(14), r.NullableTimestamp(15), r.NullableString(16), r.NullableString(17), r.Int(18));
    }
}
