using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>/competitions/{id}: a competition with its tracks and, once published, its results; links to enter, judge and manage.</summary>
public sealed class DetailsModel(Platform.Competitions.Competitions competitions, CompetitionResults results) : PageModel
{
    public CompetitionDetail Detail { get; private set; } = null!;
    public IReadOnlyList<TrackResult>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (await competitions.DetailAsync(caller, id, ct) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        Results = await results.ResultsAsync(caller, id, ct);
        return Page();
    }
}

/// <summary>What the results partial shows: the tracks' results, and whether the organiser's invitation buttons are offered.</summary>
public sealed record ResultsView(IReadOnlyList<TrackResult> Tracks, bool Invite);
