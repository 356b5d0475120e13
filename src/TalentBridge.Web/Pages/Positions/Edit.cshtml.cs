using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class EditModel(PositionStore positions, EnterpriseStore enterprises, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public Position Existing { get; private set; } = null!;
    public PositionFormView View { get; private set; } = null!;
    private Enterprise _enterprise = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        View = Form(PositionInput.From(Existing), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, PositionInput input, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        var (parsed, reader) = input.Read(Existing.EnterpriseId);
        var (position, _, domainErrors) = await PoolsApi.Check(parsed, enterprises, reference, ct);
        var errors = reader.Merge(domainErrors);
        if (errors.IsValid && !Caller.From(User).CanEditPosition(reference.Regions, Existing.EnterpriseId, position.RegionCode))
        {
            errors.Add("regionCode", "must lie inside your region");
        }
        if (!errors.IsValid)
        {
            View = Form(input, errors);
            return Page();
        }
        var updated = await positions.UpdateAsync(position with { Id = id, CreatedAt = Existing.CreatedAt }, time.GetUtcNow(), ct);
        return updated is null ? NotFound() : Redirect($"/positions/{id}");
    }

    /// <summary>The API's rules: sign-in required, unknown id 404, then the edit right.</summary>
    private async Task<IActionResult?> Authorize(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await positions.FindAsync(id, ct) is not { } existing || await enterprises.FindAsync(existing.EnterpriseId, ct) is not { } enterprise)
        {
            return NotFound();
        }
        if (!caller.CanEditPosition(reference.Regions, existing.EnterpriseId, existing.RegionCode))
        {
            return Forbid();
        }
        Existing = existing;
        _enterprise = enterprise;
        return null;
    }

    private PositionFormView Form(PositionInput input, ValidationErrors? errors) =>
        new(input, errors, _enterprise, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.RegionCode), $"/positions/{Existing.Id}");
}
