using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.SharedPool;

/// <summary>
/// An expert's profile (masked data). For the expert and the operators of the expert's region also the applications:
/// the pre-score explained rule by rule, the evidence with its files, the standard's version, and the decision form for
/// a pending application.
/// </summary>
public sealed class ExpertModel(Experts experts, SharedPools pools) : PageModel
{
    public SharedExpert Expert { get; private set; } = null!;
    public bool MayDecide { get; private set; }
    public IReadOnlyList<AdmissionApplication> Applications { get; private set; } = [];
    public IReadOnlyDictionary<long, SharedTag> Tags { get; private set; } = new Dictionary<long, SharedTag>();
    public ValidationErrors? Errors { get; private set; }

    [BindProperty] public long ApplicationId { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var errors = new ValidationErrors().When(Decision is not ("admit" or "refuse"), "decision", "must be one of the listed options");
        if (errors.IsValid)
        {
            var result = await experts.DecideAsync(Caller.From(User), ApplicationId, Decision == "admit", Reason, ct);
            if (this.Refusal(result) is { } no)
            {
                return no;
            }
            if (result.Status == WriteStatus.Ok)
            {
                return Redirect($"/shared/experts/{id}#applications");
            }
            errors = result.Errors;
        }
        Errors = errors;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!Caller.From(User).IsSignedIn)
        {
            return Challenge();
        }
        if (await SharedPoolApi.VisibleExpertAsync(id, User, HttpContext.RequestServices, ct) is not { } visible)
        {
            return NotFound();
        }
        Expert = visible.Expert;
        MayDecide = SharedPools.CanAdminister(Caller.From(User), Expert.RegionCode);
        Tags = (await pools.TagsAsync(Expert.CityPoolId, ct)).ToDictionary(t => t.Id);
        if (visible.MaySeeApplications)
        {
            Applications = await experts.ApplicationsAsync(id, ct);
        }
        return null;
    }
}
