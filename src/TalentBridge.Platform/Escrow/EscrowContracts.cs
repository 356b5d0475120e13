using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Escrow;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Escrow;

/// <summary>An escrow contract (安心宝) with its terms; <see cref="Terms"/> gives the deposit and the posting rules.</summary>
public sealed record EscrowContract(long Id, long ChallengeId, string ChallengeTitle, long ProposalId, long EnterpriseId, string EnterpriseName,
    string RegionCode, long? SolverTalentId, long? SolverEnterpriseId, string SolverName, long? ManagerId, string? ManagerName, int DepositBasisPoints,
    int CommissionBasisPoints, long Total, ContractState State, int Version, DateTimeOffset CreatedAt, IReadOnlyList<Milestone> Milestones) : IVersioned
{
    public EscrowTerms Terms => new([.. Milestones.Select(m => m.Amount)], DepositBasisPoints, CommissionBasisPoints);
}

/// <summary>A milestone: its position (0-based), amount in fen, state, the solver's note, the enterprise's dispute reason, the operator's decision and the payout.</summary>
public sealed record Milestone(long Id, int Position, string Title, long Amount, DateOnly DueOn, MilestoneState State, int Version, string? SubmissionNote,
    string? DisputeReason, DisputeOutcome? Outcome, long? Payout, string? ResolutionNote) : IVersioned;

public sealed record MilestoneInput(string? Title, long? Amount, DateOnly? DueOn);

/// <summary>The enterprise's contract terms for its awarded challenge: milestones and the deposit share (default 10 %).</summary>
public sealed record ContractInput(IReadOnlyList<MilestoneInput>? Milestones, int? DepositBasisPoints);

/// <summary>
/// The payment partner's confirmation of an event: <c>deposit</c> (the deposit arrived in escrow) or <c>settlement</c> of a
/// milestone (the payout was paid and the rest refunded), with the partner's unique reference.
/// </summary>
public sealed record ConfirmationInput(LedgerEventKind? Kind, int? Milestone, string? Reference);

/// <summary>A contract as one reader sees it: the contract, the ledger with its lines, the balances, the reader's side and the actions open to it.</summary>
public sealed record ContractView(EscrowContract Contract, IReadOnlyList<LedgerEntry> Ledger, LedgerBalances Balances, FlowActor? Side,
    IReadOnlyList<ContractAction> ContractActions, IReadOnlyDictionary<int, IReadOnlyList<MilestoneAction>> MilestoneActions);

/// <summary>An escrow contract in a list.</summary>
public sealed record ContractSummary(long Id, long ChallengeId, string ChallengeTitle, string EnterpriseName, string SolverName, long Total, ContractState State,
    DateTimeOffset CreatedAt);

/// <summary>
/// The 安心宝 escrow (issue 16, item 3). The enterprise side of an awarded challenge draws up the contract with the awarded
/// solver: milestones and the deposit share; the attached technology manager's commission share is copied. The payment
/// partner's confirmations — recorded by an operator of the region or the partner's API client signed in as one, each with
/// its unique reference — post to the append-only double-entry ledger: the deposit (draft → active), and each milestone's
/// settlement once the enterprise accepted it or an operator resolved its dispute (release, partial, refund); the last
/// settlement closes the contract. A retried confirmation with the same reference answers the entry already posted. Every
/// step, entry and its postings with the audit row and event in one transaction; a step names the version it read, so two
/// nodes never post on the same balances.
/// </summary>
public sealed class EscrowContracts(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxTitle = 100;
    public const int MaxNote = 2000;
    public const int MaxReference = 100;

    private const string Columns =
        "k.id, k.challenge_id, c.title, k.proposal_id, k.enterprise_id, e.name, k.region_code, k.solver_talent_id, k.solver_enterprise_id, k.solver_name, " +
        "k.manager_id, m.name, k.deposit_bp, k.commission_bp, k.total, k.state, k.version, k.created_at";

    private const string From =
        "escrow_contracts k JOIN challenges c ON c.id = k.challenge_id JOIN enterprises e ON e.id = k.enterprise_id " +
        "LEFT JOIN technology_managers m ON m.id = k.manager_id";

    /// <summary>The side the caller takes: the enterprise's own users, the solver, operators of the region and administrators (the operator's side), or none.</summary>
    public static FlowActor? SideOf(Caller caller, EscrowContract contract)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(contract);
        if (caller.IsEnterpriseUser && caller.EnterpriseId == contract.EnterpriseId)
        {
            return FlowActor.Enterprise;
        }
        if (ChallengeBoard.IsSolver(caller, contract.SolverTalentId, contract.SolverEnterpriseId))
        {
            return FlowActor.Talent;
        }
        return caller.IsAdmin || (caller.IsOperator && caller.InScope(contract.RegionCode)) ? FlowActor.Operator : null;
    }

    public async Task<WriteResult<ContractView>> CreateAsync(Caller caller, long challengeId, ContractInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var milestones = input.Milestones ?? [];
        var errors = new ValidationErrors();
        for (var i = 0; i < milestones.Count; i++)
        {
            errors.Required(milestones[i].Title, $"milestones[{i}].title", MaxTitle)
                .When(milestones[i].Amount is null, $"milestones[{i}].amount", "is required")
                .When(milestones[i].DueOn is null, $"milestones[{i}].dueOn", "is required")
                .When(i > 0 && milestones[i].DueOn < milestones[i - 1].DueOn, $"milestones[{i}].dueOn", "must not be before the previous milestone's");
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (await ChallengeBoard.FindAsync(c, tx, challengeId) is not { } challenge)
                {
                    return WriteResult.NotFound<ContractView>();
                }
                if (!caller.IsSignedIn || !caller.CanManagePositionsOf(reference.Regions, challenge.EnterpriseId, challenge.RegionCode))
                {
                    return WriteResult.Forbidden<ContractView>();
                }
                var awarded = (await ChallengeBoard.ProposalsAsync(c, tx, challengeId)).FirstOrDefault(p => p.State == ChallengeProposalState.Awarded);
                errors.When(awarded is null, "challenge", "has no awarded proposal");
                var manager = await TechnologyManagers.AttachmentAsync(c, tx, challengeId);
                var terms = new EscrowTerms([.. milestones.Select(m => m.Amount ?? 0)], input.DepositBasisPoints ?? EscrowTerms.DefaultDepositBasisPoints,
                    manager?.CommissionBasisPoints ?? 0);
                errors.AddMissing(terms.Validate());
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<ContractView>(errors);
                }
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO escrow_contracts (challenge_id, proposal_id, enterprise_id, region_code, solver_talent_id, solver_enterprise_id, solver_name, " +
                    "manager_id, deposit_bp, commission_bp, total, state, version, created_at, created_by) VALUES (@challengeId, @proposalId, @enterpriseId, " +
                    "@region, @talentId, @solverEnterpriseId, @solverName, @managerId, @depositBp, @commissionBp, @total, 0, 1, @now, @by) RETURNING id",
                    new
                    {
                        challengeId, proposalId = awarded!.Id, enterpriseId = challenge.EnterpriseId, region = Row.StoredRegion(challenge.RegionCode),
                        talentId = awarded.TalentId, solverEnterpriseId = awarded.SolverEnterpriseId, solverName = awarded.SolverName, managerId = manager?.ManagerId,
                        depositBp = terms.DepositBasisPoints, commissionBp = terms.CommissionBasisPoints, total = terms.Total, now = Database.Utc(now), by = caller.AccountId,
                    }, tx);
                for (var i = 0; i < milestones.Count; i++)
                {
                    await c.ExecuteAsync(
                        "INSERT INTO escrow_milestones (contract_id, position, title, amount, due_on, state, version, updated_at) " +
                        "VALUES (@id, @i, @title, @amount, @dueOn, 0, 1, @now)",
                        new { id, i, title = milestones[i].Title!.Trim(), amount = milestones[i].Amount!.Value, dueOn = milestones[i].DueOn!.Value, now = Database.Utc(now) }, tx);
                }
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "escrowContract", id, challenge.RegionCode, "contract-create",
                    JsonSerializer.Serialize(new { challengeId, proposalId = awarded.Id, total = terms.Total, deposit = terms.Deposit, depositBasisPoints = terms.DepositBasisPoints,
                        commissionBasisPoints = terms.CommissionBasisPoints, milestones = terms.MilestoneAmounts })));
                return WriteResult.Ok((await ViewAsync(c, tx, caller, id))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<ContractView>(new ValidationErrors().Add("challenge", "already has a contract"));
        }
    }

    public async Task<ContractView?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        return await ViewAsync(c, null, caller, id);
    }

    /// <summary>The contracts the caller is a party to (or, for operators, of their region), newest first, paged.</summary>
    public async Task<Page<ContractSummary>> ListAsync(Caller caller, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var where = new Where();
        if (caller.IsOperator)
        {
            where.RegionSubtree("k.region_code", caller.ScopeRegion!, "scope");
        }
        else if (!caller.IsAdmin)
        {
            where.Add("(k.enterprise_id = @enterprise OR k.solver_enterprise_id = @enterprise OR k.solver_talent_id = @talent)", "enterprise",
                caller.IsEnterpriseUser ? caller.EnterpriseId ?? -1 : -1);
            where.Parameters.Add("talent", caller.TalentId ?? -1);
        }
        var query = new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) };
        return await ListSql.PageAsync(db, From, "k.id, k.challenge_id, c.title, e.name, k.solver_name, k.total, k.state, k.created_at", where,
            " ORDER BY k.created_at DESC, k.id DESC", query,
            r => new ContractSummary(r.Long(0), r.Long(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Long(5), r.Enum<ContractState>(6), r.Timestamp(7)),
            "escrow_contracts k", ct);
    }

    /// <summary>The enterprise withdraws a draft contract (no money has moved).</summary>
    public Task<WriteResult<ContractView>> CancelAsync(Caller caller, long id, CancellationToken ct) =>
        StepAsync(caller, id, null, async (c, tx, contract, side, now) =>
        {
            var step = EscrowFlows.Contract.Next(contract.State, ContractAction.Cancel, side);
            if (!step.Allowed)
            {
                return new ValidationErrors().Add("action", step.Error!);
            }
            await SetContractStateAsync(c, tx, contract, step.To!.Value, now);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "escrowContract", id, contract.RegionCode, "contract-cancel",
                AuditTrail.Diff(new { state = contract.State.ToString() }, new { state = step.To.Value.ToString() })), "escrowContract.cancel");
            return null;
        }, ct);

    /// <summary>
    /// A milestone step that moves no money: the solver submits (with a note), the enterprise accepts or disputes (with its
    /// reason), an operator resolves a dispute (outcome, the part for a partial payout, a note).
    /// </summary>
    public Task<WriteResult<ContractView>> MilestoneAsync(Caller caller, long id, int position, MilestoneAction action, string? note, DisputeOutcome? outcome,
        long? partial, CancellationToken ct) =>
        StepAsync(caller, id, null, async (c, tx, contract, side, now) =>
        {
            if (action == MilestoneAction.Settle || position < 0 || position >= contract.Milestones.Count)
            {
                return new ValidationErrors().Add("milestone", "is not a milestone of the contract");
            }
            var milestone = contract.Milestones[position];
            var step = EscrowFlows.Milestone.Next(milestone.State, action, side);
            var errors = new ValidationErrors().When(!step.Allowed, "action", step.Error ?? "")
                .When(step.Allowed && contract.State != ContractState.Active, "action", "must wait for the deposit: the contract is not active");
            long? payout = null;
            if (action == MilestoneAction.Resolve)
            {
                errors.When(outcome is null || !Enum.IsDefined(outcome.Value), "outcome", "must be one of the listed options");
                payout = outcome is { } o && Enum.IsDefined(o) ? EscrowFlows.Payout(o, milestone.Amount, partial) : null;
                errors.When(outcome == DisputeOutcome.Partial && payout is null, "payout", $"must be more than 0 and less than {milestone.Amount} fen");
            }
            errors.When(action is MilestoneAction.Submit or MilestoneAction.Dispute or MilestoneAction.Resolve && string.IsNullOrWhiteSpace(note), "note", "is required")
                .Optional(note, "note", MaxNote);
            if (!errors.IsValid)
            {
                return errors;
            }
            var trimmed = note?.Trim();
            var changed = await c.ExecuteAsync(
                "UPDATE escrow_milestones SET state = @to, version = version + 1, updated_at = @now, " +
                "submission_note = CASE WHEN @action = 1 THEN @note ELSE submission_note END, " +
                "dispute_reason = CASE WHEN @action = 3 THEN @note ELSE dispute_reason END, " +
                "resolution_note = CASE WHEN @action = 4 THEN @note ELSE resolution_note END, " +
                "outcome = CASE WHEN @action = 4 THEN @outcome ELSE outcome END, " +
                "payout = CASE WHEN @action = 4 THEN @payout WHEN @action = 2 THEN amount ELSE payout END " +
                "WHERE id = @milestoneId AND version = @version",
                new
                {
                    to = (int)step.To!.Value, now = Database.Utc(now), action = (int)action, note = trimmed, outcome = (int?)outcome, payout,
                    milestoneId = milestone.Id, version = milestone.Version,
                }, tx);
            if (changed == 0)
            {
                return null;
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "escrowMilestone", milestone.Id, contract.RegionCode,
                "milestone-" + action.ToString().ToLowerInvariant(),
                AuditTrail.Diff(new { state = milestone.State.ToString(), payout = milestone.Payout, note = (string?)null },
                    new { state = step.To.Value.ToString(), payout = payout ?? (action == MilestoneAction.Accept ? milestone.Amount : milestone.Payout), note = trimmed })),
                "escrowMilestone." + action.ToString().ToLowerInvariant());
            return null;
        }, ct);

    /// <summary>
    /// Records the payment partner's confirmation: the deposit, or a milestone's settlement (accepted or resolved). Posts the
    /// entry the rules give with running balances, audited in the same transaction; the last settlement closes the contract. A
    /// reference already posted answers the contract unchanged when it confirmed the same event, and is refused otherwise.
    /// </summary>
    public async Task<WriteResult<ContractView>> ConfirmAsync(Caller caller, long id, ConfirmationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reference = input.Reference?.Trim();
        var errors = new ValidationErrors()
            .Required(reference, "reference", MaxReference)
            .When(input.Kind is null || !Enum.IsDefined(input.Kind.Value), "kind", "must be one of the listed options")
            .When(input.Kind == LedgerEventKind.Settlement && input.Milestone is null, "milestone", "is required");
        try
        {
            return await StepAsync(caller, id, errors.IsValid ? null : errors, async (c, tx, contract, side, now) =>
            {
                var posted = await c.QueryAsync<(long ContractId, int Kind, int? Position)>(
                    "SELECT contract_id, kind, milestone_position FROM ledger_entries WHERE reference = @reference", new { reference }, tx);
                if (posted.FirstOrDefault() is { ContractId: > 0 } earlier)
                {
                    return earlier.ContractId == id && earlier.Kind == (int)input.Kind! && (input.Kind == LedgerEventKind.Deposit || earlier.Position == input.Milestone)
                        ? null
                        : new ValidationErrors().Add("reference", "was already used for another event");
                }
                return input.Kind == LedgerEventKind.Deposit
                    ? await DepositAsync(c, tx, caller, contract, side, reference!, now)
                    : await SettleAsync(c, tx, caller, contract, side, input.Milestone!.Value, reference!, now);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Two nodes posted the same reference at once: the other one won; a retry now finds its entry.
            return WriteResult.Invalid<ContractView>(new ValidationErrors().Add("reference", "was already used for another event"));
        }
    }

    private static async Task<ValidationErrors?> DepositAsync(DbConnection c, DbTransaction tx, Caller caller, EscrowContract contract, FlowActor side, string reference,
        DateTimeOffset now)
    {
        var step = EscrowFlows.Contract.Next(contract.State, ContractAction.ConfirmDeposit, side);
        if (!step.Allowed)
        {
            return new ValidationErrors().Add("kind", step.Error!);
        }
        await SetContractStateAsync(c, tx, contract, step.To!.Value, now);
        await PostAsync(c, tx, caller, contract, LedgerEventKind.Deposit, null, 0, EscrowPostings.Deposit(contract.Terms), reference, now);
        return null;
    }

    private static async Task<ValidationErrors?> SettleAsync(DbConnection c, DbTransaction tx, Caller caller, EscrowContract contract, FlowActor side, int position,
        string reference, DateTimeOffset now)
    {
        if (position < 0 || position >= contract.Milestones.Count)
        {
            return new ValidationErrors().Add("milestone", "is not a milestone of the contract");
        }
        var milestone = contract.Milestones[position];
        var step = EscrowFlows.Milestone.Next(milestone.State, MilestoneAction.Settle, side);
        if (!step.Allowed)
        {
            return new ValidationErrors().Add("milestone", step.Error!);
        }
        var payout = milestone.Payout ?? throw new InvalidDataException($"Milestone {milestone.Id} is {milestone.State} without a payout.");
        var paidBefore = contract.Milestones.Where(m => m.State == MilestoneState.Settled).Sum(m => m.Payout ?? 0);
        await c.ExecuteAsync("UPDATE escrow_milestones SET state = @to, version = version + 1, updated_at = @now WHERE id = @id",
            new { to = (int)MilestoneState.Settled, now = Database.Utc(now), id = milestone.Id }, tx);
        await PostAsync(c, tx, caller, contract, LedgerEventKind.Settlement, position, payout,
            EscrowPostings.Settlement(contract.Terms, position, payout, paidBefore), reference, now);
        if (contract.Milestones.All(m => m.Id == milestone.Id || m.State == MilestoneState.Settled))
        {
            var close = EscrowFlows.Contract.Next(contract.State, ContractAction.Close, FlowActor.System);
            await SetContractStateAsync(c, tx, contract, close.To!.Value, now);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "escrowContract", contract.Id, contract.RegionCode,
                "contract-close", AuditTrail.Diff(new { state = contract.State.ToString() }, new { state = close.To.Value.ToString() })), "escrowContract.close");
        }
        return null;
    }

    /// <summary>One entry and its postings with the running balances after the contract's last postings; the audit row lists every posting.</summary>
    private static async Task PostAsync(DbConnection c, DbTransaction tx, Caller caller, EscrowContract contract, LedgerEventKind kind, int? position, long payout,
        IReadOnlyList<Posting> postings, string reference, DateTimeOffset now)
    {
        var before = LedgerVerification.Balances(await LedgerAsync(c, tx, contract.Id));
        var (lines, _) = before.Post(postings);
        var entryId = await c.ExecuteScalarAsync<long>(
            "INSERT INTO ledger_entries (contract_id, kind, milestone_position, payout, reference, recorded_at, recorded_by) " +
            "VALUES (@contractId, @kind, @position, @payout, @reference, @now, @by) RETURNING id",
            new { contractId = contract.Id, kind = (int)kind, position, payout, reference, now = Database.Utc(now), by = caller.AccountId }, tx);
        foreach (var line in lines)
        {
            await c.ExecuteAsync(
                "INSERT INTO ledger_postings (entry_id, contract_id, account, amount, balance_after) VALUES (@entryId, @contractId, @account, @amount, @after)",
                new { entryId, contractId = contract.Id, account = (int)line.Account, amount = line.Amount, after = line.BalanceAfter }, tx);
        }
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "ledgerEntry", entryId, contract.RegionCode,
            "ledger-" + kind.ToString().ToLowerInvariant(), JsonSerializer.Serialize(new
            {
                contractId = contract.Id, kind = kind.ToString(), milestone = position, payout, reference,
                postings = lines.Select(l => new { account = l.Account.ToString(), amount = l.Amount, balanceAfter = l.BalanceAfter }),
            })), "ledger." + kind.ToString().ToLowerInvariant());
    }

    private static async Task SetContractStateAsync(DbConnection c, DbTransaction tx, EscrowContract contract, ContractState to, DateTimeOffset now) =>
        await c.ExecuteAsync(
            "UPDATE escrow_contracts SET state = @to, closed_at = CASE WHEN @closes THEN @now ELSE closed_at END WHERE id = @id",
            new { to = (int)to, closes = to is ContractState.Closed or ContractState.Cancelled, now = Database.Utc(now), id = contract.Id }, tx);

    /// <summary>
    /// Runs one step on the contract: finds it, takes the caller's side, claims the contract's version (so that concurrent
    /// steps on other nodes wait and then find it changed), runs <paramref name="step"/> and answers the contract as it is now.
    /// </summary>
    private async Task<WriteResult<ContractView>> StepAsync(Caller caller, long id, ValidationErrors? invalid,
        Func<DbConnection, DbTransaction, EscrowContract, FlowActor, DateTimeOffset, Task<ValidationErrors?>> step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                if (await FindAsync(c, tx, id) is not { } contract || SideOf(caller, contract) is not { } side)
                {
                    return WriteResult.NotFound<ContractView>();
                }
                if (invalid is not null)
                {
                    return WriteResult.Invalid<ContractView>(invalid);
                }
                if (await c.ExecuteAsync("UPDATE escrow_contracts SET version = version + 1 WHERE id = @id AND version = @version",
                        new { id, version = contract.Version }, tx) == 0)
                {
                    return WriteResult.Conflict((await ViewAsync(c, tx, caller, id))!);
                }
                // A refused step leaves the transaction by the exception, so that the version claimed above rolls back with it.
                return await step(c, tx, contract, side, now) is { } errors
                    ? throw new StepRefused(errors)
                    : WriteResult.Ok((await ViewAsync(c, tx, caller, id))!);
            }, ct);
        }
        catch (StepRefused refused)
        {
            return WriteResult.Invalid<ContractView>(refused.Errors);
        }
    }

    private sealed class StepRefused(ValidationErrors errors) : Exception
    {
        public ValidationErrors Errors { get; } = errors;
    }

    private static async Task<ContractView?> ViewAsync(DbConnection c, DbTransaction? tx, Caller caller, long id)
    {
        if (await FindAsync(c, tx, id) is not { } contract || SideOf(caller, contract) is not { } side)
        {
            return null;
        }
        var ledger = await LedgerAsync(c, tx, id);
        return new ContractView(contract, ledger, LedgerVerification.Balances(ledger), side,
            [.. EscrowFlows.Contract.Actions(contract.State, side)],
            contract.Milestones.ToDictionary(m => m.Position, m => (IReadOnlyList<MilestoneAction>)[.. contract.State == ContractState.Active
                ? EscrowFlows.Milestone.Actions(m.State, side) : []]));
    }

    internal static async Task<EscrowContract?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        EscrowContract? contract = null;
        await using (var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE k.id = @id", new { id }, tx))
        {
            if (await r.ReadAsync())
            {
                contract = new EscrowContract(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.Long(4), r.GetString(5), RegionCatalogue.Significant(r.GetString(6)),
                    r.NullableLong(7), r.NullableLong(8), r.GetString(9), r.NullableLong(10), r.NullableString(11), r.Int(12), r.Int(13), r.Long(14),
                    r.Enum<ContractState>(15), r.Int(16), r.Timestamp(17), []);
            }
        }
        if (contract is null)
        {
            return null;
        }
        var milestones = new List<Milestone>();
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT id, position, title, amount, due_on, state, version, submission_note, dispute_reason, outcome, payout, resolution_note " +
            "FROM escrow_milestones WHERE contract_id = @id ORDER BY position", new { id }, tx))
        {
            while (await r.ReadAsync())
            {
                milestones.Add(new Milestone(r.Long(0), r.Int(1), r.GetString(2), r.Long(3), r.Date(4), r.Enum<MilestoneState>(5), r.Int(6), r.NullableString(7),
                    r.NullableString(8), r.IsDBNull(9) ? null : r.Enum<DisputeOutcome>(9), r.NullableLong(10), r.NullableString(11)));
            }
        }
        return contract with { Milestones = milestones };
    }

    /// <summary>A contract's ledger entries in posting order, each with its lines.</summary>
    internal static async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(DbConnection c, DbTransaction? tx, long contractId)
    {
        var lines = (await c.QueryAsync<(long EntryId, int Account, long Amount, long After)>(
                "SELECT entry_id, account, amount, balance_after FROM ledger_postings WHERE contract_id = @contractId ORDER BY id", new { contractId }, tx))
            .ToLookup(l => l.EntryId, l => new LedgerLine((LedgerAccount)l.Account, l.Amount, l.After));
        return [.. (await c.QueryAsync<(long Id, int Kind, int? Position, long Payout, string Reference)>(
                "SELECT id, kind, milestone_position, payout, reference FROM ledger_entries WHERE contract_id = @contractId ORDER BY id", new { contractId }, tx))
            .Select(e => new LedgerEntry(e.Id, (LedgerEventKind)e.Kind, e.Position, e.Payout, e.Reference, [.. lines[e.Id]]))];
    }
}
