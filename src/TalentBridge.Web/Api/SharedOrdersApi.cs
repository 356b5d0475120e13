using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// The shared pool's orders over HTTP (issue 12, items 4–5): list, read and place orders, their steps, the matcher's
/// candidates and proposals, the expert's answer, the engagement (record, complete, rate) and the SLA dashboard. Thin:
/// every rule and every scope is <see cref="DemandOrders"/>', <see cref="Engagements"/>' and <see cref="SlaDashboard"/>'s;
/// what the caller may not see is 404. A step may name the version it acts on (<c>If-Match</c> or <c>version</c>);
/// a step the rules do not allow now is 409 with the rule's words.
/// </summary>
public static class SharedOrdersApi
{
    public sealed record OrderBody(long? EnterpriseId, string? Title, string? Problem, string? Field, string? OccupationCode, string? IndustryCode,
        string? ServiceMode, int? DurationDays, long? BudgetMin, long? BudgetMax, string? Place, IReadOnlyList<long>? TagIds);

    public sealed record StepBody(string? Action, string? Note, int? Version);

    public sealed record ProposeBody(long? ExpertId, string? Note);

    public sealed record AnswerBody(string? Action, string? Reason, int? Version);

    public sealed record RecordBody(int? ServiceDays, string? Deliverables, int? Version);

    public sealed record VersionBody(int? Version);

    public sealed record RateBody(int? Score, string? Comment);

    public static void MapSharedOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/shared").WithTags("Shared pool orders").RequireAuthorization();

        group.MapGet("/orders", async Task<Results<Ok<Page<DemandOrder>>, ValidationProblem>> (string? state, string? region, string? mode, bool? overdue,
            bool? warned, string? sort, int? page, int? pageSize, ClaimsPrincipal user, DemandOrders orders, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var s = ParseEnum<DemandOrderState>(state, "state", errors);
            var m = ParseEnum<ServiceModes>(mode, "mode", errors);
            errors.When(m is { } x && !DemandOrderDraft.IsSingle(x), "mode", "must be one service mode")
                .When(sort is { Length: > 0 } k && !DemandOrders.SortKeys.ContainsKey(k), "sort", $"must be one of {string.Join(", ", DemandOrders.SortKeys.Keys)}")
                .When(page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
                .When(pageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return TypedResults.Ok(await orders.ListAsync(Caller.From(user), new OrderQuery
            {
                State = s, Region = region, Mode = m, OverdueOnly = overdue ?? false, WarnedOnly = warned ?? false, Sort = sort, Page = page ?? 1,
                PageSize = pageSize ?? 20,
            }, ct));
        }).WithSummary("Orders the caller may see (an enterprise's own, an operator's region's), newest first; state, region, mode, overdue, warned, sort (-placedAt, placedAt, dueAt, title), page, pageSize.");

        group.MapGet("/orders/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, DemandOrders orders, CancellationToken ct) =>
            PoolsApi.Found(response, await orders.FindAsync(Caller.From(user), id, ct)))
            .WithSummary("One order for its enterprise, the operators of its region and a proposed expert; the ETag is its version.");

        group.MapGet("/orders/{id:long}/clock", async Task<Results<Ok<ClockState>, NotFound>> (long id, ClaimsPrincipal user, DemandOrders orders, CancellationToken ct) =>
            await orders.FindAsync(Caller.From(user), id, ct) is { } order ? TypedResults.Ok(await orders.ClockAsync(order, ct)) : TypedResults.NotFound())
            .WithSummary("The order's 48-hour clock now: status, counted time, time left, warning and due instants.");

        group.MapGet("/orders/{id:long}/events", async Task<Results<Ok<IReadOnlyList<DemandOrderEvent>>, NotFound>> (long id, ClaimsPrincipal user,
                DemandOrders orders, CancellationToken ct) =>
            await orders.FindAsync(Caller.From(user), id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await orders.EventsAsync(id, ct)))
            .WithSummary("The order's history, oldest first.");

        group.MapPost("/orders", async Task<Results<Created<DemandOrder>, ValidationProblem, NotFound, ForbidHttpResult>> (OrderBody body, ClaimsPrincipal user,
            HttpResponse response, DemandOrders orders, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            var errors = new ValidationErrors();
            var mode = ParseEnum<ServiceModes>(body.ServiceMode, "serviceMode", errors) ?? ServiceModes.None;
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            if ((body.EnterpriseId ?? caller.EnterpriseId) is not { } enterpriseId)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("enterpriseId", "is required"));
            }
            var draft = new DemandOrderDraft
            {
                Title = body.Title, Problem = body.Problem, Field = body.Field, OccupationCode = body.OccupationCode, IndustryCode = body.IndustryCode,
                ServiceMode = mode, DurationDays = body.DurationDays, BudgetMin = body.BudgetMin, BudgetMax = body.BudgetMax, Place = body.Place,
                TagIds = body.TagIds ?? [],
            };
            return PoolsApi.Created(response, await orders.PlaceAsync(caller, enterpriseId, draft, ct), o => $"/api/v1/shared/orders/{o.Id}");
        }).WithSummary("企业下单: the enterprise (its users; an operator or administrator naming enterpriseId) places an order; serviceMode is one of projectCooperation, technologyShares, workstation, partTime, consulting.");

        group.MapPost("/orders/{id:long}/steps", async Task<Results<Ok<DemandOrder>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, StepBody body, ClaimsPrincipal user, HttpResponse response, DemandOrders orders, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var action = ParseEnum<DemandOrderAction>(body.Action, "action", errors);
            errors.When(action is null && errors.IsValid, "action", "is required");
            var version = Version(response, body.Version, errors);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return FlowApi.Stepped(response, await orders.StepAsync(Caller.From(user), id, action!.Value, body.Note, version, ct));
        }).WithSummary("A step without a proposal: askEnterprise (note; pauses the clock) and close (note) by operators; answer (note) and cancel by the enterprise. 409 when the rules do not allow it now, 412 on a stale version.");

        group.MapGet("/orders/{id:long}/candidates", async Task<Results<Ok<IReadOnlyList<ExpertCandidateView>>, NotFound>> (long id, int? take,
                ClaimsPrincipal user, DemandOrders orders, CancellationToken ct) =>
            await orders.CandidatesAsync(Caller.From(user), id, take ?? DemandOrders.CandidateCount, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithSummary("For the order's operators: the best admitted experts not yet proposed, each with the matcher's factors.");

        group.MapGet("/orders/{id:long}/proposals", async Task<Results<Ok<IReadOnlyList<Proposal>>, NotFound>> (long id, ClaimsPrincipal user,
            DemandOrders orders, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (await orders.FindAsync(caller, id, ct) is not { } order)
            {
                return TypedResults.NotFound();
            }
            var all = await orders.ProposalsAsync(id, ct);
            var side = DemandOrders.SideOf(caller, order, [.. all.Select(p => p.TalentId)]);
            return TypedResults.Ok<IReadOnlyList<Proposal>>(side == Domain.Flow.FlowActor.Talent ? [.. all.Where(p => p.TalentId == caller.TalentId)] : all);
        }).WithSummary("The order's proposals (an expert sees only their own).");

        group.MapPost("/orders/{id:long}/proposals", async Task<Results<Created<Proposal>, ValidationProblem, NotFound, ForbidHttpResult>> (long id, ProposeBody body,
            ClaimsPrincipal user, HttpResponse response, DemandOrders orders, CancellationToken ct) =>
            body.ExpertId is not { } expertId
                ? PoolsApi.Invalid(new ValidationErrors().Add("expertId", "is required"))
                : PoolsApi.Created(response, await orders.ProposeAsync(Caller.From(user), id, expertId, body.Note, ct), p => $"/api/v1/shared/proposals/{p.Id}"))
            .WithSummary("部门牵线: an operator of the order's region proposes one of the candidates; the first proposal stops the clock.");

        group.MapGet("/proposals", async Task<Results<Ok<IReadOnlyList<Proposal>>, ForbidHttpResult>> (ClaimsPrincipal user, DemandOrders orders, CancellationToken ct) =>
            Caller.From(user).TalentId is { } talentId ? TypedResults.Ok(await orders.ProposalsForTalentAsync(talentId, ct)) : TypedResults.Forbid())
            .WithSummary("The signed-in expert's proposals, newest first.");

        group.MapPost("/proposals/{id:long}/answer", async Task<Results<Ok<Proposal>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, AnswerBody body, ClaimsPrincipal user, HttpResponse response, DemandOrders orders, CancellationToken ct) =>
        {
            var errors = new ValidationErrors()
                .When(body.Action is not ("accept" or "decline"), "action", "must be accept or decline");
            var version = Version(response, body.Version, errors);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return FlowApi.Stepped(response, await orders.AnswerAsync(Caller.From(user), id, body.Action == "accept", body.Reason, version, ct));
        }).WithSummary("专家接单: the proposed expert accepts (an engagement is formed) or declines with a reason.");

        group.MapGet("/orders/{id:long}/engagement", async Task<Results<Ok<Engagement>, NotFound>> (long id, ClaimsPrincipal user, HttpResponse response,
            DemandOrders orders, Engagements engagements, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            return await orders.FindAsync(caller, id, ct) is not null && await engagements.ForOrderAsync(id, ct) is { } g
                && await engagements.FindAsync(caller, g.Id, ct) is { } visible
                ? TypedResults.Ok(PoolsApi.Tagged(response, visible))
                : TypedResults.NotFound();
        }).WithSummary("The engagement formed for an order (404 until an expert accepted).");

        group.MapGet("/engagements/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, Engagements engagements, CancellationToken ct) =>
            PoolsApi.Found(response, await engagements.FindAsync(Caller.From(user), id, ct)))
            .WithSummary("One engagement for its expert, its enterprise and the operators of its region; ratings are shown once both rated or 7 days after the first.");

        group.MapPost("/engagements/{id:long}/record", async Task<Results<Ok<Engagement>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, RecordBody body, ClaimsPrincipal user, HttpResponse response, Engagements engagements, CancellationToken ct) =>
        {
            var errors = new ValidationErrors().When(body.ServiceDays is null, "serviceDays", "is required");
            var version = Version(response, body.Version, errors);
            return errors.IsValid
                ? PoolsApi.Answer(response, await engagements.RecordAsync(Caller.From(user), id, body.ServiceDays!.Value, body.Deliverables, version, ct))
                : PoolsApi.Invalid(errors);
        }).WithSummary("The expert or the enterprise records the service days so far and the deliverables.");

        group.MapPost("/engagements/{id:long}/complete", async Task<Results<Ok<Engagement>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, VersionBody? body, ClaimsPrincipal user, HttpResponse response, Engagements engagements, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var version = Version(response, body?.Version, errors);
            return errors.IsValid ? PoolsApi.Answer(response, await engagements.CompleteAsync(Caller.From(user), id, version, ct)) : PoolsApi.Invalid(errors);
        }).WithSummary("The enterprise completes the engagement.");

        group.MapPost("/engagements/{id:long}/rating", async Task<Results<Ok<Engagement>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, RateBody body, ClaimsPrincipal user, HttpResponse response, Engagements engagements, CancellationToken ct) =>
            body.Score is not { } score
                ? PoolsApi.Invalid(new ValidationErrors().Add("score", "is required"))
                : PoolsApi.Answer(response, await engagements.RateAsync(Caller.From(user), id, score, body.Comment, ct)))
            .WithSummary("Either side rates the other once, 1 to 5 with a comment, after completion.");

        group.MapGet("/dashboard", async Task<Results<Ok<SlaDashboardView>, ForbidHttpResult>> (string? region, string? from, string? to, ClaimsPrincipal user,
                SlaDashboard dashboard, CancellationToken ct) =>
            await dashboard.BuildAsync(Caller.From(user), region, from, to, ct) is { } view ? TypedResults.Ok(view) : TypedResults.Forbid())
            .WithSummary("The 48-hour response dashboard of the operator's region: totals, per county, per month, per county and month, open orders (months as 2026-01).");
    }

    /// <summary>The version a step acts on: <c>If-Match</c> (<c>*</c> or absent with no body version: whatever is current) or the body's.</summary>
    internal static int? Version(HttpResponse response, int? bodyVersion, ValidationErrors errors)
    {
        if (response.HttpContext.Request.Headers.IfMatch.Count == 0)
        {
            return bodyVersion;
        }
        var header = Versions.IfMatch(response);
        errors.When(bodyVersion is { } v && header is { } h && v != h, "version", "differs from the version in If-Match");
        return header ?? bodyVersion;
    }

    private static TEnum? ParseEnum<TEnum>(string? text, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }
        errors.Add(field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>().Where(n => n != "None").Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
        return null;
    }
}
