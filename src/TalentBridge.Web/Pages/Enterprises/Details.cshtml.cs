using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Enterprises;

/// <summary>
/// /enterprises/{id}: the enterprise, its positions and — for its users, operators of its region and administrators —
/// its enterprise services: the confirmed 专精特新 tier with its records, the self-assessment history, links to the
/// assessment and the policies; operators of the region confirm a tier here with its evidence.
/// </summary>
public sealed class DetailsModel(EnterpriseStore enterprises, PositionStore positions, TierRecords tiers, SelfAssessments assessments) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public Page<Position> Positions { get; private set; } = new([], 0, 1, 20);
    public bool ShowServices { get; private set; }
    public bool CanConfirmTier { get; private set; }
    public IReadOnlyList<TierRecord> TierRecords { get; private set; } = [];
    public IReadOnlyList<StoredAssessment> Assessments { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public bool Confirmed { get; private set; }

    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ValidFrom { get; set; }
    [BindProperty] public string? ValidUntil { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, bool confirmed, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }
        Confirmed = confirmed;
        return Page();
    }

    public async Task<IActionResult> OnPostTierAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }
        var (input, errors) = await EnterpriseServicesApi.ReadTierFormAsync(Request.Form, ct);
        input = input with { AssessmentId = Assessments.Count > 0 ? Assessments[0].Id : null };
        if (!errors.IsValid)
        {
            Errors = errors.AddMissing(Platform.EnterpriseServices.TierRecords.Check(input).Errors);
            return Page();
        }
        var result = await tiers.ConfirmAsync(Caller.From(User), id, input, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return Page();
        }
        return Redirect($"/enterprises/{id}?confirmed=true#tier");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (await enterprises.FindAsync(id, ct) is not { } enterprise)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        Positions = await positions.ListAsync(new ListQuery { EnterpriseId = id, PageSize = 50 }, null, ct);
        var caller = Caller.From(User);
        ShowServices = ServiceScope.CanSee(caller, enterprise);
        CanConfirmTier = ServiceScope.CanConfirmTier(caller, enterprise);
        if (ShowServices)
        {
            TierRecords = await tiers.ListAsync(caller, id, ct) ?? [];
            Assessments = await assessments.HistoryAsync(caller, id, ct) ?? [];
        }
        return null;
    }
}
