using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The shared pool's API (issue 12, items 1–3) on the demo data of both engines: the index with its filters and counts;
/// an application with evidence and a file (a wrong type and a file too big refused by field); another county's operator
/// cannot decide (404, the API's convention outside one's region); the city's operator admits; a new standard version
/// leaves the past decision and its version as they were.
/// </summary>
public sealed class SharedPoolApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private const string Evidence =
        """{"items":[{"kind":"professionalTitle","titleLevel":"senior","title":"正高级工程师","year":2019},{"kind":"experience","years":20,"title":"铸造工艺"}]}""";

    private static MultipartFormDataContent Application(string poolRegion, byte[]? file, string fileName = "cert.png")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(poolRegion), "poolRegion" },
            { new StringContent("Consulting"), "modes" },
            { new StringContent("PartTime"), "modes" },
            { new StringContent("铸造工艺诊断与改进，二十年现场经验。"), "summary" },
            { new StringContent(Evidence), "evidence" },
        };
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "files[0]", fileName);
        }
        return form;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_index_filters_and_counts_admitted_experts_of_the_whole_city(string engine)
    {
        var app = await apps.For(engine);
        var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        var pools = await enterprise.GetFromJsonAsync<JsonArray>("/api/v1/shared/pools");
        var city = pools![0]!;
        Assert.Null(city["parentId"]?.GetValue<long?>());
        Assert.Equal(10, pools.Count);
        var cityId = city["id"]!.GetValue<long>();
        var all = (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/experts?pageSize=100"))!;
        var total = all["total"]!.GetValue<int>();
        Assert.True(total >= 30, $"{total} experts");
        var text = all.ToJsonString();
        Assert.DoesNotContain("phone", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("talentId", text, StringComparison.Ordinal);
        Assert.All(all["items"]!.AsArray(), e => Assert.Equal("Admitted", e!["state"]!.GetValue<string>()));

        var facets = (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/facets"))!;
        Assert.Equal(total, facets["byCounty"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
        var (county, count) = facets["byCounty"]!.AsObject().Select(c => (c.Key, c.Value!.GetValue<int>())).OrderByDescending(c => c.Item2).First();
        var inCounty = (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/experts?region={county}&pageSize=100"))!;
        Assert.Equal(count, inCounty["total"]!.GetValue<int>());
        Assert.All(inCounty["items"]!.AsArray(), e => Assert.StartsWith(county, e!["regionCode"]!.GetValue<string>(), StringComparison.Ordinal));

        var consulting = facets["byMode"]!["Consulting"]!.GetValue<int>();
        Assert.Equal(consulting, (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/experts?mode=Consulting"))!["total"]!.GetValue<int>());

        var tags = (await enterprise.GetFromJsonAsync<JsonArray>($"/api/v1/shared/pools/{cityId}/tags"))!;
        var manufacturing = tags.First(t => t!["name"]!.GetValue<string>() == "制造业")!;
        Assert.NotEmpty(manufacturing["children"]!.AsArray());
        var byTag = (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/experts?tag={manufacturing["id"]}&pageSize=100"))!;
        Assert.True(byTag["total"]!.GetValue<int>() <= manufacturing["total"]!.GetValue<int>());

        // Text search (its count joins the talents) and a sort by name.
        var name = all["items"]![0]!["name"]!.GetValue<string>();
        var found = (await enterprise.GetFromJsonAsync<JsonObject>($"/api/v1/shared/pools/{cityId}/experts?q={Uri.EscapeDataString(name)}&sort=name"))!;
        Assert.True(found["total"]!.GetValue<int>() >= 1);
        Assert.Contains(found["items"]!.AsArray(), e => e!["name"]!.GetValue<string>() == name);
        var bad = await enterprise.GetAsync($"/api/v1/shared/pools/{cityId}/experts?mode=Flying&sort=height");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]!["mode"]);
        Assert.NotNull(problem["errors"]!["sort"]);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_applies_with_evidence_and_the_city_operator_decides_under_the_version_in_force(string engine)
    {
        var app = await apps.For(engine);
        var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        // The demo may leave the demo talent's own application waiting: the city's operator decides it first.
        var experts = app.Service<Experts>();
        foreach (var mine in await experts.ForTalentAsync(1, CancellationToken.None))
        {
            foreach (var open in (await experts.ApplicationsAsync(mine.Id, CancellationToken.None)).Where(a => a.Admitted is null))
            {
                (await lishui.PostAsJsonAsync($"/api/v1/shared/applications/{open.Id}/decision", new { admit = false, reason = "测试前清理" })).EnsureSuccessStatusCode();
            }
        }

        var wrongType = await talent.PostAsync("/api/v1/shared/applications", Application("331102", "%PDF? no, plain text"u8.ToArray(), "cert.txt"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.NotNull((await wrongType.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["evidence.items[0].file"]);
        var big = new byte[2 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        var tooBig = await talent.PostAsync("/api/v1/shared/applications", Application("331102", big));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.NotNull((await tooBig.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["evidence.items[0].file"]);

        var applied = await talent.PostAsync("/api/v1/shared/applications", Application("331102", Png));
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var application = (await applied.Content.ReadFromJsonAsync<JsonObject>())!;
        var applicationId = application["id"]!.GetValue<long>();
        var expertId = application["expertId"]!.GetValue<long>();
        var version = application["standardVersion"]!.GetValue<int>();
        Assert.Equal(5, application["assessment"]!["dimensions"]!.AsArray().Count);
        Assert.Single(application["evidence"]!["items"]![0]!["fileIds"]!.AsArray());

        // Qingtian's operator does not see a 莲都区 application; Lishui's (the city) does.
        var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        Assert.DoesNotContain((await qingtian.GetFromJsonAsync<JsonArray>("/api/v1/shared/applications"))!, p => p!["application"]!["id"]!.GetValue<long>() == applicationId);
        var refused = await qingtian.PostAsJsonAsync($"/api/v1/shared/applications/{applicationId}/decision", new { admit = true, reason = "不在本县" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var queue = (await lishui.GetFromJsonAsync<JsonArray>("/api/v1/shared/applications"))!;
        Assert.Contains(queue, p => p!["application"]!["id"]!.GetValue<long>() == applicationId);
        var fileId = application["evidence"]!["items"]![0]!["fileIds"]![0]!.GetValue<string>();
        var file = await lishui.GetAsync($"/api/v1/shared/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync($"/api/v1/shared/files/{fileId}")).StatusCode);

        var noReason = await lishui.PostAsJsonAsync($"/api/v1/shared/applications/{applicationId}/decision", new { admit = true });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var decided = await lishui.PostAsJsonAsync($"/api/v1/shared/applications/{applicationId}/decision", new { admit = true, reason = "正高级职称，经验丰富" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.True((await decided.Content.ReadFromJsonAsync<JsonObject>())!["admitted"]!.GetValue<bool>());

        // A new, stricter version of the standard: the past decision keeps its version and its outcome.
        var city = (await lishui.GetFromJsonAsync<JsonArray>("/api/v1/shared/pools"))![0]!["id"]!.GetValue<long>();
        var standards = (await lishui.GetFromJsonAsync<JsonArray>($"/api/v1/shared/pools/{city}/standards"))!;
        var definition = standards[0]!["definition"]!.DeepClone().AsObject();
        definition["validityMonths"] = 24;
        var invalid = await lishui.PostAsJsonAsync($"/api/v1/shared/pools/{city}/standards", new { definition = new JsonObject { ["name"] = "x", ["dimensions"] = 3 }, note = "坏的" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await qingtian.PostAsJsonAsync($"/api/v1/shared/pools/{city}/standards", new { definition, note = "县级不可发布" })).StatusCode);
        var published = await lishui.PostAsJsonAsync($"/api/v1/shared/pools/{city}/standards", new { definition, note = "有效期改为 24 个月" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.True((await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>() > version);
        var history = (await talent.GetFromJsonAsync<JsonArray>($"/api/v1/shared/experts/{expertId}/applications"))!;
        var past = history.First(a => a!["id"]!.GetValue<long>() == applicationId)!;
        Assert.Equal(version, past["standardVersion"]!.GetValue<int>());
        Assert.True(past["admitted"]!.GetValue<bool>());
        var expert = (await talent.GetFromJsonAsync<JsonObject>($"/api/v1/shared/experts/{expertId}"))!;
        Assert.Equal("Admitted", expert["state"]!.GetValue<string>());
        Assert.StartsWith("331102", expert["regionCode"]!.GetValue<string>(), StringComparison.Ordinal);
        // The enterprise sees the expert in the index of the whole city, but not the applications.
        var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync($"/api/v1/shared/experts/{expertId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/v1/shared/experts/{expertId}/applications")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Settings_are_changed_with_the_version_read(string engine)
    {
        var app = await apps.For(engine);
        var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var city = (await lishui.GetFromJsonAsync<JsonArray>("/api/v1/shared/pools"))![0]!["id"]!.GetValue<long>();
        var read = await lishui.GetAsync($"/api/v1/shared/pools/{city}/settings");
        var etag = read.Headers.ETag!.Tag;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/shared/pools/{city}/settings")
        {
            Content = JsonContent.Create(new { clockMode = "WorkingHours", targetHours = 48, warnHours = 24, replyHours = 24 }),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.OK, (await lishui.SendAsync(put)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/shared/pools/{city}/settings")
        {
            Content = JsonContent.Create(new { clockMode = "Calendar", targetHours = 48, warnHours = 24, replyHours = 24 }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var staleAnswer = await lishui.SendAsync(stale);
        Assert.True(staleAnswer.StatusCode == HttpStatusCode.PreconditionFailed, await staleAnswer.Content.ReadAsStringAsync());
        var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var county = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/shared/pools/{city}/settings")
        {
            Content = JsonContent.Create(new { clockMode = "Calendar", targetHours = 48, warnHours = 24, replyHours = 24 }),
        };
        county.Headers.TryAddWithoutValidation("If-Match", "*");
        var countyAnswer = await qingtian.SendAsync(county);
        Assert.True(countyAnswer.StatusCode is HttpStatusCode.Forbidden, countyAnswer.StatusCode + await countyAnswer.Content.ReadAsStringAsync());
    }
}
