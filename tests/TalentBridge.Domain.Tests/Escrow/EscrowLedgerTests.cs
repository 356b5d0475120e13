using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Escrow;
using TalentBridge.Domain.Flow;

namespace TalentBridge.Domain.Tests.Escrow;

/// <summary>Every rule of the 安心宝 escrow ledger, one test each.</summary>
public sealed class EscrowLedgerTests
{
    /// <summary>1,000,000 yuan in two milestones (400,000 and 600,000 yuan), 10 % deposit, 3 % commission.</summary>
    private static readonly EscrowTerms Seed = new([40_000_000, 60_000_000], EscrowTerms.DefaultDepositBasisPoints, 300);

    private static long Of(IReadOnlyList<Posting> postings, LedgerAccount account) => postings.Where(p => p.Account == account).Sum(p => p.Amount);

    [Fact]
    public void A_share_in_basis_points_rounds_half_up_in_whole_fen()
    {
        Assert.Equal(1_235, BasisPoints.Share(12_345, 1_000));
        Assert.Equal(1_234, BasisPoints.Share(12_344, 1_000));
        Assert.Equal(0, BasisPoints.Share(4, 1_000));
        Assert.Equal(1, BasisPoints.Share(5, 1_000));
        Assert.Equal(EscrowTerms.MaxAmount, BasisPoints.Share(EscrowTerms.MaxAmount, BasisPoints.Whole));
    }

    [Fact]
    public void The_deposit_is_ten_percent_of_the_total_by_default_and_pays_for_the_first_milestone()
    {
        Assert.Equal(10_000_000, Seed.Deposit);
        Assert.Equal(10_000_000, Seed.DepositApplied(0));
        Assert.Equal(0, Seed.DepositApplied(1));
    }

    [Fact]
    public void A_deposit_larger_than_the_first_milestone_spills_into_the_next_ones_in_order()
    {
        var terms = new EscrowTerms([1_000, 5_000, 4_000], 5_000, 0);
        Assert.Equal(5_000, terms.Deposit);
        Assert.Equal([1_000L, 4_000, 0], Enumerable.Range(0, 3).Select(terms.DepositApplied));
    }

    [Fact]
    public void The_deposit_moves_from_the_enterprise_into_escrow()
    {
        var postings = EscrowPostings.Deposit(Seed);
        Assert.Equal([new Posting(LedgerAccount.Enterprise, -10_000_000), new Posting(LedgerAccount.Escrow, 10_000_000)], postings);
    }

    [Fact]
    public void Accepting_the_first_milestone_releases_the_deposit_with_the_balance_less_the_commission()
    {
        // 先研后付: the 10 % leaves escrow together with the balance the enterprise now pays (30 of the 40).
        var postings = EscrowPostings.Settlement(Seed, 0, 40_000_000, 0);
        Assert.Equal(-30_000_000, Of(postings, LedgerAccount.Enterprise));
        Assert.Equal(-10_000_000, Of(postings, LedgerAccount.Escrow));
        Assert.Equal(38_800_000, Of(postings, LedgerAccount.Solver));
        Assert.Equal(1_200_000, Of(postings, LedgerAccount.Fees));
        Assert.Equal(0, postings.Sum(p => p.Amount));
    }

    [Fact]
    public void A_later_milestone_is_paid_by_the_enterprise_in_full_and_does_not_touch_escrow()
    {
        var postings = EscrowPostings.Settlement(Seed, 1, 60_000_000, 40_000_000);
        Assert.Equal(0, Of(postings, LedgerAccount.Escrow));
        Assert.DoesNotContain(postings, p => p.Account == LedgerAccount.Escrow);
        Assert.Equal(-60_000_000, Of(postings, LedgerAccount.Enterprise));
        Assert.Equal(58_200_000, Of(postings, LedgerAccount.Solver));
    }

    [Fact]
    public void A_refund_returns_the_milestones_deposit_to_the_enterprise_and_pays_nothing()
    {
        var postings = EscrowPostings.Settlement(Seed, 0, 0, 0);
        Assert.Equal([new Posting(LedgerAccount.Enterprise, 10_000_000), new Posting(LedgerAccount.Escrow, -10_000_000)], postings);
    }

    [Fact]
    public void A_partial_payout_below_the_deposit_refunds_the_difference()
    {
        var postings = EscrowPostings.Settlement(Seed, 0, 4_000_000, 0);
        Assert.Equal(6_000_000, Of(postings, LedgerAccount.Enterprise));
        Assert.Equal(-10_000_000, Of(postings, LedgerAccount.Escrow));
        Assert.Equal(3_880_000, Of(postings, LedgerAccount.Solver));
        Assert.Equal(120_000, Of(postings, LedgerAccount.Fees));
    }

    [Fact]
    public void Commissions_are_differenced_on_the_cumulative_payout_so_the_fen_add_up_to_the_share_of_the_total()
    {
        // 3 × 5 fen at 10 %: each alone would round to 1 fen (3 in all); the share of 15 fen is 2 fen (1.5 rounded half up).
        var terms = new EscrowTerms([5, 5, 5], 1_000, 1_000);
        var commissions = new[] { terms.Commission(0, 5), terms.Commission(5, 5), terms.Commission(10, 5) };
        Assert.Equal([1L, 0, 1], commissions);
        Assert.Equal(BasisPoints.Share(15, 1_000), commissions.Sum());
    }

    [Fact]
    public void A_payout_outside_the_milestones_amount_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EscrowPostings.Settlement(Seed, 0, 40_000_001, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EscrowPostings.Settlement(Seed, 0, -1, 0));
    }

    [Fact]
    public void Posting_keeps_running_balances_and_refuses_an_unbalanced_entry_or_a_negative_escrow()
    {
        var (lines, after) = LedgerBalances.Zero.Post(EscrowPostings.Deposit(Seed));
        Assert.Equal([10_000_000L, 10_000_000], lines.Select(l => Math.Abs(l.BalanceAfter)));
        Assert.Equal(new LedgerBalances(-10_000_000, 10_000_000, 0, 0), after);
        Assert.Throws<InvalidOperationException>(() => after.Post([new Posting(LedgerAccount.Escrow, 1)]));
        Assert.Throws<InvalidOperationException>(() => after.Post([new Posting(LedgerAccount.Escrow, -10_000_001), new Posting(LedgerAccount.Enterprise, 10_000_001)]));
        Assert.Throws<InvalidOperationException>(() => LedgerBalances.Zero.Post([new Posting(LedgerAccount.Solver, -1), new Posting(LedgerAccount.Fees, 1)]));
    }

    [Fact]
    public void Escrow_is_zero_once_every_milestone_has_settled()
    {
        var balances = LedgerBalances.Zero.Post(EscrowPostings.Deposit(Seed)).After;
        balances = balances.Post(EscrowPostings.Settlement(Seed, 1, 0, 0)).After;
        balances = balances.Post(EscrowPostings.Settlement(Seed, 0, 40_000_000, 0)).After;
        Assert.Equal(0, balances.Escrow);
        Assert.Equal(-40_000_000, balances.Enterprise);
        Assert.Equal(40_000_000, balances.Solver + balances.Fees);
    }

    [Fact]
    public void Terms_name_the_field_and_the_rule_they_break()
    {
        var errors = new EscrowTerms([100, 0, EscrowTerms.MaxAmount + 1], 0, 3_001).Validate().ToDictionary();
        Assert.Equal(["depositBasisPoints", "commissionBasisPoints", "milestones[1].amount", "milestones[2].amount"], errors.Keys);
        Assert.Equal("must be between 0 and 3000", errors["commissionBasisPoints"][0]);
        Assert.Contains("milestones", new EscrowTerms([], 1_000, 0).Validate().ToDictionary().Keys);
        Assert.Contains("milestones", new EscrowTerms([EscrowTerms.MaxAmount, 1], 1_000, 0).Validate().ToDictionary().Keys);
        Assert.True(Seed.Validate().IsValid);
    }

    [Fact]
    public void A_disputes_payout_is_all_part_or_nothing_and_a_part_must_lie_strictly_inside_the_amount()
    {
        Assert.Equal(100, EscrowFlows.Payout(DisputeOutcome.Release, 100, null));
        Assert.Equal(0, EscrowFlows.Payout(DisputeOutcome.Refund, 100, 40));
        Assert.Equal(40, EscrowFlows.Payout(DisputeOutcome.Partial, 100, 40));
        Assert.Null(EscrowFlows.Payout(DisputeOutcome.Partial, 100, 100));
        Assert.Null(EscrowFlows.Payout(DisputeOutcome.Partial, 100, 0));
        Assert.Null(EscrowFlows.Payout(DisputeOutcome.Partial, 100, null));
    }

    [Fact]
    public void A_milestone_runs_submitted_accepted_settled_or_through_a_dispute_that_only_an_operator_resolves()
    {
        var m = EscrowFlows.Milestone;
        Assert.Equal(MilestoneState.Submitted, m.Next(MilestoneState.Pending, MilestoneAction.Submit, FlowActor.Talent).To);
        Assert.Equal(MilestoneState.Accepted, m.Next(MilestoneState.Submitted, MilestoneAction.Accept, FlowActor.Enterprise).To);
        Assert.Equal(MilestoneState.Settled, m.Next(MilestoneState.Accepted, MilestoneAction.Settle, FlowActor.Operator).To);
        Assert.Equal(MilestoneState.Disputed, m.Next(MilestoneState.Submitted, MilestoneAction.Dispute, FlowActor.Enterprise).To);
        Assert.Equal("only the operator may resolve an escrow milestone", m.Next(MilestoneState.Disputed, MilestoneAction.Resolve, FlowActor.Enterprise).Error);
        Assert.Equal(MilestoneState.Settled, m.Next(MilestoneState.Resolved, MilestoneAction.Settle, FlowActor.Operator).To);
        Assert.False(m.Next(MilestoneState.Pending, MilestoneAction.Accept, FlowActor.Enterprise).Allowed);
        Assert.False(m.Next(MilestoneState.Disputed, MilestoneAction.Settle, FlowActor.Operator).Allowed);
        Assert.False(m.Next(MilestoneState.Settled, MilestoneAction.Settle, FlowActor.Operator).Allowed);
        Assert.False(EscrowFlows.Contract.Next(ContractState.Active, ContractAction.Cancel, FlowActor.Enterprise).Allowed);
        Assert.Equal(ContractState.Active, EscrowFlows.Contract.Next(ContractState.Draft, ContractAction.ConfirmDeposit, FlowActor.Operator).To);
    }

    [Fact]
    public void Verification_names_the_entry_that_does_not_reconcile()
    {
        LedgerEntry Entry(long id, LedgerEventKind kind, int? index, long payout, params (LedgerAccount A, long Amount, long After)[] lines) =>
            new(id, kind, index, payout, "ref-" + id, [.. lines.Select(l => new LedgerLine(l.A, l.Amount, l.After))]);
        var deposit = Entry(1, LedgerEventKind.Deposit, null, 0, (LedgerAccount.Enterprise, -10_000_000, -10_000_000), (LedgerAccount.Escrow, 10_000_000, 10_000_000));
        Assert.Empty(LedgerVerification.Verify(Seed, [deposit], closed: false));

        var unbalanced = Entry(1, LedgerEventKind.Deposit, null, 0, (LedgerAccount.Enterprise, -10_000_000, -10_000_000), (LedgerAccount.Escrow, 10_000_001, 10_000_001));
        Assert.Contains("entry 1 is not balanced: its postings add up to 1 fen", LedgerVerification.Verify(Seed, [unbalanced], false));

        var badRunning = Entry(1, LedgerEventKind.Deposit, null, 0, (LedgerAccount.Enterprise, -10_000_000, -10_000_000), (LedgerAccount.Escrow, 10_000_000, 9));
        Assert.Contains(LedgerVerification.Verify(Seed, [badRunning], false), p => p.StartsWith("entry 1: Escrow balance after is 9 fen", StringComparison.Ordinal));

        var twice = Entry(2, LedgerEventKind.Deposit, null, 0, (LedgerAccount.Enterprise, -10_000_000, -20_000_000), (LedgerAccount.Escrow, 10_000_000, 20_000_000));
        Assert.Contains("entry 2: a second deposit", LedgerVerification.Verify(Seed, [deposit, twice], false));

        var early = Entry(1, LedgerEventKind.Settlement, 1, 0);
        Assert.Contains("entry 1: a settlement before the deposit", LedgerVerification.Verify(Seed, [early], false));

        // A release that skips the commission is balanced but not what the rule gives.
        var noFees = Entry(2, LedgerEventKind.Settlement, 0, 40_000_000, (LedgerAccount.Enterprise, -30_000_000, -40_000_000),
            (LedgerAccount.Escrow, -10_000_000, 0), (LedgerAccount.Solver, 40_000_000, 40_000_000));
        Assert.Contains("entry 2: its postings are not those the Settlement rule gives", LedgerVerification.Verify(Seed, [deposit, noFees], false));

        var refund = Entry(2, LedgerEventKind.Settlement, 0, 0, (LedgerAccount.Enterprise, 10_000_000, 0), (LedgerAccount.Escrow, -10_000_000, 0));
        Assert.Contains("entry 3: milestone 1 settled twice", LedgerVerification.Verify(Seed, [deposit, refund, refund with { Id = 3 }], false));
        Assert.Contains("the contract is closed but escrow holds 0 fen and 1 milestones are not settled", LedgerVerification.Verify(Seed, [deposit, refund], true));
        Assert.Contains("the contract is closed but escrow holds 10000000 fen and 2 milestones are not settled", LedgerVerification.Verify(Seed, [deposit], true));
    }

    [Fact]
    public void Challenge_details_behind_an_nda_show_only_to_the_owner_side_and_signers()
    {
        Assert.True(ChallengeRules.ShowsDetails(Confidentiality.Public, false, false));
        Assert.False(ChallengeRules.ShowsDetails(Confidentiality.NdaRequired, false, false));
        Assert.True(ChallengeRules.ShowsDetails(Confidentiality.NdaRequired, false, true));
        Assert.True(ChallengeRules.ShowsDetails(Confidentiality.NdaRequired, true, false));
    }

    [Fact]
    public void A_challenge_takes_proposals_while_open_up_to_its_deadline_and_only_the_enterprise_awards()
    {
        var deadline = new DateOnly(2026, 6, 30);
        Assert.True(ChallengeRules.TakesProposals(ChallengeState.Open, deadline, deadline));
        Assert.False(ChallengeRules.TakesProposals(ChallengeState.Open, deadline, deadline.AddDays(1)));
        Assert.False(ChallengeRules.TakesProposals(ChallengeState.Awarded, deadline, deadline));
        Assert.Equal(ChallengeProposalState.Awarded, ChallengeRules.Proposal.Next(ChallengeProposalState.Shortlisted, ChallengeProposalAction.Award, FlowActor.Enterprise).To);
        Assert.False(ChallengeRules.Proposal.Next(ChallengeProposalState.Withdrawn, ChallengeProposalAction.Award, FlowActor.Enterprise).Allowed);
        Assert.Equal("only the enterprise may award an enterprise challenge", ChallengeRules.Challenge.Next(ChallengeState.Open, ChallengeAction.Award, FlowActor.Talent).Error);
    }
}
