using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>
/// /competitions/{id}/manage (the organiser): the state's steps (open and close entry, publish), tracks with their
/// criteria and awards, judges per track, the judging board (every judge × entry: the score, or standing aside with the
/// reason) and conflicts declared for a judge.
/// </summary>
public sealed class ManageModel(Platform.Competitions.Competitions competitions, CompetitionJudging judging, CompetitionResults results) : PageModel
{
    public JudgingBoard Board { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The add-track form's values: empty, or what was typed when it was refused.</summary>
    public TrackFields TrackInput { get; private set; } = TrackFields.New;

    /// <summary>The judge chosen in the removal form.</summary>
    public long? RemoveJudgeId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await judging.BoardAsync(caller, id, ct) is not { Detail.MayManage: true } board)
        {
            return NotFound();
        }
        Board = board;
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, string? action, string? version, CancellationToken ct)
    {
        var reader = new FormReader();
        var step = reader.Enum<CompetitionAction>(action, "action");
        if (!reader.Errors.IsValid)
        {
            return await AnswerAsync(id, reader.Errors, ct);
        }
        var caller = Caller.From(User);
        var result = step == CompetitionAction.Publish
            ? await results.PublishAsync(caller, id, FormReader.Version(version), ct)
            : await competitions.StepAsync(caller, id, FormReader.Version(version), step, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : PageRefusals.Problems(result), ct);
    }

    public async Task<IActionResult> OnPostTrackAsync(long id, string? name, string? description, string? criteria, string? gold, string? silver, string? bronze,
        CancellationToken ct)
    {
        var reader = new FormReader();
        var fields = new TrackFields(name, description, criteria, gold, silver, bronze);
        var track = fields.Read(reader);
        // A field that cannot be read stops the save: nothing is stored while the page shows an error.
        if (!reader.Errors.IsValid)
        {
            TrackInput = fields;
            return await AnswerAsync(id, reader.Errors.AddMissing(track.Validate()), ct);
        }
        var result = await competitions.AddTrackAsync(Caller.From(User), id, track, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        var failed = result.Status != WriteStatus.Ok;
        // A refused track keeps what was typed.
        TrackInput = failed ? fields : TrackFields.New;
        return await AnswerAsync(id, failed ? result.Errors : null, ct);
    }

    /// <summary>Removes a judge from their track (a reason when they have scored: their sheets are discarded).</summary>
    public async Task<IActionResult> OnPostRemoveJudgeAsync(long id, long judgeId, string? reason, CancellationToken ct)
    {
        var result = await judging.RemoveAsync(Caller.From(User), id, judgeId, reason, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        // A refused removal keeps the judge chosen, so that giving the reason acts on the same judge.
        RemoveJudgeId = judgeId;
        return await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : result.Errors, ct, "Competitions.JudgeRemoved");
    }

    public async Task<IActionResult> OnPostJudgeAsync(long id, long trackId, string? userName, string? enterpriseUscc, CancellationToken ct)
    {
        var result = await judging.AssignAsync(Caller.From(User), id, trackId, userName, enterpriseUscc, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : result.Errors, ct);
    }

    public async Task<IActionResult> OnPostDeclareAsync(long id, long judgeId, long entryId, string? note, CancellationToken ct)
    {
        var result = await judging.DeclareAsync(Caller.From(User), id, judgeId, entryId, note, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : result.Errors, ct);
    }

    private async Task<IActionResult> AnswerAsync(long id, ValidationErrors? errors, CancellationToken ct, string done = "Competitions.Saved")
    {
        Errors = errors;
        Done = errors is null ? done : null;
        return await OnGetAsync(id, ct);
    }
}
