using TalentBridge.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace TalentBridge.Web.Accounts;

/// <summary>
/// Checks a sign-in cookie against the account on every request: a deleted account, or one whose role,
/// enterprise, region or talent record changed, loses its session at once instead of acting on the
/// rights written into an eight-hour cookie. The cookie's session must also be open: signing out ends it
/// in the database, so a copy of the cookie stops working on every node.
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claimed = Caller.From(context.Principal!);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
        var session = context.Principal!.FindFirst(Caller.SessionClaim)?.Value;
        var account = claimed.AccountId is { } id && session is not null
            ? await accounts.FindForSessionAsync(id, session, context.HttpContext.RequestAborted)
            : null;
        var current = account is null ? null : Caller.From(Caller.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        if (current is null || current != claimed)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
