using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Escrow;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Challenges;

/// <summary>
/// A technology manager (技术经理人) of the register, with the track record computed from the contracts of the challenges
/// they were attached to: contracts in all and closed, what their solvers were paid, the commission earned, milestones
/// disputed (amounts in fen).
/// </summary>
public sealed record TechnologyManager(long Id, string Name, string Organisation, string RegionCode, string CertificateNo, DateOnly AccreditedOn,
    string Fields, bool Active, int Version, TrackRecord Record) : IVersioned;

public sealed record TrackRecord(int Challenges, int Contracts, int ClosedContracts, long PaidToSolvers, long Commission, int Disputes);

public sealed record ManagerInput(string? Name, string? Organisation, string? RegionCode, string? CertificateNo, DateOnly? AccreditedOn, string? Fields);

/// <summary>A manager attached to a challenge with the commission terms: basis points of every payout to the solver, and a note.</summary>
public sealed record ManagerAttachment(long ManagerId, string Name, string Organisation, int CommissionBasisPoints, string TermsNote, DateTimeOffset AttachedAt);

/// <summary>
/// The register of accredited technology managers (issue 16, item 2): operators add managers of their region and suspend or
/// reinstate them, administrators any; everyone signed in reads the register with each manager's track record. The
/// challenge's enterprise side attaches an active manager to an open or awarded challenge before its contract exists, with
/// the commission terms that the contract then copies.
/// </summary>
public sealed class TechnologyManagers(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxName = 50;
    public const int MaxOrganisation = 100;
    public const int MaxCertificate = 50;
    public const int MaxFields = 200;
    public const int MaxTermsNote = 1000;

    private const string Columns =
        "m.id, m.name, m.organisation, m.region_code, m.certificate_no, m.accredited_on, m.fields, m.active, m.version, " +
        "(SELECT count(*) FROM challenge_managers a WHERE a.manager_id = m.id), " +
        "(SELECT count(*) FROM escrow_contracts k WHERE k.manager_id = m.id), " +
        "(SELECT count(*) FROM escrow_contracts k WHERE k.manager_id = m.id AND k.state = 2), " +
        "(SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN escrow_contracts k ON k.id = p.contract_id WHERE k.manager_id = m.id AND p.account IN (3, 4)), " +
        "(SELECT coalesce(sum(p.amount), 0) FROM ledger_postings p JOIN escrow_contracts k ON k.id = p.contract_id WHERE k.manager_id = m.id AND p.account = 4), " +
        "(SELECT count(*) FROM escrow_milestones s JOIN escrow_contracts k ON k.id = s.contract_id WHERE k.manager_id = m.id AND s.dispute_reason IS NOT NULL)";

    public static bool CanManage(Caller caller, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || (caller.IsOperator && caller.InScope(regionCode));
    }

    /// <summary>The register, active managers first, then by name; <paramref name="text"/> searches name, organisation and fields.</summary>
    public async Task<Page<TechnologyManager>> ListAsync(string? text, bool activeOnly, int page, int pageSize, CancellationToken ct)
    {
        var where = new Where();
        if (!string.IsNullOrWhiteSpace(text))
        {
            where.Text(db.Like, text.Trim(), "m.name", "m.organisation", "m.fields");
        }
        if (activeOnly)
        {
            where.Add("m.active = @active", "active", true);
        }
        var query = new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) };
        return await ListSql.PageAsync(db, "technology_managers m", Columns, where, " ORDER BY m.active DESC, m.name, m.id", query, Read, null, ct);
    }

    public async Task<TechnologyManager?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, id);
    }

    public async Task<WriteResult<TechnologyManager>> AddAsync(Caller caller, ManagerInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<TechnologyManager>();
        }
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? caller.RegionCode : input.RegionCode.Trim();
        var errors = new ValidationErrors()
            .Required(input.Name, "name", MaxName)
            .Required(input.Organisation, "organisation", MaxOrganisation)
            .Required(input.CertificateNo, "certificateNo", MaxCertificate)
            .Required(input.Fields, "fields", MaxFields)
            .When(input.AccreditedOn is null, "accreditedOn", "is required")
            .When(input.AccreditedOn > ChinaTime.Today(time), "accreditedOn", "must not be in the future")
            .When(region is null || reference.Regions.Find(region) is null, "regionCode", "is not a region of the catalogue")
            .When(region is not null && !CanManage(caller, region), "regionCode", "must lie in your region");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TechnologyManager>(errors);
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var row = new
                {
                    name = input.Name!.Trim(), organisation = input.Organisation!.Trim(), region = Row.StoredRegion(region), certificate = input.CertificateNo!.Trim(),
                    accreditedOn = input.AccreditedOn!.Value, fields = input.Fields!.Trim(), now = Database.Utc(now), by = caller.AccountId,
                };
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO technology_managers (name, organisation, region_code, certificate_no, accredited_on, fields, active, version, created_at, created_by) " +
                    "VALUES (@name, @organisation, @region, @certificate, @accreditedOn, @fields, TRUE, 1, @now, @by) RETURNING id", row, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "technologyManager", id, region, "manager-register",
                    JsonSerializer.Serialize(new { row.name, row.organisation, certificateNo = row.certificate, row.accreditedOn, row.fields })));
                return WriteResult.Ok((await FindAsync(c, tx, id))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<TechnologyManager>(new ValidationErrors().Add("certificateNo", "is already in the register"));
        }
    }

    /// <summary>Suspends (with a reason) or reinstates a manager; a suspended manager cannot be attached to new challenges.</summary>
    public async Task<WriteResult<TechnologyManager>> SetActiveAsync(Caller caller, long id, bool active, string? reason, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors().Required(reason, "reason", MaxTermsNote);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } manager)
            {
                return WriteResult.NotFound<TechnologyManager>();
            }
            if (!CanManage(caller, manager.RegionCode))
            {
                return WriteResult.Forbidden<TechnologyManager>();
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<TechnologyManager>(errors);
            }
            if (await c.ExecuteAsync("UPDATE technology_managers SET active = @active, version = version + 1 WHERE id = @id AND version = @version",
                    new { active, id, version = expectedVersion ?? manager.Version }, tx) == 0)
            {
                return WriteResult.Conflict(manager);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "technologyManager", id, manager.RegionCode, reason!.Trim(),
                AuditTrail.Diff(new { active = manager.Active }, new { active })));
            return WriteResult.Ok((await FindAsync(c, tx, id))!);
        }, ct);
    }

    /// <summary>Attaches (or replaces) the challenge's technology manager with commission terms, before the contract exists.</summary>
    public async Task<WriteResult<ManagerAttachment>> AttachAsync(Caller caller, long challengeId, long? managerId, int? commissionBasisPoints, string? termsNote,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors()
            .When(managerId is null, "managerId", "is required")
            .When(commissionBasisPoints is null, "commissionBasisPoints", "is required")
            .When(commissionBasisPoints is < 0 or > EscrowTerms.MaxCommissionBasisPoints, "commissionBasisPoints", $"must be between 0 and {EscrowTerms.MaxCommissionBasisPoints}")
            .Required(termsNote, "termsNote", MaxTermsNote);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ChallengeBoard.FindAsync(c, tx, challengeId) is not { } challenge)
            {
                return WriteResult.NotFound<ManagerAttachment>();
            }
            if (!caller.IsSignedIn || !caller.CanManagePositionsOf(reference.Regions, challenge.EnterpriseId, challenge.RegionCode))
            {
                return WriteResult.Forbidden<ManagerAttachment>();
            }
            var manager = managerId is { } m ? await FindAsync(c, tx, m) : null;
            errors.When(managerId is not null && manager is not { Active: true }, "managerId", "is not an active manager of the register")
                .When(challenge.State == Domain.Challenges.ChallengeState.Closed, "challenge", "is closed")
                .When(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM escrow_contracts WHERE challenge_id = @challengeId", new { challengeId }, tx) > 0,
                    "challenge", "already has a contract: its commission terms are fixed");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<ManagerAttachment>(errors);
            }
            var before = await AttachmentAsync(c, tx, challengeId);
            await c.ExecuteAsync("DELETE FROM challenge_managers WHERE challenge_id = @challengeId", new { challengeId }, tx);
            await c.ExecuteAsync(
                "INSERT INTO challenge_managers (challenge_id, manager_id, commission_bp, terms_note, attached_at, attached_by) " +
                "VALUES (@challengeId, @managerId, @bp, @note, @now, @by)",
                new { challengeId, managerId, bp = commissionBasisPoints, note = termsNote!.Trim(), now = Database.Utc(now), by = caller.AccountId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "challenge", challengeId, challenge.RegionCode, "manager-attach",
                AuditTrail.Diff(new { managerId = before?.ManagerId, commissionBasisPoints = before?.CommissionBasisPoints },
                    new { managerId, commissionBasisPoints })), "challenge.manager");
            return WriteResult.Ok((await AttachmentAsync(c, tx, challengeId))!);
        }, ct);
    }

    internal static async Task<ManagerAttachment?> AttachmentAsync(DbConnection c, DbTransaction? tx, long challengeId)
    {
        await using var r = await c.ExecuteReaderAsync(
            "SELECT a.manager_id, m.name, m.organisation, a.commission_bp, a.terms_note, a.attached_at FROM challenge_managers a " +
            "JOIN technology_managers m ON m.id = a.manager_id WHERE a.challenge_id = @challengeId", new { challengeId }, tx);
        return await r.ReadAsync() ? new ManagerAttachment(r.Long(0), r.GetString(1), r.GetString(2), r.Int(3), r.GetString(4), r.Timestamp(5)) : null;
    }

    private static async Task<TechnologyManager?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM technology_managers m WHERE m.id = @id", new { id }, tx);
        return await r.ReadAsync() ? Read(r) : null;
    }

    private static TechnologyManager Read(DbDataReader r) => new(r.Long(0), r.GetString(1), r.GetString(2), RegionCatalogue.Significant(r.GetString(3)),
        r.GetString(4), r.Date(5), r.GetString(6), r.Bool(7), r.Int(8),
        new TrackRecord(r.Int(9), r.Int(10), r.Int(11), r.Long(12), r.Long(13), r.Int(14)));
}
