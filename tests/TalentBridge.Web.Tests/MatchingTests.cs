using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentBridge.Domain.Pools;

using TalentBridge.Web.Tests.MultiNode;

namespace TalentBridge.Web.Tests;

public sealed class MatchingTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An open position of enterprise 1 (the demo enterprise accounts' own), as JSON.</summary>
    private static async Task<JsonElement> OpenPositionAsync(HttpClient client, int skip = 0)
    {
        var page = await Json(await client.GetAsync("/api/v1/positions?enterpriseId=1&status=Open&pageSize=100&sort=-expiresOn"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return page.GetProperty("items").EnumerateArray()
            .Where(p => DateOnly.Parse(p.GetProperty("postedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= today)
            .Skip(skip).First();
    }

    /// <summary>A talent who fits the position as well as anyone can, with a phone unique to the test.</summary>
    private static object StarFor(JsonElement position, string phone) => new
    {
        name = "匹配测试",
        phone,
        birthYear = 1975,
        gender = "Male",
        education = "Doctorate",
        residenceRegionCode = position.GetProperty("regionCode").GetString(),
        workRegionCodes = new[] { position.GetProperty("regionCode").GetString() },
        occupations = new[] { new { code = position.GetProperty("occupationCode").GetString(), years = 30 } },
        skills = position.GetProperty("requiredSkills").EnumerateArray().Concat(position.GetProperty("preferredSkills").EnumerateArray())
            .Select(s => new { name = s.GetString(), level = 5 }).ToArray(),
        professionalTitle = "Senior",
        skillLevel = "ChiefTechnician",
        expectedSalaryMin = 3000,
        expectedSalaryMax = 3500,
        availability = position.GetProperty("engagementMode").GetString(),
        visibility = "Public",
        status = "Seeking",
        consentVersion = TalentDraft.CurrentConsentVersion,
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Matches_are_explained_and_only_the_right_people_may_ask(string engine)
    {
        var app = await apps.For(engine);
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        var position = await OpenPositionAsync(enterprise);
        var id = position.GetProperty("id").GetInt64();

        var page = await Json(await enterprise.GetAsync($"/api/v1/positions/{id}/matches?take=20"));
        Assert.Equal("position", page.GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("blocked").ValueKind);
        var results = page.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 20);
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        foreach (var r in results)
        {
            var points = r.GetProperty("factors").EnumerateArray().Sum(f => f.GetProperty("points").GetDouble());
            Assert.Equal(r.GetProperty("score").GetDouble(), points, 2);
            Assert.Equal(10, r.GetProperty("factors").GetArrayLength());
            Assert.Contains("workRegion", r.GetProperty("conditionsPassed").EnumerateArray().Select(c => c.GetString()));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("talent").GetProperty("name").GetString()));
            Assert.DoesNotContain("phone", r.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.GetAsync($"/api/v1/positions/{id}/matches?take=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync("/api/v1/positions/999999/matches")).StatusCode);
        // An enterprise may not ask for a talent's recommended positions, and cannot tell an existing talent from none:
        // both answer 404 (a position is public, so its matches answer 403 to those who may not see them).
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync("/api/v1/talents/1/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync("/api/v1/talents/99999999/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/v1/positions/{id}/matches")).StatusCode);

        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync($"/api/v1/positions/{id}/matches")).StatusCode);
        var own = await Json(await talent.GetAsync("/api/v1/talents/1/matches?take=5"));
        Assert.True(own.GetProperty("exposureAware").GetBoolean());
        Assert.True(own.GetProperty("results").GetArrayLength() <= 5);
        var plain = await Json(await talent.GetAsync("/api/v1/talents/1/matches?take=5&exposureAware=false"));
        Assert.False(plain.GetProperty("exposureAware").GetBoolean());
        Assert.All(plain.GetProperty("results").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("exposureBonus").GetDouble()));

        // The operator of another county does not see a 莲都区 talent's list; the city operator does.
        using var cityOperator = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        Assert.Equal(HttpStatusCode.OK, (await cityOperator.GetAsync($"/api/v1/positions/{id}/matches")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_committed_change_is_in_the_very_next_match_answer(string engine)
    {
        var app = await apps.For(engine);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var position = await OpenPositionAsync(admin, skip: 1);
        var positionId = position.GetProperty("id").GetInt64();
        await Json(await admin.GetAsync($"/api/v1/positions/{positionId}/matches")); // the index is built

        // Read your own write: no waiting for the next poll of the change outbox.
        var created = await Json(await admin.PostAsJsonAsync("/api/v1/talents", StarFor(position, engine == "sqlite" ? "13700001111" : "13700001112")));
        var talentId = created.GetProperty("id").GetInt64();
        var top = await Json(await admin.GetAsync($"/api/v1/positions/{positionId}/matches?take=1"));
        Assert.Equal(talentId, top.GetProperty("results")[0].GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/talents/{talentId}", VersionedRequests.ETag(created))).StatusCode);
        var after = await Json(await admin.GetAsync($"/api/v1/positions/{positionId}/matches"));
        Assert.All(after.GetProperty("results").EnumerateArray(), r => Assert.NotEqual(talentId, r.GetProperty("id").GetInt64()));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_reloading_their_list_sees_the_same_list_and_counts_once_a_day(string engine)
    {
        var app = await apps.For(engine);
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        var first = await Json(await talent.GetAsync("/api/v1/talents/1/matches?take=10"));
        static List<(long, double)> Ranking(JsonElement page) =>
            [.. page.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("exposureBonus").GetDouble()))];
        for (var load = 0; load < 7; load++)
        {
            Assert.Equal(Ranking(first), Ranking(await Json(await talent.GetAsync("/api/v1/talents/1/matches?take=10"))));
        }
        await using var c = await app.Service<Platform.Storage.Database>().OpenAsync(CancellationToken.None);
        var rows = await Dapper.SqlMapper.QueryAsync<(long, long)>(c, "SELECT position_id, COUNT(*) FROM match_impressions WHERE talent_id = 1 GROUP BY position_id");
        Assert.Equal(Ranking(first).Select(r => r.Item1).Order(), rows.Select(r => r.Item1).Order());
        Assert.All(rows, r => Assert.Equal(1, r.Item2));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_county_operator_is_recommended_only_talents_living_in_the_county(string engine)
    {
        var app = await apps.For(engine);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var positions = await Json(await admin.GetAsync("/api/v1/positions?region=331121&status=Open&pageSize=20"));
        var ids = positions.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        var outsideSeenByAdmin = 0;
        foreach (var id in ids)
        {
            static IEnumerable<string> Residences(JsonElement page) =>
                page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("talent").GetProperty("residenceRegionCode").GetString()!);
            outsideSeenByAdmin += Residences(await Json(await admin.GetAsync($"/api/v1/positions/{id}/matches?take=100")))
                .Count(r => !r.StartsWith("331121", StringComparison.Ordinal));
            var scoped = Residences(await Json(await county.GetAsync($"/api/v1/positions/{id}/matches?take=100"))).ToList();
            Assert.All(scoped, r => Assert.StartsWith("331121", r, StringComparison.Ordinal));
        }
        Assert.True(outsideSeenByAdmin > 0, "the positions' best talents include people living elsewhere, so the scope is what removes them");
    }

    /// <summary>Polls a match list every 20 ms until the condition holds; fails after 10 s.</summary>
    private static async Task<TimeSpan> WaitUntilAsync(HttpClient client, string path, Func<JsonElement, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK && condition(await response.Content.ReadFromJsonAsync<JsonElement>()))
            {
                return watch.Elapsed;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{path} did not change within 10 s");
    }

    [SkippableFact]
    public async Task Two_app_processes_sharing_one_PostgreSQL_see_each_others_changes_within_two_seconds()
    {
        TestDatabases.RequireEngine(TestDatabases.Postgres);
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        using var first = AppProcess.Start(database.Database.ConnectionString);
        await first.WaitReadyAsync();
        using var second = AppProcess.Start(database.Database.ConnectionString);
        await second.WaitReadyAsync();

        using var a = first.Client(await first.TokenAsync("admin", "Admin#2026"));
        using var b = second.Client(await second.TokenAsync("admin", "Admin#2026"));
        var position = await OpenPositionAsync(a, skip: 2);
        var positionId = position.GetProperty("id").GetInt64();
        await Json(await b.GetAsync($"/api/v1/positions/{positionId}/matches"));

        // A talent registered through the first instance is recommended by the second.
        var created = await Json(await a.PostAsJsonAsync("/api/v1/talents", StarFor(position, "13700002222")));
        var talentId = created.GetProperty("id").GetInt64();
        var elapsed = await WaitUntilAsync(b, $"/api/v1/positions/{positionId}/matches",
            page => page.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("id").GetInt64() == talentId));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"second instance took {elapsed.TotalMilliseconds:F0} ms");

        // A position closed through the second instance stops being matched by the first.
        var body = JsonNode.Parse(position.GetRawText())!.AsObject();
        body["status"] = "Closed";
        Assert.Equal(HttpStatusCode.OK, (await b.PutAsync($"/api/v1/positions/{positionId}", body, VersionedRequests.ETag(position))).StatusCode);
        elapsed = await WaitUntilAsync(a, $"/api/v1/positions/{positionId}/matches",
            page => page.GetProperty("blocked").ValueKind == JsonValueKind.String);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"first instance took {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("positionOpen", (await Json(await a.GetAsync($"/api/v1/positions/{positionId}/matches"))).GetProperty("blocked").GetString());
    }
}
