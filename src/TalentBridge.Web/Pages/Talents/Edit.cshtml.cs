using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Pages.Talents;

/// <summary>/talents/new and /talents/{id}/edit.</summary>
public sealed class EditModel(TalentWrites writes, AccountStore accounts, ReferenceData reference, Dashboard dashboard, Ui ui, OccupationNames occupations) : PageModel
{
    public Talent? Existing { get; private set; }
    public TalentFormView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (id is { } existingId)
        {
            // Opening someone's record for editing is audited like a view.
            var editable = await writes.EditableAsync(caller, existingId, "page: talent edit", ct);
            if (this.Refusal(editable) is { } refused)
            {
                return refused;
            }
            Existing = editable.Value;
        }
        else if (!caller.CanCreateTalent && !caller.CreatesOwnTalent)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        View = Form(Existing is null ? TalentInput.ForNew() : TalentInput.From(Existing, reference), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, TalentInput input, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (draft, parseErrors) = input.Read();
        var field = new OccupationField(occupations, ui);
        draft = draft with { Occupations = draft.Occupations.Select(o => o with { Code = field.Resolve(o.Code, "occupations", parseErrors) }).ToList() };
        var result = id is { } existingId
            ? await writes.UpdateAsync(caller, existingId, FormReader.Version(input.Version), draft, parseErrors, ct)
            : await writes.CreateAsync(caller, draft, parseErrors, ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        if (result.Status == WriteStatus.Conflict)
        {
            var stored = TalentInput.From(result.Value!, reference);
            var errors = FormConflict.Describe(input, stored, ui);
            input.Version = stored.Version;
            Existing = result.Value;
            View = Form(input, errors);
            return Page();
        }
        if (result.Status == WriteStatus.Invalid)
        {
            // The form shown again holds the masked contact data: someone else seeing it is audited like opening the form.
            Existing = id is { } i ? (await writes.EditableAsync(caller, i, "page: talent edit, form returned with errors", ct)).Value : null;
            View = Form(input, result.Errors);
            return Page();
        }
        if (id is null && caller.CreatesOwnTalent)
        {
            // The account now has its record: the cookie is issued again with it (the session check refuses a stale one).
            await SignInCookie.RefreshAsync(HttpContext, accounts, ct);
            return Redirect($"/talents/{result.Value!.Id}?done=created");
        }
        return Redirect($"/talents/{result.Value!.Id}");
    }

    private TalentFormView Form(TalentInput input, ValidationErrors? errors) =>
        new(input, errors, Existing, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.ResidenceRegionCode),
            Existing is null ? "/talents" : $"/talents/{Existing.Id}");
}
