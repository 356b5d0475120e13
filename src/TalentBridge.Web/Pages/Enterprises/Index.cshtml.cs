using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Enterprises;

public sealed class IndexModel(EnterpriseStore store, ReferenceData reference, Dashboard dashboard) : PageModel
{
    public static readonly IReadOnlyList<string> UiSortKeys = ["-createdAt", "name", "-headcount", "-tier"];

    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [BindProperty(SupportsGet = true), FromQuery]
    public ListParameters Parameters { get; set; } = new();

    public Page<Enterprise> Result { get; private set; } = new([], 0, 1, 20);
    public FilterModel Filter { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (query, errors) = Parameters.Parse(reference, EnterpriseStore.SortKeys.Keys.ToList());
        Filter = new FilterModel(Parameters, errors, caller.ScopeRegion ?? dashboard.HomeRegion, UiSortKeys,
            ShowOccupation: false, ShowIndustry: true, ShowEducation: false);
        if (errors.IsValid)
        {
            Result = await store.ListAsync(query, caller.ScopeRegion, ct);
        }
    }
}
