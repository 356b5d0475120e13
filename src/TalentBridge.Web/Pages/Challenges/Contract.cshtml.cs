using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Escrow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Challenges;

/// <summary>
/// /challenges/contracts/{id}: the 安心宝 contract for its enterprise, its solver and the operators of its region — the
/// milestones with the steps the reader's side may take (submit, accept, dispute, resolve), the payment partner's
/// confirmations for operators (deposit, settlement, each with the partner's reference), the ledger with every posting and
/// running balance, and the four accounts' balances.
/// </summary>
public sealed class ContractModel(EscrowContracts contracts) : PageModel
{
    public ContractView View { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }

    [FromQuery(Name = "done")] public string? Done { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Payout { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMilestoneAsync(long id, int position, string? step, CancellationToken ct)
    {
        var reader = new FormReader();
        var action = reader.Enum<MilestoneAction>(step, "action");
        DisputeOutcome? outcome = action == MilestoneAction.Resolve ? reader.Enum<DisputeOutcome>(Outcome, "outcome") : null;
        var payout = outcome == DisputeOutcome.Partial ? ChallengesView.Fen(Payout, "payout", reader.Errors) : null;
        if (!reader.Errors.IsValid || action == MilestoneAction.Settle)
        {
            return await ShowAsync(id, reader.Errors.IsValid ? new ValidationErrors().Add("action", "must be one of the listed options") : reader.Errors, ct);
        }
        return await AnswerAsync(id, await contracts.MilestoneAsync(Caller.From(User), id, position, action, Note, outcome, payout, ct), ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, int? position, CancellationToken ct) =>
        await AnswerAsync(id, await contracts.ConfirmAsync(Caller.From(User), id,
            new ConfirmationInput(position is null ? LedgerEventKind.Deposit : LedgerEventKind.Settlement, position, Reference), ct), ct);

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        await AnswerAsync(id, await contracts.CancelAsync(Caller.From(User), id, ct), ct);

    private Task<IActionResult> AnswerAsync(long id, WriteResult<ContractView> result, CancellationToken ct) =>
        ChallengesView.AnswerAsync(this, result, $"/challenges/contracts/{id.ToString(CultureInfo.InvariantCulture)}?done=1", errors => ShowAsync(id, errors, ct));

    private async Task<IActionResult> ShowAsync(long id, ValidationErrors errors, CancellationToken ct)
    {
        Errors = errors;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await contracts.FindAsync(caller, id, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return null;
    }
}
