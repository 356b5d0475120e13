using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>
/// A shared pool: a city's master pool (<see cref="ParentId"/> null) or a county's sub-pool. The city pool carries the
/// response clock's settings for the whole city. Counts are of admitted experts and of applications awaiting a decision.
/// </summary>
public sealed record SharedPoolInfo(long Id, string RegionCode, long? ParentId, string Name, ClockMode ClockMode, int TargetHours, int WarnHours,
    int ReplyHours, int Version, int Admitted, int Pending)
{
    public bool IsCity => ParentId is null;

    public ClockPolicy Policy => new(ClockMode, TimeSpan.FromHours(TargetHours), TimeSpan.FromHours(WarnHours));
}

/// <summary>The kinds of tags an operator manages; the service mode and the county are facets of every expert.</summary>
public enum TagKind
{
    Industry = 1,
    Specialty = 2,
    Skill = 3,
}

/// <summary>A tag of a city pool's classified index, with its parent and the number of admitted experts carrying it.</summary>
public sealed record SharedTag(long Id, TagKind Kind, long? ParentId, string Name, string? NameEn, string? Code, int Experts);

/// <summary>The response clock's settings of a city pool as an operator edits them.</summary>
public sealed record PoolSettings(ClockMode ClockMode, int TargetHours, int WarnHours, int ReplyHours)
{
    public const int MaxTargetHours = 720;
    public const int MaxReplyHours = 240;

    public ValidationErrors Validate() => new ValidationErrors()
        .Defined(ClockMode, "clockMode")
        .When(TargetHours is < 1 or > MaxTargetHours, "targetHours", $"must be between 1 and {MaxTargetHours}")
        .When(WarnHours < 1 || WarnHours >= TargetHours, "warnHours", "must be at least 1 and below targetHours")
        .When(ReplyHours is < 1 or > MaxReplyHours, "replyHours", $"must be between 1 and {MaxReplyHours}");
}

/// <summary>
/// The shared pools of a city (共享人才库: one master pool, one sub-pool per county, seed 003), their settings and their
/// tags. A city's operators (or an administrator) open the city's pools and manage its settings, standards and tags;
/// a county's operators administer the county's sub-pool (admissions). Each change with its audit row and event in one
/// transaction.
/// </summary>
public sealed class SharedPools(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxTagName = 40;

    private const string PoolColumns =
        "p.id, p.region_code, p.parent_id, p.name, p.clock_mode, p.target_hours, p.warn_hours, p.reply_hours, p.version, " +
        "(SELECT count(*) FROM shared_experts x WHERE (x.pool_id = p.id OR x.city_pool_id = p.id) AND x.state = 1), " +
        "(SELECT count(*) FROM shared_experts x WHERE (x.pool_id = p.id OR x.city_pool_id = p.id) AND x.state = 0)";

    /// <summary>The city pool a region lies in (its own city), or null when the city has not opened one.</summary>
    public async Task<SharedPoolInfo?> CityPoolOfAsync(string regionCode, CancellationToken ct)
    {
        if (CityOf(regionCode) is not { } city)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        return await CityPoolAsync(c, null, city);
    }

    internal static async Task<SharedPoolInfo?> CityPoolAsync(DbConnection c, DbTransaction? tx, string cityCode) =>
        await QueryPoolsAsync(c, tx, "p.region_code = @region AND p.parent_id IS NULL", new { region = RegionCatalogue.Pad(cityCode) }) is [var pool, ..]
            ? pool : null;

    /// <summary>The pools the caller administers or may see: a city pool and its sub-pools, city first, then by code.</summary>
    public async Task<IReadOnlyList<SharedPoolInfo>> ListAsync(string cityCode, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var (lo, hi) = RegionCatalogue.SubtreeRange(cityCode);
        return await QueryPoolsAsync(c, null, "p.region_code BETWEEN @lo AND @hi", new { lo, hi });
    }

    public async Task<SharedPoolInfo?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryPoolsAsync(c, null, "p.id = @id", new { id }) is [var pool, ..] ? pool : null;
    }

    private static async Task<IReadOnlyList<SharedPoolInfo>> QueryPoolsAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<SharedPoolInfo>();
        await using var r = await c.ExecuteReaderAsync($"SELECT {PoolColumns} FROM shared_pools p WHERE {where} ORDER BY p.parent_id IS NOT NULL, p.region_code", args, tx);
        while (await r.ReadAsync())
        {
            rows.Add(new SharedPoolInfo(r.Long(0), RegionCatalogue.Significant(r.GetString(1)), r.NullableLong(2), r.GetString(3), (ClockMode)r.Int(4),
                r.Int(5), r.Int(6), r.Int(7), r.Int(8), r.Int(9), r.Int(10)));
        }
        return rows;
    }

    /// <summary>The city (4-digit code) a region lies in, or null for a province or an unknown code.</summary>
    public string? CityOf(string? regionCode)
    {
        if (regionCode is null || reference.Regions.Find(regionCode) is not { } region || region.Level < RegionLevel.City)
        {
            return null;
        }
        return RegionCatalogue.Significant(region.Code).PadRight(12, '0')[..4];
    }

    /// <summary>
    /// Opens a city's master pool and one sub-pool per county of the city (from the region catalogue), with the first
    /// admission standard (the shipped default unless one is given). A second call answers the pools already open.
    /// </summary>
    public async Task<WriteResult<SharedPoolInfo>> OpenCityAsync(Caller caller, string cityCode, AdmissionStandard? standard, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (reference.Regions.Find(cityCode) is not { Level: RegionLevel.City } city)
        {
            return WriteResult.Invalid<SharedPoolInfo>(new ValidationErrors().Add("regionCode", "is not a city in the region catalogue"));
        }
        if (!CanManageCity(caller, city.Code))
        {
            return WriteResult.Forbidden<SharedPoolInfo>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await CityPoolAsync(c, tx, city.Code) is { } open)
            {
                return WriteResult.Ok(open);
            }
            var cityId = await c.ExecuteScalarAsync<long>(
                "INSERT INTO shared_pools (region_code, parent_id, name, created_at) VALUES (@region, NULL, @name, @now) RETURNING id",
                new { region = city.FullCode, name = city.Name + "共享人才总库", now = Database.Utc(now) }, tx);
            foreach (var county in reference.Regions.Children(city.Code).Where(r => r.Level == RegionLevel.County))
            {
                await c.ExecuteAsync("INSERT INTO shared_pools (region_code, parent_id, name, created_at) VALUES (@region, @cityId, @name, @now)",
                    new { region = county.FullCode, cityId, name = county.Name + "共享人才分库", now = Database.Utc(now) }, tx);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "sharedPool", cityId, city.Code, "open city pool"));
            await AdmissionStandards.InsertAsync(c, tx, cityId, city.Code, standard ?? AdmissionStandard.LishuiDefault, "first standard", caller.AccountId, now);
            return WriteResult.Ok((await CityPoolAsync(c, tx, city.Code))!);
        }, ct);
    }

    /// <summary>The city's operators (and administrators) change the response clock's settings; open orders keep their mode.</summary>
    public async Task<WriteResult<SharedPoolInfo>> SetSettingsAsync(Caller caller, long poolId, PoolSettings settings, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(settings);
        if (await FindAsync(poolId, ct) is not { IsCity: true } pool)
        {
            return WriteResult.NotFound<SharedPoolInfo>();
        }
        if (!CanManageCity(caller, pool.RegionCode))
        {
            return WriteResult.Forbidden<SharedPoolInfo>();
        }
        if (settings.Validate() is { IsValid: false } errors)
        {
            return WriteResult.Invalid<SharedPoolInfo>(errors);
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(
                    "UPDATE shared_pools SET clock_mode = @mode, target_hours = @target, warn_hours = @warn, reply_hours = @reply, version = version + 1 " +
                    "WHERE id = @poolId AND version = @version",
                    new
                    {
                        mode = (int)settings.ClockMode, target = settings.TargetHours, warn = settings.WarnHours, reply = settings.ReplyHours, poolId,
                        version = expectedVersion ?? pool.Version,
                    }, tx) != 1)
            {
                return WriteResult.Conflict(pool);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "sharedPool", poolId, pool.RegionCode, "settings",
                JsonSerializer.Serialize(settings, Row.Json)));
            return WriteResult.Ok((await CityPoolAsync(c, tx, pool.RegionCode))!);
        }, ct);
    }

    /// <summary>Operators of the city (or above) and administrators manage the city pool, its standards, tags and settings.</summary>
    public static bool CanManageCity(Caller caller, string cityCode) =>
        caller is not null && (caller.IsAdmin || (caller.IsOperator && caller.InScope(cityCode)));

    /// <summary>Operators whose region holds the pool (a county's or the city's) and administrators decide its admissions.</summary>
    public static bool CanAdminister(Caller caller, string poolRegion) =>
        caller is not null && (caller.IsAdmin || (caller.IsOperator && caller.InScope(poolRegion)));

    /// <summary>
    /// Who may browse a city's experts: administrators, operators whose region overlaps the city (a county's operators
    /// broker with experts from the whole city), and the users of an enterprise in the city.
    /// </summary>
    public static bool CanBrowse(Caller caller, string cityCode, string? enterpriseRegion) =>
        caller is not null && (caller.IsAdmin
            || (caller.IsOperator && (caller.InScope(cityCode) || RegionCatalogue.Contains(cityCode, caller.ScopeRegion)))
            || (caller.IsEnterpriseUser && RegionCatalogue.Contains(cityCode, enterpriseRegion)));

    // ---- tags ----

    /// <summary>The city pool's tags with the number of admitted experts carrying each, by kind and name.</summary>
    public async Task<IReadOnlyList<SharedTag>> TagsAsync(long cityPoolId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, int Kind, long? ParentId, string Name, string? NameEn, string? Code, long Experts)>(
            "SELECT t.id, t.kind, t.parent_id, t.name, t.name_en, t.code, " +
            "(SELECT count(*) FROM shared_expert_tags et JOIN shared_experts x ON x.id = et.expert_id WHERE et.tag_id = t.id AND x.state = 1) " +
            "FROM shared_tags t WHERE t.city_pool_id = @cityPoolId ORDER BY t.kind, t.name", new { cityPoolId });
        return [.. rows.Select(r => new SharedTag(r.Id, (TagKind)r.Kind, r.ParentId, r.Name, r.NameEn, r.Code, (int)r.Experts))];
    }

    /// <summary>Adds a tag (an industry tag may carry a GB/T 4754 code, a specialty an occupation code; a parent makes the tree).</summary>
    public async Task<WriteResult<SharedTag>> AddTagAsync(Caller caller, long cityPoolId, TagKind kind, string? name, string? nameEn, string? code,
        long? parentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(cityPoolId, ct) is not { IsCity: true } pool)
        {
            return WriteResult.NotFound<SharedTag>();
        }
        if (!CanManageCity(caller, pool.RegionCode))
        {
            return WriteResult.Forbidden<SharedTag>();
        }
        var errors = new ValidationErrors().Defined(kind, "kind").Required(name, "name", MaxTagName).Optional(nameEn, "nameEn", MaxTagName);
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        errors.When(code is not null && kind == TagKind.Industry && reference.Industries.Find(code) is null, "code", "is not in the industry catalogue")
            .When(code is not null && kind != TagKind.Industry && reference.Occupations.Find(code) is null, "code", "is not in the occupation catalogue");
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (parentId is { } parent && await c.ExecuteScalarAsync<long>(
                        "SELECT count(*) FROM shared_tags WHERE id = @parent AND city_pool_id = @cityPoolId AND kind = @kind",
                        new { parent, cityPoolId, kind = (int)kind }, tx) == 0)
                {
                    errors.Add("parentId", "is not a tag of this kind in this pool");
                }
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<SharedTag>(errors);
                }
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO shared_tags (city_pool_id, kind, parent_id, name, name_en, code, created_at) " +
                    "VALUES (@cityPoolId, @kind, @parentId, @name, @nameEn, @code, @now) RETURNING id",
                    new { cityPoolId, kind = (int)kind, parentId, name = name!.Trim(), nameEn = nameEn?.Trim(), code, now = Database.Utc(now) }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "sharedTag", id, pool.RegionCode, "add tag",
                    JsonSerializer.Serialize(new { kind, name, code }, Row.Json)));
                return WriteResult.Ok(new SharedTag(id, kind, parentId, name.Trim(), nameEn?.Trim(), code, 0));
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<SharedTag>(new ValidationErrors().Add("name", "is already a tag of this kind"));
        }
    }

    /// <summary>Removes a tag that no expert carries and no other tag hangs under.</summary>
    public async Task<WriteResult<SharedTag>> RemoveTagAsync(Caller caller, long cityPoolId, long tagId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(cityPoolId, ct) is not { IsCity: true } pool)
        {
            return WriteResult.NotFound<SharedTag>();
        }
        if (!CanManageCity(caller, pool.RegionCode))
        {
            return WriteResult.Forbidden<SharedTag>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var tag = (await c.QueryAsync<(long Id, int Kind, string Name)>(
                "SELECT id, kind, name FROM shared_tags WHERE id = @tagId AND city_pool_id = @cityPoolId", new { tagId, cityPoolId }, tx)).FirstOrDefault();
            if (tag.Id == 0)
            {
                return WriteResult.NotFound<SharedTag>();
            }
            var used = await c.ExecuteScalarAsync<long>(
                "SELECT (SELECT count(*) FROM shared_expert_tags WHERE tag_id = @tagId) + (SELECT count(*) FROM shared_tags WHERE parent_id = @tagId)",
                new { tagId }, tx);
            if (used > 0)
            {
                return WriteResult.Invalid<SharedTag>(new ValidationErrors().Add("tagId", "is still used by experts or other tags"));
            }
            await c.ExecuteAsync("DELETE FROM shared_tags WHERE id = @tagId", new { tagId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Delete, "sharedTag", tagId, pool.RegionCode, "remove tag",
                JsonSerializer.Serialize(new { kind = (TagKind)tag.Kind, tag.Name }, Row.Json)));
            return WriteResult.Ok(new SharedTag(tagId, (TagKind)tag.Kind, null, tag.Name, null, null, 0));
        }, ct);
    }
}
