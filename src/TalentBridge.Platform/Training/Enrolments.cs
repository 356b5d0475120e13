using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Training;

public enum EnrolmentStatus
{
    Enrolled = 1,
    Completed = 2,
    Withdrawn = 3,
}

/// <summary>A talent's enrolment in a programme; <see cref="TalentName"/> only for operators' lists.</summary>
public sealed record Enrolment(long Id, long ProgrammeId, string ProgrammeName, long TalentId, string? TalentName, string RegionCode, EnrolmentStatus Status,
    DateTimeOffset EnrolledAt, DateTimeOffset? CompletedAt, int Version) : IVersioned;

/// <summary>
/// Enrolments and completions. A talent enrols themselves (or an operator who may edit their record enrols them); an
/// operator of the talent's region or an administrator records the completion, which in one transaction marks the
/// enrolment completed and changes the talent's record as <see cref="TrainingCompletion.Apply"/> says (skills, certificate,
/// skill level: a new version, audited with the names of the fields changed, like every change of a person's record).
/// </summary>
public sealed class Enrolments(Database db, TalentStore talents, Programmes programmes, ReferenceData reference, TimeProvider time)
{
    public const int ListLimit = 200;

    private const string Columns =
        "e.id, e.programme_id, p.name, e.talent_id, t.name, e.region_code, e.status, e.enrolled_at, e.completed_at, e.version";

    private const string From = "training_enrolments e JOIN training_programmes p ON p.id = e.programme_id JOIN talents t ON t.id = e.talent_id";

    public async Task<WriteResult<Enrolment>> EnrolAsync(Caller caller, long talentId, long programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await talents.FindAsync(talentId, ct) is not { } talent || !caller.CanSeeTalent(reference.Regions, talentId, talent.ResidenceRegionCode, talent.Visibility))
        {
            return WriteResult.NotFound<Enrolment>();
        }
        if (caller.TalentId != talentId && !caller.CanEditTalent(reference.Regions, talentId, talent.ResidenceRegionCode))
        {
            return WriteResult.Forbidden<Enrolment>();
        }
        var programme = await programmes.FindAsync(programmeId, ct);
        var errors = new ValidationErrors().When(programme is not { Active: true }, "programmeId", "must be an active programme");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Enrolment>(errors);
        }
        var now = time.GetUtcNow();
        try
        {
            return WriteResult.Ok(await db.InTransactionAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO training_enrolments (programme_id, talent_id, region_code, status, enrolled_at, version) " +
                    "VALUES (@programmeId, @talentId, @region, @status, @now, 1) RETURNING id",
                    new { programmeId, talentId, region = RegionCatalogue.Pad(talent.ResidenceRegionCode), status = (int)EnrolmentStatus.Enrolled, now = Database.Utc(now) }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "trainingEnrolment", id, talent.ResidenceRegionCode, "",
                    JsonSerializer.Serialize(new { programmeId, talentId })));
                return new Enrolment(id, programmeId, programme!.Name, talentId, null, talent.ResidenceRegionCode, EnrolmentStatus.Enrolled, now, null, 1);
            }, ct));
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Enrolment>(new ValidationErrors().Add("programmeId", "is already one of this talent's programmes"));
        }
    }

    /// <summary>Marks an enrolment completed and adds what the programme teaches to the talent's record, in one transaction.</summary>
    public Task<WriteResult<Enrolment>> CompleteAsync(Caller caller, long enrolmentId, int? expectedVersion, CancellationToken ct) =>
        ChangeAsync(caller, enrolmentId, expectedVersion, EnrolmentStatus.Completed, ct);

    /// <summary>Withdraws from a programme not completed (the talent, or an operator of their region).</summary>
    public Task<WriteResult<Enrolment>> WithdrawAsync(Caller caller, long enrolmentId, int? expectedVersion, CancellationToken ct) =>
        ChangeAsync(caller, enrolmentId, expectedVersion, EnrolmentStatus.Withdrawn, ct);

    private async Task<WriteResult<Enrolment>> ChangeAsync(Caller caller, long enrolmentId, int? expectedVersion, EnrolmentStatus to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(enrolmentId, ct) is not { } enrolment || !MaySee(caller, enrolment))
        {
            return WriteResult.NotFound<Enrolment>();
        }
        var operatorOrAdmin = caller.IsAdmin || (caller.IsOperator && caller.InScope(enrolment.RegionCode));
        if (!operatorOrAdmin && !(to == EnrolmentStatus.Withdrawn && caller.TalentId == enrolment.TalentId))
        {
            return WriteResult.Forbidden<Enrolment>();
        }
        if (expectedVersion is { } expected && expected != enrolment.Version)
        {
            return WriteResult.Conflict(enrolment);
        }
        if (enrolment.Status != EnrolmentStatus.Enrolled)
        {
            return WriteResult.Invalid<Enrolment>(new ValidationErrors().Add("status", "is completed or withdrawn already"));
        }
        var now = time.GetUtcNow();
        var programme = to == EnrolmentStatus.Completed ? await programmes.FindAsync(enrolment.ProgrammeId, ct) : null;
        var before = to == EnrolmentStatus.Completed ? await talents.FindAsync(enrolment.TalentId, ct) : null;
        try
        {
            return await db.InTransactionAsync(async (c, tx) => await ChangeAsync(c, tx, caller, enrolment, to, programme, before, now, ct), ct);
        }
        catch (TalentChangedException)
        {
            // The record changed between reading and writing: nothing of the completion was kept; the operator tries again.
            return WriteResult.Conflict(enrolment);
        }
    }

    private sealed class TalentChangedException : Exception;

    private async Task<WriteResult<Enrolment>> ChangeAsync(DbConnection c, DbTransaction tx, Caller caller, Enrolment enrolment, EnrolmentStatus to,
        Programme? programme, Domain.Pools.Talent? before, DateTimeOffset now, CancellationToken ct)
    {
        var enrolmentId = enrolment.Id;
        if (await c.ExecuteAsync(
                "UPDATE training_enrolments SET status = @to, completed_at = @at, completed_by = @by, version = version + 1 " +
                "WHERE id = @enrolmentId AND version = @version AND status = @enrolled",
                new
                {
                    to = (int)to, at = to == EnrolmentStatus.Completed ? Database.Utc(now) : (DateTimeOffset?)null,
                    by = to == EnrolmentStatus.Completed ? caller.AccountId : null, enrolmentId, version = enrolment.Version,
                    enrolled = (int)EnrolmentStatus.Enrolled,
                }, tx) == 0)
        {
            return WriteResult.Lost<Enrolment>(enrolment);
        }
        if (programme is not null && before is not null)
        {
            var after = TrainingCompletion.Apply(before, programme) with { UpdatedAt = now };
            if (await talents.UpdateAsync(c, tx, after, before, caller.AccountId, ct, reason: "training completion") is null)
            {
                throw new TalentChangedException();
            }
        }
        var changed = enrolment with
        {
            Status = to, CompletedAt = to == EnrolmentStatus.Completed ? now : null, Version = enrolment.Version + 1, TalentName = null,
        };
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "trainingEnrolment", enrolmentId, enrolment.RegionCode,
            to == EnrolmentStatus.Completed ? "training completion" : "training withdrawal",
            JsonSerializer.Serialize(new { status = new[] { enrolment.Status.ToString(), to.ToString() }, programmeId = enrolment.ProgrammeId })));
        return WriteResult.Ok(changed);
    }

    /// <summary>The talent's enrolments, newest first (the talent, operators of their region, administrators); null when the caller may not see them.</summary>
    public async Task<IReadOnlyList<Enrolment>?> ForTalentAsync(Caller caller, long talentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await talents.FindAsync(talentId, ct) is not { } talent
            || !caller.CanSeePositionsFor(reference.Regions, talentId, talent.ResidenceRegionCode))
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        return [.. (await QueryAsync(c, "e.talent_id = @talentId ORDER BY e.id DESC", new { talentId }, ct)).Select(e => e with { TalentName = null })];
    }

    /// <summary>Enrolments of the caller's region with a status (operators and administrators), newest first, at most <see cref="ListLimit"/>.</summary>
    public async Task<IReadOnlyList<Enrolment>?> ForRegionAsync(Caller caller, EnrolmentStatus status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return null;
        }
        var where = new Where().Add("e.status = @status", "status", (int)status);
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("e.region_code", scope, "scope");
        }
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, where.ToString()[" WHERE ".Length..] + $" ORDER BY e.id DESC LIMIT {ListLimit}", where.Parameters, ct);
    }

    private static bool MaySee(Caller caller, Enrolment e) =>
        caller.IsAdmin || (caller.IsOperator && caller.InScope(e.RegionCode)) || caller.TalentId == e.TalentId;

    private async Task<Enrolment?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await QueryAsync(c, "e.id = @id", new { id }, ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<Enrolment>> QueryAsync(DbConnection c, string where, object args, CancellationToken ct)
    {
        var rows = new List<Enrolment>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From} WHERE {where}", args, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            rows.Add(new Enrolment(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.GetString(4), RegionCatalogue.Significant(r.GetString(5)),
                r.Enum<EnrolmentStatus>(6), r.Timestamp(7), r.NullableTimestamp(8), r.Int(9)));
        }
        return rows;
    }
}
