using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Challenges;

/// <summary>/challenges/new: an enterprise posts a challenge (operators and administrators name the enterprise); errors at their fields.</summary>
public sealed class NewModel(ChallengeBoard board, OccupationNames occupations, Ui ui) : PageModel
{
    public sealed class ChallengeForm
    {
        public string? EnterpriseId { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Details { get; set; }
        public string? Field { get; set; }
        public string? OccupationCode { get; set; }
        public string? Skills { get; set; }
        public string? Budget { get; set; }
        public string? Deadline { get; set; }
        public string? Confidentiality { get; set; }
        public string? NdaTerms { get; set; }
    }

    [BindProperty] public ChallengeForm Input { get; set; } = new();

    public ValidationErrors? Errors { get; private set; }
    public bool NamesEnterprise { get; private set; }

    public IActionResult OnGet()
    {
        if (Allowed() is { } refused)
        {
            return refused;
        }
        Input.Confidentiality ??= nameof(Confidentiality.Public);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Allowed() is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var errors = reader.Errors;
        var enterpriseId = NamesEnterprise ? reader.OptionalInt(Input.EnterpriseId, "enterpriseId") : null;
        var occupation = string.IsNullOrWhiteSpace(Input.OccupationCode) ? null : new OccupationField(occupations, ui).Resolve(Input.OccupationCode, "occupationCode", errors);
        var budget = ChallengesView.Fen(Input.Budget, "budget", errors);
        var deadline = reader.Date(Input.Deadline, "deadline");
        var confidentiality = reader.Enum<Confidentiality>(Input.Confidentiality, "confidentiality");
        var result = await board.PostAsync(Caller.From(User), new ChallengeInput(enterpriseId, Input.Title, Input.Summary, Input.Details, Input.Field, occupation,
            FormReader.List(Input.Skills), budget, errors.IsValid || deadline != default ? deadline : null, confidentiality, Input.NdaTerms), ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok && errors.IsValid)
        {
            return Redirect($"/challenges/{result.Value!.Id.ToString(CultureInfo.InvariantCulture)}");
        }
        Errors = errors.AddMissing(result.Errors);
        return Page();
    }

    private IActionResult? Allowed()
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        NamesEnterprise = !caller.IsEnterpriseUser;
        return caller.IsEnterpriseUser || caller.IsOperator || caller.IsAdmin ? null : Forbid();
    }
}
