using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>我的投档: the signed-in talent's applications (state in plain words) and invitations, with accept and decline.</summary>
public sealed class MineModel(Applications applications, Invitations invitations, Conversations conversations) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public Page<Application> Applications { get; private set; } = new([], 0, 1, PageSize);
    public Page<Invitation> Invitations { get; private set; } = new([], 0, 1, PageSize);
    public ValidationErrors? Errors { get; private set; }

    /// <summary>Unread messages of the enterprise per application and per invitation listed.</summary>
    public IReadOnlyDictionary<long, int> Unread { get; private set; } = new Dictionary<long, int>();
    public IReadOnlyDictionary<long, int> UnreadInvitations { get; private set; } = new Dictionary<long, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>Accept or decline an invitation; accepting may keep the sent profile for the enterprise's other positions.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(long invitation, string answer, string? version, bool keep, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is null)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var action = answer == "accept" ? InvitationAction.Accept : InvitationAction.Decline;
        var result = await invitations.AnswerAsync(caller, invitation, action, FormReader.Version(version), keep, ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return action == InvitationAction.Accept && result.Value!.ApplicationId is { } applicationId
                ? Redirect($"/applications/{applicationId}?done=acceptInvitation")
                : Redirect("/me/applications?done=decline");
        }
        Errors = PageRefusals.Problems(result);
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is not { } talentId)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        Applications = await applications.ForTalentAsync(talentId, PageNumber ?? 1, PageSize, ct);
        Invitations = await invitations.ForTalentAsync(talentId, 1, PageSize, ct);
        Unread = await conversations.UnreadAsync(caller, ConversationKind.Application, [.. Applications.Items.Select(a => a.Id)], ct);
        UnreadInvitations = await conversations.UnreadAsync(caller, ConversationKind.Invitation, [.. Invitations.Items.Select(i => i.Id)], ct);
        return Page();
    }
}
