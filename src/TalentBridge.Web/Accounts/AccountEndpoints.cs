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
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return TypedResults.LocalRedirect(target);
        }).ExcludeFromDescription();
}
