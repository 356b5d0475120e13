using Dapper;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Audit;

namespace TalentBridge.Platform.Storage;

/// <summary>Writes shared by the stores of versioned records.</summary>
internal static class VersionedRows
{
    /// <summary>
    /// Deletes <paramref name="before"/> from <paramref name="table"/> if it still has its version, with its audit and
    /// event rows in the same transaction; false if it was changed or removed since (nothing is written then). The audit
    /// row keeps the deleted record, or for a <paramref name="personal"/> record only the names of its fields.
    /// </summary>
    public static Task<bool> DeleteAsync<T>(Database db, string table, string subjectType, T before, string regionCode, DateTimeOffset now,
        long? accountId, bool personal, CancellationToken ct) where T : class, IVersioned =>
        db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync($"DELETE FROM {table} WHERE id = @Id AND version = @Version", new { before.Id, before.Version }, tx) == 0)
            {
                return false;
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Delete, subjectType, before.Id, regionCode, "",
                personal ? AuditTrail.ChangedFields(before, null) : AuditTrail.Diff(before, null)));
            return true;
        }, ct);
}
