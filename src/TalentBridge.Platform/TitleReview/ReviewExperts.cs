using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.TitleReview;

/// <summary>What an operator enters to register a review expert (评审专家).</summary>
public sealed record ReviewExpertDraft
{
    public const int MaxName = 50;
    public const int MaxSpecialty = 100;

    /// <summary>The expert's account (they sign in with it to score and vote).</summary>
    public string? UserName { get; init; }
    public string? Name { get; init; }
    public string? Specialty { get; init; }
    public string? RegionCode { get; init; }
    /// <summary>The expert's own talent record, when they have one (a conflict of interest with themself).</summary>
    public long? TalentId { get; init; }
    /// <summary>The expert's employer, when known (a conflict of interest with its applicants).</summary>
    public long? EmployerId { get; init; }
    public long? CommitteeId { get; init; }
}

/// <summary>A review expert as the administration page lists them.</summary>
public sealed record ReviewExpert(long Id, string Name, string Specialty, string RegionCode, string UserName, long? TalentId, long? EmployerId, string? EmployerName,
    long? CommitteeId, string? CommitteeName, DateTimeOffset CreatedAt);

/// <summary>An expert as an applicant sees them when naming referees and relations: name and specialty.</summary>
public sealed record ExpertName(long Id, string Name, string Specialty);

/// <summary>
/// The review experts and committees of the 职称 review (issue 15, item 5): an operator registers an expert on an
/// existing account, sets up a committee (评审委员会) of their region, and puts an expert on a committee or takes them off.
/// Each change is audited in its transaction; operators see and change their region's subtree only.
/// </summary>
public sealed class ReviewExperts(Database db, TimeProvider time)
{
    public const string ExpertSubject = "reviewExpert";
    public const string CommitteeSubject = "reviewCommittee";
    public const int MaxCommitteeName = 100;

    private const string Select =
        "SELECT x.id, x.name, x.specialty, x.region_code, a.user_name, x.talent_id, x.employer_id, e.name, x.committee_id, m.name, x.created_at " +
        "FROM tr_experts x JOIN accounts a ON a.id = x.account_id LEFT JOIN enterprises e ON e.id = x.employer_id " +
        "LEFT JOIN tr_committees m ON m.id = x.committee_id";

    /// <summary>The experts of the caller's region (all for an administrator), by name.</summary>
    public async Task<IReadOnlyList<ReviewExpert>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdmin || caller.IsOperator))
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        return [.. (await ReadAsync(c, null, Select + " ORDER BY x.name, x.id", null)).Where(x => caller.InScope(x.RegionCode))];
    }

    /// <summary>Every review expert's name and specialty, for anyone signed in (an applicant names referees and declares relations).</summary>
    public async Task<IReadOnlyList<ExpertName>> NamesAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<ExpertName>(new CommandDefinition("SELECT id, name, specialty FROM tr_experts ORDER BY name, id", cancellationToken: ct))];
    }

    public async Task<WriteResult<ReviewExpert>> RegisterAsync(Caller caller, ReviewExpertDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        if (!(caller.IsAdmin || caller.IsOperator))
        {
            return WriteResult.Forbidden<ReviewExpert>();
        }
        var region = RegionCatalogue.Significant(draft.RegionCode?.Trim() ?? "");
        var errors = new ValidationErrors()
            .Required(draft.UserName, "userName", 100)
            .Required(draft.Name, "name", ReviewExpertDraft.MaxName)
            .Required(draft.Specialty, "specialty", ReviewExpertDraft.MaxSpecialty)
            .Required(draft.RegionCode, "regionCode", 12)
            .When(!string.IsNullOrWhiteSpace(draft.RegionCode) && !caller.InScope(region), "regionCode", "is outside your region");
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var account = string.IsNullOrWhiteSpace(draft.UserName) ? 0
                : await c.QuerySingleOrDefaultAsync<long>("SELECT id FROM accounts WHERE user_name = @name", new { name = draft.UserName.Trim() }, tx);
            errors.When(!string.IsNullOrWhiteSpace(draft.UserName) && account == 0, "userName", "is not an account")
                .When(account != 0 && await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_experts WHERE account_id = @account", new { account }, tx) > 0,
                    "userName", "is a review expert already")
                .When(draft.TalentId is { } talentId && await c.ExecuteScalarAsync<long>("SELECT count(*) FROM talents WHERE id = @talentId", new { talentId }, tx) == 0,
                    "talentId", "is not a talent record")
                .When(draft.EmployerId is { } employerId && await c.ExecuteScalarAsync<long>("SELECT count(*) FROM enterprises WHERE id = @employerId", new { employerId }, tx) == 0,
                    "employerId", "is not a registered enterprise");
            if (draft.CommitteeId is { } committeeId && await CommitteeRegionAsync(c, tx, committeeId) is var committeeRegion && (committeeRegion is null || !caller.InScope(committeeRegion)))
            {
                errors.Add("committeeId", "is not a committee you may convene");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<ReviewExpert>(errors);
            }
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO tr_experts (account_id, talent_id, employer_id, name, specialty, region_code, committee_id, created_at) " +
                "VALUES (@account, @talentId, @employerId, @name, @specialty, @region, @committeeId, @now) RETURNING id",
                new
                {
                    account, talentId = draft.TalentId, employerId = draft.EmployerId, name = draft.Name!.Trim(), specialty = draft.Specialty!.Trim(),
                    region = Row.StoredRegion(region), committeeId = draft.CommitteeId, now = Database.Utc(now),
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, ExpertSubject, id, region, "register expert",
                JsonSerializer.Serialize(new { account, draft.TalentId, draft.EmployerId, draft.CommitteeId }, Row.Json)), "reviewExpert.register");
            return WriteResult.Ok((await FindAsync(c, tx, id))!);
        }, ct);
    }

    /// <summary>Puts an expert on a committee, or (null) takes them off; a ballot already open keeps the members it opened with.</summary>
    public async Task<WriteResult<ReviewExpert>> SetCommitteeAsync(Caller caller, long expertId, long? committeeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdmin || caller.IsOperator))
        {
            return WriteResult.Forbidden<ReviewExpert>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, expertId) is not { } expert || !caller.InScope(expert.RegionCode))
            {
                return WriteResult.NotFound<ReviewExpert>();
            }
            if (committeeId is { } id && await CommitteeRegionAsync(c, tx, id) is var region && (region is null || !caller.InScope(region)))
            {
                return WriteResult.Invalid<ReviewExpert>(new ValidationErrors().Add("committeeId", "is not a committee you may convene"));
            }
            await c.ExecuteAsync("UPDATE tr_experts SET committee_id = @committeeId WHERE id = @expertId", new { committeeId, expertId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, ExpertSubject, expertId, expert.RegionCode, "set committee",
                JsonSerializer.Serialize(new { committee = new[] { expert.CommitteeId, committeeId } }, Row.Json)), "reviewExpert.committee");
            return WriteResult.Ok((await FindAsync(c, tx, expertId))!);
        }, ct);
    }

    /// <summary>Sets up a committee of a region in the caller's subtree; experts join it with <see cref="SetCommitteeAsync"/> or when registered.</summary>
    public async Task<WriteResult<Committee>> CreateCommitteeAsync(Caller caller, string? name, string? regionCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdmin || caller.IsOperator))
        {
            return WriteResult.Forbidden<Committee>();
        }
        var region = RegionCatalogue.Significant(regionCode?.Trim() ?? "");
        var errors = new ValidationErrors().Required(name, "name", MaxCommitteeName).Required(regionCode, "regionCode", 12)
            .When(!string.IsNullOrWhiteSpace(regionCode) && !caller.InScope(region), "regionCode", "is outside your region");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Committee>(errors);
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>("INSERT INTO tr_committees (name, region_code, created_at) VALUES (@name, @region, @now) RETURNING id",
                new { name = name!.Trim(), region = Row.StoredRegion(region), now = Database.Utc(now) }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, CommitteeSubject, id, region, "create committee",
                JsonSerializer.Serialize(new { name = name.Trim() }, Row.Json)), "reviewCommittee.create");
            return WriteResult.Ok(new Committee(id, name.Trim(), region, 0));
        }, ct);
    }

    private static async Task<string?> CommitteeRegionAsync(DbConnection c, DbTransaction tx, long id) =>
        await c.QuerySingleOrDefaultAsync<string?>("SELECT region_code FROM tr_committees WHERE id = @id", new { id }, tx) is { } region
            ? RegionCatalogue.Significant(region) : null;

    private static async Task<ReviewExpert?> FindAsync(DbConnection c, DbTransaction tx, long id) =>
        (await ReadAsync(c, tx, Select + " WHERE x.id = @id", new { id })).FirstOrDefault();

    private static async Task<List<ReviewExpert>> ReadAsync(DbConnection c, DbTransaction? tx, string sql, object? parameters)
    {
        var list = new List<ReviewExpert>();
        await using var r = await c.ExecuteReaderAsync(sql, parameters, tx);
        while (await r.ReadAsync())
        {
            list.Add(new ReviewExpert(r.Long(0), r.GetString(1), r.GetString(2), RegionCatalogue.Significant(r.GetString(3)), r.GetString(4), r.NullableLong(5),
                r.NullableLong(6), r.NullableString(7), r.NullableLong(8), r.NullableString(9), r.Timestamp(10)));
        }
        return list;
    }
}
