using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;

namespace TalentBridge.Web.Pages.Services;

/// <summary>
/// /enterprises/{id}/policies: the policies in force in a year for an enterprise (its users, operators of its region,
/// administrators): those it qualifies for with the facts that prove each condition and the amount, those it nearly
/// qualifies for with what is missing, then the rest.
/// </summary>
public sealed class PoliciesModel(PolicyMatching matching) : PageModel
{
    [FromQuery(Name = "year")] public string? Year { get; set; }

    public PolicyMatch Match { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var reader = new FormReader();
        var year = reader.OptionalInt(Year, "year");
        var result = await matching.ForEnterpriseAsync(Caller.From(User), id, reader.Errors.IsValid ? year : null, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (!result.Errors.IsValid || !reader.Errors.IsValid)
        {
            Errors = reader.Errors.AddMissing(result.Errors);
            result = await matching.ForEnterpriseAsync(Caller.From(User), id, null, ct);
        }
        Match = result.Value!;
        return Page();
    }
}
