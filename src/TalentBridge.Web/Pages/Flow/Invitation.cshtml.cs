using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>
/// One invitation (邀约) for both sides: what was offered, its state, the talent's answer, and its conversation, where
/// the talent may ask before answering. Once accepted the conversation goes on in the application.
/// </summary>
[RequestSizeLimit(ConversationPages.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConversationPages.MaxRequestBytes)]
public sealed class InvitationModel(Invitations invitations, Conversations conversations, Ui ui) : PageModel
{
    public Invitation Item { get; private set; } = null!;
    public FlowActor? Side { get; private set; }
    public ConversationView Conversation { get; private set; } = null!;

    /// <summary>Older messages: those before this message id.</summary>
    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>Sends a message in the invitation's conversation (the form, or the page's script asking for JSON).</summary>
    public async Task<IActionResult> OnPostMessageAsync(long id, string? body, IFormFile? attachment, CancellationToken ct)
    {
        var (result, errors) = await ConversationPages.PostAsync(this, conversations, new ConversationKey(ConversationKind.Invitation, id), body, attachment,
            ui, ct);
        if (result is not null)
        {
            return result;
        }
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        Conversation = Conversation with { Errors = errors, Body = body };
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await invitations.FindAsync(caller, id, ct) is not { } item
            || await ConversationPages.LoadAsync(conversations, caller, new ConversationKey(ConversationKind.Invitation, id), Before, null, null, ct) is not { } view)
        {
            return NotFound();
        }
        Item = item;
        Side = invitations.SideOf(caller, item);
        Conversation = view;
        return null;
    }
}
