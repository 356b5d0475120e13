using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>Imported postings within the operator's region, filtered by source, region, occupation, duplicate and publishing status and text; sorted.</summary>
public sealed class PostingsModel(ImportedPostings postings, ReferenceData reference, Dashboard dashboard) : PageModel
{
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [FromQuery(Name = "region")]
    public string? Region { get; set; }

    [FromQuery(Name = "source")]
    public string? Source { get; set; }

    [FromQuery(Name = "duplicates")]
    public bool? Duplicates { get; set; }

    [FromQuery(Name = "occupation")]
    public string? Occupation { get; set; }

    [FromQuery(Name = "published")]
    public bool? Published { get; set; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public string Home { get; private set; } = "";
    public ValidationErrors Errors { get; private set; } = new();
    public Page<ImportedPosting> Result { get; private set; } = new([], 0, 1, 20);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanImport)
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? dashboard.HomeRegion;
        var region = string.IsNullOrWhiteSpace(Region) ? null : FormReader.Region(Region);
        Errors.When(region is not null && (reference.Regions.Find(region) is null || !caller.InScope(reference.Regions, region)), "region", "must be a region within your area");
        if (Errors.IsValid)
        {
            var query = new ListQuery
            {
                Region = region, Occupation = string.IsNullOrWhiteSpace(Occupation) ? null : Occupation.Trim(),
                Sort = string.IsNullOrWhiteSpace(Sort) ? null : Sort.Trim(), Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Page = PageNumber ?? 1,
            };
            var (page, errors) = await postings.ListAsync(caller, query, Source, Duplicates, Published, ct);
            (Result, Errors) = (page ?? Result, errors);
        }
        return Page();
    }
}
