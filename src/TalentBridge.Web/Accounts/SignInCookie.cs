using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Accounts;

/// <summary>Issuing the sign-in cookie for an account and its session.</summary>
public static class SignInCookie
{
    public static Task IssueAsync(HttpContext context, Platform.Accounts.Account account, string sessionId) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Caller.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme, sessionId));

    /// <summary>The cookie again, with the account as stored now and the same session (after its rights changed).</summary>
    public static async Task RefreshAsync(HttpContext context, AccountStore accounts, CancellationToken ct)
    {
        var session = context.User.FindFirst(Caller.SessionClaim)?.Value;
        if (Caller.From(context.User).AccountId is { } id && session is not null && await accounts.FindAsync(id, ct) is { } account)
        {
            await IssueAsync(context, account, session);
        }
    }
}
