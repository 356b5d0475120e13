using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>One duplicate cluster: its source postings, split, merge, mark reviewed, and its change history with undo.</summary>
public sealed class ClusterModel(ClusterReview review, ClusterPublishing publishing, Ui ui) : PageModel
{
    [BindProperty]
    public List<long> Postings { get; set; } = [];

    [BindProperty]
    public string? SplitReason { get; set; }

    [BindProperty]
    public string? Other { get; set; }

    [BindProperty]
    public string? MergeReason { get; set; }

    [BindProperty]
    public string? ReviewReason { get; set; }

    [BindProperty]
    public string? UndoReason { get; set; }

    [BindProperty]
    public long Change { get; set; }

    [FromQuery(Name = "done")]
    public long? Done { get; set; }

    public ClusterDetail Detail { get; private set; } = null!;

    /// <summary>The cluster as the start of a position: whether it is published, and the pool's enterprises it could be published for.</summary>
    public PublishDraft Draft { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }

    /// <summary>The change the undo form is for: the only undoable one of this cluster, if any.</summary>
    public ClusterChange? Undoable => Detail.History.FirstOrDefault(h => h.CanUndo);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => Refused() ?? await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostSplitAsync(long id, CancellationToken ct) =>
        Refused() ?? await AnswerAsync(id, await review.SplitAsync(Caller.From(User), id, Postings, SplitReason, ct), "splitReason", ct);

    public async Task<IActionResult> OnPostMergeAsync(long id, CancellationToken ct)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }
        long? other = long.TryParse(Other?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var result = await review.MergeAsync(Caller.From(User), id, other, MergeReason, ct);
        if (other is null && !string.IsNullOrWhiteSpace(Other))
        {
            result = result with { Status = ReviewStatus.Invalid, Errors = new ValidationErrors().Add("other", "must be a cluster number").AddMissing(result.Errors) };
        }
        return await AnswerAsync(id, result, "mergeReason", ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct) =>
        Refused() ?? await AnswerAsync(id, await review.MarkReviewedAsync(Caller.From(User), id, ReviewReason, ct), "reviewReason", ct);

    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct) =>
        Refused() ?? await AnswerAsync(id, await review.UndoAsync(Caller.From(User), id, Change, UndoReason, ct), "undoReason", ct);

    private IActionResult? Refused()
    {
        var caller = Caller.From(User);
        return !caller.IsSignedIn ? Challenge() : caller.CanImport ? null : Forbid();
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        if (await review.DetailAsync(Caller.From(User), id, ct) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        Draft = (await publishing.DraftAsync(Caller.From(User), id, ct))!;
        return Page();
    }

    /// <summary>Done: back to the cluster (post/redirect/get); refused input: the page again with the errors by its fields.</summary>
    private async Task<IActionResult> AnswerAsync(long id, ReviewResult result, string reasonField, CancellationToken ct)
    {
        switch (result.Status)
        {
            case ReviewStatus.Done:
                return Redirect($"/imports/clusters/{id}?done={result.ChangeId}");
            case ReviewStatus.NotFound:
                return NotFound();
            case ReviewStatus.Busy:
                Errors = new ValidationErrors().AddMissing(result.Errors).Add(reasonField, ui["Clusters.Busy"]);
                break;
            default:
                Errors = result.Errors;
                break;
        }
        return await ShowAsync(id, ct);
    }
}
