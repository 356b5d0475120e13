using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Audit;

/// <summary>Filters of the audit log; dates are China dates, both ends included.</summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Exports stop here; narrow the filters for more.</summary>
    public const int MaxExportRows = 100_000;

    public long? AccountId { get; init; }
    public string? SubjectType { get; init; }
    public long? SubjectId { get; init; }
    public string? Action { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    public static readonly IReadOnlyList<string> SubjectTypes = ["enterprise", "position", "talent", "import_run", "posting_cluster", "api_token", "audit_log",
        "application", "invitation", "agreement", "account", "message",
        "sharedPool", "sharedTag", "admissionStandard", "workCalendar", "expert", "demandOrder", "proposal", "engagement", "slaDashboard",
        "earlyWarning", "warningThresholds",
        "analytics", "analyticsPublication", "mapOutline", "selfAssessment", "tierRecord", "policy", "policyQualified",
        "indexTree", "indexDataset", "indexRun", "indexPublication", "titleReview", "recognition",
        "challenge", "challengeNda", "challengeProposal", "technologyManager", "escrowContract", "escrowMilestone", "ledgerEntry",
        "trainingProvider", "trainingProgramme", "trainingEnrolment", "trainingDemand", "reviewExpert", "reviewCommittee",
        "competition", "competitionEntry", "competitionInvitation", "competitionTrack"];

    public ValidationErrors Validate() => new ValidationErrors()
        .When(Page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
        .When(PageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}")
        .When(SubjectType is not null && !SubjectTypes.Contains(SubjectType), "subjectType", $"must be one of {string.Join(", ", SubjectTypes)}")
        .When(Action is not null && !AuditAction.All.Contains(Action), "action", $"must be one of {string.Join(", ", AuditAction.All)}")
        .When(From is { } f && To is { } t && t < f, "to", "must not be before from");
}

/// <summary>One audit row as the log page and API show it.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, long? AccountId, string? AccountName, string Action, string SubjectType, long? SubjectId,
    string? RegionCode, string Reason, string? Detail);

/// <summary>
/// Reading the audit log: operators see the rows of their region's subtree, administrators all rows; nobody
/// else reads it. Every export is itself audited, in the transaction that reads it.
/// </summary>
public sealed class AuditLog(Database db, TimeProvider time)
{
    private const string Columns =
        "a.id, a.at, a.account_id, u.display_name, a.action, a.subject_type, a.subject_id, a.region_code, a.reason, a.detail";

    private const string From = "audit_log a LEFT JOIN accounts u ON u.id = a.account_id";

    public async Task<Page<AuditRow>> ListAsync(Caller caller, AuditQuery query, CancellationToken ct)
    {
        var where = Filter(caller, query);
        await using var connection = await db.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition($"SELECT count(*) FROM audit_log a{where}", where.Parameters, cancellationToken: ct));
        where.Parameters.Add("take", query.PageSize);
        where.Parameters.Add("skip", (long)(query.Page - 1) * query.PageSize);
        var rows = new List<AuditRow>(query.PageSize);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM {From}{where} ORDER BY a.id DESC LIMIT @take OFFSET @skip", where.Parameters, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return new Page<AuditRow>(rows, (int)Math.Min(total, int.MaxValue), query.Page, query.PageSize);
    }

    /// <summary>
    /// The filtered rows, newest first, at most <see cref="AuditQuery.MaxExportRows"/>, as CSV (UTF-8 with BOM so that
    /// spreadsheet programs read the Chinese text). The export is audited with <paramref name="reason"/> before any row is written.
    /// </summary>
    public async Task ExportCsvAsync(Caller caller, AuditQuery query, string reason, Stream output, CancellationToken ct)
    {
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "audit_log", null,
            caller.ScopeRegion, reason, Row.ToJson(query with { Page = 1 })), ct);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync("id,at,account_id,account,action,subject_type,subject_id,region_code,reason,detail");
        await foreach (var r in StreamAsync(caller, query, ct))
        {
            await writer.WriteLineAsync(string.Join(',',
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                r.AccountId?.ToString(CultureInfo.InvariantCulture) ?? "",
                Csv(r.AccountName),
                r.Action,
                r.SubjectType,
                r.SubjectId?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.RegionCode ?? "",
                Csv(r.Reason),
                Csv(r.Detail)));
        }
    }

    private async IAsyncEnumerable<AuditRow> StreamAsync(Caller caller, AuditQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var where = Filter(caller, query);
        where.Parameters.Add("take", AuditQuery.MaxExportRows);
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM {From}{where} ORDER BY a.id DESC LIMIT @take", where.Parameters, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    /// <summary>Quotes a field when needed and defuses spreadsheet formulas (a leading =, +, -, @, tab or carriage return).</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static Where Filter(Caller caller, AuditQuery query)
    {
        if (!caller.CanReadAuditLog)
        {
            throw new InvalidOperationException("Only operators and administrators read the audit log.");
        }
        var where = new Where();
        if (caller.ScopeRegion is { } scope)
        {
            // Rows without a region (sign-ins, platform-wide exports) are for administrators only.
            where.RegionSubtree("a.region_code", scope, "scope");
        }
        if (query.AccountId is { } account)
        {
            where.Add("a.account_id = @account", "account", account);
        }
        if (query.SubjectType is { } type)
        {
            where.Add("a.subject_type = @subjectType", "subjectType", type);
        }
        if (query.SubjectId is { } subject)
        {
            where.Add("a.subject_id = @subjectId", "subjectId", subject);
        }
        if (query.Action is { } action)
        {
            where.Add("a.action = @action", "action", action);
        }
        if (query.From is { } from)
        {
            where.Add("a.at >= @fromAt", "fromAt", Database.Utc(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset)));
        }
        if (query.To is { } to)
        {
            where.Add("a.at < @toAt", "toAt", Database.Utc(new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset)));
        }
        return where;
    }

    private static AuditRow Read(System.Data.Common.DbDataReader r) => new(
        r.Long(0), r.Timestamp(1), r.NullableLong(2), r.NullableString(3), r.GetString(4), r.GetString(5), r.NullableLong(6),
        r.NullableRegion(7), r.GetString(8), r.NullableString(9));
}
