using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Only failed sign-in posts count against a client address (in the database, for every node); page views,
/// redirects to the login page and successful sign-ins do not. A throttled address gets the login page in
/// Chinese with 429 and Retry-After; other addresses are not affected.
/// </summary>
public sealed partial class SignInThrottleTests
{
    private const int Limit = 3;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Page_views_and_successful_sign_ins_do_not_count_failed_posts_do(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, failedSignInsPerAddress: Limit);
        using var client = Browser(app);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/talents")).StatusCode);
        }
        for (var i = 0; i < Limit + 2; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "lishui.operator", "Operator#2026")).StatusCode);
        }

        for (var i = 0; i < Limit; i++)
        {
            var wrong = await SignInAsync(client, $"nobody{i}", "wrong");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The address has used its failures: even the right password waits, on a Chinese page that says how long.
        var throttled = await SignInAsync(client, "lishui.operator", "Operator#2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
        var page = await throttled.Content.ReadAsStringAsync();
        Assert.Contains("登录失败次数过多，请 15 分钟后再试", page, StringComparison.Ordinal);
        Assert.Contains("name=\"UserName\"", page, StringComparison.Ordinal);

        // The API answers the same address with a ProblemDetails and Retry-After.
        using var api = app.Client();
        var token = await api.PostAsJsonAsync("/api/v1/tokens", new { userName = "admin", password = "Admin#2026", name = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.NotNull(token.Headers.RetryAfter?.Delta);

        // Another client behind the trusted proxy (X-Forwarded-For from loopback) is not affected.
        using var other = Browser(app);
        other.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(other, "lishui.operator", "Operator#2026")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_concurrent_burst_of_wrong_guesses_gets_no_more_checks_than_the_limit(string engine)
    {
        await using var app = await TestApp.StartAsync(engine, failedSignInsPerAddress: Limit);
        using var api = app.Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            api.PostAsJsonAsync("/api/v1/tokens", new { userName = $"guess{i}", password = "wrong", name = "x" })));
        Assert.Equal(Limit, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(12 - Limit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    private static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value,
        }));
    }
}
