using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentBridge.Web.Tests;

/// <summary>An account lists its own API tokens and revokes one; a revoked token stops working at once.</summary>
public sealed class ApiTokenTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_account_lists_and_revokes_its_own_tokens_and_no_one_elses(string engine)
    {
        var app = await apps.For(engine);
        var first = await app.TokenAsync("recruiter", "Recruiter#2026");
        var second = await app.TokenAsync("recruiter", "Recruiter#2026");
        var stranger = await app.TokenAsync("talent", "Talent#2026");
        using var recruiter = app.Client(first);

        var listed = await recruiter.GetFromJsonAsync<JsonElement>("/api/v1/tokens");
        var ids = listed.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.Count >= 2);
        Assert.All(listed.EnumerateArray(), t => Assert.False(t.TryGetProperty("token", out _)));
        Assert.All(listed.EnumerateArray(), t => Assert.False(t.TryGetProperty("tokenHash", out _)));

        // Someone else's token cannot be revoked (404, as for a token that does not exist).
        using var other = app.Client(stranger);
        var othersIds = (await other.GetFromJsonAsync<JsonElement>("/api/v1/tokens")).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.Empty(othersIds.Intersect(ids));
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.DeleteAsync($"/api/v1/tokens/{othersIds[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/tokens")).StatusCode);

        // Revoking the newest (the second) token ends it at once; the first still works; revoking twice is 404.
        using var secondClient = app.Client(second);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await recruiter.DeleteAsync($"/api/v1/tokens/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await secondClient.GetAsync("/api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.DeleteAsync($"/api/v1/tokens/{ids[0]}")).StatusCode);
        var after = await recruiter.GetFromJsonAsync<JsonElement>("/api/v1/tokens");
        Assert.NotEqual(JsonValueKind.Null, after.EnumerateArray().First(t => t.GetProperty("id").GetInt64() == ids[0]).GetProperty("revokedAt").ValueKind);

        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tokens")).StatusCode);
    }
}
