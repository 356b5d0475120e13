using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Web.Pages.Flow;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>
/// /shared/engagements/{id}: an engagement for its expert, its enterprise and the region's operators — the parties and
/// the order, the service days and deliverables (recorded by either side while it runs), completion by the enterprise,
/// each side's rating of the other once completed, and the conversation between the two (一键沟通).
/// </summary>
[RequestSizeLimit(ConversationPages.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConversationPages.MaxRequestBytes)]
public sealed class EngagementModel(Engagements engagements, Conversations conversations, Ui ui) : PageModel
{
    public Engagement Item { get; private set; } = null!;
    public FlowActor Side { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public ConversationView? Conversation { get; private set; }

    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? ServiceDays { get; set; }
    [BindProperty] public string? Deliverables { get; set; }
    [BindProperty] public string? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [FromQuery(Name = "done")] public string? Done { get; set; }
    [FromQuery(Name = "before")] public long? Before { get; set; }

    /// <summary>Whether the caller's side is one of the two parties (they record, complete and rate; operators read).</summary>
    public bool IsParty => Side is FlowActor.Talent or FlowActor.Enterprise;

    /// <summary>The caller's own rating, once given.</summary>
    public EngagementRating? MyRating => Item.Ratings.FirstOrDefault(r => r.RatedBy == Side);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>Either side records the service days so far and the deliverables.</summary>
    public async Task<IActionResult> OnPostRecordAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var days = reader.Number(ServiceDays, "serviceDays");
        var result = reader.Errors.IsValid
            ? await engagements.RecordAsync(Caller.From(User), id, days, Deliverables, FormReader.Version(Version), ct)
            : WriteResult.Invalid<Engagement>(reader.Errors);
        return await AnsweredAsync(id, result, "record", ct);
    }

    /// <summary>The enterprise completes the engagement.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        return await AnsweredAsync(id, await engagements.CompleteAsync(Caller.From(User), id, FormReader.Version(Version), ct), "complete", ct);
    }

    /// <summary>Either side rates the other, 1 to 5 with a comment.</summary>
    public async Task<IActionResult> OnPostRateAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var score = reader.Number(Score, "score");
        var result = reader.Errors.IsValid
            ? await engagements.RateAsync(Caller.From(User), id, score, Comment, ct)
            : WriteResult.Invalid<Engagement>(reader.Errors);
        return await AnsweredAsync(id, result, "rate", ct);
    }

    /// <summary>Sends a message in the engagement's conversation (the form, or the page's script asking for JSON).</summary>
    public async Task<IActionResult> OnPostMessageAsync(long id, string? body, IFormFile? attachment, CancellationToken ct)
    {
        var key = new ConversationKey(ConversationKind.Engagement, id);
        var (result, errors) = await ConversationPages.PostAsync(this, conversations, key, body, attachment, ui, ct);
        if (result is not null)
        {
            return result;
        }
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        Conversation = Conversation! with { Errors = errors, Body = body };
        return Page();
    }

    private async Task<IActionResult> AnsweredAsync(long id, WriteResult<Engagement> result, string done, CancellationToken ct)
    {
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/shared/engagements/{id.ToString(CultureInfo.InvariantCulture)}?done={done}");
        }
        Errors = PageRefusals.Problems(result);
        if (result.Status == WriteStatus.Conflict)
        {
            Version = null;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await engagements.FindAsync(caller, id, ct) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        Side = Engagements.SideOf(caller, item)!.Value;
        Version ??= item.Version.ToString(CultureInfo.InvariantCulture);
        ServiceDays ??= item.ServiceDays.ToString(CultureInfo.InvariantCulture);
        Deliverables ??= item.Deliverables;
        Conversation = await ConversationPages.LoadAsync(conversations, caller, new ConversationKey(ConversationKind.Engagement, id), Before, null, null, ct);
        return null;
    }
}
