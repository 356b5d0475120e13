using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.My;

/// <summary>我的候选人: an enterprise user's candidates across all the enterprise's positions, by state, newest change first.</summary>
public sealed class CandidatesModel(Applications applications) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "state")]
    public string? State { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public ApplicationState? Filter { get; private set; }
    public Page<Application> Items { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsEnterpriseUser || caller.EnterpriseId is not { } enterpriseId)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        Filter = Enum.TryParse<ApplicationState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        Items = await applications.ForEnterpriseAsync(enterpriseId, Filter, PageNumber ?? 1, PageSize, ct);
        return Page();
    }
}
