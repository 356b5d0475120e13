using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class IndexModel(PositionStore store, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> UiSortKeys = ["-postedOn", "-salaryMax", "salaryMin", "title", "expiresOn"];

    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [BindProperty(SupportsGet = true), FromQuery]
    public ListParameters Parameters { get; set; } = new();

    public Page<Position> Result { get; private set; } = new([], 0, 1, 20);
    public FilterModel Filter { get; private set; } = null!;
    public DateOnly Today { get; } = ChinaTime.Today(time);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (query, errors) = Parameters.Parse(reference, PositionStore.SortKeys.Keys.ToList());
        Filter = new FilterModel(Parameters, errors, caller.ScopeRegion ?? dashboard.HomeRegion, UiSortKeys,
            ShowIndustry: true, EducationLabel: "Filter.MyEducation", ShowStatus: true, ShowPay: true);
        if (errors.IsValid)
        {
            Result = await store.ListAsync(query, caller.ScopeRegion, ct);
        }
    }
}
