using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Talents;

public sealed class DetailsModel(TalentWrites talents, MatchService matching, MatchQueries matches, ReferenceData reference) : PageModel
{
    public Talent Talent { get; private set; } = null!;

    /// <summary>推荐岗位, or null when the caller may not see them (the section is then left out).</summary>
    public MatchAnswer? Matches { get; private set; }

    /// <summary>Exposure-aware ranking (the default); <c>?exposure=off</c> shows the plain ranking.</summary>
    public bool ExposureAware { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(long id, string? exposure, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var result = await talents.ViewAsync(caller, id, "page: talent detail", ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        Talent = result.Value!;
        ExposureAware = !string.Equals(exposure, "off", StringComparison.OrdinalIgnoreCase);
        Matches = await MatchesAsync(caller, ct);
        return Page();
    }

    private async Task<MatchAnswer?> MatchesAsync(Caller caller, CancellationToken ct)
    {
        if (!caller.CanSeePositionsFor(reference.Regions, Talent.Id, Talent.ResidenceRegionCode))
        {
            return null;
        }
        if (matching.Index is null)
        {
            // Said at once while the index is being built.
            return new MatchAnswer(MatchStatus.Warming, null);
        }
        var answer = await matches.PositionsForTalentAsync(caller, Talent.Id, MatchView.Take, ExposureAware, ct);
        return answer.Status switch
        {
            // A talent registered a moment ago reaches the index within a second.
            MatchStatus.NotFound => new MatchAnswer(MatchStatus.Warming, null),
            _ => answer,
        };
    }
}
