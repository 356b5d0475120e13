using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Talents;

public sealed class IndexModel(TalentStore store, ReferenceData reference, Dashboard dashboard) : PageModel
{
    public static readonly IReadOnlyList<string> UiSortKeys = ["-updatedAt", "name", "-education", "-birthYear", "birthYear", "expectedSalaryMin"];

    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [BindProperty(SupportsGet = true), FromQuery]
    public ListParameters Parameters { get; set; } = new();

    public Page<Talent> Result { get; private set; } = new([], 0, 1, 20);
    public FilterModel Filter { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.MaxTalentVisibility is not { } visibility)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var (query, errors) = Parameters.Parse(reference, TalentStore.SortKeys.Keys.ToList());
        Filter = new FilterModel(Parameters, errors, caller.ScopeRegion ?? dashboard.HomeRegion, UiSortKeys);
        if (errors.IsValid)
        {
            Result = await store.ListAsync(query, caller.ScopeRegion, visibility, ct);
        }
        return Page();
    }
}
