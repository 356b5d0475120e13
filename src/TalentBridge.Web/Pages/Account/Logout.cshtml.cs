using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Pages.Account;

/// <summary>Signing out ends the session in the database, so the cookie (or a copy of it) no longer works anywhere.</summary>
public sealed class LogoutModel(AccountStore accounts, TimeProvider time) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.FindFirst(Caller.SessionClaim)?.Value is { } session)
        {
            await accounts.EndSessionAsync(session, time.GetUtcNow(), ct);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
