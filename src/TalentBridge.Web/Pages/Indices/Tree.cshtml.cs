using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>
/// /analytics/indices/tree (operators and administrators): a tree's dimensions and indicators (direction, unit, weight,
/// what the platform computes, notes), its versions, and the editor that publishes the next version — the JSON document
/// typed or uploaded as a .json file — with errors listed by JSON path. Without <c>?key=</c> it creates a tree.
/// </summary>
public sealed class TreeModel(IndexTrees trees) : PageModel
{
    public const int MaxFileBytes = 512 * 1024;

    [FromQuery(Name = "key")] public string? Key { get; set; }

    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<StoredIndexTree> Versions { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public bool CanEdit { get; private set; }
    public bool Published { get; private set; }

    public StoredIndexTree? Current => Versions.Count > 0 ? Versions[0] : null;

    public async Task<IActionResult> OnGetAsync(bool published, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        Published = published;
        Definition = Current?.Tree.ToJson() ?? Template;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > MaxFileBytes)
            {
                Errors = new ValidationErrors().Add("file", $"must be at most {MaxFileBytes / 1024} KB");
                return Page();
            }
            using var reader = new StreamReader(file.OpenReadStream());
            Definition = await reader.ReadToEndAsync(ct);
        }
        var result = await trees.PublishAsync(Caller.From(User), string.IsNullOrWhiteSpace(Key) ? null : Key, Definition, Note, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return Page();
        }
        return Redirect($"/analytics/indices/tree?key={Uri.EscapeDataString(result.Value!.Key)}&published=true");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (IndexPages.Refusal(this) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        if (!string.IsNullOrWhiteSpace(Key))
        {
            Versions = await trees.VersionsAsync(caller, Key, ct);
            if (Versions.Count == 0)
            {
                return NotFound();
            }
        }
        CanEdit = Current is null || IndexTrees.CanManage(caller, Current.OwnerRegion);
        return null;
    }

    /// <summary>A new tree's starting document: one dimension with one indicator, to be filled in.</summary>
    public const string Template = """
        {
          "key": "new-index",
          "nameZh": "",
          "nameEn": "",
          "source": { "document": "", "confirmed": false, "note": "" },
          "nodes": [
            { "code": "d1", "nameZh": "", "nameEn": "" },
            { "code": "i1", "parent": "d1", "nameZh": "", "nameEn": "", "unit": "", "direction": "positive" }
          ]
        }
        """;
}
