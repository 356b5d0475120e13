using System.Data.Common;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Notifications;

namespace TalentBridge.Web.Pages;

/// <summary>
/// The header's badges: unread notifications (signed-in callers) and unread messages (null for callers who are no side
/// of any conversation). A database that cannot be read leaves the badges out rather than failing the page: the error
/// pages use the same layout.
/// </summary>
public sealed record HeaderCounts(int Notifications, int? Messages)
{
    public static async Task<HeaderCounts> ForAsync(Inbox inbox, Conversations conversations, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } accountId)
        {
            return new HeaderCounts(0, null);
        }
        try
        {
            var notifications = await inbox.UnreadCountAsync(accountId, ct);
            var messages = caller.TalentId is not null || caller.IsEnterpriseUser ? await conversations.UnreadCountAsync(caller, ct) : (int?)null;
            return new HeaderCounts(notifications, messages);
        }
        catch (DbException)
        {
            return new HeaderCounts(0, caller.TalentId is not null || caller.IsEnterpriseUser ? 0 : null);
        }
    }
}
