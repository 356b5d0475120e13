using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests.MultiNode;

/// <summary>
/// Two app instances behind nginx on one PostgreSQL, as production runs them: nothing that matters may live
/// in one process (sign-in cookies, form tokens, lockouts).
/// </summary>
public sealed partial class MultiNodeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AppProcess _first = null!;
    private AppProcess _second = null!;
    private NginxFront _front = null!;

    public async Task InitializeAsync()
    {
        if (TestDatabases.PostgresAdmin is null || !File.Exists("/usr/sbin/nginx"))
        {
            return; // each test skips (or fails on CI) with the reason
        }
        _database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        _first = AppProcess.Start(_database.Database.ConnectionString);
        await _first.WaitReadyAsync();
        _second = AppProcess.Start(_database.Database.ConnectionString);
        await _second.WaitReadyAsync();
        _front = await NginxFront.StartAsync(_first.Address, _second.Address);
    }

    public async Task DisposeAsync()
    {
        _front?.Dispose();
        _second?.Dispose();
        _first?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static void Require()
    {
        TestDatabases.RequireEngine(TestDatabases.Postgres);
        NginxFront.RequireNginx();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private static HttpClient Browser(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

    /// <summary>Signs in with the login form, reading it from <paramref name="formFrom"/> and posting it to <paramref name="postTo"/>.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, Uri formFrom, Uri postTo, string userName, string password)
    {
        var form = await browser.GetStringAsync(new Uri(formFrom, "/account/login"));
        var token = FormToken().Match(form).Groups[1].Value;
        Assert.NotEmpty(token);
        return await browser.PostAsync(new Uri(postTo, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/talents",
            ["__RequestVerificationToken"] = token,
        }));
    }

    [SkippableFact]
    public async Task A_form_from_one_node_is_accepted_by_the_other_and_its_sign_in_cookie_works_on_both_and_behind_nginx()
    {
        Require();
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);
        var signedIn = await SignInAsync(browser, _first.Address, _second.Address, "lishui.operator", "Operator#2026");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/talents", signedIn.Headers.Location?.OriginalString);

        foreach (var node in new[] { _first.Address, _second.Address, _front.Address, _front.Address, _front.Address, _front.Address })
        {
            var page = await browser.GetAsync(new Uri(node, "/talents"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("href=\"/audit\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal); // an operator's menu
        }
    }

    [SkippableFact]
    public async Task Five_wrong_passwords_spread_over_both_nodes_lock_the_account_on_both()
    {
        Require();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var client = (attempt % 2 == 0 ? _first : _second).Client();
            var response = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = "recruiter", password = "wrong-" + attempt, name = "t" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        foreach (var node in new[] { _first, _second })
        {
            using var client = node.Client();
            var response = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = "recruiter", password = "Recruiter#2026", name = "t" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
