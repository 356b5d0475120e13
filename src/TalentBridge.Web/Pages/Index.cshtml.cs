using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Pages;

public sealed class IndexModel(Dashboard dashboard, ReferenceData reference) : PageModel
{
    public Dashboard.Summary Summary { get; private set; } = null!;

    /// <summary>The region one level up, or null at the top the caller may see (an operator's region, else the platform's home region).</summary>
    public string? UpCode { get; private set; }

    public async Task OnGetAsync(string? region, CancellationToken ct)
    {
        // The overview never leaves the caller's top region: an operator's region, else the platform's home region.
        var top = Caller.From(User).ScopeRegion ?? dashboard.HomeRegion;
        var root = region is not null && reference.Regions.IsInSubtree(region, top) ? region : top;
        Summary = await dashboard.SummarizeAsync(root, ct);
        UpCode = Summary.Root.ParentCode is { } parent && reference.Regions.IsInSubtree(parent, top) ? parent : null;
    }
}
