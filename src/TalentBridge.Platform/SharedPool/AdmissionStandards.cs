using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>One stored version of a city's admission standard.</summary>
public sealed record StoredStandard(long Id, long PoolId, int Version, AdmissionStandard Standard, string? Note, DateTimeOffset CreatedAt, long? CreatedBy)
{
    public AdmissionAssessment Assess(AdmissionEvidence evidence, DateOnly today) => Standard.Assess(evidence, today);

    public DateOnly ExpiresOn(DateOnly decidedOn) => Standard.TermFrom(decidedOn).ExpiresOn;

    public DateOnly ReconfirmFrom(DateOnly expiresOn) => expiresOn.AddDays(-Standard.ReconfirmDaysBefore);
}

/// <summary>
/// The versioned admission standards of a city's shared pool (issue 7, item 2): the city's operators publish a new
/// version as a whole JSON document; the newest version scores new applications; an application keeps the version it
/// was made under, so a changed standard never changes a past decision.
/// </summary>
public sealed class AdmissionStandards(Database db, TimeProvider time)
{
    public const int MaxNote = 500;

    public async Task<StoredStandard?> CurrentAsync(long poolId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await CurrentAsync(c, null, poolId);
    }

    internal static async Task<StoredStandard?> CurrentAsync(DbConnection c, DbTransaction? tx, long poolId) =>
        await QueryAsync(c, tx, "pool_id = @poolId ORDER BY version DESC LIMIT 1", new { poolId }) is [var current, ..] ? current : null;

    internal static async Task<StoredStandard?> VersionAsync(DbConnection c, DbTransaction? tx, long id) =>
        await QueryAsync(c, tx, "id = @id", new { id }) is [var version, ..] ? version : null;

    public async Task<IReadOnlyList<StoredStandard>> VersionsAsync(long poolId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null, "pool_id = @poolId ORDER BY version DESC", new { poolId });
    }

    public async Task<StoredStandard?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await VersionAsync(c, null, id);
    }

    private static async Task<IReadOnlyList<StoredStandard>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<StoredStandard>();
        await using var r = await c.ExecuteReaderAsync(
            $"SELECT id, pool_id, version, definition, note, created_at, created_by FROM admission_standards WHERE {where}", args, tx);
        while (await r.ReadAsync())
        {
            var standard = AdmissionStandard.Parse(r.GetString(3)).Standard
                ?? throw new InvalidOperationException($"Stored admission standard {r.Long(0)} no longer parses.");
            rows.Add(new StoredStandard(r.Long(0), r.Long(1), r.Int(2), standard with { Version = r.Int(2) }, r.NullableString(4), r.Timestamp(5),
                r.NullableLong(6)));
        }
        return rows;
    }

    /// <summary>Publishes a new version of a city pool's standard from its JSON text (validated as a whole).</summary>
    public async Task<(StoredStandard? Stored, ValidationErrors Errors)> PublishAsync(Caller caller, long poolId, string? json, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors().Required(json, "definition", 200_000).Required(note, "note", MaxNote);
        await using (var c = await db.OpenAsync(ct))
        {
            var region = await c.QuerySingleOrDefaultAsync<string>("SELECT region_code FROM shared_pools WHERE id = @poolId AND parent_id IS NULL", new { poolId });
            if (region is null || !SharedPools.CanManageCity(caller, Domain.Reference.RegionCatalogue.Significant(region)))
            {
                return (null, new ValidationErrors().Add("poolId", "is not a city pool you manage"));
            }
        }
        if (!errors.IsValid)
        {
            return (null, errors);
        }
        var (standard, parseErrors) = AdmissionStandard.Parse(json!);
        if (standard is null)
        {
            return (null, parseErrors);
        }
        var now = time.GetUtcNow();
        var stored = await db.InTransactionAsync(async (c, tx) =>
        {
            var region = Domain.Reference.RegionCatalogue.Significant(
                await c.QuerySingleAsync<string>("SELECT region_code FROM shared_pools WHERE id = @poolId", new { poolId }, tx));
            var id = await InsertAsync(c, tx, poolId, region, standard, note!.Trim(), caller.AccountId, now);
            return (await VersionAsync(c, tx, id))!;
        }, ct);
        return (stored, new ValidationErrors());
    }

    /// <summary>Stores the next version of a pool's standard with its audit row and event.</summary>
    internal static async Task<long> InsertAsync(DbConnection c, DbTransaction tx, long poolId, string region, AdmissionStandard standard, string note,
        long? accountId, DateTimeOffset now)
    {
        var version = await c.ExecuteScalarAsync<int>("SELECT coalesce(max(version), 0) + 1 FROM admission_standards WHERE pool_id = @poolId", new { poolId }, tx);
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO admission_standards (pool_id, version, definition, note, created_at, created_by) " +
            "VALUES (@poolId, @version, @definition, @note, @now, @accountId) RETURNING id",
            new { poolId, version, definition = (standard with { Version = version }).ToJson(), note, now = Database.Utc(now), accountId }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "admissionStandard", id, region, note,
            $"{{\"version\":{version}}}"));
        return id;
    }
}
