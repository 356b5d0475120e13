using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>The result of one import: its counts and every rejected or doubtful row with its reason, paged.</summary>
public sealed class RunModel(ImportRuns runs) : PageModel
{
    public const int PageSize = 50;

    public ImportRun Run { get; private set; } = null!;
    public Page<ImportIssueRow> IssuePage { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(long id, int? p, bool? rejected, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanImport)
        {
            return Forbid();
        }
        // A run outside the operator's region answers 404, like every out-of-scope read.
        if (await runs.FindAsync(caller, id, ct) is not { } run)
        {
            return NotFound();
        }
        Run = run;
        IssuePage = await runs.IssuesAsync(id, rejected, Math.Clamp(p ?? 1, 1, 100_000), PageSize, ct);
        return Page();
    }
}
