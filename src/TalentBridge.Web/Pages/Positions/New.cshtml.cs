using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class NewModel(PositionStore positions, EnterpriseStore enterprises, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public PositionFormView View { get; private set; } = null!;
    private Enterprise _enterprise = null!;

    public async Task<IActionResult> OnGetAsync(long? enterpriseId, CancellationToken ct)
    {
        if (await Authorize(enterpriseId, ct) is { } denied)
        {
            return denied;
        }
        View = Form(PositionInput.ForNew(_enterprise, DateOnly.FromDateTime(time.GetLocalNow().DateTime)), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? enterpriseId, PositionInput input, CancellationToken ct)
    {
        if (await Authorize(enterpriseId, ct) is { } denied)
        {
            return denied;
        }
        var (parsed, reader) = input.Read(_enterprise.Id);
        var (position, _, domainErrors) = await PoolsApi.Check(parsed, enterprises, reference, ct);
        var errors = reader.Merge(domainErrors);
        if (errors.IsValid && !Caller.From(User).CanEditPosition(reference.Regions, _enterprise.Id, position.RegionCode))
        {
            errors.Add("regionCode", "must lie inside your region");
        }
        if (!errors.IsValid)
        {
            View = Form(input, errors);
            return Page();
        }
        var created = await positions.CreateAsync(position with { Id = 0 }, time.GetUtcNow(), ct);
        return Redirect($"/positions/{created.Id}");
    }

    /// <summary>The API's rules: sign-in required, the enterprise must exist, then the right to post for it.</summary>
    private async Task<IActionResult?> Authorize(long? enterpriseId, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (enterpriseId is not { } id || await enterprises.FindAsync(id, ct) is not { } enterprise)
        {
            return NotFound();
        }
        if (!caller.CanEditPosition(reference.Regions, enterprise.Id, enterprise.RegionCode))
        {
            return Forbid();
        }
        _enterprise = enterprise;
        return null;
    }

    private PositionFormView Form(PositionInput input, ValidationErrors? errors) =>
        new(input, errors, _enterprise, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.RegionCode), $"/enterprises/{_enterprise.Id}");
}
