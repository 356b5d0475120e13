using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>
/// The signed agreement of an application (一键签约), printable (the page's print style leaves only the agreement) and
/// downloadable as JSON with its content hash; both sides and operators of its region see it, the download is audited.
/// The same people may terminate it (解约) with a reason.
/// </summary>
public sealed class AgreementModel(Agreements agreements) : PageModel
{
    public Agreement Item { get; private set; } = null!;

    [BindProperty] public string? Reason { get; set; }

    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await agreements.FindAsync(caller, id, ct) is not { } agreement)
        {
            return NotFound();
        }
        Item = agreement;
        return Page();
    }

    /// <summary>解约: terminates the agreement with the reason given; the page then shows it terminated.</summary>
    public async Task<IActionResult> OnPostTerminateAsync(long id, CancellationToken ct)
    {
        var result = await agreements.TerminateAsync(Caller.From(User), id, Reason, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/agreements/{id}");
        }
        Errors = PageRefusals.Problems(result);
        return await OnGetAsync(id, ct);
    }

    /// <summary>The agreement as a JSON file: the terms, both confirmations and the hash anyone can recompute.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await agreements.FindAsync(caller, id, ct) is not { } agreement)
        {
            return NotFound();
        }
        await agreements.AuditDownloadAsync(caller, agreement, ct);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(agreement, Row.Json), "application/json", $"agreement-{agreement.ApplicationId}.json");
    }
}
