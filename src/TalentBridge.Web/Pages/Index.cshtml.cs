using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages;

public sealed class IndexModel(Dashboard dashboard, PositionStore positions, ReferenceData reference) : PageModel
{
    public Dashboard.Summary Summary { get; private set; } = null!;
    public IReadOnlyList<Position> Newest { get; private set; } = [];

    public async Task OnGetAsync(string? region, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var root = region ?? caller.ScopeRegion;
        if (root is not null && caller.ScopeRegion is { } scope && !reference.Regions.IsInSubtree(root, scope))
        {
            root = scope;
        }
        Summary = await dashboard.SummarizeAsync(root, ct);
        var page = await positions.ListAsync(new ListQuery { Region = Summary.Root.Code, Status = PositionStatus.Open, PageSize = 8 }, caller.ScopeRegion, ct);
        Newest = page.Items;
    }
}
