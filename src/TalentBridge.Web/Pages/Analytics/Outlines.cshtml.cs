using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/outlines: the map outlines of the caller's regions — which use an operator's upload (with its approval
/// number 审图号), what the shipped files leave unmatched — an upload form (a GeoJSON FeatureCollection of a region's
/// children; errors name the field, nothing is stored on error) and the revert to the shipped file. Operators of the
/// region and administrators; every rule is <see cref="MapOutlines"/>'.
/// </summary>
public sealed class OutlinesModel(MapOutlines outlines, ReferenceData reference, Dashboard home) : PageModel
{
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? ApprovalNumber { get; set; }
    [BindProperty] public IFormFile? Outline { get; set; }

    public IReadOnlyList<OutlineUpload> Uploads { get; private set; } = [];
    public IReadOnlyList<RegionOutlines> Shipped { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Outline is null || Outline.Length == 0)
        {
            Errors = new ValidationErrors().Add("file", "is required");
            return Page();
        }
        await using var content = Outline.OpenReadStream();
        return Finish(await outlines.UploadAsync(Caller.From(User), Region, ApprovalNumber, content, ct), "upload");
    }

    public async Task<IActionResult> OnPostRevertAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        return Finish(await outlines.RevertAsync(Caller.From(User), Region, ct), "revert");
    }

    /// <summary>After a change: back to the list with a notice, or the form with the errors at their fields.</summary>
    private IActionResult Finish(WriteResult<RegionOutlines> result, string done)
    {
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (!result.Errors.IsValid)
        {
            Errors = result.Errors;
            return Page();
        }
        return Redirect("/analytics/outlines?done=" + done);
    }

    /// <summary>The names of regions given by code, joined for a cell.</summary>
    public string Names(IEnumerable<string> codes) =>
        string.Join(Localization.IsEnglish ? ", " : "、", codes.Select(c => reference.Regions.Find(c)?.Name ?? c));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return Forbid();
        }
        Uploads = await outlines.UploadsAsync(caller, ct);
        Shipped = [.. outlines.ShippedRegions.Where(caller.InScope).Select(code => outlines.ShippedFor(code)!)];
        // The regions an upload may be for: the caller's top region and those below it down to counties.
        var top = reference.Regions.Find(caller.ScopeRegion ?? RegionCatalogue.Significant(home.HomeRegion)[..2]);
        var regions = new List<Region>();
        void Walk(Region region)
        {
            regions.Add(region);
            if (region.Level < RegionLevel.County)
            {
                foreach (var child in reference.Regions.Children(region.Code))
                {
                    Walk(child);
                }
            }
        }
        if (top is { Level: <= RegionLevel.County })
        {
            Walk(top);
        }
        Regions = regions;
        return null;
    }
}
