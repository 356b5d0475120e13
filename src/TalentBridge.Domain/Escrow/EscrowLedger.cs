namespace TalentBridge.Domain.Escrow;

/// <summary>
/// The accounts of one contract's ledger. Signs: a posting's amount is positive for a debit (money arrives in the account)
/// and negative for a credit (money leaves it), so every entry's amounts add up to zero. The enterprise's account is the
/// source of the money: its balance is minus what the enterprise paid in net of refunds, never above zero. The escrow account
/// (the third-party 安心宝 account), the solver's and the fees account (the technology manager's commission) never go below zero.
/// Stored as these numbers.
/// </summary>
public enum LedgerAccount
{
    Enterprise = 1,
    Escrow = 2,
    Solver = 3,
    Fees = 4,
}

/// <summary>The business events that post to the ledger, each confirmed by the payment partner with a reference. Stored as these numbers.</summary>
public enum LedgerEventKind
{
    /// <summary>The enterprise's deposit arrived in the escrow account.</summary>
    Deposit = 1,
    /// <summary>A milestone settled: the payout (all, part or none of its amount) went to the solver and the fees account, the rest of its deposit back to the enterprise.</summary>
    Settlement = 2,
}

/// <summary>One posting: an account and a signed amount in fen (debit positive, credit negative).</summary>
public readonly record struct Posting(LedgerAccount Account, long Amount);

/// <summary>A posting as stored: with the account's balance after it (the running balance the verification re-adds).</summary>
public sealed record LedgerLine(LedgerAccount Account, long Amount, long BalanceAfter);

/// <summary>A stored ledger entry: the event, its milestone (0-based index) and payout for a settlement, the partner's reference and its lines.</summary>
public sealed record LedgerEntry(long Id, LedgerEventKind Kind, int? MilestoneIndex, long Payout, string Reference, IReadOnlyList<LedgerLine> Lines);

/// <summary>
/// The posting rules of the 安心宝 escrow: each business event becomes one balanced set of postings in fen.
/// <list type="bullet">
/// <item>Deposit: enterprise −D, escrow +D (D = <see cref="EscrowTerms.Deposit"/>).</item>
/// <item>Settlement of milestone i with payout p (0 ≤ p ≤ its amount a; p = a on acceptance, the operator's decision after a
/// dispute) and deposit part d = <see cref="EscrowTerms.DepositApplied"/>: escrow −d (its deposit part leaves escrow);
/// solver +(p − c) and fees +c, c the commission on p; the enterprise pays the balance p − d when p &gt; d, or gets d − p
/// back when p &lt; d — its posting is d − p. The four add up to zero by construction. Zero postings are left out.</item>
/// </list>
/// Because the deposit parts of all milestones add up to D, the escrow account is zero once every milestone has settled.
/// </summary>
public static class EscrowPostings
{
    public static IReadOnlyList<Posting> Deposit(EscrowTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return NonZero([new(LedgerAccount.Enterprise, -terms.Deposit), new(LedgerAccount.Escrow, terms.Deposit)]);
    }

    /// <summary>The postings of settling milestone <paramref name="index"/> with <paramref name="payout"/>, after <paramref name="paidBefore"/> fen were paid to the solver.</summary>
    public static IReadOnlyList<Posting> Settlement(EscrowTerms terms, int index, long payout, long paidBefore)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfNegative(payout);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payout, terms.MilestoneAmounts[index]);
        var deposit = terms.DepositApplied(index);
        var commission = terms.Commission(paidBefore, payout);
        return NonZero(
        [
            new(LedgerAccount.Enterprise, deposit - payout),
            new(LedgerAccount.Escrow, -deposit),
            new(LedgerAccount.Solver, payout - commission),
            new(LedgerAccount.Fees, commission),
        ]);
    }

    private static Posting[] NonZero(Posting[] postings) => [.. postings.Where(p => p.Amount != 0)];
}

/// <summary>The balances of a contract's four accounts.</summary>
public sealed record LedgerBalances(long Enterprise, long Escrow, long Solver, long Fees)
{
    public static LedgerBalances Zero { get; } = new(0, 0, 0, 0);

    public long this[LedgerAccount account] => account switch
    {
        LedgerAccount.Enterprise => Enterprise,
        LedgerAccount.Escrow => Escrow,
        LedgerAccount.Solver => Solver,
        LedgerAccount.Fees => Fees,
        _ => throw new ArgumentOutOfRangeException(nameof(account)),
    };

    public LedgerBalances Apply(Posting posting) => posting.Account switch
    {
        LedgerAccount.Enterprise => this with { Enterprise = checked(Enterprise + posting.Amount) },
        LedgerAccount.Escrow => this with { Escrow = checked(Escrow + posting.Amount) },
        LedgerAccount.Solver => this with { Solver = checked(Solver + posting.Amount) },
        LedgerAccount.Fees => this with { Fees = checked(Fees + posting.Amount) },
        _ => throw new ArgumentOutOfRangeException(nameof(posting)),
    };

    /// <summary>
    /// Posts a balanced set of postings: the lines with their running balances and the balances after. A set that does not
    /// add up to zero, or that leaves an account on the wrong side of zero, is refused (the rules never produce one).
    /// </summary>
    public (IReadOnlyList<LedgerLine> Lines, LedgerBalances After) Post(IReadOnlyList<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        if (postings.Sum(p => p.Amount) != 0)
        {
            throw new InvalidOperationException("An entry's postings must add up to zero.");
        }
        var balances = this;
        var lines = new List<LedgerLine>(postings.Count);
        foreach (var posting in postings)
        {
            balances = balances.Apply(posting);
            lines.Add(new LedgerLine(posting.Account, posting.Amount, balances[posting.Account]));
        }
        if (balances.Broken().FirstOrDefault() is var broken && broken != default)
        {
            throw new InvalidOperationException($"The entry would leave the {broken} account on the wrong side of zero.");
        }
        return (lines, balances);
    }

    /// <summary>The sign rules: the enterprise's balance is never above zero, the others never below.</summary>
    public IEnumerable<LedgerAccount> Broken()
    {
        if (Enterprise > 0)
        {
            yield return LedgerAccount.Enterprise;
        }
        foreach (var account in new[] { LedgerAccount.Escrow, LedgerAccount.Solver, LedgerAccount.Fees }.Where(a => this[a] < 0))
        {
            yield return account;
        }
    }
}

/// <summary>
/// Reconciles one contract's stored ledger against the rules (what <c>talentbridge ledger verify</c> runs for every
/// contract): every entry balanced; every line's running balance equal to the previous balance plus its amount; each entry's
/// postings exactly those the rules give for its event (deposit once and first, each milestone settled at most once, with a
/// payout within its amount); no account on the wrong side of zero; and escrow at zero once the contract is closed. Each
/// problem names the entry.
/// </summary>
public static class LedgerVerification
{
    public static IReadOnlyList<string> Verify(EscrowTerms terms, IReadOnlyList<LedgerEntry> entries, bool closed)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<string>();
        var balances = LedgerBalances.Zero;
        var deposited = false;
        var settled = new HashSet<int>();
        long paid = 0;
        foreach (var entry in entries)
        {
            var sum = entry.Lines.Sum(l => l.Amount);
            if (sum != 0)
            {
                problems.Add($"entry {entry.Id} is not balanced: its postings add up to {sum} fen");
            }
            foreach (var line in entry.Lines)
            {
                balances = balances.Apply(new Posting(line.Account, line.Amount));
                if (line.BalanceAfter != balances[line.Account])
                {
                    problems.Add($"entry {entry.Id}: {line.Account} balance after is {line.BalanceAfter} fen, its postings add up to {balances[line.Account]} fen");
                }
            }
            IReadOnlyList<Posting>? expected = null;
            if (entry.Kind == LedgerEventKind.Deposit)
            {
                if (deposited)
                {
                    problems.Add($"entry {entry.Id}: a second deposit");
                }
                deposited = true;
                expected = EscrowPostings.Deposit(terms);
            }
            else if (!deposited)
            {
                problems.Add($"entry {entry.Id}: a settlement before the deposit");
            }
            if (entry.Kind == LedgerEventKind.Settlement)
            {
                if (entry.MilestoneIndex is not { } index || index < 0 || index >= terms.MilestoneAmounts.Count)
                {
                    problems.Add($"entry {entry.Id}: a settlement of no milestone of the contract");
                }
                else if (!settled.Add(index))
                {
                    problems.Add($"entry {entry.Id}: milestone {index + 1} settled twice");
                }
                else if (entry.Payout < 0 || entry.Payout > terms.MilestoneAmounts[index])
                {
                    problems.Add($"entry {entry.Id}: payout {entry.Payout} fen is outside milestone {index + 1}'s amount");
                }
                else
                {
                    expected = EscrowPostings.Settlement(terms, index, entry.Payout, paid);
                    paid += entry.Payout;
                }
            }
            if (expected is not null && !SamePostings(expected, entry.Lines))
            {
                problems.Add($"entry {entry.Id}: its postings are not those the {entry.Kind} rule gives");
            }
            problems.AddRange(balances.Broken().Select(a => $"entry {entry.Id}: {a} balance {balances[a]} fen is on the wrong side of zero"));
        }
        if (closed && (balances.Escrow != 0 || settled.Count != terms.MilestoneAmounts.Count))
        {
            problems.Add($"the contract is closed but escrow holds {balances.Escrow} fen and {terms.MilestoneAmounts.Count - settled.Count} milestones are not settled");
        }
        return problems;
    }

    /// <summary>The balances after all of <paramref name="entries"/>' lines.</summary>
    public static LedgerBalances Balances(IEnumerable<LedgerEntry> entries) =>
        entries.SelectMany(e => e.Lines).Aggregate(LedgerBalances.Zero, (b, l) => b.Apply(new Posting(l.Account, l.Amount)));

    private static bool SamePostings(IReadOnlyList<Posting> expected, IReadOnlyList<LedgerLine> lines) =>
        expected.Count == lines.Count
        && expected.OrderBy(p => p.Account).Zip(lines.OrderBy(l => l.Account)).All(x => x.First.Account == x.Second.Account && x.First.Amount == x.Second.Amount);
}
