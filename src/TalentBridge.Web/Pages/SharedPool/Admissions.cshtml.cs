using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.SharedPool;

/// <summary>The operators' queue: applications awaiting a decision in their region subtree, oldest first, with their pre-scores.</summary>
public sealed class AdmissionsModel(Experts experts) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public Page<(AdmissionApplication Application, SharedExpert Expert)> Result { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return Forbid();
        }
        var all = await experts.PendingAsync(caller, ct);
        var page = Math.Clamp(PageNumber ?? 1, 1, Math.Max(1, (all.Count + PageSize - 1) / PageSize));
        Result = new([.. all.Skip((page - 1) * PageSize).Take(PageSize)], all.Count, page, PageSize);
        return Page();
    }
}
