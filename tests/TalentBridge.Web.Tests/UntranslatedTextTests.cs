using System.Net;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests;

/// <summary>The Chinese UI shows no English words: every page, as the administrator (who sees every page), in Chinese.</summary>
public sealed partial class UntranslatedTextTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly string[] Pages =
    [
        "/", "/positions", "/positions/1", "/positions/1/edit", "/positions/new?enterpriseId=1", "/enterprises", "/enterprises/1",
        "/enterprises/1/edit", "/talents", "/talents/1", "/talents/1/edit", "/talents/new", "/imports", "/imports/postings",
        "/imports/clusters", "/audit", "/account/tokens", "/no-such-page", "/me", "/me/notifications", "/me/data", "/messages", "/privacy",
        "/shared/orders", "/shared/orders/1", "/shared/dashboard", "/shared/orders?overdue=true&sort=dueAt",
        "/shared", "/shared/experts/1", "/shared/experts/2", "/shared/admissions", "/shared/admin",
        "/analytics/map", "/analytics/map?region=3311&metric=wage", "/analytics/map?region=331121", "/analytics/outlines",
        "/analytics/shortage", "/analytics/wages", "/analytics/shortage?period=2026-Q1&level=3", "/catalogues", "/catalogues/method",
        "/analytics/warnings", "/analytics/warnings/settings", "/analytics/forecast", "/analytics/forecast?level=city&measure=open&sort=smape",
        "/analytics/supply-demand", "/analytics/supply-demand?level=4&region=331102&digital=true", "/analytics/supply-demand?from=2026-13",
        "/enterprises/1/assessment", "/enterprises/1/policies", "/enterprises/1/policies?year=2025", "/services/policies",
        "/services/policies?key=absorbEmploymentSubsidy", "/services/qualified", "/services/qualified?year=2025&policy=absorbEmploymentSubsidy",
        "/analytics/tiers", "/analytics/tiers?region=331121",
        "/training", "/training?subsidised=true&sort=-cost&level=Intermediate", "/training?level=Wizard", "/training/demand", "/training/demand?period=2026-Q9",
        "/training/enrolments", "/training/enrolments?status=Completed", "/training/programmes/edit", "/training/programmes/edit/1",
        "/challenges", "/challenges?state=Awarded&sort=-budget", "/challenges/new", "/challenges/1", "/challenges/2", "/challenges/contracts/1",
        "/technology-managers",
        "/analytics/indices", "/analytics/indices/tree", "/analytics/indices/tree?key=b11-city-talent-retention",
        "/analytics/indices/tree?key=b12-international-talent-service", "/analytics/indices/tree?key=platform-talent-flow",
        "/analytics/indices/run?key=b11-city-talent-retention", "/analytics/indices/run?key=platform-talent-flow",
        "/title-reviews", "/title-reviews?state=Voting&sort=state", "/title-reviews/1", "/title-reviews/2", "/title-reviews/3", "/title-reviews/4",
        "/title-reviews/5", "/title-reviews/new", "/title-reviews/experts", "/talents/1/recognitions", "/verify", "/verify/AAAA-BBBB",
        "/competitions", "/competitions?state=Published&level=City&sort=name", "/competitions?level=Galactic&year=x", "/competitions/1",
        "/competitions/1/manage", "/competitions/1/results", "/competitions/1/judge", "/competitions/edit", "/competitions/edit/1", "/competitions/1/tracks/1",
    ];

    /// <summary>The pages of the other roles (the public's, a talent's, an enterprise user's), each as that role.</summary>
    private static readonly (string? User, string? Password, string[] Paths)[] RolePages =
    [
        (null, null, ["/account/login", "/account/register", "/account/forgot", "/privacy", "/catalogues", "/catalogues/method", "/challenges", "/challenges/3",
            "/verify", "/verify/AAAA-BBBB"]),
        ("talent", "Talent#2026", ["/me", "/me/applications", "/me/agreements", "/me/data", "/me/notifications", "/messages", "/me/proposals", "/me/expert", "/shared",
            "/me/training", "/training", "/challenges/1", "/challenges/3", "/challenges/contracts/1",
            "/title-reviews", "/title-reviews/1", "/title-reviews/new", "/talents/1/recognitions",
            "/me/competitions", "/competitions", "/competitions/1", "/competitions/1/enter"]),
        ("reviewer", "Reviewer#2026", ["/title-reviews", "/title-reviews/1", "/title-reviews/2"]),
        ("qingtian.operator", "Operator#2026", ["/shared/admissions", "/shared/admin", "/analytics/map", "/analytics/outlines", "/analytics/shortage", "/analytics/wages",
            "/analytics/warnings", "/analytics/warnings/settings", "/analytics/forecast", "/services/policies", "/services/qualified", "/training/demand",
            "/training/enrolments", "/analytics/tiers", "/analytics/indices", "/analytics/indices/run?key=b12-international-talent-service",
            "/title-reviews", "/title-reviews/experts", "/competitions/1/judge"]),
        ("recruiter", "Recruiter#2026", ["/me", "/me/candidates", "/messages", "/shared/orders", "/shared/orders/new", "/enterprises/1", "/enterprises/1/assessment",
            "/enterprises/1/policies", "/challenges/1", "/challenges/2", "/challenges/contracts/1", "/title-reviews", "/title-reviews/1"]),
    ];

    /// <summary>Words that are Chinese UI too: names of formats, standards and skills that are written in Latin letters.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "API", "JSON", "Lines", "CSV", "Excel", "xlsx", "jsonl", "JPEG", "Bearer", "Authorization", "English", "Java", "MySQL", "Redis", "Python",
        "Linux", "Office", "HRBP", "AutoCAD", "SolidWorks", "Word", "PLC", "CAD", "CNC", "HTML", "SQL", "Spring", "Vue", "React", "Android", "iOS", "Photoshop", "Excel",
        // The login page points to the demo accounts listed in the README file.
        "README",
        // The forecasting methods and error measures are named as in the M4 competition (Theta, Naive2, sMAPE, MASE).
        "Theta", "Naive", "sMAPE", "MASE",
        // Seed 001 B.12's own indicator name 43 (STEM 专业留学人才占比) and seed 001's table codes (B.11).
        "STEM",
    };

    /// <summary>Scripts, styles, code and the import profile (file column names, system reason tags: identifiers written as they are) are not prose.</summary>
    [GeneratedRegex("<(script|style|code|textarea)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Code();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex Word();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_page_in_chinese_has_no_english_words(string engine)
    {
        var app = await apps.For(engine);
        using var browser = await SignedInAsync(app, "admin", "Admin#2026");
        var found = new SortedSet<string>(StringComparer.Ordinal);
        await CheckAsync(browser, Pages, found);
        foreach (var (user, password, paths) in RolePages)
        {
            using var other = user is null ? new HttpClient { BaseAddress = app.Address } : await SignedInAsync(app, user, password!);
            await CheckAsync(other, paths, found);
        }
        Assert.True(found.Count == 0, "English words on the Chinese UI:\n" + string.Join('\n', found));
        // The test host serves the app's static files, so that the browser tests see styled pages.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/js/filters.js")).StatusCode);
    }

    private static async Task CheckAsync(HttpClient browser, IEnumerable<string> paths, SortedSet<string> found)
    {
        foreach (var path in paths)
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            var text = WebUtility.HtmlDecode(Tag().Replace(Code().Replace(await response.Content.ReadAsStringAsync(), " "), " "));
            foreach (Match word in Word().Matches(text))
            {
                if (!Allowed.Contains(word.Value))
                {
                    found.Add($"{path}: {word.Value}");
                }
            }
        }
    }

    /// <summary>A client signed in with the login form (cookies kept, redirects followed).</summary>
    internal static async Task<HttpClient> SignedInAsync(TestApp app, string userName, string password)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
        var form = await browser.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        (await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }))).EnsureSuccessStatusCode();
        return browser;
    }
}
