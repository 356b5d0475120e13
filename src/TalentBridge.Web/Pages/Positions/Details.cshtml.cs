using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Pools;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class DetailsModel(PositionStore positions) : PageModel
{
    public Position Position { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await positions.FindAsync(id, ct) is not { } position)
        {
            return NotFound();
        }
        Position = position;
        return Page();
    }
}
