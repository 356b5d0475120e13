using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Talents;

public sealed class DetailsModel(TalentStore store, AccountStore accounts, ReferenceData reference, TimeProvider time) : PageModel
{
    public Talent Talent { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        var talent = await store.FindAsync(id, ct);
        if (talent is null || !caller.CanSeeTalent(reference.Regions, talent.Id, talent.ResidenceRegionCode, talent.Visibility))
        {
            return NotFound();
        }
        if (caller.TalentId != id)
        {
            // Every view of a person's record (with its masked contact data) by someone else is logged.
            await accounts.AuditAsync(caller.AccountId, "view", "talent", id, "page: talent detail", time.GetUtcNow(), ct);
        }
        Talent = talent;
        return Page();
    }
}
