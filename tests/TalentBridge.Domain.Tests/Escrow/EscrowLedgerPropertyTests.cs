using FsCheck;
using FsCheck.Fluent;
using TalentBridge.Domain.Escrow;
using TalentBridge.Domain.Flow;

namespace TalentBridge.Domain.Tests.Escrow;

/// <summary>
/// The ledger's invariants over generated contracts and event sequences (FsCheck): contracts of 1–8 milestones of 1 fen to
/// 10 million yuan, any deposit and commission share; the milestones settled in any order, each accepted (whole payout) or
/// disputed and resolved (release, partial, refund), and the sequence possibly stopped early. Every sequence of valid events
/// keeps every entry balanced, every account's balance equal to the sum of its postings and on its side of zero, the
/// commissions equal to the share of the total paid, the verification clean, and escrow at zero when the contract closes.
/// </summary>
public sealed class EscrowLedgerPropertyTests
{
    /// <summary>A milestone's way to settlement: accepted, or disputed and resolved with an outcome (and a part for a partial payout, a fraction in ‰).</summary>
    public sealed record Settlement(int Milestone, bool Disputed, DisputeOutcome Outcome, int PartPerMille);

    public sealed record Scenario(long[] Amounts, int DepositBasisPoints, int CommissionBasisPoints, Settlement[] Settlements)
    {
        public override string ToString() =>
            $"amounts [{string.Join(", ", Amounts)}], deposit {DepositBasisPoints} bp, commission {CommissionBasisPoints} bp, " +
            $"settlements [{string.Join(", ", Settlements.Select(s => s.ToString()))}]";
    }

    private static readonly Gen<long> Amount = Gen.OneOf(
        Gen.Choose(1, 100).Select(a => (long)a),
        Gen.Choose(1, 1_000_000_000).Select(a => (long)a));

    private static readonly Gen<Scenario> Scenarios =
        from count in Gen.Choose(1, 8)
        from amounts in Amount.ArrayOf(count)
        from deposit in Gen.OneOf(Gen.Constant(EscrowTerms.DefaultDepositBasisPoints), Gen.Choose(1, BasisPoints.Whole))
        from commission in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, EscrowTerms.MaxCommissionBasisPoints))
        from order in Gen.Shuffle(Enumerable.Range(0, count).ToArray())
        from settled in Gen.Choose(0, count)
        from ways in (from disputed in Gen.Elements(false, true)
                      from outcome in Gen.Elements(DisputeOutcome.Release, DisputeOutcome.Partial, DisputeOutcome.Refund)
                      from part in Gen.Choose(1, 999)
                      select (disputed, outcome, part)).ArrayOf(count)
        select new Scenario(amounts, deposit, commission,
            [.. order.Take(settled).Select((m, i) => new Settlement(m, ways[i].disputed, ways[i].outcome, ways[i].part))]);

    [Fact]
    public void Every_sequence_of_valid_events_keeps_the_ledger_balanced_and_reconciled()
    {
        var property = Prop.ForAll(Arb.From(Scenarios), (Func<Scenario, bool>)Holds);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    private static bool Holds(Scenario scenario)
    {
        var terms = new EscrowTerms(scenario.Amounts, scenario.DepositBasisPoints, scenario.CommissionBasisPoints);
        Assert.True(terms.Validate().IsValid, terms.Validate().ToString());
        var entries = new List<LedgerEntry>();
        var balances = LedgerBalances.Zero;
        var contract = ContractState.Draft;
        void Post(LedgerEventKind kind, int? milestone, long payout, IReadOnlyList<Posting> postings)
        {
            Assert.Equal(0, postings.Sum(p => p.Amount));
            var (lines, after) = balances.Post(postings);
            balances = after;
            entries.Add(new LedgerEntry(entries.Count + 1, kind, milestone, payout, $"ref-{entries.Count + 1}", lines));
        }

        contract = Step(EscrowFlows.Contract.Next(contract, ContractAction.ConfirmDeposit, FlowActor.Operator));
        Post(LedgerEventKind.Deposit, null, 0, EscrowPostings.Deposit(terms));
        var states = scenario.Amounts.Select(_ => MilestoneState.Pending).ToArray();
        long paid = 0;
        foreach (var s in scenario.Settlements)
        {
            var amount = scenario.Amounts[s.Milestone];
            var state = Step(EscrowFlows.Milestone.Next(states[s.Milestone], MilestoneAction.Submit, FlowActor.Talent));
            long payout;
            if (s.Disputed)
            {
                state = Step(EscrowFlows.Milestone.Next(state, MilestoneAction.Dispute, FlowActor.Enterprise));
                var part = Math.Max(1, amount * s.PartPerMille / 1000);
                var outcome = s.Outcome == DisputeOutcome.Partial && amount < 2 ? DisputeOutcome.Release : s.Outcome;
                payout = EscrowFlows.Payout(outcome, amount, Math.Min(part, amount - 1)) ?? throw new InvalidOperationException("no payout");
                state = Step(EscrowFlows.Milestone.Next(state, MilestoneAction.Resolve, FlowActor.Operator));
            }
            else
            {
                state = Step(EscrowFlows.Milestone.Next(state, MilestoneAction.Accept, FlowActor.Enterprise));
                payout = amount;
            }
            states[s.Milestone] = Step(EscrowFlows.Milestone.Next(state, MilestoneAction.Settle, FlowActor.Operator));
            Post(LedgerEventKind.Settlement, s.Milestone, payout, EscrowPostings.Settlement(terms, s.Milestone, payout, paid));
            paid += payout;
        }
        var closed = states.All(m => m == MilestoneState.Settled);
        if (closed)
        {
            contract = Step(EscrowFlows.Contract.Next(contract, ContractAction.Close, FlowActor.System));
        }

        // Every account's balance is the sum of its postings, and the last running balance of each account says the same.
        foreach (var account in Enum.GetValues<LedgerAccount>())
        {
            var lines = entries.SelectMany(e => e.Lines).Where(l => l.Account == account).ToList();
            Assert.Equal(lines.Sum(l => l.Amount), balances[account]);
            Assert.Equal(lines.LastOrDefault()?.BalanceAfter ?? 0, balances[account]);
        }
        Assert.Empty(balances.Broken());
        Assert.Equal(paid, balances.Solver + balances.Fees);
        Assert.Equal(BasisPoints.Share(paid, terms.CommissionBasisPoints), balances.Fees);
        Assert.Equal(-balances.Enterprise, balances.Escrow + paid);
        Assert.Empty(LedgerVerification.Verify(terms, entries, closed));
        Assert.Equal(closed, contract == ContractState.Closed);
        if (closed)
        {
            Assert.Equal(0, balances.Escrow);
        }
        return true;
    }

    private static T Step<T>(FlowStep<T> step) where T : struct, Enum
    {
        Assert.True(step.Allowed, step.Error);
        return step.To!.Value;
    }
}
