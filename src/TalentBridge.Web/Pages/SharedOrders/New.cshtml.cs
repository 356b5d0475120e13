using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>The order form as posted: numbers as strings, so that a bad value is a field error.</summary>
public sealed class OrderInput
{
    public string? Title { get; set; }
    public string? Problem { get; set; }
    public string? Field { get; set; }
    public string? OccupationCode { get; set; }
    public string? IndustryCode { get; set; }
    public string? ServiceMode { get; set; }
    public string? DurationDays { get; set; }
    public string? BudgetMin { get; set; }
    public string? BudgetMax { get; set; }
    public string? Place { get; set; }
    public List<long> TagIds { get; set; } = [];
}

/// <summary>
/// /shared/orders/new: an enterprise describes its need (企业下单) — problem, field, occupation or industry, the service
/// mode, duration, budget, place and the pool's tags — and places it; the rules' errors are shown at their fields.
/// An operator may place an order for an enterprise of the region (<c>?enterpriseId=</c>).
/// </summary>
public sealed class NewModel(DemandOrders orders, SharedPools pools, EnterpriseStore enterprises, OccupationNames occupations, ReferenceData reference,
    Ui ui) : PageModel
{
    [BindProperty] public OrderInput Input { get; set; } = new();
    [FromQuery(Name = "enterpriseId")] public long? EnterpriseId { get; set; }

    public ValidationErrors? Errors { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public IReadOnlyList<SharedTag> Tags { get; private set; } = [];
    public bool HasPool { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var draft = new DemandOrderDraft
        {
            Title = Input.Title, Problem = Input.Problem, Field = Input.Field,
            OccupationCode = FormReader.Trimmed(Input.OccupationCode) is { } typed ? new OccupationField(occupations, ui).Resolve(typed, "occupationCode", reader.Errors) : null,
            IndustryCode = FormReader.Trimmed(Input.IndustryCode),
            ServiceMode = string.IsNullOrWhiteSpace(Input.ServiceMode) ? ServiceModes.None : reader.Enum<ServiceModes>(Input.ServiceMode, "serviceMode"),
            DurationDays = reader.OptionalInt(Input.DurationDays, "durationDays"),
            BudgetMin = reader.OptionalInt(Input.BudgetMin, "budgetMin"),
            BudgetMax = reader.OptionalInt(Input.BudgetMax, "budgetMax"),
            Place = Input.Place,
            TagIds = Input.TagIds,
        };
        if (!reader.Errors.IsValid)
        {
            Errors = reader.Errors;
            Errors.AddMissing(draft.Validate(reference));
            return Page();
        }
        var placed = await orders.PlaceAsync(Caller.From(User), EnterpriseId!.Value, draft, ct);
        if (this.Refusal(placed) is { } denied)
        {
            return denied;
        }
        if (placed.Status == WriteStatus.Ok)
        {
            return Redirect($"/shared/orders/{placed.Value!.Id.ToString(CultureInfo.InvariantCulture)}?done=place");
        }
        Errors = placed.Errors;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        EnterpriseId ??= caller.EnterpriseId;
        if (EnterpriseId is not { } id || await enterprises.FindAsync(id, ct) is not { } enterprise
            || !caller.CanManagePositionsOf(reference.Regions, id, enterprise.RegionCode))
        {
            return NotFound();
        }
        EnterpriseName = enterprise.Name;
        if (await pools.CityPoolOfAsync(enterprise.RegionCode, ct) is { } pool)
        {
            HasPool = true;
            Tags = await pools.TagsAsync(pool.Id, ct);
        }
        if (Input.Place is null && Request.Method == HttpMethods.Get)
        {
            Input.Place = Choices.RegionName(reference, enterprise.RegionCode);
        }
        return null;
    }
}
