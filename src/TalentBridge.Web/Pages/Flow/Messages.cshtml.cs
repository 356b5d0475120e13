using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>我的消息: the conversations of the signed-in talent, or of an enterprise user's enterprise, latest first, with their unread counts.</summary>
public sealed class MessagesModel(Conversations conversations) : PageModel
{
    public const int PageSize = 30;

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public Page<ConversationSummary> Items { get; private set; } = new([], 0, 1, PageSize);
    public bool TalentSide { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is null && !caller.IsEnterpriseUser)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        TalentSide = caller.TalentId is not null;
        Items = await conversations.MineAsync(caller, PageNumber ?? 1, PageSize, ct);
        return Page();
    }
}
