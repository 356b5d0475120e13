using System.Net;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests;

/// <summary>Sign-in sessions live in the database: signing out ends the cookie, also a copy of it.</summary>
public sealed partial class SessionTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task After_signing_out_a_copy_of_the_old_cookie_no_longer_signs_anyone_in(string engine)
    {
        var app = await apps.For(engine);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var form = await browser.GetStringAsync("/account/login");
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "lishui.operator",
            ["Password"] = "Operator#2026",
            ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var stolen = cookies.GetCookieHeader(app.Address);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/talents")).StatusCode);

        var page = await browser.GetStringAsync("/talents");
        var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormToken().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // Someone who copied the cookie before the sign-out is sent to the login page.
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var request = new HttpRequestMessage(HttpMethod.Get, "/talents");
        request.Headers.Add("Cookie", stolen);
        var replay = await thief.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/account/login", replay.Headers.Location?.PathAndQuery ?? replay.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
