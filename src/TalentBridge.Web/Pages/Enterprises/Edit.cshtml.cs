using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Enterprises;

public sealed class EditModel(EnterpriseStore store, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public Enterprise Existing { get; private set; } = null!;
    public EnterpriseFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        View = Form(EnterpriseInput.From(Existing), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, EnterpriseInput input, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        var (enterprise, errors) = input.Read(reference);
        if (errors.IsValid && !Caller.From(User).InScope(reference.Regions, enterprise.RegionCode))
        {
            errors.Add("regionCode", "must lie inside your region");
        }
        if (errors.IsValid && await store.UsccTakenAsync(enterprise.Uscc, id, ct))
        {
            errors.Add("uscc", "is already registered to another enterprise");
        }
        if (!errors.IsValid)
        {
            View = Form(input, errors);
            return Page();
        }
        var updated = await store.UpdateAsync(enterprise with { Id = id, CreatedAt = Existing.CreatedAt }, time.GetUtcNow(), ct);
        return updated is null ? NotFound() : Redirect($"/enterprises/{id}");
    }

    /// <summary>The API's rules: sign-in required, unknown id 404, then the edit right.</summary>
    private async Task<IActionResult?> Authorize(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await store.FindAsync(id, ct) is not { } existing)
        {
            return NotFound();
        }
        if (!caller.CanEditEnterprise(reference.Regions, id, existing.RegionCode))
        {
            return Forbid();
        }
        Existing = existing;
        return null;
    }

    private EnterpriseFormView Form(EnterpriseInput input, ValidationErrors? errors) =>
        new(input, errors, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.RegionCode), $"/enterprises/{Existing.Id}");
}
