using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Training from skill gaps over the API on both engines (issue 16, item 5): the demo catalogue with filters and errors
/// naming the parameter; a programme added by an operator for the demo talent's heaviest gap is recommended with the
/// positions it raises; enrolment, and a completion that changes the talent's record with its audit rows in one go;
/// scope; the demand table from a gap run, its audited export.
/// </summary>
public sealed class TrainingApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_catalogue_lists_the_demo_programmes_filters_and_names_bad_parameters(string engine)
    {
        var app = await apps.For(engine);
        using var anonymous = app.Client();
        var all = await Json(await anonymous.GetAsync("/api/v1/training/programmes?pageSize=100"));
        Assert.True(all.GetProperty("total").GetInt32() >= 12);
        var first = all.GetProperty("items")[0];
        Assert.NotEqual(0, first.GetProperty("skills").GetArrayLength());
        var subsidised = await Json(await anonymous.GetAsync("/api/v1/training/programmes?subsidised=true&level=Intermediate&sort=-cost"));
        Assert.All(subsidised.GetProperty("items").EnumerateArray(), p =>
        {
            Assert.True(p.GetProperty("subsidyFen").GetInt64() > 0);
            Assert.Equal("Intermediate", p.GetProperty("level").GetString());
        });
        var costs = subsidised.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("costFen").GetInt64() - p.GetProperty("subsidyFen").GetInt64()).ToList();
        Assert.Equal(costs.OrderDescending(), costs);
        var skill = first.GetProperty("skills")[0].GetString()!;
        var found = await Json(await anonymous.GetAsync("/api/v1/training/programmes?q=" + Uri.EscapeDataString(skill)));
        Assert.All(found.GetProperty("items").EnumerateArray(), p => Assert.Contains(skill, p.GetRawText(), StringComparison.OrdinalIgnoreCase));

        var bad = await anonymous.GetAsync("/api/v1/training/programmes?level=Wizard&sort=price&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[] { "level", "sort", "page" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_programme_for_the_talents_heaviest_gap_is_recommended_and_its_completion_updates_the_record(string engine)
    {
        var app = await apps.For(engine);
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));

        var advice = await Json(await talent.GetAsync("/api/v1/training/talents/1/recommendations"));
        Assert.Equal(JsonValueKind.Null, advice.GetProperty("blocked").ValueKind);
        var gap = advice.GetProperty("gaps")[0];
        var skill = gap.GetProperty("skill").GetString()!;
        Assert.True(gap.GetProperty("weight").GetDouble() > 0);

        // An operator adds a provider and a programme teaching exactly that skill, fully subsidised for everyone.
        var provider = await lishui.PostAsJsonAsync("/api/v1/training/providers", new { name = $"测试培训学校 {engine}", regionCode = "331102" });
        Assert.Equal(HttpStatusCode.Created, provider.StatusCode);
        var providerId = (await Json(provider)).GetProperty("id").GetInt64();
        var badProgramme = await lishui.PostAsJsonAsync("/api/v1/training/programmes", new
        {
            providerId, name = "", skills = Array.Empty<string>(), durationHours = 0, costFen = 100, subsidyFen = 200, subsidyEligibility = "Everyone",
            regionCode = "3311", occupationCodes = (string[])["9-99-99-99"],
        });
        Assert.Equal(HttpStatusCode.BadRequest, badProgramme.StatusCode);
        var errors = (await Json(badProgramme)).GetProperty("errors");
        foreach (var field in new[] { "name", "skills", "durationHours", "subsidyFen", "regionCode", "occupationCodes" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        var created = await lishui.PostAsJsonAsync("/api/v1/training/programmes", new
        {
            providerId, name = $"{skill} 专项班 {engine}", skills = new[] { skill }, durationHours = 16, costFen = 50_000, subsidyFen = 50_000,
            subsidyEligibility = "Everyone", regionCode = "331102", level = "Senior", certificate = $"{skill}（三级/高级工）", mode = "InPerson", active = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var programmeId = (await Json(created)).GetProperty("id").GetInt64();
        var outside = await qingtian.PostAsJsonAsync("/api/v1/training/programmes", new
        {
            providerId, name = "outside", skills = new[] { skill }, durationHours = 16, regionCode = "331102",
        });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await Json(outside)).GetProperty("errors").TryGetProperty("regionCode", out _));

        advice = await Json(await talent.GetAsync("/api/v1/training/talents/1/recommendations"));
        var mine = advice.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("programme").GetProperty("id").GetInt64() == programmeId);
        Assert.Equal(0, mine.GetProperty("netCostFen").GetInt64());
        Assert.Contains(mine.GetProperty("closesGaps").EnumerateArray(), g => g.GetProperty("skill").GetString() == skill);
        var raised = mine.GetProperty("raised").EnumerateArray().ToList();
        Assert.NotEmpty(raised);
        Assert.All(raised, r => Assert.True(r.GetProperty("scoreAfter").GetDouble() > r.GetProperty("scoreBefore").GetDouble()));
        var positions = advice.GetProperty("positions");
        Assert.True(positions.TryGetProperty(raised[0].GetProperty("positionId").GetInt64().ToString(CultureInfo.InvariantCulture), out _));
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync("/api/v1/training/talents/1/recommendations")).StatusCode);

        // The talent enrols (once); the operator records the completion; the record gains the skill, certificate and level.
        var enrolled = await talent.PostAsJsonAsync("/api/v1/training/talents/1/enrolments", new { programmeId });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var enrolmentId = (await Json(enrolled)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await talent.PostAsJsonAsync("/api/v1/training/talents/1/enrolments", new { programmeId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.PostAsync($"/api/v1/training/enrolments/{enrolmentId}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.PostAsync($"/api/v1/training/enrolments/{enrolmentId}/complete", null)).StatusCode);
        Assert.Contains((await Json(await lishui.GetAsync("/api/v1/training/enrolments"))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == enrolmentId);

        var db = app.Service<Database>();
        int versionBefore;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            versionBefore = await c.QuerySingleAsync<int>("SELECT version FROM talents WHERE id = 1");
        }
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/training/enrolments/{enrolmentId}/complete");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await lishui.SendAsync(stale)).StatusCode);
        var completed = await lishui.PostAsync($"/api/v1/training/enrolments/{enrolmentId}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("Completed", (await Json(completed)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/training/enrolments/{enrolmentId}/complete", null)).StatusCode);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            var (version, skills, certificates, level) = await c.QuerySingleAsync<(int, string, string, int)>(
                "SELECT version, skills, certificates, skill_level FROM talents WHERE id = 1");
            Assert.Equal(versionBefore + 1, version);
            Assert.Contains(skill, skills, StringComparison.Ordinal);
            Assert.Contains($"{skill}（三级/高级工）", certificates, StringComparison.Ordinal);
            Assert.True(level >= (int)TalentBridge.Domain.SkillLevel.Senior);
        }
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "talent", 1, "update", "skills"));
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "trainingEnrolment", enrolmentId, "update", "Completed"));
        // A programme taken is not offered again; the gap is closed.
        advice = await Json(await talent.GetAsync("/api/v1/training/talents/1/recommendations"));
        Assert.DoesNotContain(advice.GetProperty("recommendations").EnumerateArray(), r => r.GetProperty("programme").GetProperty("id").GetInt64() == programmeId);
        Assert.DoesNotContain(advice.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("skill").GetString() == skill);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_demand_table_counts_the_regions_gaps_against_the_shortage_catalogue_and_its_export_is_audited(string engine)
    {
        var app = await apps.For(engine);
        var run = await app.Service<TrainingGaps>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CancellationToken.None);
        Assert.True(run.Talents > 0 && run.Gaps >= run.Talents);

        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        var response = await lishui.GetAsync("/api/v1/training/demand");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var table = await Json(response);
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.True(table.GetProperty("talents").GetInt32() > 0);
        var priorities = rows.Select(r => r.GetProperty("priority").GetDouble()).ToList();
        Assert.Equal(priorities.OrderDescending(), priorities);
        foreach (var row in rows.Take(20))
        {
            var index = row.GetProperty("shortageIndex");
            var expected = row.GetProperty("talents").GetInt32() * (index.ValueKind == JsonValueKind.Null ? 60 : index.GetDouble()) / 100;
            Assert.Equal(Math.Round(expected, 2), row.GetProperty("priority").GetDouble(), 2);
        }
        // 青田's table holds only its own talents' gaps.
        var county = await Json(await qingtian.GetAsync("/api/v1/training/demand"));
        Assert.True(county.GetProperty("talents").GetInt32() < table.GetProperty("talents").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await qingtian.GetAsync("/api/v1/training/demand?region=331102")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync("/api/v1/training/demand")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.GetAsync("/api/v1/training/demand?period=2026-Q9")).StatusCode);

        var csv = await lishui.GetAsync("/api/v1/training/demand/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(rows[0].GetProperty("skill").GetString()!, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lishui.GetAsync("/api/v1/training/demand/export?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.GetAsync("/api/v1/training/demand/export?format=pdf")).StatusCode);
        Assert.True(await ServicesApiTests.AuditRowsAsync(app, "trainingDemand", null, "export", "format=csv") >= 1);
    }
}
