using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Escrow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// The challenge board, the technology-manager register and the 安心宝 escrow over HTTP (issue 16). Thin: every rule is the
/// Platform's (<see cref="ChallengeBoard"/>, <see cref="TechnologyManagers"/>, <see cref="EscrowContracts"/>). The board's
/// summaries are public; everything else needs a signed-in caller, and a record the caller takes no side in is 404.
/// </summary>
public static class ChallengesApi
{
    public sealed record DecisionBody(long? ProposalId, ChallengeProposalAction? Action);

    public sealed record AttachBody(long? ManagerId, int? CommissionBasisPoints, string? TermsNote);

    public sealed record ActiveBody(bool? Active, string? Reason, int? Version);

    public sealed record MilestoneBody(MilestoneAction? Action, string? Note, DisputeOutcome? Outcome, long? Payout);

    public static void MapChallengesApi(this RouteGroupBuilder api)
    {
        var board = api.MapGroup("/challenges").WithTags("Challenges");

        board.MapGet("", async Task<Results<Ok<Page<Challenge>>, ValidationProblem>> (string? field, string? occupation, ChallengeState? state, long? enterpriseId,
            string? sort, int? page, int? pageSize, ChallengeBoard challenges, CancellationToken ct) =>
        {
            var result = await challenges.ListAsync(new ChallengeQuery(field, occupation, state, enterpriseId, sort, page ?? 1, pageSize ?? 20), ct);
            return result.Status == WriteStatus.Ok ? TypedResults.Ok(result.Value!) : PoolsApi.Invalid(result.Errors);
        }).WithSummary("The public challenge board: summaries (never details), filters field (words in field or title), occupation (a code prefix), " +
            "state (Open, Awarded, Closed), enterpriseId; sort -postedAt (default), deadline, -budget, title; page, pageSize. Budgets in fen.");

        board.MapGet("/{id:long}", async Task<Results<Ok<ChallengeView>, NotFound>> (long id, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
            await challenges.FindAsync(Caller.From(user), id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithSummary("One challenge as the caller sees it: details only when public, for the enterprise's side or after the caller signed its NDA; " +
                "the proposals the caller may see, the technology manager and the contract.");

        var signedIn = board.MapGroup("").RequireAuthorization();

        signedIn.MapPost("", async (ChallengeInput body, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
            Created(await challenges.PostAsync(Caller.From(user), body, ct), c => $"/api/v1/challenges/{c.Id}"))
            .WithSummary("Posts a challenge (enterprise users for their enterprise; operators and administrators name enterpriseId): title, summary, details, " +
                "field, occupationCode, skills, budget (fen), deadline, confidentiality (Public, NdaRequired), ndaTerms (default: the standard terms).");

        signedIn.MapPost("/{id:long}/nda", async (long id, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
            Answer(await challenges.SignNdaAsync(Caller.From(user), id, ct)))
            .WithSummary("Signs the challenge's NDA (recorded with the hash of the terms, audited); its details show from then on.");

        signedIn.MapPost("/{id:long}/proposals", async (long id, ProposalInput body, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
            Created(await challenges.ProposeAsync(Caller.From(user), id, body, ct), p => $"/api/v1/challenges/{id}"))
            .WithSummary("Proposes a solution (an expert for themself, a user of an institute for it): approach, price (fen), durationDays, organisation.");

        signedIn.MapPost("/{id:long}/decisions", async Task<Results<Ok<ChallengeView>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<ChallengeView>>> (
            long id, DecisionBody body, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
        {
            var errors = new ValidationErrors().When(body.ProposalId is null, "proposalId", "is required")
                .When(body.Action is not (ChallengeProposalAction.Shortlist or ChallengeProposalAction.Award or ChallengeProposalAction.Withdraw), "action", "must be one of the listed options");
            return errors.IsValid ? Answer(await challenges.DecideAsync(Caller.From(user), id, body.ProposalId!.Value, body.Action!.Value, ct)) : PoolsApi.Invalid(errors);
        })
            .WithSummary("Shortlist or Award a proposal (the enterprise's side; awarding passes the others), or Withdraw one's own proposal.");

        signedIn.MapPost("/{id:long}/close", async (long id, ClaimsPrincipal user, ChallengeBoard challenges, CancellationToken ct) =>
            Answer(await challenges.CloseAsync(Caller.From(user), id, ct)))
            .WithSummary("Closes an open challenge without an award (the enterprise's side).");

        signedIn.MapGet("/{id:long}/suggestions", async Task<Results<Ok<IReadOnlyList<SolverSuggestion>>, NotFound>> (long id, int? take, ClaimsPrincipal user,
            ChallengeBoard challenges, CancellationToken ct) =>
            await challenges.SuggestAsync(Caller.From(user), id, take ?? 10, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithSummary("Solvers the matching engine suggests: admitted experts of the city's shared pool ranked for the challenge, each with its explanation.");

        signedIn.MapPut("/{id:long}/manager", async (long id, AttachBody body, ClaimsPrincipal user, TechnologyManagers managers, CancellationToken ct) =>
            Answer(await managers.AttachAsync(Caller.From(user), id, body.ManagerId, body.CommissionBasisPoints, body.TermsNote, ct)))
            .WithSummary("Attaches a technology manager of the register with commission terms (commissionBasisPoints of every payout to the solver, termsNote).");

        signedIn.MapPost("/{id:long}/contract", async Task<Results<Created<ContractView>, ValidationProblem, NotFound, ForbidHttpResult>> (long id, ContractInput body,
            ClaimsPrincipal user, EscrowContracts contracts, CancellationToken ct) =>
        {
            var result = await contracts.CreateAsync(Caller.From(user), id, body, ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Created($"/api/v1/escrow/contracts/{result.Value!.Contract.Id}", result.Value),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("Draws up the escrow contract with the awarded solver: milestones [{title, amount (fen), dueOn}], depositBasisPoints (default 1000 = 10 %).");

        var register = signedIn.MapGroup("/technology-managers");

        register.MapGet("", async (string? q, bool? active, int? page, int? pageSize, TechnologyManagers managers, CancellationToken ct) =>
            TypedResults.Ok(await managers.ListAsync(q, active ?? false, page ?? 1, pageSize ?? 20, ct)))
            .WithSummary("The register of accredited technology managers with each one's track record; q searches name, organisation and fields.");

        register.MapGet("/{id:long}", async Task<Results<Ok<TechnologyManager>, NotFound>> (long id, TechnologyManagers managers, CancellationToken ct) =>
            await managers.FindAsync(id, ct) is { } manager ? TypedResults.Ok(manager) : TypedResults.NotFound())
            .WithSummary("One technology manager with the track record.");

        register.MapPost("", async (ManagerInput body, ClaimsPrincipal user, TechnologyManagers managers, CancellationToken ct) =>
            Created(await managers.AddAsync(Caller.From(user), body, ct), m => $"/api/v1/challenges/technology-managers/{m.Id}"))
            .WithSummary("Adds a manager to the register (operators, in their region; administrators): name, organisation, regionCode, certificateNo, accreditedOn, fields.");

        register.MapPut("/{id:long}/active", async Task<Results<Ok<TechnologyManager>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TechnologyManager>>> (
            long id, ActiveBody body, ClaimsPrincipal user, TechnologyManagers managers, CancellationToken ct) =>
            body.Active is { } active
                ? Answer(await managers.SetActiveAsync(Caller.From(user), id, active, body.Reason, body.Version, ct))
                : PoolsApi.Invalid(new ValidationErrors().Add("active", "is required")))
            .WithSummary("Suspends (active false) or reinstates a manager, with a reason.");

        var escrow = api.MapGroup("/escrow").WithTags("Escrow").RequireAuthorization();

        escrow.MapGet("/contracts", async (int? page, int? pageSize, ClaimsPrincipal user, EscrowContracts contracts, CancellationToken ct) =>
            TypedResults.Ok(await contracts.ListAsync(Caller.From(user), page ?? 1, pageSize ?? 20, ct)))
            .WithSummary("The contracts the caller is a party to (operators: of their region), newest first.");

        escrow.MapGet("/contracts/{id:long}", async Task<Results<Ok<ContractView>, NotFound>> (long id, ClaimsPrincipal user, EscrowContracts contracts,
            CancellationToken ct) =>
            await contracts.FindAsync(Caller.From(user), id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithSummary("A contract with its milestones, its ledger (entries with their postings and running balances) and the balances of its four accounts.");

        escrow.MapPost("/contracts/{id:long}/cancel", async (long id, ClaimsPrincipal user, EscrowContracts contracts, CancellationToken ct) =>
            Answer(await contracts.CancelAsync(Caller.From(user), id, ct)))
            .WithSummary("The enterprise withdraws a draft contract.");

        escrow.MapPost("/contracts/{id:long}/milestones/{position:int}", async Task<Results<Ok<ContractView>, ValidationProblem, NotFound, ForbidHttpResult,
            Conflict<ContractView>>> (long id, int position, MilestoneBody body, ClaimsPrincipal user, EscrowContracts contracts, CancellationToken ct) =>
            body.Action is { } action && action != MilestoneAction.Settle && Enum.IsDefined(action)
                ? Answer(await contracts.MilestoneAsync(Caller.From(user), id, position, action, body.Note, body.Outcome, body.Payout, ct))
                : PoolsApi.Invalid(new ValidationErrors().Add("action", "must be one of the listed options")))
            .WithSummary("A milestone step (position from 0): Submit (solver, note), Accept or Dispute (enterprise; a dispute needs its reason as note), " +
                "Resolve (operator: outcome Release, Partial with payout in fen, Refund; note).");

        escrow.MapPost("/contracts/{id:long}/confirmations", async (long id, ConfirmationInput body, ClaimsPrincipal user, EscrowContracts contracts,
            CancellationToken ct) =>
            Answer(await contracts.ConfirmAsync(Caller.From(user), id, body, ct)))
            .WithSummary("The payment partner's confirmation (operators of the region or the partner's client): kind Deposit, or Settlement with milestone " +
                "(position); reference (unique; a retry with the same reference answers the same ledger). Posts the balanced entry to the ledger.");
    }

    private static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<T>> Answer<T>(WriteResult<T> result) where T : class =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Ok(result.Value!),
            WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            WriteStatus.Conflict => TypedResults.Conflict(result.Value!),
            _ => TypedResults.Forbid(),
        };

    private static Results<Created<T>, ValidationProblem, NotFound, ForbidHttpResult> Created<T>(WriteResult<T> result, Func<T, string> location) where T : class =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Created(location(result.Value!), result.Value!),
            WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Forbid(),
        };
}
