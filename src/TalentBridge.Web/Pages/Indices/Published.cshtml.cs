using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>/analytics/indices/published/{key}/{version}: a published version of a tree's results, frozen, with its exports and the other versions.</summary>
public sealed class PublishedModel(IndexTrees trees, IndexRuns runs) : PageModel
{
    [FromRoute(Name = "key")] public string Key { get; set; } = "";
    [FromRoute(Name = "version")] public int Version { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public StoredPublication? Publication { get; private set; }
    public IReadOnlyList<StoredPublication> Versions { get; private set; } = [];
    public IndexResultView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var (bytes, type, name) = await Api.IndicesApi.ExportAsync(Caller.From(User), runs, "indexPublication", Publication!.Id, Publication.OwnerRegion,
            View!.Tree, Publication.Result, format, ct);
        return File(bytes, type, name);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (IndexPages.Refusal(this) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        if (await runs.PublicationAsync(caller, Key, Version, ct) is not { } publication
            || await runs.RunAsync(caller, publication.RunId, ct) is not { } run
            || await trees.FindByIdAsync(run.TreeId, ct) is not { } tree)
        {
            return NotFound();
        }
        Publication = publication;
        Versions = await runs.PublicationsAsync(caller, Key, ct);
        View = IndexResultView.For(tree.Tree, publication.Result, Sort, PageNumber, Request, $"/analytics/indices/published/{Uri.EscapeDataString(Key)}/{Version}");
        return null;
    }
}
