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

    [SkippableFact]
    public async Task A_position_saved_through_one_node_is_found_at_once_through_the_other()
    {
        Require();
        using var writer = _first.Client(await _first.TokenAsync("recruiter", "Recruiter#2026"));
        var region = (await (await writer.GetAsync("/api/v1/enterprises/1")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("regionCode").GetString();
        var created = await writer.PostAsJsonAsync("/api/v1/positions", new
        {
            enterpriseId = 1, title = "多节点检索测试员", occupationCode = "4-10-01-05", regionCode = region, salaryMin = 5000, salaryMax = 6000,
            postedOn = "2026-11-01", expiresOn = "2026-12-31", engagementMode = "FullTime",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var reader = _second.Client();
        var found = await (await reader.GetAsync("/api/v1/positions?q=" + Uri.EscapeDataString("多节点检索"))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(1, found.GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task An_import_uploaded_through_one_node_is_run_by_a_node_and_followed_on_the_other()
    {
        Require();
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, _first.Address, _first.Address, "admin", "Admin#2026")).StatusCode);

        var form = await browser.GetStringAsync(new Uri(_first.Address, "/imports"));
        var csv = "职位ID,职位名称,公司名称,统一社会信用代码,工作地点,薪资,学历,经验,招聘人数,职位描述,发布日期\n" +
            string.Concat(Enumerable.Range(1, 50).Select(i => $"N{i},数控车工{i},缙云县多节点测试{i}有限公司,,丽水缙云,6000-9000元/月,中专,3年以上,招3人,操作数控车床,2026-11-01\n"));
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("multi-node"), "Source" },
            { new StringContent(Pages.Aggregation.IndexModel.ProfileTemplate), "Profile" },
            { new StringContent(FormToken().Match(form).Groups[1].Value), "__RequestVerificationToken" },
        };
        upload.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "Upload", "multi.csv");
        var posted = await browser.PostAsync(new Uri(_first.Address, "/imports"), upload);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var runPage = posted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/imports/\d+$", runPage);

        // The second node shows the run from the database, and its report once a node has run it.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        string page;
        do
        {
            await Task.Delay(250);
            page = await browser.GetStringAsync(new Uri(_second.Address, runPage));
        }
        while (page.Contains("<progress", StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("<progress", page, StringComparison.Ordinal);
        Assert.Contains("<strong>50</strong>", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Messages_posted_on_either_node_reach_a_conversation_stream_served_through_nginx()
    {
        Require();
        using var writer = _first.Client(await _first.TokenAsync("recruiter", "Recruiter#2026"));
        var region = (await (await writer.GetAsync("/api/v1/enterprises/1")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("regionCode").GetString();
        var today = Domain.ChinaTime.Today(TimeProvider.System);
        var position = await (await writer.PostAsJsonAsync("/api/v1/positions", new
        {
            enterpriseId = 1, title = "多节点沟通测试员", occupationCode = "4-10-01-05", regionCode = region, salaryMin = 5000, salaryMax = 6000,
            postedOn = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            expiresOn = today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), engagementMode = "FullTime",
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var positionId = position.GetProperty("id").GetInt64();

        // The talent applies through one node and follows the conversation through nginx (either node answers).
        var talentCookies = new CookieContainer();
        using var talent = Browser(talentCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(talent, _front.Address, _front.Address, "talent", "Talent#2026")).StatusCode);
        var positionPage = await talent.GetStringAsync(new Uri(_second.Address, $"/positions/{positionId}"));
        var applied = await talent.PostAsync(new Uri(_second.Address, $"/positions/{positionId}?handler=Apply"), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = FormToken().Match(positionPage).Groups[1].Value }));
        var applicationPath = applied.Headers.Location!.OriginalString.Split('?')[0];
        Assert.StartsWith("/applications/", applicationPath, StringComparison.Ordinal);
        var stream = ConversationTests.ReadStreamAsync(talent, new Uri(_front.Address, applicationPath + "/messages/stream?after=0").ToString(),
            got => got.Count >= 2, TimeSpan.FromSeconds(30));

        // The recruiter writes once through each node.
        var recruiterCookies = new CookieContainer();
        using var recruiter = Browser(recruiterCookies);
        await SignInAsync(recruiter, _first.Address, _first.Address, "recruiter", "Recruiter#2026");
        foreach (var (node, text) in new[] { (_first.Address, "经节点一发出"), (_second.Address, "经节点二发出") })
        {
            var page = await recruiter.GetStringAsync(new Uri(node, applicationPath));
            using var form = new MultipartFormDataContent
            {
                { new StringContent(FormToken().Match(page).Groups[1].Value), "__RequestVerificationToken" }, { new StringContent(text), "body" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, applicationPath + "?handler=Message")) { Content = form };
            request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
            Assert.Equal(HttpStatusCode.Created, (await recruiter.SendAsync(request)).StatusCode);
        }
        Assert.Equal(["经节点一发出", "经节点二发出"], (await stream).Select(e => e.GetProperty("body").GetString()));
    }
}
