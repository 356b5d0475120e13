using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Services;

/// <summary>
/// /services/policies (operators and administrators): the policies in force with their version and owner, and an
/// editor that publishes a new version of a policy's JSON document (or creates one) with a note; errors are listed by
/// JSON path. <c>?key=</c> opens a policy with its versions.
/// </summary>
public sealed class PolicyAdminModel(PolicyDocuments policies) : PageModel
{
    [FromQuery(Name = "key")] public string? Key { get; set; }

    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public string? Note { get; set; }

    public IReadOnlyList<StoredPolicy> Current { get; private set; } = [];
    public IReadOnlyList<StoredPolicy> Versions { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public bool CanEdit { get; private set; }
    public bool Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool published, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        Published = published;
        Definition = Versions.Count > 0 ? Versions[0].Definition : Template;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = await policies.PublishAsync(Caller.From(User), string.IsNullOrWhiteSpace(Key) ? null : Key, Definition, Note, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return Page();
        }
        return Redirect($"/services/policies?key={Uri.EscapeDataString(result.Value!.Key)}&published=true");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return Forbid();
        }
        Current = await policies.CurrentAsync(ct);
        if (!string.IsNullOrWhiteSpace(Key))
        {
            Versions = await policies.VersionsAsync(Key, ct);
            if (Versions.Count == 0)
            {
                return NotFound();
            }
        }
        CanEdit = Versions.Count == 0 || PolicyDocuments.CanManage(caller, Versions[0].OwnerRegion);
        return null;
    }

    /// <summary>A new policy's starting document: every field the parser needs, to be filled in.</summary>
    public const string Template = """
        {
          "key": "newPolicy",
          "nameZh": "",
          "nameEn": "",
          "kind": "subsidy",
          "source": { "document": "", "confirmed": false, "note": "" },
          "effectiveFrom": "2026-01-01",
          "eligibility": [
            { "key": "smeSize", "textZh": "中小微企业", "textEn": "SME", "fact": "sizeClass", "atMost": 3 }
          ]
        }
        """;
}
