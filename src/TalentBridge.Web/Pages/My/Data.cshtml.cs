using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Privacy;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.My;

/// <summary>
/// 我的数据: everything held about the signed-in person as a readable page and as a JSON download (each audited as an
/// export), and the request to delete it (confirmed with the password; the account is signed out).
/// </summary>
public sealed class DataModel(PersonalData personalData) : PageModel
{
    public PersonalDataExport Export { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }

    [BindProperty] public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (await personalData.ExportAsync(Caller.From(User), "JSON download", ct) is not { } export)
        {
            return Challenge();
        }
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Row.Json), "application/json", "talentbridge-my-data.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var result = await personalData.DeleteAsync(Caller.From(User), Password, ct);
        if (result.Status == WriteStatus.Forbidden)
        {
            return Forbid();
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return await ShowAsync(ct);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/?deleted=1");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (await personalData.ExportAsync(Caller.From(User), "page view", ct) is not { } export)
        {
            return Challenge();
        }
        Response.Headers.CacheControl = "no-store";
        Export = export;
        return Page();
    }
}
