using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>
/// A position's candidates for its enterprise (and operators of its region): applications by state, the invitations
/// sent, and bulk actions — shortlist or refuse the chosen applications at once, each as its own step.
/// </summary>
public sealed class CandidatesModel(PositionStore positions, Applications applications, Invitations invitations, Conversations conversations, Ui ui) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "state")]
    public string? State { get; set; }

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [FromQuery(Name = "done")]
    public int? Done { get; set; }

    [BindProperty] public List<long> Chosen { get; set; } = [];
    [BindProperty] public string? Bulk { get; set; }
    [BindProperty] public string? ReasonTemplate { get; set; }

    public Position Position { get; private set; } = null!;
    public Page<Application> Items { get; private set; } = new([], 0, 1, PageSize);
    public Page<Invitation> Invited { get; private set; } = new([], 0, 1, PageSize);
    public ValidationErrors? Errors { get; private set; }

    /// <summary>Unread messages of the talent per application and per invitation listed (for the enterprise's users).</summary>
    public IReadOnlyDictionary<long, int> Unread { get; private set; } = new Dictionary<long, int>();
    public IReadOnlyDictionary<long, int> UnreadInvitations { get; private set; } = new Dictionary<long, int>();

    /// <summary>Applications a bulk action could not move, with the reason (the others moved).</summary>
    public IReadOnlyList<(long Id, string Message)> NotMoved { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var errors = new ValidationErrors()
            .When(Chosen.Count == 0, "chosen", "choose at least one application")
            .When(Bulk is not ("shortlist" or "refuse"), "bulk", "choose shortlist or refuse")
            .When(Bulk == "refuse" && !ApplicationModel.RefusalTemplates.Contains(ReasonTemplate ?? ""), "reasonTemplate", "is required");
        if (!errors.IsValid)
        {
            Errors = errors;
            return Page();
        }
        var caller = Caller.From(User);
        var request = Bulk == "shortlist"
            ? new StepRequest(ApplicationAction.Shortlist)
            : new StepRequest(ApplicationAction.Refuse, Reason: ui["Refuse." + ReasonTemplate]);
        var notMoved = new List<(long, string)>();
        var moved = 0;
        foreach (var applicationId in Chosen.Distinct())
        {
            var result = await applications.ActAsync(caller, applicationId, request, ct);
            if (result.Status == WriteStatus.Ok)
            {
                moved++;
            }
            else
            {
                notMoved.Add((applicationId, result.Status == WriteStatus.Invalid
                    ? string.Join(" ", result.Errors.ToDictionary().Values.SelectMany(v => v).Select(ui.Message))
                    : ui["Flow.NotMoved." + result.Status]));
            }
        }
        if (notMoved.Count == 0)
        {
            return Redirect($"/positions/{id}/candidates?done={moved}");
        }
        NotMoved = notMoved;
        Done = moved;
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
        if (await positions.FindAsync(id, ct) is not { } position)
        {
            return NotFound();
        }
        Position = position;
        ApplicationState? state = Enum.TryParse<ApplicationState>(State, out var s) && Enum.IsDefined(s) ? s : null;
        if (await applications.ForPositionAsync(caller, position, state, PageNumber ?? 1, PageSize, ct) is not { } page)
        {
            return Forbid();
        }
        Items = page;
        Invited = await invitations.ForPositionAsync(id, 1, PageSize, ct);
        Unread = await conversations.UnreadAsync(caller, ConversationKind.Application, [.. Items.Items.Select(a => a.Id)], ct);
        UnreadInvitations = await conversations.UnreadAsync(caller, ConversationKind.Invitation, [.. Invited.Items.Select(i => i.Id)], ct);
        return null;
    }
}
