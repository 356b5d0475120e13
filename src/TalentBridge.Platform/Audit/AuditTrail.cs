using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Audit;

/// <summary>The actions the audit log records.</summary>
public static class AuditAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    /// <summary>Someone opened a record with (masked) contact data.</summary>
    public const string View = "view";
    public const string Export = "export";

    public static readonly IReadOnlyList<string> All = [Create, Update, Delete, View, Export];
}

/// <summary>One row of the audit log as written: who did what to which subject, where, why, and what changed.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    long? AccountId,
    string Action,
    string SubjectType,
    long? SubjectId,
    string? RegionCode,
    string Reason,
    string? Detail = null);

/// <summary>
/// Writes audit rows and, for changes, their event rows — always on the caller's connection and
/// transaction, so that a change, its event and its audit row commit or roll back together.
/// </summary>
public static class AuditTrail
{
    /// <summary>Fields never copied into the audit detail: keyed hashes and bookkeeping.</summary>
    private static readonly HashSet<string> Unaudited = new(StringComparer.OrdinalIgnoreCase)
    {
        "phoneHash", "idNumberHash", "createdAt", "updatedAt", "version",
    };

    /// <summary>The audit row and, for a change, its event; <c>eventKind</c> names the event when it is more than subject and action (<c>application.shortlist</c>).</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, string? eventKind = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new
        {
            at = Database.Utc(entry.At),
            accountId = entry.AccountId,
            action = entry.Action,
            subjectType = entry.SubjectType,
            subjectId = entry.SubjectId,
            region = Row.StoredRegion(entry.RegionCode),
            reason = entry.Reason,
            detail = entry.Detail,
        };
        await connection.ExecuteAsync(
            "INSERT INTO audit_log (at, account_id, action, subject_type, subject_id, region_code, reason, detail) " +
            "VALUES (@at, @accountId, @action, @subjectType, @subjectId, @region, @reason, @detail)", row, transaction);
        if (entry.Action is AuditAction.Create or AuditAction.Update or AuditAction.Delete)
        {
            await connection.ExecuteAsync(
                "INSERT INTO events (at, kind, subject_type, subject_id, account_id, region_code, data) " +
                "VALUES (@at, @kind, @subjectType, @subjectId, @accountId, @region, @detail)",
                new { row.at, kind = eventKind ?? $"{entry.SubjectType}.{entry.Action}", row.subjectType, row.subjectId, row.accountId, row.region, row.detail },
                transaction);
        }
    }

    /// <summary>An audit row in a transaction of its own (for reads: views and exports change nothing else).</summary>
    public static Task WriteAsync(Database db, AuditEntry entry, CancellationToken ct) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            await WriteAsync(c, tx, entry);
            return 0;
        }, ct);

    /// <summary>
    /// The fields that differ between two versions of a record, as JSON <c>{"field": [before, after]}</c>
    /// (null before for a creation, null after for a deletion); null when nothing audited changed.
    /// Contact data appears only masked: the records hold nothing else.
    /// </summary>
    public static string? Diff<T>(T? before, T? after) where T : class => Changes(before, after, withValues: true);

    /// <summary>
    /// For records of a person: only the names of the fields that changed, as a JSON array (<c>["name", "phoneMasked"]</c>).
    /// The audit log is read by every operator of the region, also of people whose record they may not open, and it
    /// is kept after the record is deleted: it must not become a second copy of personal data.
    /// </summary>
    public static string? ChangedFields<T>(T? before, T? after) where T : class => Changes(before, after, withValues: false);

    private static string? Changes<T>(T? before, T? after, bool withValues) where T : class
    {
        var old = before is null ? null : JsonSerializer.SerializeToNode(before, Row.Json)!.AsObject();
        var now = after is null ? null : JsonSerializer.SerializeToNode(after, Row.Json)!.AsObject();
        var names = (old?.Select(p => p.Key) ?? []).Union(now?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
        var diff = new JsonObject();
        foreach (var name in names.Where(n => !Unaudited.Contains(n)))
        {
            var a = old?[name];
            var b = now?[name];
            if (!JsonNode.DeepEquals(a, b))
            {
                diff[name] = new JsonArray(a?.DeepClone(), b?.DeepClone());
            }
        }
        if (diff.Count == 0)
        {
            return null;
        }
        return withValues ? diff.ToJsonString(Row.Json) : new JsonArray([.. diff.Select(p => (JsonNode)p.Key)]).ToJsonString(Row.Json);
    }
}
