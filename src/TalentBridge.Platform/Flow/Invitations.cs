using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Flow;

public sealed record Invitation(long Id, long PositionId, string PositionTitle, long TalentId, string TalentName, long EnterpriseId, string EnterpriseName,
    string RegionCode, InvitationState State, int Version, string Message, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt,
    long? ApplicationId) : IVersioned;

/// <summary>
/// 一键邀约: an enterprise invites a talent it may see to one of its open positions, with a message and an expiry
/// (default 7 days, at most 30); the talent accepts — which opens an application with a snapshot, so that the
/// enterprise may now see the contact details — or declines; an unanswered invitation expires on the job runner.
/// Each step with its audit row and event in one transaction, under <see cref="Flows.Invitation"/>.
/// </summary>
public sealed class Invitations(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxMessage = 1000;
    public const int DefaultDays = 7;
    public const int MaxDays = 30;

    private const string Columns =
        "i.id, i.position_id, p.title, i.talent_id, t.name, i.enterprise_id, e.name, i.region_code, i.state, i.version, i.message, i.sent_at, i.expires_at, " +
        "i.answered_at, i.application_id";

    private const string From =
        "invitations i JOIN positions p ON p.id = i.position_id JOIN talents t ON t.id = i.talent_id JOIN enterprises e ON e.id = i.enterprise_id";

    public FlowActor? SideOf(Caller caller, Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(invitation);
        return caller.FlowSide(reference.Regions, invitation.TalentId, invitation.EnterpriseId, invitation.RegionCode);
    }

    public async Task<Invitation?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var invitation = await FindAsync(c, null, id, ct);
        return invitation is not null && SideOf(caller, invitation) is not null ? invitation : null;
    }

    private static async Task<Invitation?> FindAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From} WHERE i.id = @id", new { id }, tx,
            cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public Task<Page<Invitation>> ForTalentAsync(long talentId, int page, int pageSize, CancellationToken ct) =>
        PageAsync(new Where().Add("i.talent_id = @talentId", "talentId", talentId), page, pageSize, ct);

    public Task<Page<Invitation>> ForPositionAsync(long positionId, int page, int pageSize, CancellationToken ct) =>
        PageAsync(new Where().Add("i.position_id = @positionId", "positionId", positionId), page, pageSize, ct);

    private Task<Page<Invitation>> PageAsync(Where where, int page, int pageSize, CancellationToken ct) =>
        ListSql.PageAsync(db, From, Columns, where, " ORDER BY i.sent_at DESC, i.id DESC",
            new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) }, Read,
            "invitations i", ct);

    /// <summary>Invites a talent the caller may see to an open position of an enterprise the caller recruits for.</summary>
    public async Task<WriteResult<Invitation>> InviteAsync(Caller caller, long positionId, long talentId, string? message, int? days, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var errors = new ValidationErrors().Required(message, "message", MaxMessage)
            .When(days is < 1 or > MaxDays, "days", $"must be between 1 and {MaxDays}");
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var position = await c.QuerySingleOrDefaultAsync<(long Id, long EnterpriseId, string RegionCode, int Status, DateOnly PostedOn, DateOnly ExpiresOn)>(
                    "SELECT id, enterprise_id, region_code, status, posted_on, expires_on FROM positions WHERE id = @positionId", new { positionId }, tx);
                var region = position.Id == 0 ? "" : RegionCatalogue.Significant(position.RegionCode);
                if (position.Id == 0 || !caller.CanManagePositionsOf(reference.Regions, position.EnterpriseId, region))
                {
                    return WriteResult.NotFound<Invitation>();
                }
                var talent = await c.QuerySingleOrDefaultAsync<(long Id, string Region, int Visibility)>(
                    "SELECT id, residence_region_code, visibility FROM talents WHERE id = @talentId", new { talentId }, tx);
                if (talent.Id == 0 || !caller.CanSeeTalent(reference.Regions, talent.Id, RegionCatalogue.Significant(talent.Region), (TalentVisibility)talent.Visibility))
                {
                    return WriteResult.Invalid<Invitation>(errors.Add("talentId", "is not a talent you may see"));
                }
                var today = ChinaTime.Today(time);
                errors.When(position.Status != (int)PositionStatus.Open || today < position.PostedOn || today > position.ExpiresOn, "positionId",
                    "is not open for applications");
                if (await c.ExecuteScalarAsync<long>(
                        "SELECT count(*) FROM applications WHERE position_id = @positionId AND talent_id = @talentId AND state IN (0, 1, 2, 3, 4)",
                        new { positionId, talentId }, tx) > 0)
                {
                    errors.Add("talentId", "has applied to this position already");
                }
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Invitation>(errors);
                }
                var expiresAt = Database.Utc(now.AddDays(days ?? DefaultDays));
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO invitations (position_id, talent_id, enterprise_id, region_code, state, version, message, sent_at, sent_by, expires_at) " +
                    "VALUES (@positionId, @talentId, @enterpriseId, @regionCode, 0, 1, @message, @at, @accountId, @expiresAt) RETURNING id",
                    new
                    {
                        positionId, talentId, enterpriseId = position.EnterpriseId, regionCode = position.RegionCode, message = message!.Trim(),
                        at = Database.Utc(now), accountId = caller.AccountId, expiresAt,
                    }, tx);
                await AuditAsync(c, tx, id, now, caller.AccountId, null, InvitationState.Sent, "invite", region);
                await MatchImpressions.ExposureChangedAsync(c, tx, positionId);
                await JobTable.EnqueueAsync(c, tx, Applications.ExpireJobKind, new ExpiryPayload("invitation", id), expiresAt, now);
                return WriteResult.Ok((await FindAsync(c, tx, id, ct))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Invitation>(new ValidationErrors().Add("talentId", "has an open invitation to this position already"));
        }
    }

    /// <summary>The talent accepts (opening an application) or declines.</summary>
    public async Task<WriteResult<Invitation>> AnswerAsync(Caller caller, long id, InvitationAction action, int? expectedVersion, bool keepForOtherPositions,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using (var c = await db.OpenAsync(ct))
        {
            if (await FindAsync(c, null, id, ct) is not { } current || SideOf(caller, current) is not { } side)
            {
                return WriteResult.NotFound<Invitation>();
            }
            if (expectedVersion is { } expected && expected != current.Version)
            {
                return WriteResult.Conflict(current);
            }
            var step = Flows.Invitation.Next(current.State, action, side);
            if (!step.Allowed)
            {
                return WriteResult.Invalid<Invitation>(new ValidationErrors().Add("action", step.Error!));
            }
            if (action == InvitationAction.Accept && current.ExpiresAt < time.GetUtcNow())
            {
                return WriteResult.Invalid<Invitation>(new ValidationErrors().Add("action", "this invitation has expired"));
            }
        }
        try
        {
            return await MoveAsync(id, action, expectedVersion, caller.AccountId, keepForOtherPositions, ct) ?? WriteResult.Lost(await FindAsync(caller, id, ct));
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Invitation>(new ValidationErrors().Add("action", "you have an open application for this position already"));
        }
    }

    private async Task<WriteResult<Invitation>?> MoveAsync(long id, InvitationAction action, int? expectedVersion, long? accountId, bool keep, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync<WriteResult<Invitation>?>(async (c, tx) =>
        {
            var current = (await FindAsync(c, tx, id, ct))!;
            var side = action == InvitationAction.Expire ? FlowActor.System : FlowActor.Talent;
            if (Flows.Invitation.Next(current.State, action, side).To is not { } to || (expectedVersion is { } v && v != current.Version))
            {
                return null;
            }
            if (await c.ExecuteAsync("UPDATE invitations SET state = @to, version = version + 1, answered_at = @at WHERE id = @id AND version = @version",
                    new { to = (int)to, at = Database.Utc(now), id, version = current.Version }, tx) != 1)
            {
                return null;
            }
            await AuditAsync(c, tx, id, now, accountId, current.State, to, JsonNamingPolicy.CamelCase.ConvertName(action.ToString()), current.RegionCode);
            if (action == InvitationAction.Accept)
            {
                var snapshot = await Applications.SnapshotAsync(c, tx, current.TalentId);
                var applicationId = await Applications.InsertAsync(c, tx, current.PositionId, current.TalentId, current.EnterpriseId,
                    Row.StoredRegion(current.RegionCode)!, id, snapshot!, keep, now, accountId, FlowActor.Talent, "acceptInvitation");
                await c.ExecuteAsync("UPDATE invitations SET application_id = @applicationId WHERE id = @id", new { applicationId, id }, tx);
            }
            return WriteResult.Ok((await FindAsync(c, tx, id, ct))!);
        }, ct);
    }

    /// <summary>
    /// The audit row and event of an invitation's step, and the other side's notifications (an accepted invitation is
    /// announced by the application it opens).
    /// </summary>
    internal static async Task AuditAsync(DbConnection c, DbTransaction tx, long id, DateTimeOffset now, long? accountId, InvitationState? from,
        InvitationState to, string action, string region)
    {
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, from is null ? AuditAction.Create : AuditAction.Update, "invitation", id, region, action,
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["state"] = new[] { from?.ToString(), to.ToString() } }, Row.Json)), $"invitation.{action}");
        if (to != InvitationState.Accepted)
        {
            await Inbox.NotifyAsync(c, tx, "invitation", id, $"invitation.{action}",
                from is null ? FlowActor.Enterprise : to == InvitationState.Declined ? FlowActor.Talent : FlowActor.System, now);
        }
    }

    /// <summary>The job runner's expiry: a no-op when the invitation was answered first.</summary>
    internal async Task ExpireAsync(long id, CancellationToken ct)
    {
        await using (var c = await db.OpenAsync(ct))
        {
            if (await FindAsync(c, null, id, ct) is not { State: InvitationState.Sent } current || current.ExpiresAt > time.GetUtcNow())
            {
                return;
            }
        }
        await MoveAsync(id, InvitationAction.Expire, null, null, false, ct);
    }

    private static Invitation Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.GetString(4), r.Long(5), r.GetString(6),
        RegionCatalogue.Significant(r.GetString(7)), (InvitationState)r.Int(8), r.Int(9), r.GetString(10), r.Timestamp(11), r.Timestamp(12),
        r.NullableTimestamp(13), r.NullableLong(14));
}

/// <summary>Runs the expiry jobs of offers and invitations (queued when each was sent, due at its deadline).</summary>
public sealed class FlowExpiryHandler(Applications applications, Invitations invitations) : IJobHandler
{
    public string Kind => Applications.ExpireJobKind;

    public async Task RunAsync(Job job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<ExpiryPayload>(job.Payload, Row.Json)!;
        if (payload.Subject == "invitation")
        {
            await invitations.ExpireAsync(payload.Id, ct);
        }
        else
        {
            await applications.ExpireAsync(payload.Id, ct);
        }
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public Task SweepAsync(CancellationToken ct) => Task.CompletedTask;
}
