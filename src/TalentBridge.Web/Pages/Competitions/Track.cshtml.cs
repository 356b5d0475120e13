using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>
/// /competitions/{id}/tracks/{trackId} (the organiser): changes a track's name, description, criteria and awards while
/// the competition is a draft or open for entries and no judge has scored in it; otherwise says which rule stops it. A
/// stale save shows the current version.
/// </summary>
public sealed class TrackModel(CompetitionJudging judging, Platform.Competitions.Competitions competitions) : PageModel
{
    public Competition Competition { get; private set; } = null!;
    public Track Track { get; private set; } = null!;
    public TrackFields Fields { get; private set; } = TrackFields.New;
    public string Version { get; private set; } = "";

    /// <summary>Why the track can no longer change (empty while it can).</summary>
    public ValidationErrors Locked { get; private set; } = new();

    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, long trackId, CancellationToken ct)
    {
        if (!Caller.From(User).IsSignedIn)
        {
            return Challenge();
        }
        if (!await LoadAsync(id, trackId, ct))
        {
            return NotFound();
        }
        Fields = TrackFields.Of(Track);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long trackId, string? name, string? description, string? criteria, string? gold, string? silver,
        string? bronze, string? version, CancellationToken ct)
    {
        var reader = new FormReader();
        var fields = new TrackFields(name, description, criteria, gold, silver, bronze);
        var track = fields.Read(reader);
        // A field that cannot be read stops the save: nothing is stored while the page shows an error.
        var result = reader.Errors.IsValid
            ? await competitions.UpdateTrackAsync(Caller.From(User), id, trackId, FormReader.Version(version), track, ct)
            : WriteResult.Invalid<Track>(track.Validate());
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/competitions/{id}/manage#board-{trackId}");
        }
        if (!await LoadAsync(id, trackId, ct))
        {
            return NotFound();
        }
        Errors = reader.Errors.AddMissing(PageRefusals.Problems(result));
        // A stale save shows the current track (and its version); anything else keeps what was typed.
        Fields = result.Status == WriteStatus.Conflict ? TrackFields.Of(Track) : fields;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, long trackId, CancellationToken ct)
    {
        if (await judging.BoardAsync(Caller.From(User), id, ct) is not { Detail.MayManage: true } board
            || board.Detail.Tracks.FirstOrDefault(t => t.Track.Id == trackId) is not { } track)
        {
            return false;
        }
        Competition = board.Detail.Competition;
        Track = track.Track;
        Version = Track.Version.ToString(CultureInfo.InvariantCulture);
        var entries = board.Entries.Where(e => e.TrackId == trackId).Select(e => e.Id).ToHashSet();
        Locked = Track.ChangeRefusals(Competition.State, board.Sheets.Any(s => entries.Contains(s.EntryId)));
        return true;
    }
}
