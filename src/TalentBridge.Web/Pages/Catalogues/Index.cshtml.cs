using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Catalogues;

/// <summary>/catalogues: the published shortage catalogues and wage-price tables, newest first, by region, kind and year; public.</summary>
public sealed class IndexModel(Publications publications, ReferenceData reference, Dashboard home) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "year")] public string? Year { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ValidationErrors Errors { get; } = new();
    public string Home { get; private set; } = "";
    public Page<PublicationSummary> List { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Home = Caller.From(User).ScopeRegion ?? home.HomeRegion;
        var year = int.TryParse(Year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
        Errors.When(!string.IsNullOrWhiteSpace(Region) && reference.Regions.Find(Region.Trim()) is null, "region", "must be a known region code")
            .When(!string.IsNullOrWhiteSpace(Kind) && Publications.TryParseKind(Kind) is null, "kind", "must be shortage or wages")
            .When(!string.IsNullOrWhiteSpace(Year) && year is not (>= AnalyticsPeriod.MinYear and <= AnalyticsPeriod.MaxYear), "year",
                $"must be between {AnalyticsPeriod.MinYear} and {AnalyticsPeriod.MaxYear}")
            .When(PageNumber is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}");
        if (Errors.IsValid)
        {
            List = await publications.ListPublishedAsync(Region?.Trim() is { Length: > 0 } r ? r : null, Publications.TryParseKind(Kind), year, PageNumber, PageSize, ct);
        }
        return Page();
    }
}
