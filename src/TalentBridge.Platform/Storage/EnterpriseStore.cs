using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Audit;

namespace TalentBridge.Platform.Storage;

public sealed class EnterpriseStore(Database db, ReferenceData reference, SearchIndex index)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["headcount"] = "headcount",
        ["createdAt"] = "created_at",
        ["tier"] = "tier",
    };

    private const string Columns =
        "id, name, uscc, industry_code, region_code, size_class, tier, headcount, description, created_at, updated_at, version";

    internal const string Insert =
        "INSERT INTO enterprises (name, uscc, industry_code, region_code, size_class, tier, headcount, description, created_at, updated_at) " +
        "VALUES (@Name, @Uscc, @IndustryCode, @Region, @SizeClass, @Tier, @Headcount, @Description, @CreatedAt, @UpdatedAt) RETURNING id";

    public async Task<Enterprise?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM enterprises WHERE id = @id", new { id }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The enterprise of a 统一社会信用代码, or null.</summary>
    public async Task<Enterprise?> FindByUsccAsync(string uscc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM enterprises WHERE uscc = @uscc", new { uscc }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<bool> UsccTakenAsync(string uscc, long exceptId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM enterprises WHERE uscc = @uscc AND id <> @exceptId", new { uscc, exceptId }, cancellationToken: ct)) > 0;
    }

    public async Task<Page<Enterprise>> ListAsync(ListQuery query, string? scopeRegion, CancellationToken ct)
    {
        var where = new Where();
        if (scopeRegion is not null)
        {
            where.RegionSubtree("region_code", scopeRegion, "scope");
        }
        if (query.Region is not null)
        {
            where.RegionSubtree("region_code", query.Region, "region");
        }
        if (query.Industry is not null)
        {
            ListSql.IndustryFilter(where, reference, "industry_code", query.Industry);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Text(db.Like, query.Text.Trim(), "name", "description");
        }
        var orderBy = Sorting.OrderBy(query.Sort, SortKeys, "created_at DESC, id DESC");
        return await ListSql.PageAsync(db, "enterprises", Columns, where, orderBy, query, Read, null, ct);
    }

    /// <summary>Stores a new enterprise with its audit and event rows, all in one transaction.</summary>
    public async Task<Enterprise> CreateAsync(Enterprise enterprise, DateTimeOffset now, long? accountId, CancellationToken ct)
    {
        var stored = enterprise with
        {
            RegionCode = RegionCatalogue.Significant(enterprise.RegionCode), CreatedAt = Database.Utc(now), UpdatedAt = Database.Utc(now), Version = 1,
        };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var created = stored with { Id = await c.ExecuteScalarAsync<long>(Insert, Parameters(stored), tx) };
            await index.WriteAsync(c, tx, created.Id, created, ct);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "enterprise", created.Id, created.RegionCode, "",
                AuditTrail.Diff(null, created)));
            return created;
        }, ct);
    }

    /// <summary>
    /// Changes an enterprise if it still has the version of <paramref name="before"/>, with its audit and event rows in
    /// the same transaction; null if it was changed or removed since (nothing is written then).
    /// </summary>
    public async Task<Enterprise?> UpdateAsync(Enterprise enterprise, Enterprise before, DateTimeOffset now, long? accountId, CancellationToken ct)
    {
        var stored = enterprise with { RegionCode = RegionCatalogue.Significant(enterprise.RegionCode), UpdatedAt = Database.Utc(now), Version = before.Version };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var changed = await c.ExecuteAsync(
                "UPDATE enterprises SET name = @Name, uscc = @Uscc, industry_code = @IndustryCode, region_code = @Region, size_class = @SizeClass, " +
                "tier = @Tier, headcount = @Headcount, description = @Description, updated_at = @UpdatedAt, version = version + 1 " +
                "WHERE id = @Id AND version = @Version",
                Parameters(stored), tx);
            if (changed == 0)
            {
                return null;
            }
            Enterprise updated;
            await using (var reader = await c.ExecuteReaderAsync($"SELECT {Columns} FROM enterprises WHERE id = @Id", new { stored.Id }, tx))
            {
                await reader.ReadAsync(ct);
                updated = Read(reader);
            }
            await index.WriteAsync(c, tx, updated.Id, updated, ct);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "enterprise", updated.Id, updated.RegionCode, "",
                AuditTrail.Diff(before, updated)));
            return updated;
        }, ct);
    }

    /// <summary>How many positions and user accounts an enterprise has (a delete would take them with it).</summary>
    public async Task<(long Positions, long Accounts)> DependentsAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM positions WHERE enterprise_id = @id", new { id }, cancellationToken: ct)),
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM accounts WHERE enterprise_id = @id", new { id }, cancellationToken: ct)));
    }

    /// <summary>Removes an enterprise if it still has the version of <paramref name="before"/>; false if not (nothing is written then).</summary>
    public Task<bool> DeleteAsync(Enterprise before, DateTimeOffset now, long? accountId, CancellationToken ct) =>
        VersionedRows.DeleteAsync(db, "enterprises", "enterprise", before, before.RegionCode, now, accountId, personal: false, ct);

    internal static object Parameters(Enterprise e) => new
    {
        e.Id,
        e.Name,
        e.Uscc,
        e.IndustryCode,
        Region = RegionCatalogue.Pad(e.RegionCode),
        SizeClass = (int)e.SizeClass,
        Tier = (int)e.Tier,
        e.Headcount,
        e.Description,
        CreatedAt = Database.Utc(e.CreatedAt),
        UpdatedAt = Database.Utc(e.UpdatedAt),
        e.Version,
    };

    private static Enterprise Read(DbDataReader r) => new()
    {
        Id = r.Long(0),
        Name = r.GetString(1),
        Uscc = r.GetString(2),
        IndustryCode = r.GetString(3),
        RegionCode = RegionCatalogue.Significant(r.GetString(4)),
        SizeClass = r.Enum<EnterpriseSize>(5),
        Tier = r.Enum<EnterpriseTier>(6),
        Headcount = r.Int(7),
        Description = r.NullableString(8),
        CreatedAt = r.Timestamp(9),
        UpdatedAt = r.Timestamp(10),
        Version = r.Int(11),
    };
}
