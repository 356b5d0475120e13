using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Enterprises;

/// <summary>/enterprises/new (no id) and /enterprises/{id}/edit.</summary>
public sealed class EditModel(EnterpriseWrites writes, ReferenceData reference, Dashboard dashboard, Ui ui) : PageModel
{
    public Enterprise? Existing { get; private set; }
    public EnterpriseFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (id is { } existingId)
        {
            var editable = await writes.EditableAsync(caller, existingId, ct);
            if (this.Refusal(editable) is { } refused)
            {
                return refused;
            }
            Existing = editable.Value;
        }
        else if (!caller.CanCreateEnterprise)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        View = Form(Existing is null ? new EnterpriseInput() : EnterpriseInput.From(Existing), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, EnterpriseInput input, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (enterprise, parseErrors) = input.Read();
        var result = id is { } existingId
            ? await writes.UpdateAsync(caller, existingId, FormReader.Version(input.Version), enterprise, parseErrors, ct)
            : await writes.CreateAsync(caller, enterprise, parseErrors, ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        if (result.Status == WriteStatus.Conflict)
        {
            var stored = EnterpriseInput.From(result.Value!);
            var errors = FormConflict.Describe(input, stored, ui);
            input.Version = stored.Version;
            Existing = result.Value;
            View = Form(input, errors);
            return Page();
        }
        if (result.Status == WriteStatus.Invalid)
        {
            Existing = id is { } i ? (await writes.EditableAsync(caller, i, ct)).Value : null;
            View = Form(input, result.Errors);
            return Page();
        }
        return Redirect($"/enterprises/{result.Value!.Id}");
    }

    private EnterpriseFormView Form(EnterpriseInput input, ValidationErrors? errors) =>
        new(input, errors, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.RegionCode),
            Existing is null ? "/enterprises" : $"/enterprises/{Existing.Id}", Caller.From(User).CanClassifyEnterprise);
}
