using Dapper;
using TalentBridge.Domain.Escrow;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Escrow;

/// <summary>One contract that does not reconcile, and why (each problem names the entry).</summary>
public sealed record LedgerProblem(long ContractId, string Problem);

/// <summary>What a verification of the whole ledger found.</summary>
public sealed record LedgerReport(int Contracts, int Entries, int Postings, IReadOnlyList<LedgerProblem> Problems)
{
    public bool Reconciles => Problems.Count == 0;
}

/// <summary>
/// Verifies the stored ledger of every contract against the posting rules (<see cref="LedgerVerification"/>): balanced
/// entries, running balances, the postings each event must give, the sign of every balance, escrow at zero on a closed
/// contract; and that every posting belongs to its entry's contract and every contract's state agrees with its ledger
/// (active or closed only after its deposit). Run by <c>talentbridge ledger verify</c>.
/// </summary>
public sealed class LedgerAudit(Database db)
{
    public async Task<LedgerReport> VerifyAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var problems = new List<LedgerProblem>();
        var strays = await c.QueryAsync<(long PostingId, long EntryId, long ContractId)>(new CommandDefinition(
            "SELECT p.id, p.entry_id, p.contract_id FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id WHERE e.contract_id <> p.contract_id",
            cancellationToken: ct));
        problems.AddRange(strays.Select(s => new LedgerProblem(s.ContractId, $"entry {s.EntryId}: posting {s.PostingId} names another contract than its entry")));
        var ids = (await c.QueryAsync<long>(new CommandDefinition("SELECT id FROM escrow_contracts ORDER BY id", cancellationToken: ct))).ToList();
        var (entries, postings) = (0, 0);
        foreach (var id in ids)
        {
            var contract = (await EscrowContracts.FindAsync(c, null, id))!;
            var ledger = await EscrowContracts.LedgerAsync(c, null, id);
            entries += ledger.Count;
            postings += ledger.Sum(e => e.Lines.Count);
            problems.AddRange(LedgerVerification.Verify(contract.Terms, ledger, contract.State == ContractState.Closed).Select(p => new LedgerProblem(id, p)));
            var deposited = ledger.Any(e => e.Kind == LedgerEventKind.Deposit);
            if (deposited != contract.State is ContractState.Active or ContractState.Closed)
            {
                problems.Add(new LedgerProblem(id, $"the contract is {contract.State} but its ledger {(deposited ? "holds" : "lacks")} the deposit"));
            }
        }
        return new LedgerReport(ids.Count, entries, postings, problems);
    }
}
