using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Audit;

namespace TalentBridge.Platform.Storage;

public sealed class PositionStore(Database db, ReferenceData reference, TimeProvider time, SearchIndex index)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["postedOn"] = "p.posted_on",
        ["salaryMax"] = "p.salary_max",
        ["salaryMin"] = "p.salary_min",
        ["title"] = "p.title",
        ["headcount"] = "p.headcount",
        ["expiresOn"] = "p.expires_on",
    };

    private const string Columns =
        "p.id, p.enterprise_id, p.title, p.occupation_code, p.industry_code, p.region_code, p.headcount, p.salary_min, p.salary_max, " +
        "p.months_per_year, p.min_education, p.min_experience_years, p.required_skills, p.preferred_skills, p.required_title, " +
        "p.required_skill_level, p.requirements_mandatory, p.engagement_mode, p.urgent, p.status, p.posted_on, p.expires_on, " +
        "p.description, p.created_at, p.updated_at, e.name, p.salary_strict, e.size_class, p.version";

    private const string From = "positions p JOIN enterprises e ON e.id = p.enterprise_id";

    internal const string Insert =
        "INSERT INTO positions (enterprise_id, title, occupation_code, industry_code, region_code, headcount, salary_min, salary_max, " +
        "months_per_year, min_education, min_experience_years, required_skills, preferred_skills, required_title, required_skill_level, " +
        "requirements_mandatory, engagement_mode, urgent, status, posted_on, expires_on, description, created_at, updated_at, salary_strict, closed_on) VALUES " +
        "(@EnterpriseId, @Title, @OccupationCode, @IndustryCode, @Region, @Headcount, @SalaryMin, @SalaryMax, @MonthsPerYear, @MinEducation, " +
        "@MinExperienceYears, @RequiredSkills, @PreferredSkills, @RequiredTitle, @RequiredSkillLevel, @RequirementsMandatory, @EngagementMode, " +
        "@Urgent, @Status, @PostedOn, @ExpiresOn, @Description, @CreatedAt, @UpdatedAt, @SalaryStrict, @ClosedOn) RETURNING id";

    public async Task<Position?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM {From} WHERE p.id = @id", new { id }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Page<Position>> ListAsync(ListQuery query, string? scopeRegion, CancellationToken ct)
    {
        var where = new Where();
        if (scopeRegion is not null)
        {
            where.RegionSubtree("p.region_code", scopeRegion, "scope");
        }
        if (query.Region is not null)
        {
            where.RegionSubtree("p.region_code", query.Region, "region");
        }
        if (query.Occupation is not null)
        {
            where.CodePrefix("p.occupation_code", OccupationCatalogue.Prefix(ListQuery.PadOccupation(query.Occupation)), "occupation");
        }
        if (query.Industry is not null)
        {
            ListSql.IndustryFilter(where, reference, "p.industry_code", query.Industry);
        }
        if (query.Education is { } education)
        {
            // Positions open to a person with this education.
            where.Add("p.min_education <= @education", "education", (int)education);
        }
        if (query.EnterpriseId is { } enterpriseId)
        {
            where.Add("p.enterprise_id = @enterpriseId", "enterpriseId", enterpriseId);
        }
        if (query.Urgent is { } urgent)
        {
            where.Add("p.urgent = @urgent", "urgent", urgent);
        }
        if (query.MinSalary is { } minSalary)
        {
            where.Add("p.salary_max >= @minSalary", "minSalary", minSalary);
        }
        if (query.Mode is { } mode)
        {
            where.Add("(p.engagement_mode & @mode) <> 0", "mode", (int)mode);
        }
        if (query.Status is { } status)
        {
            // Open means accepting applications today (China date): not closed and not past its expiry.
            where.Parameters.Add("today", ChinaTime.Today(time));
            where.Add(status == PositionStatus.Open ? "(p.status = 0 AND p.expires_on >= @today)" : "(p.status <> 0 OR p.expires_on < @today)");
        }
        const string newest = "p.posted_on DESC, p.id DESC";
        var orderBy = Sorting.OrderBy(query.Sort, SortKeys, newest, "p.id");
        if (index.Words(query.Text) is { } words)
        {
            if (words.Count == 0)
            {
                return new Page<Position>([], 0, query.Page, query.PageSize);
            }
            var relevance = TextMatch.Apply(db, where, words, w =>
            [
                w.Terms("position_terms", "position_id", "p.id", SearchIndex.TitleWeight, SearchIndex.DescriptionWeight),
                w.Terms("enterprise_terms", "enterprise_id", "p.enterprise_id", SearchIndex.EnterpriseWeight),
                w.Occupation(codeIn => codeIn("p.occupation_code"), SearchIndex.OccupationWeight),
                w.Region("p.region_code", SearchIndex.RegionWeight),
            ], newest);
            orderBy = query.Sort is null ? relevance : orderBy;
        }
        // Every position has its enterprise (foreign key), so the count needs no join.
        return await ListSql.PageAsync(db, From, Columns, where, orderBy, query, Read, "positions p", ct);
    }

    /// <summary>
    /// Stores a new position with its audit and event rows, all in one transaction; published from a duplicate cluster
    /// when <paramref name="fromCluster"/> is set, which links the cluster in the same transaction. Null when that
    /// cluster was published or merged away meanwhile (nothing is written then).
    /// </summary>
    public async Task<Position?> CreateAsync(Position position, DateTimeOffset now, long? accountId, CancellationToken ct, long? fromCluster = null)
    {
        var stored = position with { CreatedAt = Database.Utc(now), UpdatedAt = Database.Utc(now), Version = 1 };
        long id;
        try
        {
            id = await db.InTransactionAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>(Insert, Parameters(stored), tx);
                if (fromCluster is { } clusterId && !await Aggregation.ClusterPublishing.LinkAsync(c, tx, clusterId, id, now, accountId))
                {
                    throw new ClusterTakenException();
                }
                await index.WriteAsync(c, tx, id, stored, ct);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "position", id, stored.RegionCode,
                    fromCluster is { } published ? $"cluster:{published}" : "", AuditTrail.Diff(null, stored with { Id = id })));
                return id;
            }, ct);
        }
        catch (ClusterTakenException)
        {
            // Thrown inside the transaction so that it rolls back: the position is not stored.
            return null;
        }
        return await FindAsync(id, ct);
    }

    private sealed class ClusterTakenException : Exception;

    /// <summary>
    /// Changes a position if it still has the version of <paramref name="before"/>, with its audit and event rows in
    /// the same transaction; null if it was changed or removed since (nothing is written then).
    /// </summary>
    public async Task<Position?> UpdateAsync(Position position, Position before, DateTimeOffset now, long? accountId, CancellationToken ct)
    {
        var stored = position with { UpdatedAt = Database.Utc(now), Version = before.Version };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var changed = await c.ExecuteAsync(
                "UPDATE positions SET enterprise_id = @EnterpriseId, title = @Title, occupation_code = @OccupationCode, industry_code = @IndustryCode, " +
                "region_code = @Region, headcount = @Headcount, salary_min = @SalaryMin, salary_max = @SalaryMax, months_per_year = @MonthsPerYear, " +
                "min_education = @MinEducation, min_experience_years = @MinExperienceYears, required_skills = @RequiredSkills, " +
                "preferred_skills = @PreferredSkills, required_title = @RequiredTitle, required_skill_level = @RequiredSkillLevel, " +
                "requirements_mandatory = @RequirementsMandatory, engagement_mode = @EngagementMode, urgent = @Urgent, status = @Status, " +
                "posted_on = @PostedOn, expires_on = @ExpiresOn, description = @Description, salary_strict = @SalaryStrict, updated_at = @UpdatedAt, " +
                // The day it was closed (analytics' open positions at a month's end): kept while it stays closed, cleared when opened again.
                "closed_on = CASE WHEN @Status = 0 THEN NULL WHEN status <> 0 THEN closed_on ELSE @ClosedOn END, " +
                "version = version + 1 WHERE id = @Id AND version = @Version",
                Parameters(stored), tx);
            if (changed == 0)
            {
                return null;
            }
            // Read back in the transaction: the record as this change left it (its version, the enterprise's name), diffed
            // against the record as it was, never a later change by someone else.
            Position updated;
            await using (var reader = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE p.id = @Id", new { stored.Id }, tx))
            {
                await reader.ReadAsync(ct);
                updated = Read(reader);
            }
            await index.WriteAsync(c, tx, updated.Id, updated, ct);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "position", before.Id, updated.RegionCode, "",
                AuditTrail.Diff(before, updated)));
            return updated;
        }, ct);
    }

    /// <summary>How many applications and invitations name this record (it is not deleted while any do).</summary>
    public async Task<long> FlowCountAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM applications WHERE position_id = @id) + (SELECT count(*) FROM invitations WHERE position_id = @id)", new { id },
            cancellationToken: ct));
    }

    /// <summary>Removes a position if it still has the version of <paramref name="before"/>; false if not (nothing is written then).</summary>
    public Task<bool> DeleteAsync(Position before, DateTimeOffset now, long? accountId, CancellationToken ct) =>
        VersionedRows.DeleteAsync(db, "positions", "position", before, before.RegionCode, now, accountId, personal: false, ct);

    internal static object Parameters(Position p) => new
    {
        p.Id,
        p.EnterpriseId,
        p.Title,
        p.OccupationCode,
        p.IndustryCode,
        Region = RegionCatalogue.Pad(p.RegionCode),
        p.Headcount,
        p.SalaryMin,
        p.SalaryMax,
        p.MonthsPerYear,
        p.SalaryStrict,
        MinEducation = (int)p.MinEducation,
        p.MinExperienceYears,
        RequiredSkills = Row.ToJson(p.RequiredSkills),
        PreferredSkills = Row.ToJson(p.PreferredSkills),
        RequiredTitle = (int)p.RequiredTitle,
        RequiredSkillLevel = (int)p.RequiredSkillLevel,
        p.RequirementsMandatory,
        EngagementMode = (int)p.EngagementMode,
        p.Urgent,
        Status = (int)p.Status,
        p.PostedOn,
        p.ExpiresOn,
        p.Description,
        CreatedAt = Database.Utc(p.CreatedAt),
        UpdatedAt = Database.Utc(p.UpdatedAt),
        p.Version,
        // A position stored closed was closed on the (China) day of its last change.
        ClosedOn = p.Status == PositionStatus.Open ? (DateOnly?)null : ChinaTime.Date(p.UpdatedAt),
    };

    private static Position Read(DbDataReader r) => new()
    {
        Id = r.Long(0),
        EnterpriseId = r.Long(1),
        Title = r.GetString(2),
        OccupationCode = r.GetString(3),
        IndustryCode = r.NullableString(4),
        RegionCode = RegionCatalogue.Significant(r.GetString(5)),
        Headcount = r.Int(6),
        SalaryMin = r.Int(7),
        SalaryMax = r.Int(8),
        MonthsPerYear = r.Int(9),
        MinEducation = r.Enum<EducationLevel>(10),
        MinExperienceYears = r.Int(11),
        RequiredSkills = r.FromJson<List<string>>(12),
        PreferredSkills = r.FromJson<List<string>>(13),
        RequiredTitle = r.Enum<ProfessionalTitleLevel>(14),
        RequiredSkillLevel = r.Enum<SkillLevel>(15),
        RequirementsMandatory = r.Bool(16),
        EngagementMode = r.Enum<EngagementModes>(17),
        Urgent = r.Bool(18),
        Status = r.Enum<PositionStatus>(19),
        PostedOn = r.Date(20),
        ExpiresOn = r.Date(21),
        Description = r.NullableString(22),
        CreatedAt = r.Timestamp(23),
        UpdatedAt = r.Timestamp(24),
        Version = r.Int(28),
        EnterpriseName = r.GetString(25),
        SalaryStrict = r.Bool(26),
    };

    /// <summary>
    /// Positions with their enterprise's size class, for the match index: all of them, or those with the
    /// given ids, or those of the given enterprises. Streams; the caller reads as it goes.
    /// </summary>
    public async IAsyncEnumerable<(Position Position, EnterpriseSize Size)> StreamForMatchingAsync(
        IReadOnlyCollection<long>? ids, IReadOnlyCollection<long>? enterpriseIds, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var (filter, parameters) = (ids, enterpriseIds) switch
        {
            ({ } some, _) => (" WHERE " + ListSql.InList(db, "p.id", "ids"), (object)new { ids = some.ToArray() }),
            (_, { } owners) => (" WHERE " + ListSql.InList(db, "p.enterprise_id", "ids"), new { ids = owners.ToArray() }),
            _ => ("", new { }),
        };
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM {From}{filter}", parameters, cancellationToken: ct, flags: CommandFlags.None));
        while (await reader.ReadAsync(ct))
        {
            yield return (Read(reader), reader.Enum<EnterpriseSize>(27));
        }
    }
}
