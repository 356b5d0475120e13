using System.Text.Json;
using Microsoft.Playwright;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// The real host (on SQLite unless another engine is given, with optional configuration values) and Debian's headless
/// Chromium (never a downloaded browser). Every page a test visits can be checked with axe-core: no serious or critical
/// violations.
/// </summary>
public sealed class BrowserSession(string engine = TestDatabases.Sqlite, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string AxeSource = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js"));

    private TestApp _app = null!;
    private IPlaywright _playwright = null!;

    public TestApp App => _app;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(engine, settings: settings);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        // BypassCSP lets the test inject axe-core; the application's own pages run under the CSP.
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.Address.ToString(), BypassCSP = true });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string userName, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await AssertAccessibleAsync(page);
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Runs axe-core and fails on serious or critical violations, listing them.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        await page.EvaluateAsync(AxeSource);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
            }
            """);
        var violations = JsonDocument.Parse(json).RootElement;
        Assert.True(violations.GetArrayLength() == 0, $"axe-core on {page.Url}: {json}");
    }
}

/// <summary>Reading pages: dashboard, language switch, filtered lists, detail pages.</summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private Task<IPage> NewPageAsync() => _session.NewPageAsync();

    private static Task AssertAccessibleAsync(IPage page) => BrowserSession.AssertAccessibleAsync(page);

    [Fact]
    public async Task The_dashboard_shows_lishui_in_chinese_and_switches_to_english()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("丽水市", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(9, await page.Locator("table.data tbody tr").CountAsync());
        Assert.Contains("青田县", await page.InnerTextAsync("table.data"), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.ClickAsync("a.lang");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Contains("Talent supply and demand", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await page.GotoAsync("/positions");
        Assert.Equal("Positions", await page.InnerTextAsync("h1"));
        await AssertAccessibleAsync(page);

        await page.ClickAsync("a.lang");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'zh-CN'");
        Assert.Equal("岗位库", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task An_operator_filters_talents_by_county_and_opens_a_detail_page()
    {
        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.GotoAsync("/talents");
        await AssertAccessibleAsync(page);
        var total = await page.InnerTextAsync("nav.pager span");

        // The filter form is a disclosure (opened by js/filters.js on wide screens).
        await page.EvaluateAsync("document.querySelector('details.filter-panel').open = true");
        await page.SelectOptionAsync("#region", "331121");
        // Wait for the navigation the click starts (set up before the click, so a fast answer cannot be missed).
        var filtered = page.WaitForURLAsync(url => url.Contains("region=331121", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await page.ClickAsync("form.filters button[type=submit]");
        await filtered;
        Assert.NotEqual(total, await page.InnerTextAsync("nav.pager span"));
        var regions = await page.Locator("table.data tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.Contains("青田县", r, StringComparison.Ordinal));
        await AssertAccessibleAsync(page);

        var first = page.Locator("table.data tbody tr td:first-child a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/talents/", StringComparison.Ordinal));
        Assert.Equal(name, await page.InnerTextAsync("h1"));
        Assert.Matches(@"1\d\d\*{4}\d{4}", await page.InnerTextAsync("dl.details"));
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Position_and_enterprise_pages_are_accessible_and_filterable()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/positions?region=331102&sort=-salaryMax");
        await AssertAccessibleAsync(page);
        var link = page.Locator("table.data tbody tr td:first-child a").First;
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/positions/", StringComparison.Ordinal));
        await AssertAccessibleAsync(page);
        await page.ClickAsync("dl.details a[href^='/enterprises/']");
        await page.WaitForURLAsync(url => url.Contains("/enterprises/", StringComparison.Ordinal));
        await AssertAccessibleAsync(page);
        await page.GotoAsync("/enterprises?industry=C");
        await AssertAccessibleAsync(page);
        await page.GotoAsync("/positions?q=nothing-matches-this");
        Assert.Equal(1, await page.Locator("p.empty").CountAsync());
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.GotoAsync("/talents");
        Assert.Equal("人才库", await page.InnerTextAsync("h1"));
        await page.ClickAsync("header form button[type=submit]");
        await page.WaitForSelectorAsync("header a[href^='/account/login']");
        await page.GotoAsync("/talents");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_moved_to_another_region_loses_the_old_session_at_once()
    {
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Platform.Accounts.Account>();
        var accounts = _session.App.Service<Platform.Accounts.AccountStore>();
        var id = await accounts.CreateAsync("moved.operator", "调动测试", hasher.HashPassword(null!, "Moved#2026"), Platform.Accounts.Role.Operator,
            null, "331121", null, DateTimeOffset.UtcNow, CancellationToken.None);
        var page = await _session.SignedInPageAsync("moved.operator", "Moved#2026");
        await page.GotoAsync("/talents");
        Assert.Equal("人才库", await page.InnerTextAsync("h1"));

        await using (var c = await _session.App.Service<Platform.Storage.Database>().OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE accounts SET region_code = '331102000000' WHERE id = @id", new { id });
        }
        await page.GotoAsync("/talents");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_creates_an_api_token_sees_it_once_and_revokes_it()
    {
        var page = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await page.ClickAsync("header a[href='/account/tokens']");
        await page.WaitForURLAsync(url => url.EndsWith("/account/tokens", StringComparison.Ordinal));
        Assert.Equal("API 令牌", await page.InnerTextAsync("h1"));
        await AssertAccessibleAsync(page);

        await page.FillAsync("#name", "浏览器测试");
        await page.ClickAsync("form button[type=submit]:has-text('创建令牌')");
        var token = await page.InnerTextAsync("code.token");
        Assert.StartsWith("tb_", token, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        using var api = TestApp.ClientFor(_session.App.Address, token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/v1/tokens")).StatusCode);

        await page.ClickAsync("button[aria-label='吊销令牌“浏览器测试”']");
        await page.WaitForSelectorAsync("td:has-text('已吊销')");
        Assert.Equal(0, await page.Locator("code.token").CountAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/tokens")).StatusCode);
    }
}
