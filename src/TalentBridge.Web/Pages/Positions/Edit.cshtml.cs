using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Positions;

/// <summary>/positions/new?enterpriseId=N and /positions/{id}/edit.</summary>
public sealed class EditModel(PositionWrites writes, ReferenceData reference, Dashboard dashboard, TimeProvider time, Ui ui, OccupationNames occupations) : PageModel
{
    public Position? Existing { get; private set; }
    public PositionFormView View { get; private set; } = null!;
    private Enterprise _enterprise = null!;

    public async Task<IActionResult> OnGetAsync(long? id, long? enterpriseId, CancellationToken ct)
    {
        if (await LoadAsync(id, enterpriseId, ct) is { } refused)
        {
            return refused;
        }
        View = Form(Existing is null
            ? PositionInput.ForNew(_enterprise, ChinaTime.Today(time))
            : PositionInput.From(Existing, reference), null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, long? enterpriseId, PositionInput input, CancellationToken ct)
    {
        if (await LoadAsync(id, enterpriseId, ct) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        var (position, parseErrors) = input.Read(_enterprise.Id);
        position = position with { OccupationCode = new OccupationField(occupations, ui).Resolve(position.OccupationCode, "occupationCode", parseErrors) };
        var result = Existing is null
            ? await writes.CreateAsync(caller, position, parseErrors, ct)
            : await writes.UpdateAsync(caller, Existing.Id, FormReader.Version(input.Version), position, parseErrors, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Conflict)
        {
            var stored = PositionInput.From(result.Value!, reference);
            var errors = FormConflict.Describe(input, stored, ui);
            input.Version = stored.Version;
            View = Form(input, errors);
            return Page();
        }
        if (result.Status == WriteStatus.Invalid)
        {
            View = Form(input, result.Errors);
            return Page();
        }
        return Redirect($"/positions/{result.Value!.Id}");
    }

    /// <summary>The position being edited, or the enterprise a new one is posted for.</summary>
    private async Task<IActionResult?> LoadAsync(long? id, long? enterpriseId, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (id is { } existingId)
        {
            var editable = await writes.EditableAsync(caller, existingId, ct);
            if (this.Refusal(editable) is { } refused)
            {
                return refused;
            }
            Existing = editable.Value!;
            enterpriseId = Existing.EnterpriseId;
        }
        // On an edit EditableAsync has already required the same right over the enterprise.
        var enterprise = await writes.PostingForAsync(caller, enterpriseId ?? 0, ct);
        if (this.Refusal(enterprise) is { } denied)
        {
            return denied;
        }
        _enterprise = enterprise.Value!;
        return null;
    }

    private PositionFormView Form(PositionInput input, ValidationErrors? errors) =>
        new(input, errors, _enterprise, FormUi.RegionOptions(reference, Caller.From(User).ScopeRegion ?? dashboard.HomeRegion, input.RegionCode),
            Existing is null ? $"/enterprises/{_enterprise.Id}" : $"/positions/{Existing.Id}");
}
