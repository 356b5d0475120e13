using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>
/// An enterprise's demand order (企业下单) with its response clock as last recomputed: <see cref="DueAt"/> the instant
/// the target is reached while the clock runs (null while paused or once stopped), <see cref="FirstProposalAt"/> the
/// clock's goal, <see cref="ResponseSeconds"/> the counted time to it and <see cref="Met"/> whether it was in time.
/// <see cref="Level"/> 1 means escalated to the city.
/// </summary>
public sealed record DemandOrder(long Id, long EnterpriseId, string EnterpriseName, long CityPoolId, string RegionCode, string Title, string Problem,
    string Field, string? OccupationCode, string? IndustryCode, ServiceModes ServiceMode, int? DurationDays, long? BudgetMin, long? BudgetMax,
    string? Place, IReadOnlyList<long> TagIds, DemandOrderState State, int Version, int Level, ClockMode ClockMode, int TargetHours, int WarnHours,
    DateTimeOffset PlacedAt, DateTimeOffset? DueAt, DateTimeOffset? WarnedAt, DateTimeOffset? EscalatedAt, DateTimeOffset? FirstProposalAt,
    long? ResponseSeconds, bool? Met, DateTimeOffset? ClosedAt, string? CloseReason) : IVersioned
{
    public ClockPolicy Policy => new(ClockMode, TimeSpan.FromHours(TargetHours), TimeSpan.FromHours(WarnHours));
}

/// <summary>One step of an order's history: who (side and account), what, from which state to which, and a note.</summary>
public sealed record DemandOrderEvent(long Id, DateTimeOffset At, long? AccountId, FlowActor Actor, string Action, DemandOrderState? From,
    DemandOrderState To, string? Note);

/// <summary>A proposal of an expert for an order, with the matcher's score and explanation when it was made.</summary>
public sealed record Proposal(long Id, long OrderId, string OrderTitle, long ExpertId, long TalentId, string ExpertName, ProposalState State, int Version,
    double Score, IReadOnlyList<ExpertFactorScore> Explanation, string? Note, bool Automatic, DateTimeOffset SentAt, DateTimeOffset ReplyDueAt,
    DateTimeOffset? AnsweredAt, string? DeclineReason) : IVersioned;

/// <summary>A proposed expert as an operator sees the candidates: the fit and who they are.</summary>
public sealed record ExpertCandidateView(ExpertFit Fit, string Name, string RegionCode, string Summary, ServiceModes Modes);

/// <summary>Filters of the order list; every list is limited to what the caller may see.</summary>
public sealed record OrderQuery
{
    public DemandOrderState? State { get; init; }
    /// <summary>Only orders whose clock is still running or paused (open, awaiting the enterprise).</summary>
    public bool OpenOnly { get; init; }
    public string? Region { get; init; }
    /// <summary>Only orders asking for this service mode.</summary>
    public ServiceModes? Mode { get; init; }
    /// <summary>Only orders whose clock went beyond the target: answered late, escalated, or still waiting past it.</summary>
    public bool OverdueOnly { get; init; }
    /// <summary>Only orders whose operators were warned (the clock reached the warning time without a proposal).</summary>
    public bool WarnedOnly { get; init; }
    /// <summary>One of <see cref="DemandOrders.SortKeys"/>; newest first when empty or unknown.</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>
/// 企业下单 → 部门牵线 → 专家接单 (seed 003's 48-hour rapid response): the enterprise (or an operator for it) places an
/// order; operators of the order's county — and of the city once escalated — ask questions, propose experts ranked by the
/// <see cref="ExpertMatcher"/>, or close it; a proposed expert accepts (an engagement is formed, the other proposals are
/// superseded) or declines; an expert who lets the reply time run out is replaced by the next-best admitted expert
/// automatically. The response clock runs from the order to its first proposal, paused while the order waits on the
/// enterprise, and is recomputed from the order's events at every step (<see cref="RecomputeAsync"/>); its warning at
/// the warn time and its escalation at the target run as jobs on the job runner, so they survive restarts and run on
/// any node. Every step with its event row, audit row and notifications in one transaction.
/// </summary>
public sealed class DemandOrders(Database db, ReferenceData reference, SharedPools pools, ExpertMatcher matcher, TimeProvider time)
{
    public const string ClockJobKind = "sharedpool.clock";
    public const string ReplyJobKind = "sharedpool.reply";
    public const int MaxNote = 1000;
    public const int CandidateCount = 10;

    /// <summary>The orders' sort keys ("-" for descending) and their SQL; the id breaks ties.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-placedAt"] = " ORDER BY o.placed_at DESC, o.id DESC",
        ["placedAt"] = " ORDER BY o.placed_at, o.id",
        ["dueAt"] = " ORDER BY o.due_at IS NULL, o.due_at, o.id",
        ["title"] = " ORDER BY o.title, o.id",
    };

    private const string Columns =
        "o.id, o.enterprise_id, e.name, o.city_pool_id, o.region_code, o.title, o.problem, o.field, o.occupation_code, o.industry_code, o.service_mode, " +
        "o.duration_days, o.budget_min, o.budget_max, o.place, o.tag_ids, o.state, o.version, o.level, o.clock_mode, o.target_hours, o.warn_hours, " +
        "o.placed_at, o.due_at, o.warned_at, o.escalated_at, o.first_proposal_at, o.response_seconds, o.met, o.closed_at, o.close_reason";

    private const string From = "demand_orders o JOIN enterprises e ON e.id = o.enterprise_id";

    private const string ProposalColumns =
        "p.id, p.order_id, o.title, p.expert_id, x.talent_id, t.name, p.state, p.version, p.score, p.explanation, p.note, p.automatic, p.sent_at, " +
        "p.reply_due_at, p.answered_at, p.decline_reason";

    private const string ProposalFrom =
        "order_proposals p JOIN demand_orders o ON o.id = p.order_id JOIN shared_experts x ON x.id = p.expert_id JOIN talents t ON t.id = x.talent_id";

    /// <summary>
    /// The side the caller takes on an order: the enterprise (its own users), the operator (operators whose region holds
    /// the order, administrators), the expert (a talent proposed for it), or null.
    /// </summary>
    public static FlowActor? SideOf(Caller caller, DemandOrder order, IReadOnlyCollection<long>? proposedTalents = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(order);
        if (caller.IsEnterpriseUser && caller.EnterpriseId == order.EnterpriseId)
        {
            return FlowActor.Enterprise;
        }
        if (caller.IsAdmin || (caller.IsOperator && caller.InScope(order.RegionCode)))
        {
            return FlowActor.Operator;
        }
        return caller.TalentId is { } t && proposedTalents?.Contains(t) == true ? FlowActor.Talent : null;
    }

    public async Task<DemandOrder?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        if (await FindAsync(c, null, id) is not { } order)
        {
            return null;
        }
        var talents = caller.TalentId is null ? [] : await ProposedTalentsAsync(c, null, id);
        return SideOf(caller, order, talents) is null ? null : order;
    }

    internal static async Task<DemandOrder?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE o.id = @id", new { id }, tx);
        return await r.ReadAsync() ? Read(r) : null;
    }

    private static async Task<IReadOnlyList<long>> ProposedTalentsAsync(DbConnection c, DbTransaction? tx, long orderId) =>
        [.. await c.QueryAsync<long>("SELECT x.talent_id FROM order_proposals p JOIN shared_experts x ON x.id = p.expert_id WHERE p.order_id = @orderId",
            new { orderId }, tx)];

    /// <summary>Orders the caller may see: an enterprise's own, an operator's region's (newest first), with the filters.</summary>
    public async Task<Page<DemandOrder>> ListAsync(Caller caller, OrderQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var where = new Where();
        if (caller.IsEnterpriseUser)
        {
            where.Add("o.enterprise_id = @enterpriseId", "enterpriseId", caller.EnterpriseId ?? -1);
        }
        else if (caller.IsOperator)
        {
            where.RegionSubtree("o.region_code", caller.ScopeRegion!, "scope");
        }
        else if (!caller.IsAdmin)
        {
            return new Page<DemandOrder>([], 0, 1, query.PageSize);
        }
        if (query.Region is { Length: > 0 } region && reference.Regions.Find(region) is not null)
        {
            where.RegionSubtree("o.region_code", region, "region");
        }
        if (query.State is { } state)
        {
            where.Add("o.state = @state", "state", (int)state);
        }
        if (query.OpenOnly)
        {
            where.Add("o.state IN (0, 1)");
        }
        if (query.Mode is { } mode)
        {
            where.Add("o.service_mode = @mode", "mode", (int)mode);
        }
        if (query.OverdueOnly)
        {
            where.Add("(o.escalated_at IS NOT NULL OR o.met = @late OR (o.state IN (0, 1) AND o.due_at < @now))", "late", false);
            where.Parameters.Add("now", Database.Utc(time.GetUtcNow()));
        }
        if (query.WarnedOnly)
        {
            where.Add("o.warned_at IS NOT NULL");
        }
        var orderBy = query.Sort is { } sort && SortKeys.TryGetValue(sort, out var sql) ? sql
            : query.OpenOnly ? SortKeys["dueAt"] : SortKeys["-placedAt"];
        return await ListSql.PageAsync(db, From, Columns, where, orderBy,
            new ListQuery { Page = Math.Clamp(query.Page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(query.PageSize, 1, ListQuery.MaxPageSize) }, Read,
            "demand_orders o", ct);
    }

    public async Task<IReadOnlyList<DemandOrderEvent>> EventsAsync(long orderId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await EventsAsync(c, null, orderId);
    }

    private static async Task<IReadOnlyList<DemandOrderEvent>> EventsAsync(DbConnection c, DbTransaction? tx, long orderId)
    {
        var rows = new List<DemandOrderEvent>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT id, at, account_id, actor, action, from_state, to_state, note FROM demand_order_events WHERE order_id = @orderId ORDER BY id",
            new { orderId }, tx);
        while (await r.ReadAsync())
        {
            rows.Add(new DemandOrderEvent(r.Long(0), r.Timestamp(1), r.NullableLong(2), (FlowActor)r.Int(3), r.GetString(4),
                r.NullableInt(5) is { } f ? (DemandOrderState)f : null, (DemandOrderState)r.Int(6), r.NullableString(7)));
        }
        return rows;
    }

    /// <summary>The clock of an order as of now, from its events and the calendar in force.</summary>
    public async Task<ClockState> ClockAsync(DemandOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var c = await db.OpenAsync(ct);
        return ResponseClock.Evaluate(ClockEvents(await EventsAsync(c, null, order.Id)), order.Policy, await WorkCalendars.CurrentAsync(c, null), time.GetUtcNow());
    }

    /// <summary>The clock's events of an order's history: placed, paused and resumed around questions, stopped by the first proposal.</summary>
    internal static IEnumerable<ClockEvent> ClockEvents(IEnumerable<DemandOrderEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Action == "place")
            {
                yield return new ClockEvent(e.At, ClockEventKind.Started);
            }
            else if (e.Action == "propose")
            {
                yield return new ClockEvent(e.At, ClockEventKind.Stopped);
            }
            else if (e.To is DemandOrderState.Cancelled or DemandOrderState.Closed)
            {
                yield return new ClockEvent(e.At, ClockEventKind.Cancelled);
            }
            else if (e.From != e.To && SharedPoolFlows.PausesClock(e.To))
            {
                yield return new ClockEvent(e.At, ClockEventKind.Paused);
            }
            else if (e.From is { } from && from != e.To && SharedPoolFlows.PausesClock(from))
            {
                yield return new ClockEvent(e.At, ClockEventKind.Resumed);
            }
        }
    }

    /// <summary>
    /// Recomputes an order's clock from its events with <paramref name="calendar"/>, stores what lists and the dashboard
    /// read, and queues the clock job for the next instant that matters (the warning or the target).
    /// </summary>
    internal static async Task<ClockState> RecomputeAsync(DbConnection c, DbTransaction tx, long orderId, WorkCalendar calendar, DateTimeOffset now)
    {
        var order = (await FindAsync(c, tx, orderId))!;
        var clock = ResponseClock.Evaluate(ClockEvents(await EventsAsync(c, tx, orderId)), order.Policy, calendar, now);
        await c.ExecuteAsync(
            "UPDATE demand_orders SET due_at = @due, first_proposal_at = @stopped, response_seconds = @seconds, met = @met WHERE id = @orderId",
            new
            {
                due = Waiting(clock) && clock.DueAt is { } d ? Database.Utc(d) : (DateTimeOffset?)null,
                stopped = clock.StoppedAt is { } s ? Database.Utc(s) : (DateTimeOffset?)null,
                seconds = clock.StoppedAt is null ? (long?)null : (long)clock.Elapsed.TotalSeconds,
                met = clock.Status switch { ClockStatus.Met => true, ClockStatus.Breached when clock.StoppedAt is not null => false, _ => (bool?)null },
                orderId,
            }, tx);
        var next = new[] { order.WarnedAt is null ? clock.WarnAt : null, order.EscalatedAt is null ? clock.DueAt : null }
            .Where(t => t is not null).Select(t => t!.Value).Order().FirstOrDefault();
        if (next != default)
        {
            await JobTable.EnqueueAsync(c, tx, ClockJobKind, new OrderPayload(orderId), next > now ? next : now, now);
        }
        return clock;
    }

    /// <summary>Whether a clock still counts towards its first proposal (running, or past the target without one); paused and ended clocks have no due time.</summary>
    internal static bool Waiting(ClockState clock) =>
        clock.StoppedAt is null && clock.Status is ClockStatus.Running or ClockStatus.Breached;

    /// <summary>The enterprise (its users, or an operator or administrator for it) places an order in its city's shared pool.</summary>
    public async Task<WriteResult<DemandOrder>> PlaceAsync(Caller caller, long enterpriseId, DemandOrderDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        await using (var c = await db.OpenAsync(ct))
        {
            var region = await c.QuerySingleOrDefaultAsync<string>("SELECT region_code FROM enterprises WHERE id = @enterpriseId", new { enterpriseId });
            if (region is null || !caller.CanManagePositionsOf(reference.Regions, enterpriseId, RegionCatalogue.Significant(region)))
            {
                return WriteResult.NotFound<DemandOrder>();
            }
        }
        var errors = draft.Validate(reference);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var region = RegionCatalogue.Significant(await c.QuerySingleAsync<string>("SELECT region_code FROM enterprises WHERE id = @enterpriseId",
                new { enterpriseId }, tx));
            var city = pools.CityOf(region);
            var pool = city is null ? null : await SharedPools.CityPoolAsync(c, tx, city);
            if (pool is null)
            {
                errors.Add("enterpriseId", "lies in a city without a shared talent pool");
            }
            if (pool is not null && draft.TagIds.Count > 0 && await c.ExecuteScalarAsync<long>(
                    $"SELECT count(*) FROM shared_tags WHERE city_pool_id = @poolId AND {ListSql.InList(db, "id", "tagIds")}",
                    new { poolId = pool.Id, tagIds = draft.TagIds.Distinct().ToArray() }, tx) != draft.TagIds.Distinct().Count())
            {
                errors.Add("tagIds", "are not all tags of this pool");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<DemandOrder>(errors);
            }
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO demand_orders (enterprise_id, city_pool_id, region_code, title, problem, field, occupation_code, industry_code, service_mode, " +
                "duration_days, budget_min, budget_max, place, tag_ids, state, version, level, clock_mode, target_hours, warn_hours, placed_month, placed_at, " +
                "placed_by) VALUES (@enterpriseId, @poolId, @region, @title, @problem, @field, @occupation, @industry, @mode, @duration, @budgetMin, " +
                "@budgetMax, @place, @tags, 0, 1, 0, @clockMode, @target, @warn, @month, @now, @by) RETURNING id",
                new
                {
                    enterpriseId, poolId = pool!.Id, region = RegionCatalogue.Pad(region), title = draft.Title!.Trim(), problem = draft.Problem!.Trim(),
                    field = draft.Field!.Trim(), occupation = Blank(draft.OccupationCode), industry = Blank(draft.IndustryCode), mode = (int)draft.ServiceMode,
                    duration = draft.DurationDays, budgetMin = draft.BudgetMin, budgetMax = draft.BudgetMax, place = Blank(draft.Place),
                    tags = JsonSerializer.Serialize(draft.TagIds.Distinct().Order().ToArray(), Row.Json), clockMode = (int)pool.ClockMode,
                    target = pool.TargetHours, warn = pool.WarnHours, month = Month(now), now = Database.Utc(now), by = caller.AccountId,
                }, tx);
            await StepRowsAsync(c, tx, id, now, caller.AccountId, FlowActor.Enterprise, "place", null, DemandOrderState.Open, null, region);
            await Inbox.NotifyOperatorsAsync(c, tx, CountyOf(region), "demandOrder.place", "demandOrder", id, [draft.Title.Trim(), ""], now);
            await RecomputeAsync(c, tx, id, await WorkCalendars.CurrentAsync(c, tx), now);
            return WriteResult.Ok((await FindAsync(c, tx, id))!);
        }, ct);
    }

    /// <summary>
    /// A step without a proposal: the operator asks the enterprise (pauses the clock) or closes the order; the enterprise
    /// answers (resumes it) or cancels. A note is required when asking, answering and closing.
    /// </summary>
    public async Task<WriteResult<DemandOrder>> StepAsync(Caller caller, long id, DemandOrderAction action, string? note, int? expectedVersion,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (action is DemandOrderAction.Propose or DemandOrderAction.Engage)
        {
            return WriteResult.Invalid<DemandOrder>(new ValidationErrors().Add("action", "is taken through a proposal"));
        }
        var errors = action == DemandOrderAction.Cancel ? new ValidationErrors().Optional(note, "note", MaxNote) : new ValidationErrors().Required(note, "note", MaxNote);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } order || SideOf(caller, order) is not { } side)
            {
                return WriteResult.NotFound<DemandOrder>();
            }
            if (expectedVersion is { } v && v != order.Version)
            {
                return WriteResult.Conflict(order);
            }
            var step = SharedPoolFlows.Order.Next(order.State, action, side);
            errors.When(!step.Allowed, "action", step.Error ?? "");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<DemandOrder>(errors);
            }
            await MoveAsync(c, tx, order, step.To!.Value, now, caller.AccountId, side, Action(action), note?.Trim());
            if (action is DemandOrderAction.Cancel or DemandOrderAction.Close)
            {
                await c.ExecuteAsync("UPDATE demand_orders SET closed_at = @now, close_reason = @note WHERE id = @id",
                    new { now = Database.Utc(now), note = note?.Trim(), id }, tx);
                await WithdrawOpenProposalsAsync(c, tx, id, now, caller.AccountId, ProposalAction.Withdraw);
            }
            await Inbox.NotifyPartyAsync(c, tx, null, side == FlowActor.Operator ? order.EnterpriseId : null, $"demandOrder.{Action(action)}", "demandOrder", id,
                [order.Title, order.EnterpriseName], now);
            if (side == FlowActor.Enterprise)
            {
                await Inbox.NotifyOperatorsAsync(c, tx, CountyOf(order.RegionCode), $"demandOrder.{Action(action)}", "demandOrder", id,
                    [order.Title, order.EnterpriseName], now);
            }
            await RecomputeAsync(c, tx, id, await WorkCalendars.CurrentAsync(c, tx), now);
            return WriteResult.Ok((await FindAsync(c, tx, id))!);
        }, ct);
    }

    /// <summary>The best admitted experts of the order's city for it, not yet proposed, with the matcher's explanation.</summary>
    public async Task<IReadOnlyList<ExpertCandidateView>?> CandidatesAsync(Caller caller, long id, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        if (await FindAsync(c, null, id) is not { } order || SideOf(caller, order) != FlowActor.Operator)
        {
            return null;
        }
        var (fits, experts) = await RankAsync(c, null, order, Math.Clamp(take, 1, 50));
        return [.. fits.Select(f => experts[f.ExpertId]).Zip(fits, (e, f) => new ExpertCandidateView(f, e.Name, e.RegionCode, e.Text, e.Modes))];
    }

    private async Task<(IReadOnlyList<ExpertFit> Fits, Dictionary<long, ExpertCandidate> Experts)> RankAsync(DbConnection c, DbTransaction? tx,
        DemandOrder order, int take)
    {
        var experts = (await Experts.CandidatesAsync(c, tx, order.CityPoolId, ChinaTime.Date(time.GetUtcNow()))).ToDictionary(e => e.ExpertId);
        var excluded = (await c.QueryAsync<long>("SELECT expert_id FROM order_proposals WHERE order_id = @id", new { id = order.Id }, tx)).ToHashSet();
        var need = new OrderNeed(order.ServiceMode, order.OccupationCode, order.IndustryCode, order.TagIds.ToHashSet(), $"{order.Field} {order.Title} {order.Problem}",
            order.RegionCode);
        return (matcher.Rank(need, experts.Values, excluded, take), experts);
    }

    /// <summary>An operator proposes an admitted expert of the city offering the order's mode; the first proposal stops the clock.</summary>
    public async Task<WriteResult<Proposal>> ProposeAsync(Caller caller, long id, long expertId, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors().Optional(note, "note", MaxNote);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (await FindAsync(c, tx, id) is not { } order || SideOf(caller, order) != FlowActor.Operator)
                {
                    return WriteResult.NotFound<Proposal>();
                }
                var step = SharedPoolFlows.Order.Next(order.State, DemandOrderAction.Propose, FlowActor.Operator);
                errors.When(!step.Allowed, "action", step.Error ?? "");
                var (fits, _) = await RankAsync(c, tx, order, int.MaxValue);
                var fit = fits.FirstOrDefault(f => f.ExpertId == expertId);
                errors.When(step.Allowed && fit is null, "expertId", "is not an admitted expert of this city offering the order's service mode, or was proposed already");
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<Proposal>(errors);
                }
                var proposalId = await InsertProposalAsync(c, tx, order, fit!, note?.Trim(), false, caller.AccountId, now);
                return WriteResult.Ok((await FindProposalAsync(c, tx, proposalId))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Proposal>(new ValidationErrors().Add("expertId", "was proposed for this order already"));
        }
    }

    private static async Task<long> InsertProposalAsync(DbConnection c, DbTransaction tx, DemandOrder order, ExpertFit fit, string? note, bool automatic,
        long? accountId, DateTimeOffset now)
    {
        var pool = (await SharedPools.CityPoolAsync(c, tx, order.RegionCode[..4]))!;
        var calendar = await WorkCalendars.CurrentAsync(c, tx);
        var replyDue = calendar.Add(now, TimeSpan.FromHours(pool.ReplyHours), order.ClockMode);
        var proposalId = await c.ExecuteScalarAsync<long>(
            "INSERT INTO order_proposals (order_id, expert_id, state, version, score, explanation, note, automatic, sent_at, sent_by, reply_due_at) " +
            "VALUES (@orderId, @expertId, 0, 1, @score, @explanation, @note, @automatic, @now, @accountId, @replyDue) RETURNING id",
            new
            {
                orderId = order.Id, expertId = fit.ExpertId, score = fit.Score, explanation = JsonSerializer.Serialize(fit.Factors, Row.Json), note, automatic,
                now = Database.Utc(now), accountId, replyDue = Database.Utc(replyDue),
            }, tx);
        var actor = automatic ? FlowActor.System : FlowActor.Operator;
        await MoveAsync(c, tx, order, DemandOrderState.Proposed, now, accountId, actor, "propose", automatic ? "automatic" : note, proposalId);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "proposal", proposalId, order.RegionCode,
            automatic ? "automatic proposal" : "propose", JsonSerializer.Serialize(new { order = order.Id, expert = fit.ExpertId, fit.Score }, Row.Json)));
        var talentId = await c.QuerySingleAsync<long>("SELECT talent_id FROM shared_experts WHERE id = @id", new { id = fit.ExpertId }, tx);
        await Inbox.NotifyPartyAsync(c, tx, talentId, null, "proposal.sent", "proposal", proposalId, [order.Title, order.EnterpriseName], now);
        await Inbox.NotifyPartyAsync(c, tx, null, order.EnterpriseId, "demandOrder.propose", "demandOrder", order.Id, [order.Title, order.EnterpriseName], now);
        await JobTable.EnqueueAsync(c, tx, ReplyJobKind, new OrderPayload(proposalId), replyDue, now);
        await RecomputeAsync(c, tx, order.Id, calendar, now);
        return proposalId;
    }

    public async Task<IReadOnlyList<Proposal>> ProposalsAsync(long orderId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryProposalsAsync(c, null, "p.order_id = @orderId ORDER BY p.id", new { orderId });
    }

    /// <summary>The proposals made to a talent as an expert, newest first.</summary>
    public async Task<IReadOnlyList<Proposal>> ProposalsForTalentAsync(long talentId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryProposalsAsync(c, null, "x.talent_id = @talentId ORDER BY p.id DESC", new { talentId });
    }

    private static async Task<Proposal?> FindProposalAsync(DbConnection c, DbTransaction? tx, long id) =>
        await QueryProposalsAsync(c, tx, "p.id = @id", new { id }) is [var proposal, ..] ? proposal : null;

    private static async Task<IReadOnlyList<Proposal>> QueryProposalsAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<Proposal>();
        await using var r = await c.ExecuteReaderAsync($"SELECT {ProposalColumns} FROM {ProposalFrom} WHERE {where}", args, tx);
        while (await r.ReadAsync())
        {
            rows.Add(new Proposal(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.Long(4), r.GetString(5), (ProposalState)r.Int(6), r.Int(7),
                Convert.ToDouble(r.GetValue(8), CultureInfo.InvariantCulture), JsonSerializer.Deserialize<List<ExpertFactorScore>>(r.GetString(9), Row.Json) ?? [],
                r.NullableString(10), r.Bool(11), r.Timestamp(12), r.Timestamp(13), r.NullableTimestamp(14), r.NullableString(15)));
        }
        return rows;
    }

    /// <summary>
    /// The proposed expert accepts (an engagement is formed and the order's other proposals are superseded) or declines
    /// with a reason (the next-best expert is proposed when no other proposal is still waiting).
    /// </summary>
    public async Task<WriteResult<Proposal>> AnswerAsync(Caller caller, long proposalId, bool accept, string? reason, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = accept ? new ValidationErrors() : new ValidationErrors().Required(reason, "reason", MaxNote);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindProposalAsync(c, tx, proposalId) is not { } proposal || caller.TalentId != proposal.TalentId)
            {
                return WriteResult.NotFound<Proposal>();
            }
            if (expectedVersion is { } v && v != proposal.Version)
            {
                return WriteResult.Conflict(proposal);
            }
            var action = accept ? ProposalAction.Accept : ProposalAction.Decline;
            var step = SharedPoolFlows.Proposal.Next(proposal.State, action, FlowActor.Talent);
            errors.When(!step.Allowed, "action", step.Error ?? "");
            errors.When(step.Allowed && proposal.ReplyDueAt < now, "action", "the reply time of this proposal has run out");
            var order = (await FindAsync(c, tx, proposal.OrderId))!;
            errors.When(accept && errors.IsValid && !SharedPoolFlows.Order.Next(order.State, DemandOrderAction.Engage, FlowActor.Talent).Allowed, "action",
                "the order is no longer open");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<Proposal>(errors);
            }
            await MoveProposalAsync(c, tx, proposal, step.To!.Value, now, caller.AccountId, action, reason?.Trim());
            if (accept)
            {
                await MoveAsync(c, tx, order, DemandOrderState.Engaged, now, caller.AccountId, FlowActor.Talent, "engage", null, proposal.Id);
                await WithdrawOpenProposalsAsync(c, tx, order.Id, now, null, ProposalAction.Supersede);
                await Engagements.InsertAsync(c, tx, order, proposal, now, caller.AccountId);
                await Inbox.NotifyPartyAsync(c, tx, null, order.EnterpriseId, "demandOrder.engage", "demandOrder", order.Id, [order.Title, order.EnterpriseName], now);
            }
            else
            {
                await Inbox.NotifyOperatorsAsync(c, tx, CountyOf(order.RegionCode), "proposal.decline", "demandOrder", order.Id, [order.Title, order.EnterpriseName], now);
                await ProposeNextAsync(c, tx, order.Id, now);
            }
            return WriteResult.Ok((await FindProposalAsync(c, tx, proposalId))!);
        }, ct);
    }

    /// <summary>The reply job: a proposal still waiting at its reply time lapses, and the next-best expert is proposed.</summary>
    internal async Task LapseAsync(long proposalId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindProposalAsync(c, tx, proposalId) is not { State: ProposalState.Sent } proposal || proposal.ReplyDueAt > now)
            {
                return 0;
            }
            await MoveProposalAsync(c, tx, proposal, ProposalState.Lapsed, now, null, ProposalAction.Lapse, null);
            var order = (await FindAsync(c, tx, proposal.OrderId))!;
            await Inbox.NotifyPartyAsync(c, tx, proposal.TalentId, null, "proposal.lapse", "proposal", proposal.Id, [order.Title, order.EnterpriseName], now);
            await ProposeNextAsync(c, tx, order.Id, now);
            return 0;
        }, ct);
    }

    /// <summary>
    /// When an order still waiting for an expert has no proposal left waiting, the platform proposes the next-best
    /// admitted expert; when there is none, the order's operators are told so.
    /// </summary>
    private async Task ProposeNextAsync(DbConnection c, DbTransaction tx, long orderId, DateTimeOffset now)
    {
        var order = (await FindAsync(c, tx, orderId))!;
        if (order.State != DemandOrderState.Proposed
            || await c.ExecuteScalarAsync<long>("SELECT count(*) FROM order_proposals WHERE order_id = @orderId AND state = 0", new { orderId }, tx) > 0)
        {
            return;
        }
        var (fits, _) = await RankAsync(c, tx, order, 1);
        if (fits.Count == 0)
        {
            await Inbox.NotifyOperatorsAsync(c, tx, CountyOf(order.RegionCode), "demandOrder.noExpert", "demandOrder", orderId, [order.Title, order.EnterpriseName], now);
            return;
        }
        await InsertProposalAsync(c, tx, order, fits[0], null, true, null, now);
    }

    /// <summary>
    /// The clock job: recomputes the clock; at the warning time the county's operators are warned, at the target the
    /// order is escalated to the city (its operators are told). Each happens once, whichever node runs the job.
    /// </summary>
    internal async Task RunClockAsync(long orderId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, orderId) is not { } order || order.State is not (DemandOrderState.Open or DemandOrderState.AwaitingEnterprise))
            {
                return 0;
            }
            var clock = ResponseClock.Evaluate(ClockEvents(await EventsAsync(c, tx, orderId)), order.Policy, await WorkCalendars.CurrentAsync(c, tx), now);
            if (clock.Warned && order.WarnedAt is null && await c.ExecuteAsync(
                    "UPDATE demand_orders SET warned_at = @now WHERE id = @orderId AND warned_at IS NULL", new { now = Database.Utc(now), orderId }, tx) == 1)
            {
                await StepRowsAsync(c, tx, orderId, now, null, FlowActor.System, "warn", order.State, order.State, null, order.RegionCode);
                await Inbox.NotifyOperatorsAsync(c, tx, CountyOf(order.RegionCode), "demandOrder.warn", "demandOrder", orderId, [order.Title, order.EnterpriseName], now);
            }
            if (clock.Overdue && order.EscalatedAt is null && await c.ExecuteAsync(
                    "UPDATE demand_orders SET escalated_at = @now, level = 1 WHERE id = @orderId AND escalated_at IS NULL",
                    new { now = Database.Utc(now), orderId }, tx) == 1)
            {
                await StepRowsAsync(c, tx, orderId, now, null, FlowActor.System, "escalate", order.State, order.State, null, order.RegionCode);
                await Inbox.NotifyOperatorsAsync(c, tx, order.RegionCode[..4], "demandOrder.escalate", "demandOrder", orderId, [order.Title, order.EnterpriseName], now);
            }
            await RecomputeAsync(c, tx, orderId, await WorkCalendars.CurrentAsync(c, tx), now);
            return 0;
        }, ct);
    }

    /// <summary>Runs the clock of every waiting order whose target has passed without an escalation (at most 100 a sweep).</summary>
    internal async Task EscalateOverdueAsync(CancellationToken ct)
    {
        List<long> overdue;
        await using (var c = await db.OpenAsync(ct))
        {
            overdue = [.. await c.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM demand_orders WHERE state IN (0, 1) AND escalated_at IS NULL AND due_at <= @now ORDER BY due_at LIMIT 100",
                new { now = Database.Utc(time.GetUtcNow()) }, cancellationToken: ct))];
        }
        foreach (var id in overdue)
        {
            await RunClockAsync(id, ct);
        }
    }

    private static async Task WithdrawOpenProposalsAsync(DbConnection c, DbTransaction tx, long orderId, DateTimeOffset now, long? accountId, ProposalAction action)
    {
        foreach (var open in await QueryProposalsAsync(c, tx, "p.order_id = @orderId AND p.state = 0", new { orderId }))
        {
            await MoveProposalAsync(c, tx, open, ProposalState.Withdrawn, now, accountId, action, null);
            await Inbox.NotifyPartyAsync(c, tx, open.TalentId, null, "proposal.withdraw", "proposal", open.Id, [open.OrderTitle, ""], now);
        }
    }

    private static async Task MoveProposalAsync(DbConnection c, DbTransaction tx, Proposal proposal, ProposalState to, DateTimeOffset now, long? accountId,
        ProposalAction action, string? reason)
    {
        await c.ExecuteAsync(
            "UPDATE order_proposals SET state = @to, version = version + 1, answered_at = @now, decline_reason = @reason WHERE id = @id",
            new { to = (int)to, now = Database.Utc(now), reason, id = proposal.Id }, tx);
        var region = await c.QuerySingleAsync<string>("SELECT region_code FROM demand_orders WHERE id = @id", new { id = proposal.OrderId }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "proposal", proposal.Id, RegionCatalogue.Significant(region),
            JsonNamingPolicy.CamelCase.ConvertName(action.ToString()),
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["state"] = new[] { proposal.State.ToString(), to.ToString() } }, Row.Json)),
            $"proposal.{JsonNamingPolicy.CamelCase.ConvertName(action.ToString())}");
    }

    private static async Task MoveAsync(DbConnection c, DbTransaction tx, DemandOrder order, DemandOrderState to, DateTimeOffset now, long? accountId,
        FlowActor actor, string action, string? note, long? proposalId = null)
    {
        await c.ExecuteAsync("UPDATE demand_orders SET state = @to, version = version + 1 WHERE id = @id", new { to = (int)to, id = order.Id }, tx);
        await StepRowsAsync(c, tx, order.Id, now, accountId, actor, action, order.State, to, proposalId is { } p ? $"proposal:{p}" + (note is null ? "" : $" {note}") : note,
            order.RegionCode);
    }

    /// <summary>The order's history row, its audit row and its event, in the caller's transaction.</summary>
    private static async Task StepRowsAsync(DbConnection c, DbTransaction tx, long orderId, DateTimeOffset now, long? accountId, FlowActor actor, string action,
        DemandOrderState? from, DemandOrderState to, string? note, string region)
    {
        await c.ExecuteAsync(
            "INSERT INTO demand_order_events (order_id, at, account_id, actor, action, from_state, to_state, note) " +
            "VALUES (@orderId, @at, @accountId, @actor, @action, @from, @to, @note)",
            new { orderId, at = Database.Utc(now), accountId, actor = (int)actor, action, from = (int?)from, to = (int)to, note }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, from is null ? AuditAction.Create : AuditAction.Update, "demandOrder", orderId,
            RegionCatalogue.Significant(region), action,
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["state"] = new[] { from?.ToString(), to.ToString() } }, Row.Json)),
            $"demandOrder.{action}");
    }

    public static string Action(DemandOrderAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    /// <summary>The county (6 digits) of a region code, or the code itself when it is a city.</summary>
    private static string CountyOf(string region)
    {
        var significant = RegionCatalogue.Significant(region);
        return significant.Length >= 6 ? significant[..6] : significant;
    }

    /// <summary>The China month of an instant as "2026-12" (the dashboard's grouping).</summary>
    internal static string Month(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DemandOrder Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), RegionCatalogue.Significant(r.GetString(4)),
        r.GetString(5), r.GetString(6), r.GetString(7), r.NullableString(8), r.NullableString(9), (ServiceModes)r.Int(10), r.NullableInt(11),
        r.NullableLong(12), r.NullableLong(13), r.NullableString(14), JsonSerializer.Deserialize<long[]>(r.GetString(15), Row.Json) ?? [],
        (DemandOrderState)r.Int(16), r.Int(17), r.Int(18), (ClockMode)r.Int(19), r.Int(20), r.Int(21), r.Timestamp(22), r.NullableTimestamp(23),
        r.NullableTimestamp(24), r.NullableTimestamp(25), r.NullableTimestamp(26), r.NullableLong(27), r.IsDBNull(28) ? null : r.Bool(28),
        r.NullableTimestamp(29), r.NullableString(30));
}

/// <summary>The payload of the shared pool's jobs: the order (clock job) or the proposal (reply job).</summary>
public sealed record OrderPayload(long Id);

/// <summary>Runs the order clock's jobs (warning, escalation) and the proposals' reply deadlines.</summary>
public sealed class SharedPoolJobHandler(DemandOrders orders, string kind) : IJobHandler
{
    public string Kind => kind;

    public Task RunAsync(Job job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<OrderPayload>(job.Payload, Row.Json)!;
        return kind == DemandOrders.ClockJobKind ? orders.RunClockAsync(payload.Id, ct) : orders.LapseAsync(payload.Id, ct);
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A safety net for a clock job that failed or was lost: orders past their target and not escalated are run now.</summary>
    public Task SweepAsync(CancellationToken ct) => kind == DemandOrders.ClockJobKind ? orders.EscalateOverdueAsync(ct) : Task.CompletedTask;
}
