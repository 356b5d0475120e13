using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Pools;

namespace TalentBridge.Web.Pages.Talents;

public sealed class DetailsModel(TalentWrites talents) : PageModel
{
    public Talent Talent { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await talents.ViewAsync(Caller.From(User), id, "page: talent detail", ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        Talent = result.Value!;
        return Page();
    }
}
