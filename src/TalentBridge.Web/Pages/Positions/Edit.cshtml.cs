using TalentBridge.Platform.Overview;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Positions;

/// <summary>
/// /positions/new?enterpriseId=N, /positions/new?enterpriseId=N&amp;fromCluster=C (publishing a duplicate cluster) and
/// /positions/{id}/edit.
/// </summary>
public sealed class EditModel(PositionWrites writes, ClusterPublishing publishing, ReferenceData reference, Dashboard dashboard, TimeProvider time, Ui ui,
    OccupationNames occupations) : PageModel
{
    public Position? Existing { get; private set; }
    public PositionFormView View { get; private set; } = null!;
    private Enterprise _enterprise = null!;
    private PublishDraft? _draft;

    public async Task<IActionResult> OnGetAsync(long? id, long? enterpriseId, long? fromCluster, CancellationToken ct)
    {
        if (await LoadAsync(id, enterpriseId, fromCluster, ct) is { } refused)
        {
            return refused;
        }
        var today = ChinaTime.Today(time);
        View = Form(Existing is not null ? PositionInput.From(Existing, reference)
            : _draft is not null ? PositionInput.ForCluster(_enterprise, _draft, reference, today)
            : PositionInput.ForNew(_enterprise, today),
            _draft is null ? null : PositionWrites.PublishErrors(_draft, new ValidationErrors()) is { IsValid: false } taken ? taken : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, long? enterpriseId, long? fromCluster, PositionInput input, CancellationToken ct)
    {
        if (await LoadAsync(id, enterpriseId, fromCluster, ct) is { } refused)
        {
            return refused;
        }
        var caller = Caller.From(User);
        var (position, parseErrors) = input.Read(_enterprise.Id);
        position = position with { OccupationCode = new OccupationField(occupations, ui).Resolve(position.OccupationCode, "occupationCode", parseErrors) };
        var result = Existing is null
            ? await writes.CreateAsync(caller, position, parseErrors, ct, _draft?.ClusterId)
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

    /// <summary>The position being edited, or the enterprise a new one is posted for and the cluster it is published from.</summary>
    private async Task<IActionResult?> LoadAsync(long? id, long? enterpriseId, long? fromCluster, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (id is null && fromCluster is { } clusterId)
        {
            if (!caller.IsSignedIn)
            {
                return Challenge();
            }
            _draft = await publishing.DraftAsync(caller, clusterId, ct);
            if (_draft is null)
            {
                return caller.CanImport ? NotFound() : Forbid();
            }
        }
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
            Existing is not null ? $"/positions/{Existing.Id}" : _draft is not null ? $"/imports/clusters/{_draft.ClusterId}" : $"/enterprises/{_enterprise.Id}",
            _draft?.ClusterId);
}
