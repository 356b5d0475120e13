using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Training;

/// <summary>The catalogue's filters: keyword (name, provider, skills, certificate), region subtree, occupation prefix, subsidised only, level; sort and page.</summary>
public sealed record ProgrammeQuery(ListQuery List, bool SubsidisedOnly = false, SkillLevel? Level = null, bool IncludeInactive = false);

/// <summary>
/// Training providers and programmes (培训机构、培训项目) as data, managed by operators for their region's subtree and by
/// administrators; anyone may read the catalogue. Every change is versioned and audited with its values (a programme
/// holds no personal data).
/// </summary>
public sealed class Programmes(Database db, ReferenceData reference, TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "p.name",
        ["cost"] = "p.cost_fen - p.subsidy_fen",
        ["duration"] = "p.duration_hours",
        ["level"] = "p.level",
        ["updated"] = "p.updated_at",
    };

    private const string Columns =
        "p.id, p.provider_id, v.name, p.name, p.description, p.skills, p.occupation_codes, p.level, p.certificate, p.duration_hours, p.cost_fen, " +
        "p.subsidy_fen, p.subsidy_eligibility, p.region_code, p.mode, p.active, p.version";

    private const string From = "training_programmes p JOIN training_providers v ON v.id = p.provider_id";

    /// <summary>Who manages a region's training data: administrators, and operators whose subtree holds it.</summary>
    public static bool MayManage(Caller caller, string regionCode) => caller.IsAdmin || (caller.IsOperator && caller.InScope(regionCode));

    public async Task<WriteResult<Page<Programme>>> ListAsync(ProgrammeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = query.List.Validate(reference, SortKeys.Keys.ToList())
            .When(query.Level is { } l && !Enum.IsDefined(l), "level", $"is not a valid {nameof(SkillLevel)}");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Page<Programme>>(errors);
        }
        var where = new Where();
        if (!query.IncludeInactive)
        {
            where.Add("p.active = @active", "active", true);
        }
        if (query.List.Region is { } region)
        {
            where.RegionSubtree("p.region_code", region, "region");
        }
        if (query.List.Occupation is { } occupation)
        {
            // A code inside the JSON array starts right after its quote: "2-02-10 finds "2-02-10-03".
            where.Add("p.occupation_codes LIKE @occupation", "occupation", "%\"" + OccupationCatalogue.Prefix(ListQuery.PadOccupation(occupation)) + "%");
        }
        if (!string.IsNullOrWhiteSpace(query.List.Text))
        {
            where.Text(db.Like, query.List.Text.Trim(), "p.name", "v.name", "p.skills", "p.certificate");
        }
        if (query.SubsidisedOnly)
        {
            where.Add("p.subsidy_fen > 0");
        }
        if (query.Level is { } level)
        {
            where.Add("p.level = @level", "level", (int)level);
        }
        var page = await ListSql.PageAsync(db, From, Columns, where, Sorting.OrderBy(query.List.Sort, SortKeys, "p.name, p.id", "p.id"), query.List, Read, null, ct);
        return WriteResult.Ok(page);
    }

    /// <summary>Every active programme (the recommender reads the whole catalogue: a region has hundreds, not millions).</summary>
    public async Task<IReadOnlyList<Programme>> ActiveAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null, "p.active = @active", new { active = true }, ct);
    }

    public async Task<Programme?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await QueryAsync(c, null, "p.id = @id", new { id }, ct)).SingleOrDefault();
    }

    internal static async Task<IReadOnlyList<Programme>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args, CancellationToken ct)
    {
        var rows = new List<Programme>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From} WHERE {where} ORDER BY p.id", args, tx,
            cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            rows.Add(Read(r));
        }
        return rows;
    }

    private static Programme Read(DbDataReader r) => new()
    {
        Id = r.Long(0),
        ProviderId = r.Long(1),
        ProviderName = r.GetString(2),
        Name = r.GetString(3),
        Description = r.NullableString(4),
        Skills = r.FromJson<List<string>>(5),
        OccupationCodes = r.FromJson<List<string>>(6),
        Level = r.Enum<SkillLevel>(7),
        Certificate = r.NullableString(8),
        DurationHours = r.Int(9),
        CostFen = r.Long(10),
        SubsidyFen = r.Long(11),
        SubsidyEligibility = r.Enum<SubsidyEligibility>(12),
        RegionCode = RegionCatalogue.Significant(r.GetString(13)),
        Mode = r.Enum<DeliveryMode>(14),
        Active = r.Bool(15),
        Version = r.Int(16),
    };

    public async Task<IReadOnlyList<TrainingProvider>> ProvidersAsync(string? scopeRegion, CancellationToken ct)
    {
        var where = new Where();
        if (scopeRegion is not null)
        {
            where.RegionSubtree("region_code", scopeRegion, "scope");
        }
        await using var c = await db.OpenAsync(ct);
        var rows = new List<TrainingProvider>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT id, name, region_code, note, version FROM training_providers{where} ORDER BY name, id", where.Parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            rows.Add(new TrainingProvider(r.Long(0), r.GetString(1), RegionCatalogue.Significant(r.GetString(2)), r.NullableString(3), r.Int(4)));
        }
        return rows;
    }

    public async Task<WriteResult<TrainingProvider>> CreateProviderAsync(Caller caller, TrainingProvider input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<TrainingProvider>();
        }
        var errors = input.Validate(reference);
        if (errors.IsValid && !MayManage(caller, input.RegionCode))
        {
            errors.Add("regionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TrainingProvider>(errors);
        }
        var now = time.GetUtcNow();
        var provider = input with { Name = input.Name.Trim(), RegionCode = RegionCatalogue.Significant(input.RegionCode), Version = 1 };
        return WriteResult.Ok(await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO training_providers (name, region_code, note, version, created_at, updated_at) VALUES (@name, @region, @note, 1, @now, @now) RETURNING id",
                new { name = provider.Name, region = RegionCatalogue.Pad(provider.RegionCode), note = provider.Note, now = Database.Utc(now) }, tx);
            var created = provider with { Id = id };
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "trainingProvider", id, created.RegionCode, "",
                AuditTrail.Diff(null, created)));
            return created;
        }, ct));
    }

    public Task<WriteResult<Programme>> CreateAsync(Caller caller, Programme input, CancellationToken ct) => SaveAsync(caller, null, null, input, ct);

    public Task<WriteResult<Programme>> UpdateAsync(Caller caller, long id, int? expectedVersion, Programme input, CancellationToken ct) =>
        SaveAsync(caller, id, expectedVersion, input, ct);

    private async Task<WriteResult<Programme>> SaveAsync(Caller caller, long? id, int? expectedVersion, Programme input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<Programme>();
        }
        Programme? existing = null;
        if (id is { } programmeId)
        {
            existing = await FindAsync(programmeId, ct);
            if (existing is null)
            {
                return WriteResult.NotFound<Programme>();
            }
            if (!MayManage(caller, existing.RegionCode))
            {
                return WriteResult.Forbidden<Programme>();
            }
            if (expectedVersion is { } expected && existing.Version != expected)
            {
                return WriteResult.Conflict(existing);
            }
        }
        var errors = input.Validate(reference);
        var provider = (await ProvidersAsync(null, ct)).FirstOrDefault(p => p.Id == input.ProviderId);
        errors.When(provider is null, "providerId", "must be a known training provider");
        if (errors.IsValid && !MayManage(caller, input.RegionCode))
        {
            errors.Add("regionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Programme>(errors);
        }
        var now = time.GetUtcNow();
        var programme = input with
        {
            Id = existing?.Id ?? 0,
            Name = input.Name.Trim(),
            ProviderName = provider!.Name,
            RegionCode = RegionCatalogue.Significant(input.RegionCode),
            Skills = [.. input.Skills.Select(s => s.Trim())],
            OccupationCodes = [.. input.OccupationCodes.Select(c => reference.Occupations.Find(c)!.Code)],
            Version = (existing?.Version ?? 0) + 1,
        };
        var args = new
        {
            programme.Id, programme.ProviderId, programme.Name, programme.Description, Skills = Row.ToJson(programme.Skills),
            Occupations = Row.ToJson(programme.OccupationCodes), Level = (int)programme.Level, programme.Certificate, programme.DurationHours,
            programme.CostFen, programme.SubsidyFen, Eligibility = (int)programme.SubsidyEligibility, Region = RegionCatalogue.Pad(programme.RegionCode),
            Mode = (int)programme.Mode, programme.Active, Before = existing?.Version ?? 0, Now = Database.Utc(now),
        };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (existing is null)
            {
                var newId = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO training_programmes (provider_id, name, description, skills, occupation_codes, level, certificate, duration_hours, cost_fen, " +
                    "subsidy_fen, subsidy_eligibility, region_code, mode, active, version, created_at, updated_at) VALUES (@ProviderId, @Name, @Description, " +
                    "@Skills, @Occupations, @Level, @Certificate, @DurationHours, @CostFen, @SubsidyFen, @Eligibility, @Region, @Mode, @Active, 1, @Now, @Now) " +
                    "RETURNING id", args, tx);
                programme = programme with { Id = newId };
            }
            else if (await c.ExecuteAsync(
                "UPDATE training_programmes SET provider_id = @ProviderId, name = @Name, description = @Description, skills = @Skills, " +
                "occupation_codes = @Occupations, level = @Level, certificate = @Certificate, duration_hours = @DurationHours, cost_fen = @CostFen, " +
                "subsidy_fen = @SubsidyFen, subsidy_eligibility = @Eligibility, region_code = @Region, mode = @Mode, active = @Active, " +
                "version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Before", args, tx) == 0)
            {
                return WriteResult.Lost(existing);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, existing is null ? AuditAction.Create : AuditAction.Update,
                "trainingProgramme", programme.Id, programme.RegionCode, "", AuditTrail.Diff(existing, programme)));
            return WriteResult.Ok(programme);
        }, ct);
    }
}
