using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Pages.Review;

/// <summary>
/// /title-reviews: the 职称 applications the caller takes part in — their own, their enterprise's, their region's
/// (operators; all for an administrator), those on their panel or ballot (experts) — filtered by state, sorted, paged,
/// each with the caller's part in it.
/// </summary>
public sealed class IndexModel(TitleReviews reviews) : PageModel
{
    public static readonly IReadOnlyList<string> SortKeys = ["-updatedAt", "updatedAt", "-createdAt", "createdAt", "state"];

    [FromQuery(Name = "state")] public string? State { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Page<TitleReviewApplication> Result { get; private set; } = new([], 0, 1, 20);
    public ValidationErrors Errors { get; } = new();
    public Caller Caller { get; private set; } = Caller.Anonymous;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Caller = Caller.From(User);
        if (!Caller.IsSignedIn)
        {
            return Challenge();
        }
        var reader = new FormReader();
        TitleReviewState? state = string.IsNullOrWhiteSpace(State) ? null : reader.Enum<TitleReviewState>(State, "state");
        Errors.AddMissing(reader.Errors).When(Sort is { Length: > 0 } s && !SortKeys.Contains(s), "sort", "must be one of the listed options");
        if (Errors.IsValid)
        {
            Result = await reviews.ListAsync(Caller, new TitleReviewQuery { State = state, Sort = Sort, Page = Math.Max(1, PageNumber) }, ct);
        }
        return Page();
    }

    /// <summary>The caller's part in an application as a resource key: applicant, employer, bureau, or reviewer.</summary>
    public string Part(TitleReviewApplication a) =>
        Caller.TalentId == a.TalentId ? "Review.Part.Applicant"
        : Caller.IsEnterpriseUser && Caller.EnterpriseId == a.EmployerId ? "Review.Part.Employer"
        : Caller.IsOperator || Caller.IsAdmin ? "Review.Part.Bureau"
        : "Review.Part.Reviewer";
}
