using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>
/// /shared/orders: the demand orders the caller may see — an enterprise's own, an operator's region's (all for an
/// administrator) — filtered by state, county, service mode, overdue or warned, sorted and paged, each with its clock.
/// </summary>
public sealed class IndexModel(DemandOrders orders, WorkCalendars calendars, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> UiSortKeys = [.. DemandOrders.SortKeys.Keys];

    [FromQuery(Name = "state")] public string? State { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "mode")] public string? Mode { get; set; }
    [FromQuery(Name = "overdue")] public bool Overdue { get; set; }
    [FromQuery(Name = "warned")] public bool Warned { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Page<DemandOrder> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyDictionary<long, ClockSummary> Clocks { get; private set; } = new Dictionary<long, ClockSummary>();
    public ValidationErrors Errors { get; } = new();
    public Caller Caller { get; private set; } = Caller.Anonymous;
    public string Home { get; private set; } = "";

    /// <summary>Whether a filter is set or wrong: the folded filter form then shows open.</summary>
    public bool Active => !Errors.IsValid || Overdue || Warned || new[] { State, Region, Mode }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Caller = Caller.From(User);
        if (!Caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!Caller.IsEnterpriseUser && !Caller.IsOperator && !Caller.IsAdmin)
        {
            return Forbid();
        }
        Home = Caller.ScopeRegion ?? dashboard.HomeRegion;
        var reader = new FormReader();
        DemandOrderState? state = string.IsNullOrWhiteSpace(State) ? null : reader.Enum<DemandOrderState>(State, "state");
        ServiceModes? mode = string.IsNullOrWhiteSpace(Mode) ? null : reader.Enum<ServiceModes>(Mode, "mode");
        Errors.AddMissing(reader.Errors);
        Errors.When(mode is { } m && !DemandOrderDraft.IsSingle(m), "mode", "must be one of the listed options")
            .When(!string.IsNullOrWhiteSpace(Region) && reference.Regions.Find(Region.Trim()) is null, "region", "is not in the region catalogue")
            .When(Sort is { Length: > 0 } s && !DemandOrders.SortKeys.ContainsKey(s), "sort", "must be one of the listed options");
        if (!Errors.IsValid)
        {
            return Page();
        }
        Result = await orders.ListAsync(Caller, new OrderQuery
        {
            State = state, Region = Region?.Trim(), Mode = mode, OverdueOnly = Overdue, WarnedOnly = Warned, Sort = Sort, Page = Math.Max(1, PageNumber),
        }, ct);
        var calendar = await calendars.CurrentAsync(ct);
        var now = time.GetUtcNow();
        Clocks = Result.Items.ToDictionary(o => o.Id, o => ClockSummary.Of(o, calendar, now));
        return Page();
    }
}
