using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Escrow;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Challenges;

/// <summary>
/// /challenges/{id}: one challenge — the summary for everyone, the details after the reader signed the NDA (or for the
/// enterprise's side); a solver's proposal form; for the enterprise's side the proposals with shortlist and award, the
/// matcher's suggested solvers with their explanations, the technology manager with commission terms, and after the
/// award the escrow contract's milestones.
/// </summary>
public sealed class DetailsModel(ChallengeBoard board, TechnologyManagers managers, EscrowContracts contracts) : PageModel
{
    /// <summary>Milestone rows of the contract form.</summary>
    public const int MilestoneRows = 5;

    public ChallengeView View { get; private set; } = null!;
    public IReadOnlyList<SolverSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<TechnologyManager> Managers { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public bool CanPropose { get; private set; }
    public bool SignedIn { get; private set; }

    [FromQuery(Name = "done")] public string? Done { get; set; }

    [BindProperty] public string? Approach { get; set; }
    [BindProperty] public string? Price { get; set; }
    [BindProperty] public string? DurationDays { get; set; }
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? ManagerId { get; set; }
    [BindProperty] public string? CommissionBasisPoints { get; set; }
    [BindProperty] public string? TermsNote { get; set; }
    [BindProperty] public string? DepositBasisPoints { get; set; }
    [BindProperty] public List<string?> MilestoneTitle { get; set; } = [];
    [BindProperty] public List<string?> MilestoneAmount { get; set; } = [];
    [BindProperty] public List<string?> MilestoneDue { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostNdaAsync(long id, CancellationToken ct) =>
        AnswerAsync(id, "nda", ct => board.SignNdaAsync(Caller.From(User), id, ct), ct);

    public Task<IActionResult> OnPostProposeAsync(long id, CancellationToken ct)
    {
        var reader = new FormReader();
        var price = ChallengesView.Fen(Price, "price", reader.Errors);
        var days = reader.OptionalInt(DurationDays, "durationDays");
        return AnswerAsync(id, "propose", async ct => reader.Errors.IsValid
            ? await board.ProposeAsync(Caller.From(User), id, new ProposalInput(Approach, price, days, Organisation), ct)
            : WriteResult.Invalid<ChallengeProposal>(reader.Errors), ct);
    }

    public Task<IActionResult> OnPostDecideAsync(long id, long proposalId, string? decision, CancellationToken ct)
    {
        var reader = new FormReader();
        var action = reader.Enum<ChallengeProposalAction>(decision, "action");
        return AnswerAsync(id, "decide", async ct => reader.Errors.IsValid && action != ChallengeProposalAction.PassOver
            ? await board.DecideAsync(Caller.From(User), id, proposalId, action, ct)
            : WriteResult.Invalid<ChallengeView>(reader.Errors.AddMissing(new ValidationErrors().Add("action", "must be one of the listed options"))), ct);
    }

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        AnswerAsync(id, "close", ct => board.CloseAsync(Caller.From(User), id, ct), ct);

    public Task<IActionResult> OnPostManagerAsync(long id, CancellationToken ct)
    {
        var reader = new FormReader();
        var managerId = reader.OptionalInt(ManagerId, "managerId");
        var bp = reader.OptionalInt(CommissionBasisPoints, "commissionBasisPoints");
        return AnswerAsync(id, "manager", async ct => reader.Errors.IsValid
            ? await managers.AttachAsync(Caller.From(User), id, managerId, bp, TermsNote, ct)
            : WriteResult.Invalid<ManagerAttachment>(reader.Errors), ct);
    }

    public async Task<IActionResult> OnPostContractAsync(long id, CancellationToken ct)
    {
        var reader = new FormReader();
        var deposit = reader.OptionalInt(DepositBasisPoints, "depositBasisPoints");
        var rows = new List<MilestoneInput>();
        for (var i = 0; i < MilestoneRows; i++)
        {
            var (title, amount, due) = (MilestoneTitle.ElementAtOrDefault(i), MilestoneAmount.ElementAtOrDefault(i), MilestoneDue.ElementAtOrDefault(i));
            if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(amount) && string.IsNullOrWhiteSpace(due))
            {
                continue;
            }
            var n = rows.Count;
            rows.Add(new MilestoneInput(title, ChallengesView.Fen(amount, $"milestones[{n}].amount", reader.Errors),
                string.IsNullOrWhiteSpace(due) ? null : reader.Date(due, $"milestones[{n}].dueOn")));
        }
        if (!reader.Errors.IsValid)
        {
            return await ShowAsync(id, reader.Errors, ct);
        }
        var result = await contracts.CreateAsync(Caller.From(User), id, new ContractInput(rows, deposit), ct);
        return await ChallengesView.AnswerAsync(this, result, $"/challenges/contracts/{result.Value?.Contract.Id.ToString(CultureInfo.InvariantCulture)}",
            errors => ShowAsync(id, errors, ct));
    }

    private async Task<IActionResult> AnswerAsync<T>(long id, string done, Func<CancellationToken, Task<WriteResult<T>>> write, CancellationToken ct) where T : class =>
        Caller.From(User).IsSignedIn
            ? await ChallengesView.AnswerAsync(this, await write(ct), $"/challenges/{id.ToString(CultureInfo.InvariantCulture)}?done={done}", errors => ShowAsync(id, errors, ct))
            : Challenge();

    private async Task<IActionResult> ShowAsync(long id, ValidationErrors errors, CancellationToken ct)
    {
        Errors = errors;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (await board.FindAsync(caller, id, ct) is not { } view)
        {
            return NotFound();
        }
        View = view;
        SignedIn = caller.IsSignedIn;
        CanPropose = view.TakesProposals && view.Side != FlowActor.Enterprise && (caller.TalentId is not null || caller.IsEnterpriseUser)
            && !view.Proposals.Any(p => ChallengeBoard.IsSolver(caller, p.TalentId, p.SolverEnterpriseId));
        if (view.Side == FlowActor.Enterprise)
        {
            Suggestions = view.Challenge.State == ChallengeState.Open ? await board.SuggestAsync(caller, id, 5, ct) ?? [] : [];
            Managers = view.ContractId is null && view.Challenge.State != ChallengeState.Closed ? (await managers.ListAsync(null, true, 1, 100, ct)).Items : [];
        }
        DepositBasisPoints ??= EscrowTerms.DefaultDepositBasisPoints.ToString(CultureInfo.InvariantCulture);
        return null;
    }
}
