using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Enterprises;

public sealed class NewModel(EnterpriseStore store, ReferenceData reference, Dashboard dashboard, TimeProvider time) : PageModel
{
    public EnterpriseFormView View { get; private set; } = null!;

    public IActionResult OnGet()
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanCreateEnterprise)
        {
            return Forbid();
        }
        View = Form(caller, new EnterpriseInput(), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EnterpriseInput input, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanCreateEnterprise)
        {
            return Forbid();
        }
        var (enterprise, errors) = input.Read(reference);
        if (errors.IsValid && !caller.InScope(reference.Regions, enterprise.RegionCode))
        {
            errors.Add("regionCode", "must lie inside your region");
        }
        if (errors.IsValid && await store.UsccTakenAsync(enterprise.Uscc, 0, ct))
        {
            errors.Add("uscc", "is already registered to another enterprise");
        }
        if (!errors.IsValid)
        {
            View = Form(caller, input, errors);
            return Page();
        }
        var created = await store.CreateAsync(enterprise, time.GetUtcNow(), ct);
        return Redirect($"/enterprises/{created.Id}");
    }

    private EnterpriseFormView Form(Caller caller, EnterpriseInput input, Domain.ValidationErrors? errors) =>
        new(input, errors, FormUi.RegionOptions(reference, caller.ScopeRegion ?? dashboard.HomeRegion, input.RegionCode), "/enterprises");
}
