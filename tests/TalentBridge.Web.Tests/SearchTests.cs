using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentBridge.Domain.Pools;

namespace TalentBridge.Web.Tests;

/// <summary>Text search over positions and talents (ADR 0009) and occupations entered by name, on both engines.</summary>
public sealed class SearchTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> Positions(HttpClient client, string q, string extra = "") =>
        await Json(await client.GetAsync($"/api/v1/positions?pageSize=100&q={Uri.EscapeDataString(q)}{extra}"));

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    /// <summary>A lathe-operator position of enterprise 2 with the given title and description, as the API returns it.</summary>
    private static async Task<JsonElement> CreatePositionAsync(HttpClient client, string title, string? description)
    {
        var region = (await Json(await client.GetAsync("/api/v1/enterprises/2"))).GetProperty("regionCode").GetString();
        var response = await client.PostAsJsonAsync("/api/v1/positions", new
        {
            enterpriseId = 2,
            title,
            occupationCode = "6-18-01-01",
            regionCode = region,
            salaryMin = 5000,
            salaryMax = 7000,
            postedOn = "2026-11-01",
            expiresOn = "2026-12-31",
            engagementMode = "FullTime",
            description,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json(response);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Everyday_words_find_positions_through_occupation_synonyms(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        // No title says 厨师; the catalogue lists it as an alias of 中式烹调师 and other cooks.
        var cooks = await Positions(client, "厨师");
        Assert.True(cooks.GetProperty("total").GetInt32() > 0);
        Assert.All(Items(cooks), p => Assert.StartsWith("4-03-02-", p.GetProperty("occupationCode").GetString(), StringComparison.Ordinal));
        Assert.Equal(cooks.GetProperty("total").GetInt32(), (await Positions(client, "  厨师 ")).GetProperty("total").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_word_of_a_query_must_match_somewhere(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        // 丽水 names the region (every demo position lies in it), 会计 the accounting occupations.
        var accounting = await Positions(client, "丽水 会计");
        var total = accounting.GetProperty("total").GetInt32();
        Assert.True(total > 0);
        Assert.All(Items(accounting), p =>
        {
            Assert.StartsWith("3311", p.GetProperty("regionCode").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("2-06-03-", p.GetProperty("occupationCode").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(total, (await Positions(client, "丽水市  会计")).GetProperty("total").GetInt32());
        // A county narrows it; a word that matches nothing empties it.
        var qingtian = (await Positions(client, "青田 会计")).GetProperty("total").GetInt32();
        Assert.InRange(qingtian, 0, total - 1);
        Assert.Equal(0, (await Positions(client, "会计 潜水艇")).GetProperty("total").GetInt32());
        var tooMany = await client.GetAsync("/api/v1/positions?q=" + Uri.EscapeDataString("一 二 三 四 五 六 七 八 九"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("8 words", (await Json(tooMany)).GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        // Filters still apply beside the words.
        Assert.All(Items(await Positions(client, "会计", "&region=331121")),
            p => Assert.StartsWith("331121", p.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_saved_position_is_found_at_once_and_a_title_word_ranks_first(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var enterprise = await Json(await client.GetAsync("/api/v1/enterprises/2"));
        var inDescription = await CreatePositionAsync(client, "车工", $"负责琉璃瓦修缮{engine}相关的车削工作。");
        var inTitle = await CreatePositionAsync(client, $"琉璃瓦修缮{engine}车工", "负责车削工作。");

        var found = Items(await Positions(client, $"琉璃瓦修缮{engine}"));
        Assert.Equal([inTitle.GetProperty("id").GetInt64(), inDescription.GetProperty("id").GetInt64()],
            found.Select(p => p.GetProperty("id").GetInt64()).ToArray());
        // The enterprise's name is searched too.
        var enterpriseWord = enterprise.GetProperty("name").GetString()!;
        Assert.Contains(Items(await Positions(client, $"琉璃瓦修缮{engine} {enterpriseWord}")), p => p.GetProperty("id").GetInt64() == inTitle.GetProperty("id").GetInt64());

        // An update re-indexes in its transaction, a delete takes the terms with it.
        var id = inTitle.GetProperty("id").GetInt64();
        var changed = JsonNode.Parse(inTitle.GetRawText())!.AsObject();
        changed["title"] = $"青瓷拉坯{engine}工";
        var updated = await client.PutAsync($"/api/v1/positions/{id}", changed, VersionedRequests.ETag(inTitle));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal([id], Items(await Positions(client, $"青瓷拉坯{engine}")).Select(p => p.GetProperty("id").GetInt64()).ToArray());
        Assert.Single(Items(await Positions(client, $"琉璃瓦修缮{engine}")));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/positions/{id}", "*")).StatusCode);
        Assert.Empty(Items(await Positions(client, $"青瓷拉坯{engine}")));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Talent_search_keeps_the_operators_region_and_finds_occupation_synonyms(string engine)
    {
        var app = await apps.For(engine);
        using var operatorClient = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var adminClient = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        async Task<JsonElement> Talents(HttpClient client, string q) =>
            await Json(await client.GetAsync($"/api/v1/talents?pageSize=100&q={Uri.EscapeDataString(q)}"));

        var all = await Talents(adminClient, "丽水 会计");
        var own = await Talents(operatorClient, "丽水 会计");
        Assert.True(all.GetProperty("total").GetInt32() > own.GetProperty("total").GetInt32());
        Assert.True(own.GetProperty("total").GetInt32() > 0);
        Assert.All(Items(own), t =>
        {
            Assert.StartsWith("331121", t.GetProperty("residenceRegionCode").GetString(), StringComparison.Ordinal);
            // An accounting occupation, or the word in a skill or the major.
            Assert.True(t.GetProperty("occupations").EnumerateArray().Any(o => o.GetProperty("code").GetString()!.StartsWith("2-06-03-", StringComparison.Ordinal))
                || t.GetProperty("skills").GetRawText().Contains("会计", StringComparison.Ordinal)
                || t.GetProperty("major").GetString()?.Contains("会计", StringComparison.Ordinal) == true, t.GetRawText());
        });
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Records_written_without_terms_are_indexed_by_the_start_up_pass(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var title = $"木活字印刷{engine}工";
        var created = await CreatePositionAsync(client, title, null);
        // As a bulk load leaves a record: no terms at all.
        await using (var connection = await app.Service<Platform.Storage.Database>().OpenAsync(CancellationToken.None))
        {
            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM position_terms WHERE position_id = {created.GetProperty("id").GetInt64()}";
            Assert.True(await delete.ExecuteNonQueryAsync() > 1);
        }
        Assert.Empty(Items(await Positions(client, title)));
        Assert.Equal(1, await app.Service<Platform.Storage.SearchIndex>().IndexMissingAsync(CancellationToken.None));
        Assert.Single(Items(await Positions(client, title)));
    }

    [SkippableFact]
    public async Task Both_engines_give_the_same_rows_in_the_same_order()
    {
        var sqlite = await apps.For(TestDatabases.Sqlite);
        var postgres = await apps.For(TestDatabases.Postgres);
        using var a = sqlite.Client();
        using var b = postgres.Client();
        foreach (var q in new[] { "丽水 会计", "厨师", "护理", "数控 莲都", "java" })
        {
            static long[] Ids(JsonElement page) => Items(page).Select(p => p.GetProperty("id").GetInt64()).ToArray();
            var left = await Positions(a, q);
            Assert.Equal(Ids(left), Ids(await Positions(b, q)));
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_occupation_is_taken_by_code_name_or_code_and_name(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var phone = engine == "sqlite" ? "1360578" : "1370578";
        async Task<HttpResponseMessage> Create(string occupation, string suffix) => await client.PostAsJsonAsync("/api/v1/talents", new
        {
            name = "职业名称测试",
            phone = phone + suffix,
            birthYear = 1980,
            residenceRegionCode = "331102",
            occupations = new[] { new { code = occupation, years = 3 } },
            availability = "FullTime",
            consentVersion = TalentDraft.CurrentConsentVersion,
        });
        var byName = await Create("养老护理员", "3001");
        Assert.Equal(HttpStatusCode.Created, byName.StatusCode);
        var talent = await Json(byName);
        Assert.Equal("4-10-01-05", talent.GetProperty("occupations")[0].GetProperty("code").GetString());
        // The talent is found by name, surname or given name (the name is indexed in parts).
        foreach (var part in new[] { "职业名称测试", "职业", "名称测试" })
        {
            Assert.Contains(talent.GetProperty("id").GetInt64(),
                Items(await Json(await client.GetAsync($"/api/v1/talents?pageSize=100&q={Uri.EscapeDataString(part)}"))).Select(t => t.GetProperty("id").GetInt64()));
        }
        var both = await Create("4-10-01-05 养老护理员", "3002");
        Assert.Equal(HttpStatusCode.Created, both.StatusCode);

        var vague = await Create("护理", "3003");
        Assert.Equal(HttpStatusCode.BadRequest, vague.StatusCode);
        var message = (await Json(vague)).GetProperty("errors").GetProperty("occupations")[0].GetString()!;
        Assert.Contains("护理", message, StringComparison.Ordinal);
        Assert.Contains("4-10-01-05 养老护理员", message, StringComparison.Ordinal);
    }
}
