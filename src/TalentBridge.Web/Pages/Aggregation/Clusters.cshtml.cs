using TalentBridge.Platform.Overview;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>Duplicate clusters to review, weakest match first, within the operator's region.</summary>
public sealed class ClustersModel(ClusterReview review, ReferenceData reference, Dashboard dashboard) : PageModel
{
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [FromQuery(Name = "region")]
    public string? Region { get; set; }

    [FromQuery(Name = "below")]
    public string? Below { get; set; }

    [FromQuery(Name = "reviewed")]
    public bool Reviewed { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public string Home { get; private set; } = "";
    public ValidationErrors Errors { get; } = new();
    public Page<ReviewCluster> Result { get; private set; } = new([], 0, 1, 20);

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
        var below = ClusterReview.DefaultThreshold;
        if (!string.IsNullOrWhiteSpace(Below)
            && !(double.TryParse(Below.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out below) && below is > 0 and <= 1))
        {
            Errors.Add("below", "must be a number above 0 and at most 1");
        }
        Errors.When(PageNumber is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}");
        if (Errors.IsValid)
        {
            Result = await review.ListAsync(caller, new ClusterReviewQuery(region, below, Reviewed, PageNumber ?? 1), ct);
        }
        return Page();
    }
}
