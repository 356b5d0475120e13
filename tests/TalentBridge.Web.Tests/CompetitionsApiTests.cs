using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Competitions over the API on both engines (issue 16, item 4): an operator organises a competition with a track and five
/// judges; talents enter (one for the enterprise two judges work for); a judge declares a conflict; judges score on the
/// criteria and are refused where they stand aside; the results publish with a tie sharing rank and award; a winner's award
/// goes onto their record and an invitation into the shared pool becomes an admission application with Competition evidence.
/// </summary>
public sealed class CompetitionsApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static readonly decimal[] FullMarks = [40m, 60m];
    private static readonly decimal[] OutOfRange = [41m, 30.555m];

    private static readonly string[] JudgeAccounts = ["lishui.operator", "qingtian.operator", "enterprise.admin", "recruiter", "admin"];

    private static readonly Dictionary<string, string> Passwords = new(StringComparer.Ordinal)
    {
        ["lishui.operator"] = "Operator#2026", ["qingtian.operator"] = "Operator#2026", ["enterprise.admin"] = "Enterprise#2026", ["recruiter"] = "Recruiter#2026",
        ["admin"] = "Admin#2026",
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Judges_stand_aside_a_tie_shares_gold_and_a_winner_is_invited_into_both_pools(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtianOperator = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        using var anonymous = app.Client();

        var bad = await lishui.PostAsJsonAsync("/api/v1/competitions", new
        {
            name = "", organiser = "x", regionCode = "3311", level = "City", entryFrom = "2026-05-01", entryUntil = "2026-04-01", finalOn = "2026-06-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("entryUntil", out _));
        var outside = await qingtianOperator.PostAsJsonAsync("/api/v1/competitions", new
        {
            name = "x", organiser = "x", regionCode = "331102", level = "County", entryFrom = "2026-03-01", entryUntil = "2026-04-01", finalOn = "2026-06-01",
        });
        Assert.True((await Json(outside)).GetProperty("errors").TryGetProperty("regionCode", out _));

        var created = await lishui.PostAsJsonAsync("/api/v1/competitions", new
        {
            name = $"测试技能大赛 {engine}", organiser = "丽水市人社局", regionCode = "3311", level = "City", entryFrom = "2026-03-01", entryUntil = "2026-04-01",
            finalOn = "2026-05-20",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json(created)).GetProperty("id").GetInt64();
        // A draft is the organiser's only.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/competitions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "OpenEntry" })).StatusCode);

        var badTrack = await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks", new { name = "数控车", criteria = new[] { new { name = "精度", maxPoints = 60 } } });
        Assert.True((await Json(badTrack)).GetProperty("errors").TryGetProperty("criteria", out _));
        var track = await Json(await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks", new
        {
            name = "数控车", criteria = new[] { new { name = "工艺", maxPoints = 40 }, new { name = "精度", maxPoints = 60 } }, gold = 1, silver = 1, bronze = 1,
        }));
        var trackId = track.GetProperty("id").GetInt64();
        foreach (var judge in JudgeAccounts)
        {
            Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks/{trackId}/judges", new { userName = judge })).StatusCode);
        }
        Assert.True((await Json(await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks/{trackId}/judges", new { userName = "nobody" })))
            .GetProperty("errors").TryGetProperty("userName", out _));
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "OpenEntry" })).StatusCode);

        // Talent 1 enters for enterprise 1 (whose two users judge); three more talents enter alone.
        string uscc;
        List<long> others;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            uscc = await c.QuerySingleAsync<string>("SELECT uscc FROM enterprises WHERE id = 1");
            others = [.. await c.QueryAsync<long>("SELECT id FROM talents WHERE id > 1 AND id NOT IN (SELECT talent_id FROM shared_experts) ORDER BY id LIMIT 3")];
        }
        var badEntry = await talent.PostAsJsonAsync($"/api/v1/competitions/{id}/entries", new { trackId, title = "", enterpriseUscc = "91330000000000000X" });
        var entryErrors = (await Json(badEntry)).GetProperty("errors");
        Assert.True(entryErrors.TryGetProperty("title", out _) && entryErrors.TryGetProperty("enterpriseUscc", out _));
        var mine = await Json(await talent.PostAsJsonAsync($"/api/v1/competitions/{id}/entries", new { trackId, title = "阶梯轴", enterpriseUscc = uscc }));
        var entries = new List<long> { mine.GetProperty("id").GetInt64() };
        Assert.Equal(HttpStatusCode.BadRequest, (await talent.PostAsJsonAsync($"/api/v1/competitions/{id}/entries", new { trackId, title = "again" })).StatusCode);
        var competitionEntries = app.Service<CompetitionEntries>();
        foreach (var other in others)
        {
            entries.Add((await competitionEntries.EnterAsync(new Caller(null, Role.Talent, null, null, other), id,
                new EntryForm { TrackId = trackId, Title = $"作品 {other}", TeamName = "精工队", Members = ["王明"] }, null, CancellationToken.None)).Value!.Id);
        }
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "CloseEntry" })).StatusCode);

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var judge in JudgeAccounts)
        {
            clients[judge] = app.Client(await app.TokenAsync(judge, Passwords[judge]));
        }
        try
        {
            // 青田's judge declares a conflict with the second entry; the board shows every exclusion with its reason.
            var qingtian = clients["qingtian.operator"];
            var board = await Json(await qingtian.GetAsync($"/api/v1/competitions/{id}/judging"));
            var qingtianJudge = board.GetProperty("mine")[0].GetProperty("id").GetInt64();
            Assert.True((await Json(await qingtian.PostAsJsonAsync($"/api/v1/competitions/{id}/conflicts", new { judgeId = qingtianJudge, entryId = entries[1], note = " " })))
                .GetProperty("errors").TryGetProperty("note", out _));
            Assert.Equal(HttpStatusCode.OK,
                (await qingtian.PostAsJsonAsync($"/api/v1/competitions/{id}/conflicts", new { judgeId = qingtianJudge, entryId = entries[1], note = "师生关系" })).StatusCode);
            board = await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/judging"));
            var reasons = board.GetProperty("exclusions").EnumerateArray()
                .Select(e => (Entry: e.GetProperty("entryId").GetInt64(), Reason: e.GetProperty("reason").GetString())).ToList();
            Assert.Equal(2, reasons.Count(r => r.Entry == entries[0] && r.Reason == "SameEnterprise"));
            Assert.Contains((entries[1], "Declared"), reasons);
            Assert.Equal(HttpStatusCode.NotFound, (await talent.GetAsync($"/api/v1/competitions/{id}/judging")).StatusCode);

            // Sheets (工艺 of 40 + 精度 of 60). Entry 0: three judges count, (90 + 85 + 80) / 3 = 85. Entry 1: four count, all 85 → 85 (a tie).
            // Entry 2: five count, 70 75 80 85 99 → without the highest and the lowest 80. Entry 3: two sheets only → no result.
            var sheets = new (string Judge, int Entry, decimal Points)[]
            {
                ("lishui.operator", 0, 90), ("qingtian.operator", 0, 85), ("admin", 0, 80),
                ("lishui.operator", 1, 85), ("enterprise.admin", 1, 85), ("recruiter", 1, 85), ("admin", 1, 85),
                ("lishui.operator", 2, 70), ("qingtian.operator", 2, 75), ("enterprise.admin", 2, 80), ("recruiter", 2, 85), ("admin", 2, 99),
                ("lishui.operator", 3, 60), ("admin", 3, 61),
            };
            foreach (var (judge, entry, points) in sheets)
            {
                var answer = await clients[judge].PutAsJsonAsync($"/api/v1/competitions/{id}/entries/{entries[entry]}/score",
                    new { points = new[] { points * 0.4m, points * 0.6m } });
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }
            var refused = await clients["recruiter"].PutAsJsonAsync($"/api/v1/competitions/{id}/entries/{entries[0]}/score", new { points = FullMarks });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("stand aside", (await Json(refused)).GetProperty("errors").GetProperty("entryId")[0].GetString(), StringComparison.Ordinal);
            var outOfRange = await Json(await clients["admin"].PutAsJsonAsync($"/api/v1/competitions/{id}/entries/{entries[0]}/score", new { points = OutOfRange }));
            Assert.True(outOfRange.GetProperty("errors").TryGetProperty("points[0]", out _) && outOfRange.GetProperty("errors").TryGetProperty("points[1]", out _));
            Assert.Equal(HttpStatusCode.Forbidden,
                (await talent.PutAsJsonAsync($"/api/v1/competitions/{id}/entries/{entries[1]}/score", new { points = FullMarks })).StatusCode);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/competitions/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsync($"/api/v1/competitions/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/competitions/{id}/publish", null)).StatusCode);
        var results = (await Json(await anonymous.GetAsync($"/api/v1/competitions/{id}/results")))[0];
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([entries[0], entries[1], entries[2]], rows.Select(r => r.GetProperty("entry").GetProperty("id").GetInt64()));
        Assert.Equal([1, 1, 3], rows.Select(r => r.GetProperty("result").GetProperty("rank").GetInt32()));
        Assert.Equal(["Gold", "Gold", "Bronze"], rows.Select(r => r.GetProperty("result").GetProperty("award").GetString()));
        Assert.Equal([85m, 85m, 80m], rows.Select(r => r.GetProperty("result").GetProperty("final").GetDecimal()));
        Assert.Equal([3, 4, 3], rows.Select(r => r.GetProperty("counted").GetInt32()));
        Assert.Equal(entries[3], results.GetProperty("incomplete")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "competition", id, "update", "Published"));
        // Everyone sees names, teams and titles; the talent's id, residence, summary and members are the organiser's.
        var publicEntry = rows[1].GetProperty("entry");
        Assert.Equal((0L, "", 0), (publicEntry.GetProperty("talentId").GetInt64(), publicEntry.GetProperty("regionCode").GetString(),
            publicEntry.GetProperty("members").GetArrayLength()));
        Assert.Equal("精工队", publicEntry.GetProperty("teamName").GetString());
        var organiserEntry = (await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/results")))[0].GetProperty("rows")[1].GetProperty("entry");
        Assert.Equal(others[0], organiserEntry.GetProperty("talentId").GetInt64());
        Assert.Equal(1, organiserEntry.GetProperty("members").GetArrayLength());

        // Into the talent pool: the award is a certificate line of talent 1's record, a new version with its audit row.
        int version;
        var audited = await ServicesApiTests.AuditRowsAsync(app, "talent", 1, "update", "certificates");
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            version = await c.QuerySingleAsync<int>("SELECT version FROM talents WHERE id = 1");
        }
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsync($"/api/v1/competitions/entries/{entries[0]}/award", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/competitions/entries/{entries[0]}/award", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/competitions/entries/{entries[3]}/award", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingtianOperator.PostAsync($"/api/v1/competitions/entries/{entries[1]}/award", null)).StatusCode);
        // A winner living outside the organiser's region: the record is not theirs to change (the shared pool stays open).
        string residence;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            residence = await c.QuerySingleAsync<string>("SELECT residence_region_code FROM talents WHERE id = @talent", new { talent = others[0] });
            await c.ExecuteAsync("UPDATE talents SET residence_region_code = '330102' WHERE id = @talent", new { talent = others[0] });
        }
        var elsewhere = await lishui.PostAsync($"/api/v1/competitions/entries/{entries[1]}/award", null);
        Assert.Contains("outside your region", (await Json(elsewhere)).GetProperty("errors").GetProperty("entryId")[0].GetString(), StringComparison.Ordinal);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE talents SET residence_region_code = @residence WHERE id = @talent", new { residence, talent = others[0] });
        }
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            var (after, certificates) = await c.QuerySingleAsync<(int, string)>("SELECT version, certificates FROM talents WHERE id = 1");
            Assert.Equal(version + 1, after);
            Assert.Contains($"测试技能大赛 {engine}·数控车 金奖（第1名）", certificates, StringComparison.Ordinal);
        }
        Assert.Equal(audited + 1, await ServicesApiTests.AuditRowsAsync(app, "talent", 1, "update", "certificates"));

        // Into the shared pool: the second gold winner (no expert record yet) is invited, confirms, and an application with the award is submitted.
        var invited = await Json(await lishui.PostAsync($"/api/v1/competitions/entries/{entries[1]}/invitation", null));
        Assert.Equal("Sent", invited.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/competitions/entries/{entries[1]}/invitation", null)).StatusCode);
        var winnerAccount = await WinnerAccountAsync(app, others[0], engine);
        using var winner = app.Client(await app.TokenAsync(winnerAccount, "Winner#2026"));
        var invitation = (await Json(await winner.GetAsync("/api/v1/competitions/mine")))[0].GetProperty("invitations")[0];
        var invitationId = invitation.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound,
            (await talent.PostAsJsonAsync($"/api/v1/competitions/invitations/{invitationId}/accept", new { poolRegion = "331102", modes = "Consulting", summary = "x" })).StatusCode);
        var badAnswer = await Json(await winner.PostAsJsonAsync($"/api/v1/competitions/invitations/{invitationId}/accept", new { poolRegion = "3311", modes = "Consulting" }));
        Assert.True(badAnswer.GetProperty("errors").TryGetProperty("poolRegion", out _) && badAnswer.GetProperty("errors").TryGetProperty("summary", out _));
        var accepted = await Json(await winner.PostAsJsonAsync($"/api/v1/competitions/invitations/{invitationId}/accept",
            new { poolRegion = "331102", modes = "Consulting, PartTime", summary = "数控车削工艺指导" }));
        Assert.Equal("Accepted", accepted.GetProperty("state").GetString());
        var applicationId = accepted.GetProperty("applicationId").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await winner.PostAsync($"/api/v1/competitions/invitations/{invitationId}/decline", null)).StatusCode);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            var evidence = await c.QuerySingleAsync<string>("SELECT evidence FROM admission_applications WHERE id = @applicationId", new { applicationId });
            var item = JsonDocument.Parse(evidence).RootElement.GetProperty("items")[0];
            Assert.Equal("competition", item.GetProperty("kind").GetString(), ignoreCase: true);
            Assert.Equal(1, item.GetProperty("placing").GetInt32());
            Assert.Equal("city", item.GetProperty("level").GetString(), ignoreCase: true);
            Assert.Equal(2026, item.GetProperty("year").GetInt32());
        }
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "competitionInvitation", invitationId, "update", $"{applicationId}"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Tracks_change_until_scored_a_removed_judge_no_longer_counts_and_entrants_are_notified(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtianOperator = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var id = (await Json(await lishui.PostAsJsonAsync("/api/v1/competitions", new
        {
            name = $"改赛道测试赛 {engine}", organiser = "丽水市人社局", regionCode = "3311", level = "City", entryFrom = "2026-03-01", entryUntil = "2026-04-01",
            finalOn = "2026-05-20",
        }))).GetProperty("id").GetInt64();
        var track = await Json(await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks", new
        {
            name = "数控铣", criteria = new[] { new { name = "工艺", maxPoints = 40 }, new { name = "精度", maxPoints = 60 } }, gold = 2, silver = 1, bronze = 1,
        }));
        var trackId = track.GetProperty("id").GetInt64();
        Assert.Equal(1, track.GetProperty("version").GetInt32());
        var url = $"/api/v1/competitions/{id}/tracks/{trackId}";
        object Change(string name, int craft, int gold = 1) => new
        {
            name, description = "三轴加工", criteria = new[] { new { name = "工艺", maxPoints = craft }, new { name = "精度", maxPoints = 100 - craft } }, gold, silver = 1, bronze = 1,
        };

        // The track changes with its version (If-Match), while a draft; the criteria are validated as when it was added.
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await lishui.PutAsJsonAsync(url, Change("数控铣", 30))).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await lishui.PutAsync(url, Change("数控铣", 30), "\"9\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingtianOperator.PutAsync(url, Change("数控铣", 30), "\"1\"")).StatusCode);
        var nulls = await lishui.PutAsync(url, new { name = "数控铣", criteria = new object?[] { null, new { maxPoints = 100 } } }, "\"1\"");
        Assert.Equal(HttpStatusCode.BadRequest, nulls.StatusCode);
        var nullErrors = (await Json(nulls)).GetProperty("errors");
        Assert.True(nullErrors.TryGetProperty("criteria[0]", out _) && nullErrors.TryGetProperty("criteria[1].name", out _));
        var bad = await lishui.PutAsync(url, new { name = " ", criteria = new[] { new { name = "工艺", maxPoints = 30 } } }, "\"1\"");
        var badErrors = (await Json(bad)).GetProperty("errors");
        Assert.True(badErrors.TryGetProperty("name", out _) && badErrors.TryGetProperty("criteria", out _));
        var changed = await lishui.PutAsync(url, Change("数控铣（三轴）", 30), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"2\"", changed.Headers.ETag!.Tag);
        var detail = await Json(await lishui.GetAsync($"/api/v1/competitions/{id}"));
        var stored = detail.GetProperty("tracks")[0].GetProperty("track");
        Assert.Equal(("数控铣（三轴）", 30, 1), (stored.GetProperty("name").GetString(), stored.GetProperty("criteria")[0].GetProperty("maxPoints").GetInt32(),
            stored.GetProperty("gold").GetInt32()));
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "competitionTrack", trackId, "update", "\"criteria\""));

        // Judges: enterprise.admin is removed before scoring (no reason needed), the other four judge.
        foreach (var judge in new[] { "lishui.operator", "qingtian.operator", "admin", "recruiter", "enterprise.admin" })
        {
            Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks/{trackId}/judges", new { userName = judge })).StatusCode);
        }
        var judgeRows = (await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/judging"))).GetProperty("judges").EnumerateArray().ToList();
        var judges = judgeRows.ToDictionary(j => j.GetProperty("userName").GetString()!, j => j.GetProperty("id").GetInt64());
        var judgeAccounts = judgeRows.ToDictionary(j => j.GetProperty("userName").GetString()!, j => j.GetProperty("accountId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound,
            (await qingtianOperator.PostAsJsonAsync($"/api/v1/competitions/{id}/judges/{judges["enterprise.admin"]}/remove", new { reason = (string?)null })).StatusCode);
        var unscored = await Json(await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/judges/{judges["enterprise.admin"]}/remove", new { reason = (string?)null }));
        Assert.Equal(0, unscored.GetProperty("discardedSheets").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound,
            (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/judges/{judges["enterprise.admin"]}/remove", new { reason = "again" })).StatusCode);

        // Open for entries, the track still changes; three talents with accounts enter.
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "OpenEntry" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lishui.PutAsync(url, Change("数控铣（三轴）", 40), "\"2\"")).StatusCode);
        // enterprise.admin judges again, to be removed at the moment they score (below).
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/tracks/{trackId}/judges", new { userName = "enterprise.admin" })).StatusCode);
        List<long> talents;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            talents = [.. await c.QueryAsync<long>("SELECT id FROM talents WHERE id > 1 ORDER BY id DESC LIMIT 3")];
        }
        var entries = new List<long>();
        var accounts = new List<long>();
        foreach (var talentId in talents)
        {
            accounts.Add(await AccountIdAsync(app, await WinnerAccountAsync(app, talentId, engine, "entrant")));
            entries.Add((await app.Service<CompetitionEntries>().EnterAsync(new Caller(null, Role.Talent, null, null, talentId), id,
                new EntryForm { TrackId = trackId, Title = $"铣削件 {talentId}" }, null, CancellationToken.None)).Value!.Id);
        }
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "CloseEntry" })).StatusCode);
        var judging = await lishui.PutAsync(url, Change("数控铣（三轴）", 30), "\"3\"");
        Assert.Contains("draft or open for entries", (await Json(judging)).GetProperty("errors").GetProperty("state")[0].GetString(), StringComparison.Ordinal);

        // Sheets (工艺 of 40 + 精度 of 60). Entry 0: 90 80 70 and the recruiter's 60. Entry 1: 85 85 85 and the recruiter's 100. Entry 2: 70 and the recruiter's 99.
        var sheets = new (string Judge, int Entry, decimal Points)[]
        {
            ("lishui.operator", 0, 90), ("qingtian.operator", 0, 80), ("admin", 0, 70), ("recruiter", 0, 60),
            ("lishui.operator", 1, 85), ("qingtian.operator", 1, 85), ("admin", 1, 85), ("recruiter", 1, 100),
            ("lishui.operator", 2, 70), ("recruiter", 2, 99),
        };
        foreach (var (judge, entry, points) in sheets)
        {
            Assert.NotNull((await app.Service<CompetitionJudging>().ScoreAsync(new Caller(judgeAccounts[judge], null, null, null, null), id, entries[entry],
                [points * 0.4m, points * 0.6m], CancellationToken.None)).Value);
        }

        // A removal holding the judge's row (as RemoveAsync does on PostgreSQL) while the judge sends a sheet: the sheet
        // waits, and once the removal commits it is refused, not a server error. (SQLite runs one writer at a time.)
        if (engine == TestDatabases.Postgres)
        {
            var late = judgeAccounts["enterprise.admin"];
            await using var held = await db.OpenAsync(CancellationToken.None);
            await using var removal = await held.BeginTransactionAsync();
            var lateJudge = await held.ExecuteScalarAsync<long>(
                "SELECT id FROM competition_judges WHERE competition_id = @id AND account_id = @late FOR UPDATE", new { id, late }, removal);
            await held.ExecuteAsync("DELETE FROM competition_judges WHERE id = @lateJudge", new { lateJudge }, removal);
            var sent = app.Service<CompetitionJudging>().ScoreAsync(new Caller(late, null, null, null, null), id, entries[2], [20m, 30m], CancellationToken.None);
            await Task.Delay(500);
            Assert.False(sent.IsCompleted);
            await removal.CommitAsync();
            Assert.Equal(WriteStatus.Forbidden, (await sent).Status);
        }
        else
        {
            var lateJudge = (await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/judging"))).GetProperty("judges").EnumerateArray()
                .Single(j => j.GetProperty("userName").GetString() == "enterprise.admin").GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/judges/{lateJudge}/remove", new { reason = (string?)null })).StatusCode);
        }

        // The same sheet sent twice at once (two tabs): both are stored as one, neither is a server error.
        var twice = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.Service<CompetitionJudging>().ScoreAsync(
            new Caller(judgeAccounts["lishui.operator"], null, null, null, null), id, entries[0], [36m, 54m], CancellationToken.None)));
        Assert.All(twice, r => Assert.Equal(WriteStatus.Ok, r.Status));

        // Entry open again: the track is scored and can no longer change.
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "OpenEntry" })).StatusCode);
        var scored = await Json(await lishui.PutAsync(url, Change("数控铣（三轴）", 30), "\"3\""));
        Assert.Contains("has scored", scored.GetProperty("errors").GetProperty("track")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/steps", new { action = "CloseEntry" })).StatusCode);

        // The recruiter has scored: removed only with a reason; the sheets are discarded and the audit row keeps them.
        var removeRecruiter = $"/api/v1/competitions/{id}/judges/{judges["recruiter"]}/remove";
        Assert.True((await Json(await lishui.PostAsJsonAsync(removeRecruiter, new { reason = "  " }))).GetProperty("errors").TryGetProperty("reason", out _));
        var removed = await Json(await lishui.PostAsJsonAsync(removeRecruiter, new { reason = "与参赛选手存在利益关系，赛后申报" }));
        Assert.Equal(3, removed.GetProperty("discardedSheets").GetArrayLength());
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "competition", id, "update", "与参赛选手存在利益关系"));
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "competition", id, "update", "\"totalScore\":\"99.00\""));
        var board = await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/judging"));
        Assert.Equal(3, board.GetProperty("judges").GetArrayLength());
        Assert.Equal(7, board.GetProperty("sheets").GetArrayLength());

        // Published without the recruiter: entry 1 (85, 85, 85) gold, entry 0 (90, 80, 70) silver, entry 2 (one score) without a result.
        Assert.Equal(HttpStatusCode.OK, (await lishui.PostAsync($"/api/v1/competitions/{id}/publish", null)).StatusCode);
        var results = (await Json(await lishui.GetAsync($"/api/v1/competitions/{id}/results")))[0];
        var rows = results.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([entries[1], entries[0]], rows.Select(r => r.GetProperty("entry").GetProperty("id").GetInt64()));
        Assert.Equal([85m, 80m], rows.Select(r => r.GetProperty("result").GetProperty("final").GetDecimal()));
        Assert.Equal(["Gold", "Silver"], rows.Select(r => r.GetProperty("result").GetProperty("award").GetString()));
        Assert.Equal(entries[2], results.GetProperty("incomplete")[0].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await lishui.PostAsJsonAsync($"/api/v1/competitions/{id}/judges/{judges["admin"]}/remove", new { reason = "x" })).StatusCode);

        // Every entrant with an account learns their result, linked to the results, in both languages.
        var inbox = app.Service<Inbox>();
        var expected = new[]
        {
            ("competition.publish.silver", "您获得银奖（第2名，80.00 分）", "you won silver (rank 2, 80.00 points)"),
            ("competition.publish.gold", "您获得金奖（第1名，85.00 分）", "you won gold (rank 1, 85.00 points)"),
            ("competition.publish.unranked", "有效评分不足 3 个", "fewer than three scores counted"),
        };
        for (var i = 0; i < 3; i++)
        {
            var note = Assert.Single((await inbox.ListAsync(accounts[i], false, 1, 20, CancellationToken.None)).Items, n => n.SubjectType == "competition");
            Assert.Equal((expected[i].Item1, id, $"/competitions/{id}#results-heading"), (note.Kind, note.SubjectId, note.Link));
            Assert.Contains(expected[i].Item2, NotificationTemplates.Format("Notify." + note.Kind, "zh", note.Args), StringComparison.Ordinal);
            Assert.Contains(expected[i].Item3, NotificationTemplates.Format("Notify." + note.Kind, "en", note.Args), StringComparison.Ordinal);
            Assert.Contains($"改赛道测试赛 {engine}·数控铣（三轴）", note.Args[0], StringComparison.Ordinal);
        }

        // The organiser invites the winners: each invitation notifies the winner in its transaction, linked to 我的竞赛; a refused one writes none.
        var recorded = await Json(await lishui.PostAsync($"/api/v1/competitions/entries/{entries[1]}/award", null));
        var invited = await Json(await lishui.PostAsync($"/api/v1/competitions/entries/{entries[0]}/invitation", null));
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsync($"/api/v1/competitions/entries/{entries[0]}/invitation", null)).StatusCode);
        foreach (var (account, invitation, kind, text) in new[]
        {
            (accounts[1], recorded, "competitionInvitation.talentPool", "recorded your award"),
            (accounts[0], invited, "competitionInvitation.sharedPool", "invites you to apply to the shared talent pool"),
        })
        {
            var note = Assert.Single((await inbox.ListAsync(account, false, 1, 20, CancellationToken.None)).Items, n => n.SubjectType == "competitionInvitation");
            Assert.Equal((kind, invitation.GetProperty("id").GetInt64(), "/me/competitions"), (note.Kind, note.SubjectId, note.Link));
            Assert.Contains(text, NotificationTemplates.Format("Notify." + note.Kind, "en", note.Args), StringComparison.Ordinal);
        }
        Assert.All(CompetitionResults.NotificationKinds, k => Assert.True(NotificationTemplates.Has("Notify." + k), k));
    }

    private static async Task<long> AccountIdAsync(TestApp app, string userName)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        return await c.QuerySingleAsync<long>("SELECT id FROM accounts WHERE user_name = @userName", new { userName });
    }

    /// <summary>An account for an entrant (the demo's only talent account is talent 1).</summary>
    private static async Task<string> WinnerAccountAsync(TestApp app, long talentId, string engine, string prefix = "winner")
    {
        var userName = $"{prefix}.{engine}.{talentId}";
        await app.Service<AccountStore>().CreateAsync(userName, "获奖选手", new PasswordHasher<Account>().HashPassword(null!, "Winner#2026"), Role.Talent, null, null,
            talentId, DateTimeOffset.UtcNow, CancellationToken.None);
        return userName;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_demo_competition_is_published_and_the_list_filters_and_names_bad_parameters(string engine)
    {
        var app = await apps.For(engine);
        using var anonymous = app.Client();
        var list = await Json(await anonymous.GetAsync("/api/v1/competitions?state=Published&level=City&region=3311"));
        var demo = list.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("name").GetString()!.Contains("丽水工匠", StringComparison.Ordinal));
        var id = demo.GetProperty("id").GetInt64();
        var detail = await Json(await anonymous.GetAsync($"/api/v1/competitions/{id}"));
        Assert.Equal(2, detail.GetProperty("tracks").GetArrayLength());
        var results = await Json(await anonymous.GetAsync($"/api/v1/competitions/{id}/results"));
        Assert.All(results.EnumerateArray(), t => Assert.Equal("Gold", t.GetProperty("rows")[0].GetProperty("result").GetProperty("award").GetString()));
        Assert.Equal(0, results[0].GetProperty("rows")[0].GetProperty("invitations").GetArrayLength());
        Assert.Empty((await Json(await anonymous.GetAsync("/api/v1/competitions?q=丽水工匠&state=Draft"))).GetProperty("items").EnumerateArray());

        var bad = await anonymous.GetAsync("/api/v1/competitions?level=Galactic&state=1&year=x&sort=prize");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[] { "level", "state", "year", "sort" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }
}
