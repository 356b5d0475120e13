using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.My;

/// <summary>通知: the signed-in account's inbox, newest first, with an unread filter; opening one marks it read.</summary>
public sealed class NotificationsModel(Inbox inbox) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [FromQuery(Name = "unread")]
    public bool Unread { get; set; }

    public Page<Notification> Items { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Caller.From(User).AccountId is not { } accountId)
        {
            return Challenge();
        }
        Items = await inbox.ListAsync(accountId, Unread, PageNumber ?? 1, PageSize, ct);
        return Page();
    }

    /// <summary>Opens a notification: marks it read and goes to what it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, string link, CancellationToken ct)
    {
        if (Caller.From(User).AccountId is not { } accountId)
        {
            return Challenge();
        }
        await inbox.MarkReadAsync(accountId, id, ct);
        return LocalRedirect(Accounts.AccountEndpoints.IsLocal(link) ? link : "/me/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        if (Caller.From(User).AccountId is not { } accountId)
        {
            return Challenge();
        }
        await inbox.MarkReadAsync(accountId, null, ct);
        return Redirect("/me/notifications");
    }
}
