using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Pages;

public sealed class IndexModel(Dashboard dashboard, ReferenceData reference) : PageModel
{
    public Dashboard.Summary Summary { get; private set; } = null!;

    public async Task OnGetAsync(string? region, CancellationToken ct)
    {
        // An operator's overview never leaves the operator's region.
        var caller = Caller.From(User);
        var root = region ?? caller.ScopeRegion;
        if (root is not null && caller.ScopeRegion is { } scope && !reference.Regions.IsInSubtree(root, scope))
        {
            root = scope;
        }
        Summary = await dashboard.SummarizeAsync(root, ct);
    }
}
