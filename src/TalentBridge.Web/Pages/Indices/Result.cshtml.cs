using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>
/// /analytics/indices/runs/{id}: a run's ranking (sortable, paged) with the Monte Carlo rank bands as a chart and a
/// table, the weights used, coverage and treatments, the coherence report, CSV and Excel exports (audited) and the form
/// that publishes it as the next version.
/// </summary>
public sealed class ResultModel(IndexTrees trees, IndexRuns runs) : PageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    [BindProperty] public string? Note { get; set; }

    public StoredRun? Run { get; private set; }
    public IndexResultView? View { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public StoredPublication? Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = await runs.PublishAsync(Caller.From(User), Id, Note, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return Page();
        }
        return Redirect($"/analytics/indices/published/{Uri.EscapeDataString(result.Value!.TreeKey)}/{result.Value.Version}");
    }

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var (bytes, type, name) = await Api.IndicesApi.ExportAsync(Caller.From(User), runs, "indexRun", Id, Run!.OwnerRegion, View!.Tree, Run.Result, format, ct);
        return File(bytes, type, name);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (IndexPages.Refusal(this) is { } refused)
        {
            return refused;
        }
        if (await runs.RunAsync(Caller.From(User), Id, ct) is not { } run || await trees.FindByIdAsync(run.TreeId, ct) is not { } tree)
        {
            return NotFound();
        }
        Run = run;
        View = IndexResultView.For(tree.Tree, run.Result, Sort, PageNumber, Request, $"/analytics/indices/runs/{Id}");
        return null;
    }
}
