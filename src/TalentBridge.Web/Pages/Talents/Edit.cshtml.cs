using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Talents;

public sealed class EditModel(TalentStore store, AccountStore accounts, ContactProtector protector, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public Talent Existing { get; private set; } = null!;
    public TalentFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        var caller = Caller.From(User);
        if (caller.TalentId != id)
        {
            // Opening someone's record (with its masked contact data) for editing is logged like a view.
            await accounts.AuditAsync(caller.AccountId, "view", "talent", id, "page: talent edit", time.GetUtcNow(), ct);
        }
        View = Form(TalentInput.From(Existing), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, TalentInput input, CancellationToken ct)
    {
        if (await Authorize(id, ct) is { } denied)
        {
            return denied;
        }
        var caller = Caller.From(User);
        var now = time.GetUtcNow();
        var (draft, errors) = input.Read(reference, now.Year, isNew: false);
        if (errors.IsValid && caller.TalentId != id && !caller.InScope(reference.Regions, draft.ResidenceRegionCode))
        {
            errors.Add("residenceRegionCode", "must lie inside your region");
        }
        if (errors.IsValid && draft.Phone is not null && (await store.FindByContactHashAsync(protector.Hash(draft.Phone), ct)).Any(other => other != id))
        {
            errors.Add("phone", "is already registered to another talent");
        }
        if (!errors.IsValid)
        {
            View = Form(input, errors);
            return Page();
        }
        var updated = await store.UpdateAsync(draft.ToTalent(protector, now, Existing), ct);
        return updated is null ? NotFound() : Redirect($"/talents/{id}");
    }

    /// <summary>The API's rules: sign-in required; a record the caller may not see is 404; then the edit right.</summary>
    private async Task<IActionResult?> Authorize(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        var existing = await store.FindAsync(id, ct);
        if (existing is null || !caller.CanSeeTalent(reference.Regions, id, existing.ResidenceRegionCode, existing.Visibility))
        {
            return NotFound();
        }
        if (!caller.CanEditTalent(reference.Regions, id, existing.ResidenceRegionCode))
        {
            return Forbid();
        }
        Existing = existing;
        return null;
    }

    private TalentFormView Form(TalentInput input, ValidationErrors? errors) =>
        new(input, errors, Existing, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.ResidenceRegionCode), $"/talents/{Existing.Id}");
}
