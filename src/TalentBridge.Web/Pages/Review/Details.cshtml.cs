using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Pages.Review;

/// <summary>
/// /title-reviews/{id}: one application as the caller may see it — the timeline of its steps, the publicity and the
/// result notice with their working-day periods, the panel, the ballot (counts only), objections and the certificate —
/// and the forms the caller's part allows at its state: the employer's and the bureau's steps, the panel assignment with
/// every excluded expert and the reason, an expert's score, the committee's ballot and a member's secret vote,
/// objections during a notice and their resolution. Each form posts the version it read; errors show at its fields.
/// </summary>
public sealed class DetailsModel(TitleReviews reviews, TimeProvider time) : PageModel
{
    public TitleReviewDetail Detail { get; private set; } = null!;
    public IReadOnlyList<PanelCandidateView> Candidates { get; private set; } = [];
    public IReadOnlyList<Committee> Committees { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    /// <summary>The form that was posted and failed: its errors show at its fields.</summary>
    public string? Posted { get; private set; }

    [FromQuery(Name = "done")] public string? Done { get; set; }

    public TitleReviewApplication Application => Detail.Application;
    public TitleReviewRules Rules => TitleReviews.RulesFor(Application.RulesKey);
    public bool IsOperator => Detail.Side == FlowActor.Operator;

    /// <summary>The steps with a form of their own are not among the plain step forms.</summary>
    public IEnumerable<TitleReviewAction> StepActions => Detail.Actions.Where(a => a is not (TitleReviewAction.AssignPanel or TitleReviewAction.OpenBallot));

    public bool CanAssignPanel => Detail.Actions.Contains(TitleReviewAction.AssignPanel);
    public bool CanOpenBallot => Detail.Actions.Contains(TitleReviewAction.OpenBallot);
    public bool CanScore => Detail.IsPanelExpert && Application.State == TitleReviewState.PanelReview;
    public bool CanVote => Application.State == TitleReviewState.Voting && Detail.Ballot is { CallerPresent: true, CallerVoted: false };
    public bool CanCloseBallot => IsOperator && Application.State == TitleReviewState.Voting;

    /// <summary>The notice running now, if objections may be raised to it today.</summary>
    public TitleReviewNotice? OpenNotice => TitleReviewFlow.TakesObjections(Application.State)
        ? Detail.Notices.FirstOrDefault(n => n.Kind == (Application.State == TitleReviewState.EmployerPublicity ? 1 : 2) && n.Period.TakesObjections(Today))
        : null;

    /// <summary>Whether the caller's part resolves objections to a notice: the employer (or the bureau) its publicity, the bureau the result notice.</summary>
    public bool Resolves(int kind) => kind == 1 ? Detail.Side is FlowActor.Enterprise or FlowActor.Operator : IsOperator;

    public ValidationErrors? ErrorsOf(string form) => Posted == form ? Errors : null;

    public static bool NeedsReason(TitleReviewAction action) => TitleReviewFlow.NeedsReason(action);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostAsync(long id, string? step, string? reason, string? version, CancellationToken ct)
    {
        if (!Enum.TryParse<TitleReviewAction>(step, out var action) || !Enum.IsDefined(action) || step!.Any(char.IsDigit))
        {
            return Task.FromResult<IActionResult>(BadRequest());
        }
        return AnswerAsync(id, "step-" + action, JsonName(action), () => reviews.StepAsync(Caller.From(User), id, action, reason, FormReader.Version(version), ct), ct);
    }

    public Task<IActionResult> OnPostPanelAsync(long id, List<long> expertIds, string? version, CancellationToken ct) =>
        AnswerAsync(id, "panel", "panel", () => reviews.AssignPanelAsync(Caller.From(User), id, expertIds, FormReader.Version(version), ct), ct);

    public Task<IActionResult> OnPostScoreAsync(long id, string? score, string? comment, CancellationToken ct)
    {
        var reader = new FormReader();
        var value = reader.OptionalInt(score, "score");
        return !reader.Errors.IsValid
            ? FailAsync(id, "score", reader.Errors, ct)
            : AnswerAsync(id, "score", "score", () => reviews.ScoreAsync(Caller.From(User), id, value, comment, ct), ct);
    }

    public Task<IActionResult> OnPostBallotAsync(long id, long? committeeId, List<long> presentExpertIds, string? version, CancellationToken ct) =>
        AnswerAsync(id, "ballot-" + committeeId, "ballot",
            () => reviews.OpenBallotAsync(Caller.From(User), id, committeeId, presentExpertIds, FormReader.Version(version), ct), ct);

    public Task<IActionResult> OnPostVoteAsync(long id, string? vote, CancellationToken ct)
    {
        var reader = new FormReader();
        Vote? cast = string.IsNullOrWhiteSpace(vote) ? null : reader.Enum<Vote>(vote, "vote");
        return !reader.Errors.IsValid
            ? FailAsync(id, "vote", reader.Errors, ct)
            : AnswerAsync(id, "vote", "vote", () => reviews.VoteAsync(Caller.From(User), id, cast, ct), ct);
    }

    public Task<IActionResult> OnPostCloseBallotAsync(long id, string? version, CancellationToken ct) =>
        AnswerAsync(id, "closeBallot", "closeBallot", () => reviews.CloseBallotAsync(Caller.From(User), id, FormReader.Version(version), ct), ct);

    public async Task<IActionResult> OnPostObjectAsync(long id, string? text, CancellationToken ct)
    {
        var result = await reviews.ObjectAsync(Caller.From(User), id, text, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        return result.Status == WriteStatus.Ok ? Finished(id, "object") : await FailAsync(id, "object", result.Errors, ct);
    }

    public Task<IActionResult> OnPostResolveAsync(long id, long objectionId, string? resolution, string? note, CancellationToken ct)
    {
        var reader = new FormReader();
        ObjectionResolution? chosen = string.IsNullOrWhiteSpace(resolution) ? null : reader.Enum<ObjectionResolution>(resolution, "resolution");
        return !reader.Errors.IsValid
            ? FailAsync(id, "resolve-" + objectionId, reader.Errors, ct)
            : AnswerAsync(id, "resolve-" + objectionId, "resolve", () => reviews.ResolveObjectionAsync(Caller.From(User), id, objectionId, chosen, note, ct), ct);
    }

    /// <summary>A write's answer: back to the page with what was done, or the page with the form's errors (a conflict: the current state).</summary>
    private async Task<IActionResult> AnswerAsync(long id, string form, string done, Func<Task<WriteResult<TitleReviewDetail>>> write, CancellationToken ct)
    {
        var result = await write();
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        return result.Status == WriteStatus.Ok ? Finished(id, done) : await FailAsync(id, form, PageRefusals.Problems(result), ct);
    }

    private RedirectResult Finished(long id, string done) => Redirect($"/title-reviews/{id.ToString(CultureInfo.InvariantCulture)}?done={done}");

    private async Task<IActionResult> FailAsync(long id, string form, ValidationErrors errors, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        (Posted, Errors) = (form, errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await reviews.FindAsync(caller, id, ct) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        Today = ChinaTime.Date(time.GetUtcNow());
        if (CanAssignPanel || CanOpenBallot)
        {
            Candidates = await reviews.CandidatesAsync(caller, id, ct) ?? [];
        }
        if (CanOpenBallot)
        {
            Committees = await reviews.CommitteesAsync(caller, ct);
        }
        return null;
    }

    /// <summary>An action's name as in the API and the "done" notices: StartPublicity → startPublicity.</summary>
    public static string JsonName(TitleReviewAction action) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(action.ToString());
}
