using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>
/// /analytics/indices/run?key= (operators and administrators): upload figures for a tree (CSV or Excel, errors by row
/// and column), then run the engine over a dataset and/or the platform's measures of a region's children in a year with
/// a specification (JSON, errors by path); the run's page follows.
/// </summary>
public sealed class RunModel(IndexTrees trees, IndexRuns runs, TimeProvider time) : PageModel
{
    [FromQuery(Name = "key")] public string? Key { get; set; }
    [FromQuery(Name = "uploaded")] public long? Uploaded { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public long? Dataset { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Specification { get; set; }

    public StoredIndexTree? Tree { get; private set; }
    public IReadOnlyList<StoredDataset> Datasets { get; private set; } = [];
    public ValidationErrors? UploadErrors { get; private set; }
    public ValidationErrors? RunErrors { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        Dataset = Uploaded ?? (Datasets.Count > 0 ? Datasets[0].Id : null);
        var year = time.GetUtcNow().ToOffset(ChinaTime.Offset).Year - 1;
        var periods = Datasets.FirstOrDefault(d => d.Id == Dataset)?.Periods ?? [];
        var period = periods.Count > 0 ? periods[^1] : year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Tree!.Tree.Indicators.Any(i => i.Measure is not null))
        {
            Region = Caller.From(User).RegionCode;
        }
        Specification = IndexSpecification.Default(period);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        await using var stream = Upload is null ? null : await IndicesApi.Buffered(Upload, ct);
        var result = await runs.UploadAsync(Caller.From(User), Tree!.Key, Name, stream, Upload?.FileName, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            UploadErrors = result.Errors;
            Specification = IndexSpecification.Default(Year ?? "");
            return Page();
        }
        return Redirect($"/analytics/indices/run?key={Uri.EscapeDataString(Tree.Key)}&uploaded={result.Value!.Id}#run");
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var year = reader.OptionalInt(Year, "year");
        var result = await runs.RunAsync(Caller.From(User), new IndexRunRequest(Tree!.Key, Dataset, FormReader.Trimmed(Region), year, Specification), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok || !reader.Errors.IsValid)
        {
            RunErrors = reader.Errors.AddMissing(result.Errors);
            return Page();
        }
        return Redirect($"/analytics/indices/runs/{result.Value!.Id}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (IndexPages.Refusal(this) is { } refused)
        {
            return refused;
        }
        if (string.IsNullOrWhiteSpace(Key) || await trees.FindAsync(Caller.From(User), Key, null, ct) is not { } tree)
        {
            return NotFound();
        }
        Tree = tree;
        Datasets = await runs.DatasetsAsync(Caller.From(User), tree.Key, ct);
        return null;
    }
}
