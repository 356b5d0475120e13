using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class DetailsModel(PositionStore positions, PositionWrites writes, MatchService matching, MatchQueries matches,
    ClusterPublishing publishing, ReferenceData reference, TimeProvider time) : PageModel
{
    /// <summary>The duplicate cluster the position was published from, with its sources (public postings); null when entered by hand.</summary>
    public PositionProvenance? Provenance { get; private set; }

    /// <summary>Whether the caller may open that cluster (an importer of its region).</summary>
    public bool CanSeeCluster { get; private set; }

    public Position Position { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool IsOpen { get; private set; }

    /// <summary>推荐人才, or null when the caller may not see them (the section is then left out).</summary>
    public MatchAnswer? Matches { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await positions.FindAsync(id, ct) is not { } position)
        {
            return NotFound();
        }
        Position = position;
        IsOpen = position.IsOpenOn(ChinaTime.Today(time));
        var caller = Caller.From(User);
        CanEdit = caller.IsSignedIn && (await writes.EditableAsync(caller, id, ct)).Status == WriteStatus.Ok;
        Matches = await MatchesAsync(caller, position, ct);
        Provenance = await publishing.ProvenanceAsync(id, ct);
        CanSeeCluster = Provenance is not null && caller.CanImport && caller.InScope(Provenance.ClusterRegion);
        return Page();
    }

    private async Task<MatchAnswer?> MatchesAsync(Caller caller, Position position, CancellationToken ct)
    {
        if (!caller.IsSignedIn)
        {
            return null;
        }
        if (matching.Index is null)
        {
            // While the index is being built the page says so at once instead of waiting for it, but only to
            // those MatchQueries would answer (it decides access only once the index is there).
            return caller.CanSeeTalentsFor(reference.Regions, position.EnterpriseId, position.RegionCode) ? new MatchAnswer(MatchStatus.Warming, null) : null;
        }
        var answer = await matches.TalentsForPositionAsync(caller, position.Id, MatchView.Take, ct);
        return answer.Status switch
        {
            MatchStatus.Forbidden => null,
            // A position written a moment ago reaches the index within a second.
            MatchStatus.NotFound => new MatchAnswer(MatchStatus.Warming, null),
            _ => answer,
        };
    }
}
