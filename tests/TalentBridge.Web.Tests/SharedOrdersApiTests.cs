using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The shared pool's orders over HTTP on both engines: an enterprise places an order, the county's operator proposes the
/// best candidate, the expert accepts, the engagement is recorded, completed and rated; validation errors name the
/// field; an operator of another county and another enterprise get 404; the dashboard answers operators only.
/// </summary>
public sealed partial class SharedOrdersApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>An account with an API token (created once per engine).</summary>
    private static async Task<HttpClient> ClientAsync(TestApp app, string name, Role role, long? enterpriseId, string? region, long? talentId)
    {
        var accounts = app.Service<AccountStore>();
        var userName = $"sp.api.{app.Engine}.{name}";
        var existing = await accounts.FindByUserNameAsync(userName, CancellationToken.None);
        var id = existing?.Id ?? await accounts.CreateAsync(userName, userName, app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Secret#2026"), role,
            enterpriseId, region, talentId, DateTimeOffset.UtcNow, CancellationToken.None);
        return app.Client(await accounts.CreateTokenAsync(id, "tests", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
    }

    private static object Order(string title) => new
    {
        title, problem = "阀体铸件气孔率偏高，希望专家现场诊断铸造工艺并给出改进方案。", field = "铸造工艺", occupationCode = "2-02-07-13",
        serviceMode = "consulting", durationDays = 30, budgetMin = 5000, budgetMax = 20000, place = "青田县油竹街道",
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_order_goes_from_placed_to_a_rated_engagement_and_strangers_get_404(string engine)
    {
        var app = await apps.For(engine);
        long[] enterprises;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterprises = [.. await c.QueryAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 2")];
        }
        using var enterprise = await ClientAsync(app, "enterprise", Role.EnterpriseAdmin, enterprises[0], null, null);
        using var otherEnterprise = await ClientAsync(app, "other", Role.EnterpriseAdmin, enterprises[1], null, null);
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var otherCounty = await ClientAsync(app, "liandu", Role.Operator, null, "331102", null);

        // Validation names the field.
        var invalid = await enterprise.PostAsJsonAsync("/api/v1/shared/orders", new { title = "", problem = "x", field = "铸造", serviceMode = "consulting", budgetMin = 9000, budgetMax = 100 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await Json(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("budgetMax", out _));
        var badMode = await enterprise.PostAsJsonAsync("/api/v1/shared/orders", new { title = "t", problem = "p", field = "f", serviceMode = "everything" });
        Assert.True((await Json(badMode)).GetProperty("errors").TryGetProperty("serviceMode", out _));

        var placed = await enterprise.PostAsJsonAsync("/api/v1/shared/orders", Order("接口测试铸造诊断"));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await Json(placed);
        var id = order.GetProperty("id").GetInt64();
        Assert.Equal("open", order.GetProperty("state").GetString()!.ToLowerInvariant());

        // Scope: another enterprise and another county's operator do not see it or act on it.
        Assert.Equal(HttpStatusCode.NotFound, (await otherEnterprise.GetAsync($"/api/v1/shared/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/v1/shared/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/v1/shared/orders/{id}/candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.PostAsJsonAsync($"/api/v1/shared/orders/{id}/steps", new { action = "close", note = "不在本县" })).StatusCode);
        var otherList = await Json(await otherEnterprise.GetAsync("/api/v1/shared/orders?pageSize=100"));
        Assert.DoesNotContain(otherList.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        var mine = await Json(await enterprise.GetAsync("/api/v1/shared/orders?state=open&mode=consulting&sort=-placedAt"));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.GetAsync("/api/v1/shared/orders?sort=nonsense")).StatusCode);

        // A step the rules do not allow this side is 409; the clock runs.
        Assert.Equal(HttpStatusCode.Conflict, (await enterprise.PostAsJsonAsync($"/api/v1/shared/orders/{id}/steps", new { action = "close", note = "x" })).StatusCode);
        Assert.Equal("running", (await Json(await enterprise.GetAsync($"/api/v1/shared/orders/{id}/clock"))).GetProperty("status").GetString()!.ToLowerInvariant());

        // The pages render for each side (the browser test drives them; this runs without a browser too).
        using (var operatorPages = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026"))
        {
            var detail = await operatorPages.GetAsync($"/shared/orders/{id}");
            Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
            Assert.Contains("candidates-heading", await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await operatorPages.GetAsync("/shared/orders?overdue=true&warned=true&mode=Consulting&sort=dueAt")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await operatorPages.GetAsync("/shared/dashboard?from=2026-01&to=2026-12")).StatusCode);
            var excel = await operatorPages.GetAsync("/shared/dashboard?handler=Excel");
            Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType?.MediaType);
            var csv = await operatorPages.GetAsync("/shared/dashboard?handler=Csv&from=2026-01");
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("group,placed,responded,on_time", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("all,", lines[1], StringComparison.Ordinal);
            await using var audit = await app.Service<Database>().OpenAsync(CancellationToken.None);
            Assert.Equal(1, await audit.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE reason = 'sla dashboard' AND detail = 'format=csv&from=2026-01'"));
        }
        var candidates = await Json(await county.GetAsync($"/api/v1/shared/orders/{id}/candidates?take=3"));
        var expertId = candidates[0].GetProperty("fit").GetProperty("expertId").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsJsonAsync($"/api/v1/shared/orders/{id}/proposals", new { note = "x" })).StatusCode);
        var proposed = await county.PostAsJsonAsync($"/api/v1/shared/orders/{id}/proposals", new { expertId, note = "请尽快联系企业" });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposal = await Json(proposed);
        var talentId = proposal.GetProperty("talentId").GetInt64();

        using var expert = await ClientAsync(app, $"expert{talentId}", Role.Talent, null, null, talentId);
        Assert.Contains((await Json(await expert.GetAsync("/api/v1/shared/proposals"))).EnumerateArray(), p => p.GetProperty("id").GetInt64() == proposal.GetProperty("id").GetInt64());
        var declineWithout = await expert.PostAsJsonAsync($"/api/v1/shared/proposals/{proposal.GetProperty("id").GetInt64()}/answer", new { action = "decline" });
        Assert.True((await Json(declineWithout)).GetProperty("errors").TryGetProperty("reason", out _));
        var accepted = await expert.PostAsJsonAsync($"/api/v1/shared/proposals/{proposal.GetProperty("id").GetInt64()}/answer",
            new { action = "accept", version = proposal.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var engagement = await Json(await enterprise.GetAsync($"/api/v1/shared/orders/{id}/engagement"));
        var engagementId = engagement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await otherEnterprise.GetAsync($"/api/v1/shared/engagements/{engagementId}")).StatusCode);
        var recorded = await expert.PostAsJsonAsync($"/api/v1/shared/engagements/{engagementId}/record", new { serviceDays = 3, deliverables = "诊断报告" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.True((await Json(await expert.PostAsJsonAsync($"/api/v1/shared/engagements/{engagementId}/record", new { serviceDays = -1 })))
            .GetProperty("errors").TryGetProperty("serviceDays", out _));
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/v1/shared/engagements/{engagementId}/complete", new { })).StatusCode);
        Assert.True((await Json(await enterprise.PostAsJsonAsync($"/api/v1/shared/engagements/{engagementId}/rating", new { score = 9 })))
            .GetProperty("errors").TryGetProperty("score", out _));
        Assert.Equal(HttpStatusCode.OK, (await enterprise.PostAsJsonAsync($"/api/v1/shared/engagements/{engagementId}/rating", new { score = 5, comment = "响应及时" })).StatusCode);

        using (var enterprisePages = await UntranslatedTextTests.SignedInAsync(app, $"sp.api.{app.Engine}.enterprise", "Secret#2026"))
        {
            var page = await enterprisePages.GetAsync($"/shared/engagements/{engagementId}");
            Assert.True(page.StatusCode == HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
            Assert.Contains("id=\"conversation\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await enterprisePages.GetAsync($"/shared/orders/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await enterprisePages.GetAsync("/shared/orders/new")).StatusCode);
        }
        using (var expertPages = await UntranslatedTextTests.SignedInAsync(app, $"sp.api.{app.Engine}.expert{talentId}", "Secret#2026"))
        {
            var proposalsPage = await expertPages.GetAsync("/me/proposals");
            Assert.Equal(HttpStatusCode.OK, proposalsPage.StatusCode);
            Assert.Contains($"/shared/engagements/{engagementId}", await proposalsPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The dashboard is the operators'.
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync("/api/v1/shared/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/shared/dashboard")).StatusCode);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Token();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_order_form_shows_the_rules_errors_at_their_fields_and_places_the_order(string engine)
    {
        var app = await apps.For(engine);
        long enterpriseId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.ExecuteScalarAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 1");
        }
        (await ClientAsync(app, "form", Role.EnterpriseAdmin, enterpriseId, null, null)).Dispose();
        using var pages = await UntranslatedTextTests.SignedInAsync(app, $"sp.api.{app.Engine}.form", "Secret#2026");
        var form = await (await pages.GetAsync("/shared/orders/new")).Content.ReadAsStringAsync();
        var token = Token().Match(form).Groups[1].Value;
        Dictionary<string, string> Fields(string budgetMax) => new()
        {
            ["__RequestVerificationToken"] = token, ["title"] = "表单测试订单", ["problem"] = "需要专家诊断铸造工艺。", ["field"] = "铸造工艺",
            ["serviceMode"] = "Consulting", ["durationDays"] = "30", ["budgetMin"] = "20000", ["budgetMax"] = budgetMax, ["place"] = "青田县",
        };
        var refused = await pages.PostAsync("/shared/orders/new", new FormUrlEncodedContent(Fields("100")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"budgetMax-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"表单测试订单\"", html, StringComparison.Ordinal);
        var placed = await pages.PostAsync("/shared/orders/new", new FormUrlEncodedContent(Fields("30000")));
        Assert.Contains("done=place", placed.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("表单测试订单", await placed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_operator_proposes_on_the_order_page_and_the_expert_accepts_on_my_proposals(string engine)
    {
        var app = await apps.For(engine);
        long enterpriseId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.ExecuteScalarAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 1");
        }
        using var enterprise = await ClientAsync(app, "pages", Role.EnterpriseAdmin, enterpriseId, null, null);
        var id = (await Json(await enterprise.PostAsJsonAsync("/api/v1/shared/orders", Order("页面推荐测试")))).GetProperty("id").GetInt64();

        using var operatorPages = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        var page = await (await operatorPages.GetAsync($"/shared/orders/{id}")).Content.ReadAsStringAsync();
        var expertId = System.Text.RegularExpressions.Regex.Match(page, "name=\"expertId\" value=\"(\\d+)\"").Groups[1].Value;
        var proposed = await operatorPages.PostAsync($"/shared/orders/{id}?handler=Propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["expertId"] = expertId, ["note"] = "请尽快联系企业",
        }));
        Assert.Contains("done=propose", proposed.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);

        long talentId;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            talentId = await c.ExecuteScalarAsync<long>("SELECT x.talent_id FROM order_proposals p JOIN shared_experts x ON x.id = p.expert_id WHERE p.order_id = @id", new { id });
        }
        (await ClientAsync(app, $"pages{talentId}", Role.Talent, null, null, talentId)).Dispose();
        using var expertPages = await UntranslatedTextTests.SignedInAsync(app, $"sp.api.{app.Engine}.pages{talentId}", "Secret#2026");
        var mine = await (await expertPages.GetAsync("/me/proposals")).Content.ReadAsStringAsync();
        var proposalId = System.Text.RegularExpressions.Regex.Match(mine, "id=\"proposal-(\\d+)\"><a href=\"/shared/orders/" + id + "\"").Groups[1].Value;
        var version = System.Text.RegularExpressions.Regex.Match(mine[mine.IndexOf("proposal-" + proposalId, StringComparison.Ordinal)..], "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var accepted = await expertPages.PostAsync("/me/proposals", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(mine).Groups[1].Value, ["proposalId"] = proposalId, ["version"] = version, ["answer"] = "accept",
        }));
        Assert.Contains("done=accept", accepted.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("/shared/engagements/", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
