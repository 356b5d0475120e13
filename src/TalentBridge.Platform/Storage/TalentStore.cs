using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Matching;

namespace TalentBridge.Platform.Storage;

public sealed class TalentStore(Database db, SearchIndex index)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["birthYear"] = "birth_year",
        ["education"] = "education",
        ["updatedAt"] = "updated_at",
        ["expectedSalaryMin"] = "expected_salary_min",
    };

    private const string Columns =
        "id, name, phone_masked, phone_hash, id_number_masked, id_number_hash, birth_year, gender, education, major, " +
        "residence_region_code, work_region_codes, occupations, skills, certificates, professional_title, skill_level, " +
        "expected_salary_min, expected_salary_max, availability, visibility, consent_version, consented_at, status, created_at, updated_at, salary_strict, version";

    internal const string Insert =
        "INSERT INTO talents (name, phone_masked, phone_hash, id_number_masked, id_number_hash, birth_year, gender, education, major, " +
        "residence_region_code, work_region_codes, occupations, skills, certificates, professional_title, skill_level, expected_salary_min, " +
        "expected_salary_max, availability, visibility, consent_version, consented_at, status, created_at, updated_at, salary_strict) VALUES " +
        "(@Name, @PhoneMasked, @PhoneHash, @IdNumberMasked, @IdNumberHash, @BirthYear, @Gender, @Education, @Major, @Region, @WorkRegions, " +
        "@Occupations, @Skills, @Certificates, @ProfessionalTitle, @SkillLevel, @ExpectedSalaryMin, @ExpectedSalaryMax, @Availability, " +
        "@Visibility, @ConsentVersion, @ConsentedAt, @Status, @CreatedAt, @UpdatedAt, @SalaryStrict) RETURNING id";

    internal const string InsertOccupation =
        "INSERT INTO talent_occupations (talent_id, occupation_code, years) VALUES (@TalentId, @Code, @Years)";

    public async Task<Talent?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition($"SELECT {Columns} FROM talents WHERE id = @id", new { id }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Talents registered with this phone or ID number hash (duplicate registration check).</summary>
    public async Task<IReadOnlyList<long>> FindByContactHashAsync(string hash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM talents WHERE phone_hash = @hash OR id_number_hash = @hash ORDER BY id", new { hash }, cancellationToken: ct));
        return ids.ToList();
    }

    /// <summary>Talents up to the given visibility (Public, then OperatorsOnly, then Hidden) within the scope region.</summary>
    public async Task<Page<Talent>> ListAsync(ListQuery query, string? scopeRegion, TalentVisibility maxVisibility, CancellationToken ct)
    {
        var where = new Where().Add("visibility <= @maxVisibility", "maxVisibility", (int)maxVisibility);
        if (scopeRegion is not null)
        {
            where.RegionSubtree("residence_region_code", scopeRegion, "scope");
        }
        if (query.Region is not null)
        {
            where.RegionSubtree("residence_region_code", query.Region, "region");
        }
        if (query.Occupation is not null)
        {
            var prefix = OccupationCatalogue.Prefix(ListQuery.PadOccupation(query.Occupation));
            where.Parameters.Add("occupationLo", prefix);
            where.Parameters.Add("occupationHi", prefix + "~");
            where.Add("EXISTS (SELECT 1 FROM talent_occupations o WHERE o.talent_id = talents.id " +
                      "AND o.occupation_code >= @occupationLo AND o.occupation_code < @occupationHi)");
        }
        if (query.Education is { } education)
        {
            where.Add("education >= @education", "education", (int)education);
        }
        const string newest = "updated_at DESC, id DESC";
        var orderBy = Sorting.OrderBy(query.Sort, SortKeys, newest);
        if (index.Words(query.Text) is { } words)
        {
            if (words.Count == 0)
            {
                return new Page<Talent>([], 0, query.Page, query.PageSize);
            }
            var relevance = TextMatch.Apply(db, where, words, w =>
            [
                w.Terms("talent_terms", "talent_id", "talents.id", SearchIndex.TitleWeight, SearchIndex.SkillWeight, SearchIndex.NameWeight),
                w.Occupation(codeIn => $"talents.id IN (SELECT o.talent_id FROM talent_occupations o WHERE {codeIn("o.occupation_code")})",
                    SearchIndex.OccupationWeight),
                w.Region("residence_region_code", SearchIndex.RegionWeight),
            ], newest);
            orderBy = query.Sort is null ? relevance : orderBy;
        }
        return await ListSql.PageAsync(db, "talents", Columns, where, orderBy, query, Read, null, ct);
    }

    /// <summary>
    /// Stores a new talent with its audit and event rows, all in one transaction; with <paramref name="phoneSealed"/> the
    /// sealed phone number a contact reveal shows; with <paramref name="ownAccount"/> the creating account (a
    /// self-registered talent) is linked to the new record in the same transaction.
    /// </summary>
    public async Task<Talent> CreateAsync(Talent talent, long? accountId, CancellationToken ct, string? phoneSealed = null, bool ownAccount = false) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(Insert, Parameters(talent), tx);
            await SealPhoneAsync(c, tx, id, phoneSealed);
            if (ownAccount && await c.ExecuteAsync("UPDATE accounts SET talent_id = @id WHERE id = @accountId AND talent_id IS NULL", new { id, accountId }, tx) != 1)
            {
                throw new InvalidOperationException($"account {accountId} has a talent record already");
            }
            await c.ExecuteAsync(InsertOccupation, OccupationRows(id, talent), tx);
            await index.WriteAsync(c, tx, id, talent, ct);
            var created = talent with { Id = id, Version = 1 };
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(talent.CreatedAt, accountId, AuditAction.Create, "talent", id, talent.ResidenceRegionCode, "",
                AuditTrail.ChangedFields(null, created)));
            return created;
        }, ct);

    /// <summary>
    /// Changes a talent if it still has the version of <paramref name="before"/>, with its audit and event rows in
    /// the same transaction; null if it was changed or removed since (nothing is written then).
    /// </summary>
    public async Task<Talent?> UpdateAsync(Talent talent, Talent before, long? accountId, CancellationToken ct, string? phoneSealed = null) =>
        await db.InTransactionAsync((c, tx) => UpdateAsync(c, tx, talent, before, accountId, ct, phoneSealed), ct);

    /// <summary>The same change in the caller's transaction (a training completion changes the record with its enrolment).</summary>
    internal async Task<Talent?> UpdateAsync(DbConnection c, DbTransaction tx, Talent talent, Talent before, long? accountId, CancellationToken ct,
        string? phoneSealed = null, string reason = "")
    {
        talent = talent with { Version = before.Version };
        var changed = await c.ExecuteAsync(
            "UPDATE talents SET name = @Name, phone_masked = @PhoneMasked, phone_hash = @PhoneHash, id_number_masked = @IdNumberMasked, " +
            "id_number_hash = @IdNumberHash, birth_year = @BirthYear, gender = @Gender, education = @Education, major = @Major, " +
            "residence_region_code = @Region, work_region_codes = @WorkRegions, occupations = @Occupations, skills = @Skills, " +
            "certificates = @Certificates, professional_title = @ProfessionalTitle, skill_level = @SkillLevel, " +
            "expected_salary_min = @ExpectedSalaryMin, expected_salary_max = @ExpectedSalaryMax, salary_strict = @SalaryStrict, availability = @Availability, " +
            "visibility = @Visibility, consent_version = @ConsentVersion, consented_at = @ConsentedAt, status = @Status, " +
            "updated_at = @UpdatedAt, version = version + 1 WHERE id = @Id AND version = @Version", Parameters(talent), tx);
        if (changed == 0)
        {
            return null;
        }
        await SealPhoneAsync(c, tx, talent.Id, phoneSealed);
        await c.ExecuteAsync("DELETE FROM talent_occupations WHERE talent_id = @Id", new { talent.Id }, tx);
        await c.ExecuteAsync(InsertOccupation, OccupationRows(talent.Id, talent), tx);
        await index.WriteAsync(c, tx, talent.Id, talent, ct);
        var updated = talent with { Version = before.Version + 1 };
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(talent.UpdatedAt, accountId, AuditAction.Update, "talent", talent.Id, talent.ResidenceRegionCode, reason,
            AuditTrail.ChangedFields(before, updated)));
        return updated;
    }

    private static async Task SealPhoneAsync(DbConnection c, DbTransaction tx, long id, string? phoneSealed)
    {
        if (phoneSealed is not null)
        {
            await c.ExecuteAsync("UPDATE talents SET phone_sealed = @phoneSealed WHERE id = @id", new { id, phoneSealed }, tx);
        }
    }

    /// <summary>How many applications and invitations name this record (it is not deleted while any do).</summary>
    public async Task<long> FlowCountAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM applications WHERE talent_id = @id) + (SELECT count(*) FROM invitations WHERE talent_id = @id)", new { id },
            cancellationToken: ct));
    }

    /// <summary>Removes a talent if it still has the version of <paramref name="before"/>; false if not (nothing is written then).</summary>
    public Task<bool> DeleteAsync(Talent before, DateTimeOffset now, long? accountId, CancellationToken ct) =>
        VersionedRows.DeleteAsync(db, "talents", "talent", before, before.ResidenceRegionCode, now, accountId, personal: true, ct);

    internal static IEnumerable<object> OccupationRows(long talentId, Talent talent) =>
        talent.Occupations.Select(o => new { TalentId = talentId, o.Code, o.Years });

    internal static object Parameters(Talent t) => new
    {
        t.Id,
        t.Name,
        t.PhoneMasked,
        t.PhoneHash,
        t.IdNumberMasked,
        t.IdNumberHash,
        t.BirthYear,
        Gender = (int)t.Gender,
        Education = (int)t.Education,
        t.Major,
        Region = RegionCatalogue.Pad(t.ResidenceRegionCode),
        WorkRegions = Row.ToJson(t.WorkRegionCodes),
        Occupations = Row.ToJson(t.Occupations),
        Skills = Row.ToJson(t.Skills),
        Certificates = Row.ToJson(t.Certificates),
        ProfessionalTitle = (int)t.ProfessionalTitle,
        SkillLevel = (int)t.SkillLevel,
        t.ExpectedSalaryMin,
        t.ExpectedSalaryMax,
        t.SalaryStrict,
        Availability = (int)t.Availability,
        Visibility = (int)t.Visibility,
        t.ConsentVersion,
        ConsentedAt = Database.Utc(t.ConsentedAt),
        Status = (int)t.Status,
        CreatedAt = Database.Utc(t.CreatedAt),
        UpdatedAt = Database.Utc(t.UpdatedAt),
        t.Version,
    };

    private static Talent Read(DbDataReader r) => new()
    {
        Id = r.Long(0),
        Name = r.GetString(1),
        PhoneMasked = r.GetString(2),
        PhoneHash = r.GetString(3),
        IdNumberMasked = r.NullableString(4),
        IdNumberHash = r.NullableString(5),
        BirthYear = r.Int(6),
        Gender = r.Enum<Gender>(7),
        Education = r.Enum<EducationLevel>(8),
        Major = r.NullableString(9),
        ResidenceRegionCode = RegionCatalogue.Significant(r.GetString(10)),
        WorkRegionCodes = r.FromJson<List<string>>(11),
        Occupations = r.FromJson<List<TalentOccupation>>(12),
        Skills = r.FromJson<List<TalentSkill>>(13),
        Certificates = r.FromJson<List<string>>(14),
        ProfessionalTitle = r.Enum<ProfessionalTitleLevel>(15),
        SkillLevel = r.Enum<SkillLevel>(16),
        ExpectedSalaryMin = r.NullableInt(17),
        ExpectedSalaryMax = r.NullableInt(18),
        Availability = r.Enum<EngagementModes>(19),
        Visibility = r.Enum<TalentVisibility>(20),
        ConsentVersion = r.GetString(21),
        ConsentedAt = r.Timestamp(22),
        Status = r.Enum<TalentStatus>(23),
        CreatedAt = r.Timestamp(24),
        UpdatedAt = r.Timestamp(25),
        Version = r.Int(27),
        SalaryStrict = r.Bool(26),
    };

    /// <summary>What a list of recommended talents shows of each (no contact data), by id.</summary>
    public async Task<Dictionary<long, MatchedTalent>> MatchCardsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var cards = new Dictionary<long, MatchedTalent>(ids.Count);
        if (ids.Count == 0)
        {
            return cards;
        }
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, name, birth_year, education, residence_region_code, occupations, expected_salary_min, expected_salary_max, updated_at " +
            $"FROM talents WHERE {ListSql.InList(db, "id", "ids")}", new { ids = ids.ToArray() }, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            cards[reader.Long(0)] = new MatchedTalent(reader.GetString(1), reader.Int(2), reader.Enum<EducationLevel>(3),
                RegionCatalogue.Significant(reader.GetString(4)), reader.FromJson<List<TalentOccupation>>(5),
                reader.NullableInt(6), reader.NullableInt(7), reader.Timestamp(8));
        }
        return cards;
    }

    /// <summary>Talents for the match index: all of them, or those with the given ids. Streams.</summary>
    public async IAsyncEnumerable<Talent> StreamAsync(IReadOnlyCollection<long>? ids, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = ids is null ? $"SELECT {Columns} FROM talents" : $"SELECT {Columns} FROM talents WHERE {ListSql.InList(db, "id", "ids")}";
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql, new { ids = ids?.ToArray() }, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }
}
