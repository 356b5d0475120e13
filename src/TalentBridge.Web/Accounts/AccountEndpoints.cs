using Microsoft.AspNetCore.Localization;

namespace TalentBridge.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>The language switch: stores the culture cookie and goes back to the page (local URLs only).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (string? lang, string? returnUrl, HttpContext context) =>
        {
            var culture = string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? Localization.English : Localization.Chinese;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

    /// <summary>
    /// A path on this site: one leading slash, not "//" or "/\" (another host), and no control characters, which
    /// browsers drop ("/\t/evil" becomes "//evil") and the redirect would refuse with an error.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
