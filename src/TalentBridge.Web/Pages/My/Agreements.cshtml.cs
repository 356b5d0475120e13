using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.My;

/// <summary>我的协议: the signed-in talent's signed agreements, newest first.</summary>
public sealed class AgreementsModel(Agreements agreements) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    public Page<Agreement> Items { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is not { } talentId)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        Items = await agreements.ForTalentAsync(talentId, PageNumber ?? 1, PageSize, ct);
        return Page();
    }
}
