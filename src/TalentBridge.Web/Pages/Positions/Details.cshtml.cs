using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Pools;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Pages.Positions;

public sealed class DetailsModel(PositionStore positions, PositionWrites writes, TimeProvider time) : PageModel
{
    public Position Position { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool IsOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await positions.FindAsync(id, ct) is not { } position)
        {
            return NotFound();
        }
        Position = position;
        IsOpen = position.IsOpenOn(ChinaTime.Today(time));
        var caller = Caller.From(User);
        CanEdit = caller.IsSignedIn && (await writes.EditableAsync(caller, id, ct)).Status == WriteStatus.Ok;
        return Page();
    }
}
