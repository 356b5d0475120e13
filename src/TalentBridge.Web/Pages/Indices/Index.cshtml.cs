using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>
/// /analytics/indices (operators and administrators): the indicator trees, the runs (paged, newest first), the published
/// versions, and seed 001's rankings reproduced from the figures it prints.
/// </summary>
public sealed class IndexModel(IndexTrees trees, IndexRuns runs) : PageModel
{
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public IReadOnlyList<StoredIndexTree> Trees { get; private set; } = [];
    public Page<StoredRun> Runs { get; private set; } = new([], 0, 1, IndexRuns.PageSize);
    public PagerModel? Pager { get; private set; }
    public IReadOnlyList<StoredPublication> Publications { get; private set; } = [];
    public IReadOnlyList<Reproduction> Reproductions { get; } = SeedReproduction.All();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IndexPages.Refusal(this) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        Trees = await trees.CurrentAsync(caller, ct);
        Runs = await runs.RunsAsync(caller, null, int.TryParse(PageNumber, out var p) ? p : 1, ct);
        Pager = PagerModel.For(Runs, Request);
        Publications = await runs.PublicationsAsync(caller, null, ct);
        return Page();
    }

    public string TreeName(string key) => Trees.FirstOrDefault(t => t.Key == key) is { } t ? IndexResultView.Name(t.Tree) : key;
}
