using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

public enum EngagementState
{
    Active = 0,
    Completed = 1,
}

/// <summary>
/// A rating of one side by the other, 1–5 stars. <see cref="Shown"/>: ratings are shown once both sides have rated, or
/// <see cref="Engagements.RatingWindowDays"/> days after the first rating, so that neither side rates in reply to the other.
/// </summary>
public sealed record EngagementRating(FlowActor RatedBy, int Score, string? Comment, DateTimeOffset RatedAt, bool Shown);

/// <summary>
/// An engagement formed when a proposed expert accepted an order: the service days and deliverables recorded on it, and
/// both sides' ratings. Records and ratings feed the expert's reconfirmation.
/// </summary>
public sealed record Engagement(long Id, long OrderId, string OrderTitle, long ExpertId, long TalentId, string ExpertName, long EnterpriseId,
    string EnterpriseName, string RegionCode, ServiceModes ServiceMode, EngagementState State, int Version, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int ServiceDays, string? Deliverables, IReadOnlyList<EngagementRating> Ratings) : IVersioned;

/// <summary>
/// Engagements of the shared pool (issue 7, item 7): the expert or the enterprise records service days and deliverables;
/// the enterprise completes it; both sides rate it once it is completed. A conversation between the two reuses the
/// messages of the one-click flow (<see cref="Flow.ConversationKind.Engagement"/>).
/// </summary>
public sealed class Engagements(Database db, TimeProvider time)
{
    public const int RatingWindowDays = 7;
    public const int MaxDeliverables = 4000;
    public const int MaxComment = 1000;
    public const int MaxServiceDays = 3650;
    public const int MaxScore = 5;

    private const string Columns =
        "g.id, g.order_id, o.title, g.expert_id, x.talent_id, t.name, g.enterprise_id, e.name, g.region_code, g.service_mode, g.state, g.version, " +
        "g.started_at, g.ended_at, g.service_days, g.deliverables";

    private const string From =
        "engagements g JOIN demand_orders o ON o.id = g.order_id JOIN shared_experts x ON x.id = g.expert_id JOIN talents t ON t.id = x.talent_id " +
        "JOIN enterprises e ON e.id = g.enterprise_id";

    internal static async Task<long> InsertAsync(DbConnection c, DbTransaction tx, DemandOrder order, Proposal proposal, DateTimeOffset now, long? accountId)
    {
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO engagements (order_id, proposal_id, expert_id, talent_id, enterprise_id, region_code, service_mode, state, version, started_at) " +
            "VALUES (@orderId, @proposalId, @expertId, @talentId, @enterpriseId, @region, @mode, 0, 1, @now) RETURNING id",
            new
            {
                orderId = order.Id, proposalId = proposal.Id, expertId = proposal.ExpertId, talentId = proposal.TalentId, enterpriseId = order.EnterpriseId,
                region = RegionCatalogue.Pad(order.RegionCode), mode = (int)order.ServiceMode, now = Database.Utc(now),
            }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "engagement", id, order.RegionCode, "engage",
            JsonSerializer.Serialize(new { order = order.Id, expert = proposal.ExpertId }, Row.Json)));
        return id;
    }

    /// <summary>The side the caller takes: the expert (talent), the enterprise (its users), an operator of the region or an administrator (reading only).</summary>
    public static FlowActor? SideOf(Caller caller, Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(engagement);
        return caller.TalentId == engagement.TalentId ? FlowActor.Talent
            : caller.IsEnterpriseUser && caller.EnterpriseId == engagement.EnterpriseId ? FlowActor.Enterprise
            : caller.IsAdmin || (caller.IsOperator && caller.InScope(engagement.RegionCode)) ? FlowActor.Operator
            : null;
    }

    public async Task<Engagement?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var engagement = await FindAsync(c, null, id);
        return engagement is not null && SideOf(caller, engagement) is not null ? engagement : null;
    }

    public async Task<Engagement?> ForOrderAsync(long orderId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var id = await c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM engagements WHERE order_id = @orderId", new { orderId });
        return id is null ? null : await FindAsync(c, null, id.Value);
    }

    /// <summary>The caller's engagements: as an expert, as an enterprise, or an operator's region's; newest first.</summary>
    public async Task<IReadOnlyList<Engagement>> ListAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var where = new Where();
        if (caller.TalentId is { } talent)
        {
            where.Add("x.talent_id = @talent", "talent", talent);
        }
        else if (caller.IsEnterpriseUser)
        {
            where.Add("g.enterprise_id = @enterprise", "enterprise", caller.EnterpriseId ?? -1);
        }
        else if (caller.IsOperator)
        {
            where.RegionSubtree("g.region_code", caller.ScopeRegion!, "scope");
        }
        else if (!caller.IsAdmin)
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        var ids = await c.QueryAsync<long>($"SELECT g.id FROM {From} {where} ORDER BY g.started_at DESC, g.id DESC LIMIT 200", where.Parameters);
        var rows = new List<Engagement>();
        foreach (var id in ids)
        {
            rows.Add((await FindAsync(c, null, id))!);
        }
        return rows;
    }

    private async Task<Engagement?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        Engagement? found = null;
        await using (var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE g.id = @id", new { id }, tx))
        {
            if (await r.ReadAsync())
            {
                found = new Engagement(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.Long(4), r.GetString(5), r.Long(6), r.GetString(7),
                    RegionCatalogue.Significant(r.GetString(8)), (ServiceModes)r.Int(9), (EngagementState)r.Int(10), r.Int(11), r.Timestamp(12),
                    r.NullableTimestamp(13), r.Int(14), r.NullableString(15), []);
            }
        }
        if (found is null)
        {
            return null;
        }
        var ratings = new List<(FlowActor By, int Score, string? Comment, DateTimeOffset At)>();
        await using (var r = await c.ExecuteReaderAsync("SELECT side, score, comment, rated_at FROM engagement_ratings WHERE engagement_id = @id ORDER BY side",
            new { id }, tx))
        {
            while (await r.ReadAsync())
            {
                ratings.Add(((FlowActor)r.Int(0), r.Int(1), r.NullableString(2), r.Timestamp(3)));
            }
        }
        var now = time.GetUtcNow();
        var shown = ratings.Count == 2 || (ratings.Count == 1 && ratings[0].At.AddDays(RatingWindowDays) <= now);
        return found with { Ratings = [.. ratings.Select(x => new EngagementRating(x.By, x.Score, x.Comment, x.At, shown))] };
    }

    /// <summary>The expert or the enterprise records the service days so far and the deliverables (the whole text).</summary>
    public async Task<WriteResult<Engagement>> RecordAsync(Caller caller, long id, int serviceDays, string? deliverables, int? expectedVersion, CancellationToken ct)
    {
        var errors = new ValidationErrors().When(serviceDays is < 0 or > MaxServiceDays, "serviceDays", $"must be between {0} and {MaxServiceDays}")
            .Optional(deliverables, "deliverables", MaxDeliverables);
        return await ChangeAsync(caller, id, expectedVersion, errors, false, "record", async (c, tx, e) =>
            await c.ExecuteAsync("UPDATE engagements SET service_days = @serviceDays, deliverables = @deliverables, version = version + 1 WHERE id = @id",
                new { serviceDays, deliverables = string.IsNullOrWhiteSpace(deliverables) ? null : deliverables.Trim(), id }, tx), ct);
    }

    /// <summary>The enterprise completes the engagement; both sides may then rate it.</summary>
    public Task<WriteResult<Engagement>> CompleteAsync(Caller caller, long id, int? expectedVersion, CancellationToken ct) =>
        ChangeAsync(caller, id, expectedVersion, new ValidationErrors(), true, "complete", (c, tx, e) =>
            c.ExecuteAsync("UPDATE engagements SET state = 1, ended_at = @now, version = version + 1 WHERE id = @id",
                new { now = Database.Utc(time.GetUtcNow()), id }, tx), ct);

    /// <summary>Either side rates the other once, 1 to 5, after completion.</summary>
    public async Task<WriteResult<Engagement>> RateAsync(Caller caller, long id, int score, string? comment, CancellationToken ct)
    {
        var errors = new ValidationErrors().When(score is < 1 or > MaxScore, "score", $"must be between 1 and {MaxScore}").Optional(comment, "comment", MaxComment);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var engagement = await FindAsync(c, tx, id);
                var side = engagement is null ? null : SideOf(caller, engagement);
                if (engagement is null || side is not (FlowActor.Talent or FlowActor.Enterprise))
                {
                    return WriteResult.NotFound<Engagement>();
                }
                errors.When(engagement.State != EngagementState.Completed, "score", "can be given once the engagement is completed");
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Engagement>(errors);
                }
                await c.ExecuteAsync(
                    "INSERT INTO engagement_ratings (engagement_id, side, score, comment, rated_at, rated_by) VALUES (@id, @side, @score, @comment, @now, @by)",
                    new { id, side = (int)side.Value, score, comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now = Database.Utc(now), by = caller.AccountId },
                    tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "engagement", id, engagement.RegionCode, "rate",
                    JsonSerializer.Serialize(new { side, score }, Row.Json)));
                await Inbox.NotifyPartyAsync(c, tx, side == FlowActor.Enterprise ? engagement.TalentId : null,
                    side == FlowActor.Talent ? engagement.EnterpriseId : null, "engagement.rate", "engagement", id, [engagement.OrderTitle, engagement.EnterpriseName], now);
                return WriteResult.Ok((await FindAsync(c, tx, id))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Engagement>(new ValidationErrors().Add("score", "was given already"));
        }
    }

    private async Task<WriteResult<Engagement>> ChangeAsync(Caller caller, long id, int? expectedVersion, ValidationErrors errors, bool enterpriseOnly,
        string reason, Func<DbConnection, DbTransaction, Engagement, Task<int>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } engagement || SideOf(caller, engagement) is not { } side)
            {
                return WriteResult.NotFound<Engagement>();
            }
            if (expectedVersion is { } v && v != engagement.Version)
            {
                return WriteResult.Conflict(engagement);
            }
            errors.When(side is not (FlowActor.Talent or FlowActor.Enterprise) || (enterpriseOnly && side != FlowActor.Enterprise), "engagement",
                enterpriseOnly ? "only the enterprise may complete an engagement" : "only the expert or the enterprise may record an engagement")
                .When(engagement.State != EngagementState.Active, "engagement", "is completed");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<Engagement>(errors);
            }
            await change(c, tx, engagement);
            var after = (await FindAsync(c, tx, id))!;
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "engagement", id, engagement.RegionCode, reason,
                JsonSerializer.Serialize(new { after.ServiceDays, state = after.State }, Row.Json)));
            return WriteResult.Ok(after);
        }, ct);
    }
}
