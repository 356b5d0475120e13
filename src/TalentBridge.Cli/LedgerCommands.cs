using System.Globalization;
using TalentBridge.Platform.Escrow;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge ledger verify</c>: reconciles the escrow ledger of every contract (<see cref="LedgerAudit"/>). Prints the
/// counts and every problem with its contract and entry; exits 1 when anything does not reconcile, 0 otherwise.
/// </summary>
internal static class LedgerCommands
{
    public static async Task<int> VerifyAsync(IServiceProvider platform, TextWriter output, CancellationToken ct)
    {
        var report = await platform.GetRequiredService<LedgerAudit>().VerifyAsync(ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {report.Contracts} contracts, {report.Entries} entries, {report.Postings} postings"));
        foreach (var problem in report.Problems)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"contract {problem.ContractId}: {problem.Problem}"));
        }
        output.WriteLine(report.Reconciles ? "ledger: reconciles" : $"ledger: {report.Problems.Count} problems");
        return report.Reconciles ? 0 : 1;
    }
}
