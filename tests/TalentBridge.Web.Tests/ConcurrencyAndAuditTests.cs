using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Optimistic concurrency (ETag / If-Match) and the change–event–audit transaction, on both engines.</summary>
public sealed class ConcurrencyAndAuditTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A talent of 青田县 that both the county and the city operator may edit, read by the given client.</summary>
    private static async Task<JsonElement> QingtianTalentAsync(HttpClient client, int skip)
    {
        var page = await Json(await client.GetAsync($"/api/v1/talents?region=331121&sort=name&pageSize=1&page={skip + 1}"));
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt64();
        var response = await client.GetAsync($"/api/v1/talents/{id}");
        var talent = await Json(response);
        Assert.Equal(VersionedRequests.ETag(talent), response.Headers.ETag?.Tag);
        return talent;
    }

    private static JsonObject Renamed(JsonElement talent, string name)
    {
        var body = JsonNode.Parse(talent.GetRawText())!.AsObject();
        body["name"] = name;
        return body;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Of_two_operators_editing_one_talent_the_second_gets_412_and_the_first_change_is_kept(string engine)
    {
        var app = await apps.For(engine);
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var city = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var seenByCounty = await QingtianTalentAsync(county, skip: 3);
        var id = seenByCounty.GetProperty("id").GetInt64();
        var seenByCity = await Json(await city.GetAsync($"/api/v1/talents/{id}"));
        Assert.Equal(VersionedRequests.ETag(seenByCounty), VersionedRequests.ETag(seenByCity));

        var first = await county.PutAsync($"/api/v1/talents/{id}", Renamed(seenByCounty, "县级改名"), VersionedRequests.ETag(seenByCounty));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await city.PutAsync($"/api/v1/talents/{id}", Renamed(seenByCity, "市级改名"), VersionedRequests.ETag(seenByCity));
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal(first.Headers.ETag?.Tag, second.Headers.ETag?.Tag);
        Assert.Equal("县级改名", (await Json(await city.GetAsync($"/api/v1/talents/{id}"))).GetProperty("name").GetString());

        // Without If-Match the write is refused before anything is read or written; "*" overwrites knowingly.
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await city.PutAsync($"/api/v1/talents/{id}", Renamed(seenByCity, "市级改名"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await city.PutAsync($"/api/v1/talents/{id}", Renamed(seenByCity, "市级改名"), "W/\"2\"")).StatusCode);
        var overwrite = await city.PutAsync($"/api/v1/talents/{id}", Renamed(seenByCity, "市级改名"), "*");
        Assert.Equal(HttpStatusCode.OK, overwrite.StatusCode);
        Assert.Equal("市级改名", (await Json(overwrite)).GetProperty("name").GetString());
        Assert.Equal("\"" + (seenByCity.GetProperty("version").GetInt32() + 2) + "\"", overwrite.Headers.ETag?.Tag);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_change_writes_one_event_and_one_audit_row_with_what_changed(string engine)
    {
        var app = await apps.For(engine);
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var talent = await QingtianTalentAsync(county, skip: 5);
        var id = talent.GetProperty("id").GetInt64();

        var updated = await county.PutAsync($"/api/v1/talents/{id}", Renamed(talent, "审计测试"), VersionedRequests.ETag(talent));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var log = await Json(await county.GetAsync($"/api/v1/audit?subject=talent&subjectId={id}&action=update"));
        var row = log.GetProperty("items")[0];
        Assert.Equal("331121", row.GetProperty("regionCode").GetString()![..6]);
        Assert.Equal("青田县人社局", row.GetProperty("accountName").GetString());
        // A person's record: the names of the fields that changed, never their values (the log outlives the record
        // and is read by operators who may not open it).
        var detail = row.GetProperty("detail").GetString()!;
        Assert.Equal(["name"], JsonNode.Parse(detail)!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("审计测试", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(talent.GetProperty("name").GetString()!, detail, StringComparison.Ordinal);

        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var events = (await c.QueryAsync<string>("SELECT kind FROM events WHERE subject_type = 'talent' AND subject_id = @id", new { id })).ToList();
        Assert.Equal(["talent.update"], events);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_change_whose_event_cannot_be_written_is_not_stored_and_leaves_no_audit_row(string engine)
    {
        var app = await apps.For(engine);
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var talent = await QingtianTalentAsync(county, skip: 7);
        var id = talent.GetProperty("id").GetInt64();
        var db = app.Service<Database>();
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            // The event insert of this one talent fails inside the transaction of the change.
            await c.ExecuteAsync(db.Engine == DatabaseEngine.Sqlite
                ? $"CREATE TRIGGER refuse_event BEFORE INSERT ON events WHEN NEW.subject_id = {id} BEGIN SELECT RAISE(ABORT, 'refused'); END"
                : $"""
                   CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
                   CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.subject_id = {id}) EXECUTE FUNCTION refuse_event();
                   """);
        }
        try
        {
            var response = await county.PutAsync($"/api/v1/talents/{id}", Renamed(talent, "不应保存"), VersionedRequests.ETag(talent));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var stored = await Json(await county.GetAsync($"/api/v1/talents/{id}"));
            Assert.Equal(talent.GetProperty("name").GetString(), stored.GetProperty("name").GetString());
            Assert.Equal(VersionedRequests.ETag(talent), VersionedRequests.ETag(stored));
            var log = await Json(await county.GetAsync($"/api/v1/audit?subject=talent&subjectId={id}&action=update"));
            Assert.Equal(0, log.GetProperty("total").GetInt32());
        }
        finally
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            await c.ExecuteAsync(db.Engine == DatabaseEngine.Sqlite
                ? "DROP TRIGGER refuse_event"
                : "DROP TRIGGER refuse_event ON events; DROP FUNCTION refuse_event()");
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_audit_log_is_region_scoped_refused_to_enterprises_and_its_export_is_itself_audited(string engine)
    {
        var app = await apps.For(engine);
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));

        // A view of a talent outside Qingtian (Liandu, 331102) by the administrator.
        var outside = await Json(await admin.GetAsync("/api/v1/talents?region=331102&pageSize=1"));
        var outsideId = outside.GetProperty("items")[0].GetProperty("id").GetInt64();
        await admin.GetAsync($"/api/v1/talents/{outsideId}");
        await QingtianTalentAsync(county, skip: 9);

        var all = await Json(await admin.GetAsync($"/api/v1/audit?subject=talent&subjectId={outsideId}"));
        Assert.True(all.GetProperty("total").GetInt32() >= 1);
        var scoped = await Json(await county.GetAsync("/api/v1/audit?pageSize=200"));
        Assert.True(scoped.GetProperty("total").GetInt32() >= 1);
        Assert.All(scoped.GetProperty("items").EnumerateArray(), r => Assert.StartsWith("331121", r.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, (await Json(await county.GetAsync($"/api/v1/audit?subject=talent&subjectId={outsideId}"))).GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/audit?action=steal")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/audit/export")).StatusCode);

        var csv = await county.GetAsync("/api/v1/audit/export?action=view&reason=" + Uri.EscapeDataString("季度检查"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at,account_id", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(lines.Length >= 2);
        Assert.All(lines.Skip(1), l => Assert.Contains(",view,talent,", l, StringComparison.Ordinal));

        var exports = await Json(await county.GetAsync("/api/v1/audit?action=export"));
        Assert.Contains(exports.GetProperty("items").EnumerateArray(), r => r.GetProperty("reason").GetString() == "季度检查");
    }
}
