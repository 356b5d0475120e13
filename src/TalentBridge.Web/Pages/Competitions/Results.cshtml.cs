using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>/competitions/{id}/results (the organiser): the published results with each winner's invitations: the award onto the talent's record, an invitation into the shared pool.</summary>
public sealed class ResultsModel(Platform.Competitions.Competitions competitions, CompetitionResults results) : PageModel
{
    public CompetitionDetail Detail { get; private set; } = null!;
    public IReadOnlyList<TrackResult> Tracks { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await competitions.DetailAsync(caller, id, ct) is not { MayManage: true } detail || await results.ResultsAsync(caller, id, ct) is not { } tracks)
        {
            return NotFound();
        }
        Detail = detail;
        Tracks = tracks;
        return Page();
    }

    public Task<IActionResult> OnPostAwardAsync(long id, long entryId, CancellationToken ct) =>
        AnswerAsync(id, results.RecordAwardAsync(Caller.From(User), entryId, ct), "Competitions.AwardRecorded", ct);

    public Task<IActionResult> OnPostInviteAsync(long id, long entryId, CancellationToken ct) =>
        AnswerAsync(id, results.InviteAsync(Caller.From(User), entryId, ct), "Competitions.Invited", ct);

    private async Task<IActionResult> AnswerAsync(long id, Task<WriteResult<CompetitionInvitation>> step, string done, CancellationToken ct)
    {
        var result = await step;
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        Errors = result.Status == WriteStatus.Ok ? null : PageRefusals.Problems(result);
        Done = result.Status == WriteStatus.Ok ? done : null;
        return await OnGetAsync(id, ct);
    }
}
