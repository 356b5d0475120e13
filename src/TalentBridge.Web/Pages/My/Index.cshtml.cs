using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Notifications;

namespace TalentBridge.Web.Pages.My;

/// <summary>我的: the signed-in person's start page — their account, and the way to each of their pages with its count.</summary>
public sealed class IndexModel(AccountStore accounts, Inbox inbox, Applications applications, Invitations invitations) : PageModel
{
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public Platform.Accounts.Account Account { get; private set; } = null!;
    public Caller Caller { get; private set; } = Caller.Anonymous;
    public int Unread { get; private set; }
    public long Applications { get; private set; }
    public long OpenInvitations { get; private set; }
    public long Candidates { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Caller = Caller.From(User);
        if (Caller.AccountId is not { } id || await accounts.FindAsync(id, ct) is not { } account)
        {
            return Challenge();
        }
        Account = account;
        Unread = await inbox.UnreadCountAsync(id, ct);
        if (Caller.TalentId is { } talentId)
        {
            Applications = (await applications.ForTalentAsync(talentId, 1, 1, ct)).Total;
            OpenInvitations = (await invitations.ForTalentAsync(talentId, 1, 1, ct)).Total;
        }
        if (Caller.IsEnterpriseUser && Caller.EnterpriseId is { } enterpriseId)
        {
            Candidates = (await applications.ForEnterpriseAsync(enterpriseId, ApplicationState.Applied, 1, 1, ct)).Total;
        }
        return Page();
    }
}
