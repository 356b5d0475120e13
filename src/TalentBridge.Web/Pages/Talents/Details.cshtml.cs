using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Storage;
using TalentBridge.Domain;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Talents;

public sealed class DetailsModel(TalentWrites talents, MatchService matching, MatchQueries matches, ReferenceData reference, PositionStore positions,
    Invitations invitations, Ui ui) : PageModel
{
    /// <summary>一键邀约: the caller's enterprise's open positions the talent may be invited to (enterprise users only).</summary>
    public IReadOnlyList<Position> InvitablePositions { get; private set; } = [];

    [BindProperty] public string? InvitePosition { get; set; }
    [BindProperty] public string? InviteMessage { get; set; }
    [BindProperty] public string? InviteDays { get; set; }

    [FromQuery(Name = "invited")]
    public long? Invited { get; set; }

    public ValidationErrors? Errors { get; private set; }

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
        if (caller.IsEnterpriseUser && caller.EnterpriseId is { } enterpriseId)
        {
            InvitablePositions = (await positions.ListAsync(new ListQuery { EnterpriseId = enterpriseId, Status = PositionStatus.Open, PageSize = ListQuery.MaxPageSize },
                null, ct)).Items;
            InviteMessage ??= ui.Format("Flow.InviteTemplate", Talent.Name);
            InviteDays ??= Invitations.DefaultDays.ToString(CultureInfo.InvariantCulture);
        }
        return Page();
    }

    /// <summary>一键邀约: invite the talent to one of the caller's open positions, with a message and an expiry in days.</summary>
    public async Task<IActionResult> OnPostInviteAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var errors = new ValidationErrors();
        var positionId = long.TryParse(InvitePosition, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        errors.When(positionId == 0, "invitePosition", "is required");
        var days = new FormReader().Number(InviteDays, "inviteDays", Invitations.DefaultDays);
        var result = errors.IsValid ? await invitations.InviteAsync(caller, positionId, id, InviteMessage, days, ct) : WriteResult.Invalid<Invitation>(errors);
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/talents/{id}?invited={result.Value!.Id}#invite-heading");
        }
        if (result.Status is WriteStatus.NotFound or WriteStatus.Forbidden && errors.IsValid)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var page = await OnGetAsync(id, null, ct);
        // The platform names the fields positionId, talentId, message, days; the form's inputs carry the invite prefix.
        Errors = new ValidationErrors();
        foreach (var (field, messages) in result.Errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                Errors.Add(field switch { "positionId" or "talentId" => "invitePosition", "message" => "inviteMessage", "days" => "inviteDays", _ => field }, message);
            }
        }
        return page;
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
