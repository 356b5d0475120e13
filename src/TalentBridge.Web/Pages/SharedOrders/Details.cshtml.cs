using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>A stretch of time the order waited on the enterprise (the clock paused); <see cref="To"/> is null while it still waits.</summary>
public sealed record PausedPeriod(DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// /shared/orders/{id}: one order for its enterprise, its operators and a proposed expert — the order, its clock
/// (state, counted and target time, paused periods, calendar or working hours), its history and proposals; the steps
/// the caller's side may take now (with the version it read); for operators the matcher's candidates, each explained
/// factor by factor, with a "propose" form; the engagement once formed.
/// </summary>
public sealed class DetailsModel(DemandOrders orders, Engagements engagements, SharedPools pools, TimeProvider time) : PageModel
{
    public DemandOrder Item { get; private set; } = null!;
    public FlowActor Side { get; private set; }
    public ClockState Clock { get; private set; } = null!;
    public IReadOnlyList<DemandOrderEvent> History { get; private set; } = [];
    public IReadOnlyList<PausedPeriod> Paused { get; private set; } = [];
    public IReadOnlyList<Proposal> Proposals { get; private set; } = [];
    public IReadOnlyList<ExpertCandidateView> Candidates { get; private set; } = [];
    public IReadOnlyList<DemandOrderAction> Actions { get; private set; } = [];
    public IReadOnlyDictionary<long, string> TagNames { get; private set; } = new Dictionary<long, string>();
    public bool CanPropose { get; private set; }
    public Engagement? Engagement { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [FromQuery(Name = "done")] public string? Done { get; set; }

    /// <summary>The step forms' actions: the proposal's own (propose, engage) are taken elsewhere.</summary>
    public static bool IsStep(DemandOrderAction action) => action is not (DemandOrderAction.Propose or DemandOrderAction.Engage);

    /// <summary>Whether a step needs a note (a question, an answer, a reason to close).</summary>
    public static bool NeedsNote(DemandOrderAction action) => action != DemandOrderAction.Cancel;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, string? step, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (!Enum.TryParse<DemandOrderAction>(step, out var action) || !Enum.IsDefined(action) || !IsStep(action) || step!.Any(char.IsDigit))
        {
            return BadRequest();
        }
        var result = await orders.StepAsync(Caller.From(User), id, action, Note, FormReader.Version(Version), ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/shared/orders/{id.ToString(CultureInfo.InvariantCulture)}?done={DemandOrders.Action(action)}");
        }
        Errors = PageRefusals.Problems(result);
        if (result.Status == WriteStatus.Conflict)
        {
            Version = null;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>An operator proposes one of the candidates, with a note to the expert.</summary>
    public async Task<IActionResult> OnPostProposeAsync(long id, long expertId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var result = await orders.ProposeAsync(Caller.From(User), id, expertId, Note, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/shared/orders/{id.ToString(CultureInfo.InvariantCulture)}?done=propose");
        }
        Errors = result.Errors;
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
        if (await orders.FindAsync(caller, id, ct) is not { } order)
        {
            return NotFound();
        }
        Now = time.GetUtcNow();
        Item = order;
        Proposals = await orders.ProposalsAsync(id, ct);
        Side = DemandOrders.SideOf(caller, order, [.. Proposals.Select(p => p.TalentId)])!.Value;
        if (Side == FlowActor.Talent)
        {
            // An expert sees the order and their own proposals, not the other experts'.
            Proposals = [.. Proposals.Where(p => p.TalentId == caller.TalentId)];
        }
        Clock = await orders.ClockAsync(order, ct);
        History = await orders.EventsAsync(id, ct);
        Paused = PausedPeriods(History);
        Actions = Side is FlowActor.Enterprise or FlowActor.Operator ? [.. SharedPoolFlows.Order.Actions(order.State, Side).Where(IsStep)] : [];
        CanPropose = Side == FlowActor.Operator && SharedPoolFlows.Order.Next(order.State, DemandOrderAction.Propose, FlowActor.Operator).Allowed;
        Candidates = CanPropose ? await orders.CandidatesAsync(caller, id, DemandOrders.CandidateCount, ct) ?? [] : [];
        Engagement = order.State == DemandOrderState.Engaged ? await engagements.ForOrderAsync(id, ct) : null;
        if (order.TagIds.Count > 0)
        {
            TagNames = (await pools.TagsAsync(order.CityPoolId, ct)).ToDictionary(t => t.Id, t => Localization.IsEnglish ? t.NameEn ?? t.Name : t.Name);
        }
        Version ??= order.Version.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>The periods the order waited on the enterprise, from its history: entering a waiting state to leaving it.</summary>
    public static IReadOnlyList<PausedPeriod> PausedPeriods(IEnumerable<DemandOrderEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var periods = new List<PausedPeriod>();
        DateTimeOffset? since = null;
        foreach (var e in history)
        {
            if (since is null && e.From != e.To && SharedPoolFlows.PausesClock(e.To))
            {
                since = e.At;
            }
            else if (since is { } from && e.From is { } left && left != e.To && SharedPoolFlows.PausesClock(left))
            {
                periods.Add(new PausedPeriod(from, e.At));
                since = null;
            }
        }
        if (since is { } open)
        {
            periods.Add(new PausedPeriod(open, null));
        }
        return periods;
    }
}
