using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.My;

/// <summary>
/// /me/competitions (a talent): their entries with results, the awards recorded on their record, and invitations into
/// the shared pool to confirm (county, service modes, summary: an admission application with the award) or decline.
/// </summary>
public sealed class CompetitionsModel(CompetitionEntries entries, CompetitionResults results) : PageModel
{
    [FromQuery(Name = "entered")] public long? Entered { get; set; }

    public IReadOnlyList<MyEntry> Mine { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public long? ErrorInvitation { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (caller.TalentId is null)
        {
            return Forbid();
        }
        Mine = await entries.MineAsync(caller, ct);
        Done ??= Entered is not null && Mine.Any(m => m.Entry.Id == Entered) ? "Competitions.Entered" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(long invitationId, string? poolRegion, string[] modes, string? summary, CancellationToken ct)
    {
        var reader = new FormReader();
        var answer = new InvitationAnswer(poolRegion ?? "", reader.Flags<ServiceModes>(modes, "modes"), summary);
        var result = await results.AcceptAsync(Caller.From(User), invitationId, answer, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        return await AnswerAsync(invitationId, result.Status == WriteStatus.Ok && reader.Errors.IsValid ? null : reader.Errors.AddMissing(result.Errors),
            "Competitions.Applied", ct);
    }

    public async Task<IActionResult> OnPostDeclineAsync(long invitationId, CancellationToken ct)
    {
        var result = await results.DeclineAsync(Caller.From(User), invitationId, ct);
        return this.Refusal(result) ?? await AnswerAsync(invitationId, result.Status == WriteStatus.Ok ? null : result.Errors, "Competitions.DeclinedDone", ct);
    }

    private async Task<IActionResult> AnswerAsync(long invitationId, ValidationErrors? errors, string done, CancellationToken ct)
    {
        Errors = errors;
        ErrorInvitation = errors is null ? null : invitationId;
        Done = errors is null ? done : null;
        return await OnGetAsync(ct);
    }
}
