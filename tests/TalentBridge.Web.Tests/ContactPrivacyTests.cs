using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TalentBridge.Web.Tests;

/// <summary>Whether a phone number is in the pool is told only to those who register people.</summary>
public sealed class ContactPrivacyTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_editing_their_record_is_not_told_that_a_phone_belongs_to_someone_else(string engine)
    {
        var app = await apps.For(engine);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        using var person = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        const string phone = "13900001111";

        var other = await admin.GetFromJsonAsync<JsonElement>("/api/v1/talents/2");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/talents/2", With(other, phone), VersionedRequests.ETag(other))).StatusCode);

        var own = await person.GetFromJsonAsync<JsonElement>("/api/v1/talents/1");
        var refused = await person.PutAsync("/api/v1/talents/1", With(own, phone), VersionedRequests.ETag(own));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phone")[0].GetString();
        Assert.DoesNotContain("registered", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cannot be used", message, StringComparison.Ordinal);

        var byAdmin = await admin.PutAsync("/api/v1/talents/1", With(own, phone), VersionedRequests.ETag(own));
        Assert.Equal(HttpStatusCode.BadRequest, byAdmin.StatusCode);
        Assert.Contains("already registered to another talent",
            (await byAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_form_returned_with_errors_is_audited_as_a_view_of_contact_data(string engine)
    {
        var app = await apps.For(engine);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var login = await browser.GetStringAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = "Admin#2026", ["__RequestVerificationToken"] = Token(login),
        }))).StatusCode);
        var form = await browser.GetStringAsync("/talents/3/edit");
        var before = await ViewsAsync(app);

        var invalid = await browser.PostAsync("/talents/3/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "", ["version"] = "1", ["__RequestVerificationToken"] = Token(form),
        }));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("class=\"error\"", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await ViewsAsync(app));
    }

    private static string Token(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<long> ViewsAsync(TestApp app)
    {
        await using var c = await app.Service<Platform.Storage.Database>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c,
            "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'talent' AND subject_id = 3 AND reason = 'page: talent edit, form returned with errors'");
    }

    private static JsonObject With(JsonElement talent, string phone)
    {
        var body = JsonNode.Parse(talent.GetRawText())!.AsObject();
        body["phone"] = phone;
        return body;
    }
}
