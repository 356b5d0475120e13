using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>A running import: a progress bar that refreshes itself until the import ends, then its report.</summary>
public sealed class JobModel(ImportJobs jobs) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(Guid id)
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
        if (jobs.Find(id) is not { } job)
        {
            return NotFound();
        }
        if (job.Report is not null)
        {
            return Redirect($"/imports/{job.Report.RunId}");
        }
        Job = job;
        return Page();
    }
}
