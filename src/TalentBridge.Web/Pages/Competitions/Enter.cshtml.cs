using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>/competitions/{id}/enter (a talent, while entry is open): the entry form — track, work, team and members, the enterprise entered for.</summary>
public sealed class EnterModel(Platform.Competitions.Competitions competitions, CompetitionEntries entries) : PageModel
{
    public sealed class EntryInput
    {
        public string? TrackId { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? TeamName { get; set; }
        public string? Members { get; set; }
        public string? EnterpriseUscc { get; set; }
    }

    [BindProperty] public EntryInput Form { get; set; } = new();

    public CompetitionDetail Detail { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
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
        if (await competitions.DetailAsync(caller, id, ct) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var reader = new FormReader();
        var form = new EntryForm
        {
            TrackId = reader.OptionalInt(Form.TrackId, "trackId") ?? 0,
            Title = Form.Title?.Trim() ?? "",
            Summary = FormReader.Trimmed(Form.Summary),
            TeamName = FormReader.Trimmed(Form.TeamName),
            Members = FormReader.List(Form.Members),
        };
        var result = await entries.EnterAsync(Caller.From(User), id, form, Form.EnterpriseUscc, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok && reader.Errors.IsValid)
        {
            return Redirect("/me/competitions?entered=" + result.Value!.Id);
        }
        Errors = reader.Errors.AddMissing(result.Errors);
        var page = await OnGetAsync(id, ct);
        return page;
    }
}
