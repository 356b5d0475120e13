using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Talents;

public sealed class NewModel(TalentStore store, ContactProtector protector, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public TalentFormView View { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (Authorize() is { } denied)
        {
            return denied;
        }
        View = Form(TalentInput.ForNew(), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(TalentInput input, CancellationToken ct)
    {
        if (Authorize() is { } denied)
        {
            return denied;
        }
        var now = time.GetUtcNow();
        var (draft, errors) = input.Read(reference, now.Year, isNew: true);
        if (errors.IsValid && !Caller.From(User).InScope(reference.Regions, draft.ResidenceRegionCode))
        {
            errors.Add("residenceRegionCode", "must lie inside your region");
        }
        if (errors.IsValid && (await store.FindByContactHashAsync(protector.Hash(draft.Phone!), ct)).Count > 0)
        {
            errors.Add("phone", "is already registered to another talent");
        }
        if (!errors.IsValid)
        {
            View = Form(input, errors);
            return Page();
        }
        var created = await store.CreateAsync(draft.ToTalent(protector, now), ct);
        return Redirect($"/talents/{created.Id}");
    }

    private IActionResult? Authorize()
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        return caller.CanCreateTalent ? null : Forbid();
    }

    private TalentFormView Form(TalentInput input, ValidationErrors? errors) =>
        new(input, errors, null, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.ResidenceRegionCode), "/talents");
}
