using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Enterprises;

public sealed class DetailsModel(EnterpriseStore enterprises, PositionStore positions) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public Page<Position> Positions { get; private set; } = new([], 0, 1, 20);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await enterprises.FindAsync(id, ct) is not { } enterprise)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        Positions = await positions.ListAsync(new ListQuery { EnterpriseId = id, PageSize = 50 }, null, ct);
        return Page();
    }
}
