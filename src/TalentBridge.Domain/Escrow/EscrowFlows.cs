using TalentBridge.Domain.Flow;

namespace TalentBridge.Domain.Escrow;

/// <summary>An escrow contract between an enterprise and the solver of its challenge. Stored as these numbers.</summary>
public enum ContractState
{
    /// <summary>Signed terms, waiting for the payment partner to confirm the deposit.</summary>
    Draft = 0,
    /// <summary>The deposit is in the escrow account: the solver works through the milestones.</summary>
    Active = 1,
    /// <summary>Every milestone settled; escrow is zero.</summary>
    Closed = 2,
    /// <summary>Withdrawn by the enterprise before any money moved.</summary>
    Cancelled = 3,
}

public enum ContractAction
{
    /// <summary>The payment partner confirmed the deposit (recorded by an operator or the partner's API client).</summary>
    ConfirmDeposit = 1,
    Cancel = 2,
    /// <summary>The last milestone settled.</summary>
    Close = 3,
}

/// <summary>A milestone of a contract (里程碑). Stored as these numbers.</summary>
public enum MilestoneState
{
    Pending = 0,
    /// <summary>The solver reports the milestone met, with a note of what was delivered.</summary>
    Submitted = 1,
    /// <summary>The enterprise accepts: the whole amount is to be paid.</summary>
    Accepted = 2,
    /// <summary>The enterprise disputes, with its reason: an operator decides.</summary>
    Disputed = 3,
    /// <summary>An operator decided the payout: all (release), part (partial) or nothing (refund).</summary>
    Resolved = 4,
    /// <summary>The payment partner confirmed the payout; the settlement is posted to the ledger.</summary>
    Settled = 5,
}

public enum MilestoneAction
{
    Submit = 1,
    Accept = 2,
    Dispute = 3,
    Resolve = 4,
    /// <summary>The payment partner confirmed the payout (recorded by an operator or the partner's API client).</summary>
    Settle = 5,
}

/// <summary>How an operator resolved a disputed milestone.</summary>
public enum DisputeOutcome
{
    /// <summary>The whole amount to the solver.</summary>
    Release = 1,
    /// <summary>Part to the solver, the rest of the milestone's deposit back to the enterprise.</summary>
    Partial = 2,
    /// <summary>Nothing to the solver; the milestone's deposit back to the enterprise.</summary>
    Refund = 3,
}

/// <summary>
/// The escrow's state machines. Actors: the enterprise (its users), the solver (<see cref="FlowActor.Talent"/>: the expert, or
/// the users of the institute that answered the challenge), the operator (who resolves disputes and records the payment
/// partner's confirmations — the partner's API client signs in as one), and the system.
/// </summary>
public static class EscrowFlows
{
    /// <summary>draft → active (deposit confirmed) → closed (last milestone settled); draft → cancelled.</summary>
    public static StateMachine<ContractState, ContractAction> Contract { get; } = new("escrow contract",
    [
        new(ContractState.Draft, ContractAction.ConfirmDeposit, FlowActor.Operator, ContractState.Active),
        new(ContractState.Draft, ContractAction.Cancel, FlowActor.Enterprise, ContractState.Cancelled),
        new(ContractState.Active, ContractAction.Close, FlowActor.System, ContractState.Closed),
    ], new HashSet<ContractState> { ContractState.Closed, ContractState.Cancelled });

    /// <summary>
    /// pending → submitted → accepted → settled; submitted → disputed → resolved → settled. A disputed milestone is decided by
    /// an operator only; an accepted or resolved one waits for the payment partner's confirmation.
    /// </summary>
    public static StateMachine<MilestoneState, MilestoneAction> Milestone { get; } = new("escrow milestone",
    [
        new(MilestoneState.Pending, MilestoneAction.Submit, FlowActor.Talent, MilestoneState.Submitted),
        new(MilestoneState.Submitted, MilestoneAction.Accept, FlowActor.Enterprise, MilestoneState.Accepted),
        new(MilestoneState.Submitted, MilestoneAction.Dispute, FlowActor.Enterprise, MilestoneState.Disputed),
        new(MilestoneState.Disputed, MilestoneAction.Resolve, FlowActor.Operator, MilestoneState.Resolved),
        new(MilestoneState.Accepted, MilestoneAction.Settle, FlowActor.Operator, MilestoneState.Settled),
        new(MilestoneState.Resolved, MilestoneAction.Settle, FlowActor.Operator, MilestoneState.Settled),
    ], new HashSet<MilestoneState> { MilestoneState.Settled });

    /// <summary>The payout a resolution gives: the whole amount, the operator's part (more than 0, less than the amount), or nothing.</summary>
    public static long? Payout(DisputeOutcome outcome, long amount, long? partial) => outcome switch
    {
        DisputeOutcome.Release => amount,
        DisputeOutcome.Refund => 0,
        DisputeOutcome.Partial when partial is { } p && p > 0 && p < amount => p,
        _ => null,
    };
}
