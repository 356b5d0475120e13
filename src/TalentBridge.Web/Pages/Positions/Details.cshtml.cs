using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class DetailsModel(PositionStore positions, PositionWrites writes, MatchService matching, MatchQueries matches,
    ClusterPublishing publishing, Applications applications, ReferenceData reference, TimeProvider time) : PageModel
{
    /// <summary>A signed-in talent's open application to this position, if any (then the page links to it instead of offering to apply).</summary>
    public Application? MyApplication { get; private set; }

    /// <summary>Whether the caller recruits for this position (its enterprise's users, operators of its region): the candidates link.</summary>
    public bool CanSeeCandidates { get; private set; }

    public ValidationErrors? Errors { get; private set; }

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
        CanSeeCandidates = caller.CanManagePositionsOf(reference.Regions, position.EnterpriseId, position.RegionCode);
        if (caller.TalentId is { } talentId)
        {
            MyApplication = await applications.OpenOfAsync(talentId, id, ct);
        }
        CanSeeCluster = Provenance is not null && caller.CanImport && caller.InScope(Provenance.ClusterRegion);
        return Page();
    }

    /// <summary>一键投档: the signed-in talent applies with one action (the consent to send the profile is the button's label).</summary>
    public async Task<IActionResult> OnPostApplyAsync(long id, bool keep, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is null)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var result = await applications.ApplyAsync(caller, id, keep, ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/applications/{result.Value!.Id}?done=apply");
        }
        var page = await OnGetAsync(id, ct);
        Errors = result.Errors;
        return page;
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
