using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The one-click flow over HTTP (issue 6) on both engines: a talent applies and signs, the enterprise takes its steps,
/// versions as ETags, illegal steps as 409 with the rule, stale versions as 412, invitations and their answers, the
/// lists of each side, history and agreement.
/// </summary>
public sealed class FlowApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static string Today(int days) => ChinaTime.Today(TimeProvider.System).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Setup(TestApp App, long PositionId, HttpClient Recruiter, HttpClient Talent, long TalentId, IReadOnlyList<long> Others) : IDisposable
    {
        public void Dispose()
        {
            Recruiter.Dispose();
            Talent.Dispose();
        }
    }

    /// <summary>A fresh open position of demo enterprise 1 and a talent account (with a token) for the <paramref name="nth"/> public talent.</summary>
    private static async Task<Setup> SetupAsync(TestApp app, int nth, int headcount = 2)
    {
        var recruiter = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        var enterprise = await Json(await recruiter.GetAsync("/api/v1/enterprises/1"));
        var created = await recruiter.PostAsJsonAsync("/api/v1/positions", new
        {
            enterpriseId = 1, title = $"接口流程岗位{nth}", occupationCode = "6-18-01-01", regionCode = enterprise.GetProperty("regionCode").GetString(),
            headcount, salaryMin = 6000, salaryMax = 9000, postedOn = Today(0), expiresOn = Today(30),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var positionId = (await Json(created)).GetProperty("id").GetInt64();
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var talents = (await c.QueryAsync<long>("SELECT id FROM talents WHERE visibility = 0 ORDER BY id LIMIT 4 OFFSET @offset",
            new { offset = 100 + nth })).ToList();
        return new Setup(app, positionId, recruiter, app.Client(await TalentTokenAsync(app, talents[0])), talents[0], talents[1..]);
    }

    /// <summary>An account of the talent's own with an API token (the demo has one talent account only).</summary>
    private static async Task<string> TalentTokenAsync(TestApp app, long talentId)
    {
        var accounts = app.Service<AccountStore>();
        var name = $"flow.api.{app.Engine}.{talentId}";
        var existing = await accounts.FindByUserNameAsync(name, CancellationToken.None);
        var id = existing?.Id ?? await accounts.CreateAsync(name, name, app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Talent#2026"), Role.Talent,
            null, null, talentId, DateTimeOffset.UtcNow, CancellationToken.None);
        return await accounts.CreateTokenAsync(id, "tests", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
    }

    private static object Offer(int salary = 7500) => new
    {
        monthlySalary = salary, monthsPerYear = 13, startOn = Today(10), engagementMode = "FullTime", probationMonths = 2, signBy = Today(3),
    };

    private static async Task<string> RuleAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Conflict)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await Json(response)).GetProperty("detail").GetString()!;
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await Json(response)).GetProperty("errors");
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_applies_the_enterprise_offers_and_the_talent_signs_over_the_api(string engine)
    {
        using var s = await SetupAsync(await apps.For(engine), 0);
        var applied = await s.Talent.PostAsJsonAsync($"/api/v1/positions/{s.PositionId}/applications", new { keepForOtherPositions = true });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal("\"1\"", applied.Headers.ETag?.Tag);
        var id = (await Json(applied)).GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/applications/{id}", applied.Headers.Location?.OriginalString);
        var again = await s.Talent.PostAsJsonAsync($"/api/v1/positions/{s.PositionId}/applications", new { });
        Assert.Equal("has an open application of yours already", (await ErrorsAsync(again)).GetProperty("positionId")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Recruiter.PostAsJsonAsync($"/api/v1/positions/{s.PositionId}/applications", new { })).StatusCode);

        var candidates = await Json(await s.Recruiter.GetAsync($"/api/v1/positions/{s.PositionId}/candidates?state=applied"));
        Assert.Equal([id], candidates.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        Assert.Contains("state", (await ErrorsAsync(await s.Recruiter.GetAsync($"/api/v1/positions/{s.PositionId}/candidates?state=hired"))).EnumerateObject()
            .Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Talent.GetAsync($"/api/v1/positions/{s.PositionId}/candidates")).StatusCode);

        var steps = $"/api/v1/applications/{id}/steps";
        var read = await s.Recruiter.GetAsync($"/api/v1/applications/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await s.Recruiter.PostAsJsonAsync(steps, new { action = "view" })).StatusCode);
        var viewed = await s.Recruiter.PostAsync(steps, new { action = "view" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
        Assert.Equal(("\"2\"", "Viewed"), (viewed.Headers.ETag?.Tag, (await Json(viewed)).GetProperty("state").GetString()));
        // A second recruiter still holding version 1 is told the application moved on.
        var stale = await s.Recruiter.PostAsync(steps, new { action = "shortlist" }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal("only the enterprise may shortlist an application", await RuleAsync(await s.Talent.PostAsync(steps, new { action = "shortlist" }, "\"2\"")));
        Assert.Equal("cannot sign an application that is viewed", await RuleAsync(await s.Talent.PostAsync($"/api/v1/applications/{id}/sign", new { }, "\"2\"")));
        Assert.Contains("action", (await ErrorsAsync(await s.Recruiter.PostAsync(steps, new { action = "expire" }, "\"2\""))).EnumerateObject().Select(p => p.Name));
        Assert.Equal("differs from the version in If-Match",
            (await ErrorsAsync(await s.Recruiter.PostAsync(steps, new { action = "shortlist", version = 1 }, "\"2\""))).GetProperty("version")[0].GetString());

        Assert.Equal(HttpStatusCode.OK, (await s.Recruiter.PostAsJsonAsync(steps, new { action = "shortlist", version = 2 })).StatusCode);
        var noPlace = await s.Recruiter.PostAsync(steps, new { action = "scheduleInterview", interviewAt = DateTimeOffset.UtcNow.AddDays(2) }, "\"3\"");
        Assert.True((await ErrorsAsync(noPlace)).TryGetProperty("interviewPlace", out _));
        var interview = await s.Recruiter.PostAsync(steps, new
        {
            action = "scheduleInterview", interviewAt = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            interviewPlace = "缙云县五云街道工业园 3 号楼",
        }, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, interview.StatusCode);
        var badOffer = await ErrorsAsync(await s.Recruiter.PostAsync(steps, new
        {
            action = "offer", offer = new { monthlySalary = 0, startOn = "next monday", signBy = Today(3) },
        }, "\"4\""));
        Assert.True(badOffer.TryGetProperty("startOn", out _));
        Assert.True(badOffer.TryGetProperty("monthlySalary", out _));
        var offered = await s.Recruiter.PostAsync(steps, new { action = "offer", offer = Offer() }, "\"4\"");
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Equal(7500, (await Json(offered)).GetProperty("offer").GetProperty("monthlySalary").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Talent.GetAsync($"/api/v1/applications/{id}/agreement")).StatusCode);

        var signed = await s.Talent.PostAsync($"/api/v1/applications/{id}/sign", new { }, "\"5\"");
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("Signed", (await Json(signed)).GetProperty("state").GetString());
        Assert.Equal("cannot withdraw an application that is signed: it is closed",
            await RuleAsync(await s.Talent.PostAsJsonAsync($"/api/v1/applications/{id}/withdraw", new { version = 6 })));

        var agreement = await Json(await s.Recruiter.GetAsync($"/api/v1/applications/{id}/agreement"));
        Assert.True(agreement.GetProperty("hashMatches").GetBoolean());
        Assert.Equal(64, agreement.GetProperty("contentHash").GetString()!.Length);
        Assert.Equal((7500, 13), (agreement.GetProperty("terms").GetProperty("monthlySalary").GetInt32(),
            agreement.GetProperty("terms").GetProperty("monthsPerYear").GetInt32()));
        var history = await Json(await s.Talent.GetAsync($"/api/v1/applications/{id}/history"));
        Assert.Equal(["apply", "view", "shortlist", "scheduleInterview", "offer", "sign"],
            history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        var mine = await Json(await s.Talent.GetAsync($"/api/v1/talents/{s.TalentId}/applications"));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == id && a.GetProperty("state").GetString() == "Signed");

        // Strangers: another talent sees neither the application nor the list; the recruiter not the talent's own list.
        using var stranger = s.App.Client(await TalentTokenAsync(s.App, s.Others[0]));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/applications/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync(steps, new { action = "withdraw" }, "*")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/talents/{s.TalentId}/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Recruiter.GetAsync($"/api/v1/talents/{s.TalentId}/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.App.Client().GetAsync($"/api/v1/applications/{id}")).StatusCode);

        // The position lost one of its two places.
        Assert.Equal(1, (await Json(await s.Recruiter.GetAsync($"/api/v1/positions/{s.PositionId}"))).GetProperty("headcount").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_invitation_is_sent_accepted_into_an_application_and_answered_once(string engine)
    {
        using var s = await SetupAsync(await apps.For(engine), 10);
        var url = $"/api/v1/talents/{s.TalentId}/invitations";
        var sent = await s.Recruiter.PostAsJsonAsync(url, new { positionId = s.PositionId, message = "您好，诚邀您来面试。", days = 5 });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var invitation = await Json(sent);
        var id = invitation.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/invitations/{id}", sent.Headers.Location?.OriginalString);
        Assert.Equal("has an open invitation to this position already",
            (await ErrorsAsync(await s.Recruiter.PostAsJsonAsync(url, new { positionId = s.PositionId, message = "再次邀请" }))).GetProperty("talentId")[0].GetString());
        Assert.True((await ErrorsAsync(await s.Recruiter.PostAsJsonAsync(url, new { message = "没有岗位" }))).TryGetProperty("positionId", out _));
        Assert.True((await ErrorsAsync(await s.Recruiter.PostAsJsonAsync($"/api/v1/talents/{s.Others[0]}/invitations",
            new { positionId = s.PositionId, message = "太久", days = 90 }))).TryGetProperty("days", out _));

        var received = await Json(await s.Talent.GetAsync(url));
        Assert.Contains(received.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var answer = $"/api/v1/invitations/{id}/answer";
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await s.Talent.PostAsJsonAsync(answer, new { action = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.App.Client(await TalentTokenAsync(s.App, s.Others[1])).PostAsync(answer, new { action = "accept" }, "*")).StatusCode);
        var accepted = await s.Talent.PostAsync(answer, new { action = "accept", keepForOtherPositions = true }, VersionedRequests.ETag(invitation));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await Json(accepted);
        Assert.Equal("Accepted", body.GetProperty("state").GetString());
        var applicationId = body.GetProperty("applicationId").GetInt64();
        Assert.Equal("cannot decline an invitation that is accepted: it is closed",
            await RuleAsync(await s.Talent.PostAsJsonAsync(answer, new { action = "decline", version = 2 })));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await s.Talent.PostAsJsonAsync(answer, new { action = "decline", version = 1 })).StatusCode);

        // The accepted invitation is an application the enterprise sees and the talent may withdraw.
        var application = await Json(await s.Recruiter.GetAsync($"/api/v1/applications/{applicationId}"));
        Assert.Equal((id, "Applied"), (application.GetProperty("invitationId").GetInt64(), application.GetProperty("state").GetString()));
        var withdrawn = await s.Talent.PostAsJsonAsync($"/api/v1/applications/{applicationId}/withdraw", new { version = 1, reason = "已找到工作" });
        Assert.Equal("Withdrawn", (await Json(withdrawn)).GetProperty("state").GetString());
        Assert.Equal("已找到工作", (await Json(await s.Talent.GetAsync($"/api/v1/applications/{applicationId}/history")))[1].GetProperty("note").GetString());

        using var other = s.App.Client(await TalentTokenAsync(s.App, s.Others[2]));
        var second = await Json(await s.Recruiter.PostAsJsonAsync($"/api/v1/talents/{s.Others[2]}/invitations", new { positionId = s.PositionId, message = "邀请" }));
        var declined = await other.PostAsync($"/api/v1/invitations/{second.GetProperty("id").GetInt64()}/answer", new { action = "decline" }, "\"1\"");
        Assert.Equal("Declined", (await Json(declined)).GetProperty("state").GetString());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Two_recruiters_stepping_at_once_over_http_move_an_application_once(string engine)
    {
        using var s = await SetupAsync(await apps.For(engine), 20, headcount: 3);
        var id = (await Json(await s.Talent.PostAsJsonAsync($"/api/v1/positions/{s.PositionId}/applications", new { }))).GetProperty("id").GetInt64();
        using var second = s.App.Client(await s.App.TokenAsync("enterprise.admin", "Enterprise#2026"));
        var answers = await Task.WhenAll(
            s.Recruiter.PostAsync($"/api/v1/applications/{id}/steps", new { action = "shortlist" }, "\"1\""),
            second.PostAsync($"/api/v1/applications/{id}/steps", new { action = "refuse", reason = "岗位已满" }, "\"1\""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(2, (await Json(await s.Talent.GetAsync($"/api/v1/applications/{id}/history"))).GetArrayLength());
        await using var c = await s.App.Service<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject_type = 'application' AND subject_id = @id", new { id }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_openapi_document_describes_the_flow(string engine)
    {
        var app = await apps.For(engine);
        var paths = (await Json(await app.Client().GetAsync("/api/v1/openapi.json"))).GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/positions/{id}/applications", "/api/v1/applications/{id}", "/api/v1/applications/{id}/steps", "/api/v1/applications/{id}/sign",
            "/api/v1/applications/{id}/withdraw", "/api/v1/applications/{id}/history", "/api/v1/applications/{id}/agreement",
            "/api/v1/positions/{id}/candidates", "/api/v1/talents/{id}/applications", "/api/v1/talents/{id}/invitations", "/api/v1/invitations/{id}",
            "/api/v1/invitations/{id}/answer",
        })
        {
            Assert.True(paths.TryGetProperty(path, out var operations), path);
            Assert.All(operations.EnumerateObject(), o => Assert.False(string.IsNullOrEmpty(o.Value.GetProperty("summary").GetString()), path));
        }
    }
}
