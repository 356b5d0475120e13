using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Enterprise services over the API on both engines (issue 14): a self-assessment stored with its history and
/// validation errors naming the figure; scope (own enterprise, the operator's subtree, 404 outside); a policy that
/// qualifies from agreements really stored; tier confirmation by an operator only, changing the enterprise's tier;
/// policy documents with errors by JSON path, versions and who may edit them; the qualified list and its audited export.
/// Each test uses enterprises of its own.
/// </summary>
public sealed class ServicesApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Figures of a small manufacturer that qualifies as 创新型中小企业 by score and as 专精特新 on its figures.</summary>
    internal static readonly Dictionary<string, decimal?> StrongFigures = new()
    {
        ["revenue"] = 60_000_000, ["revenuePrior"] = 50_000_000, ["mainRevenue"] = 57_000_000, ["mainRevenuePrior"] = 47_000_000,
        ["mainRevenueTwoBefore"] = 40_000_000, ["rdSpend"] = 3_000_000, ["rdSpendPrior"] = 2_500_000, ["netProfit"] = 4_000_000,
        ["totalAssets"] = 50_000_000, ["totalLiabilities"] = 20_000_000, ["staff"] = 120, ["rdStaff"] = 30, ["ipClass1"] = 3, ["ipClass2"] = 5,
        ["yearsInNiche"] = 8, ["yearsOperating"] = 9, ["highTechEnterprise"] = 1,
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_self_assessment_answers_every_tier_is_stored_and_bad_figures_are_named(string engine)
    {
        var app = await apps.For(engine);
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));

        var created = await enterprise.PostAsJsonAsync("/api/v1/enterprises/1/assessments", new { figures = StrongFigures, on = "2026-06-30" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await Json(created);
        var tiers = answer.GetProperty("result").GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal(["innovativeSme", "srdiSme", "littleGiant"], tiers.Select(t => t.GetProperty("key").GetString()));
        Assert.All(tiers, t => Assert.True(Enum.TryParse<TalentBridge.Domain.EnterpriseServices.TierOutcome>(t.GetProperty("outcome").GetString(), out _)));
        Assert.Equal("Qualifies", tiers[0].GetProperty("outcome").GetString());
        // Figures left out are missing, never zero: the giant's figures are not all there.
        Assert.NotEqual(0, tiers[2].GetProperty("missing").GetArrayLength());
        var id = answer.GetProperty("assessment").GetProperty("id").GetInt64();

        var history = await Json(await enterprise.GetAsync("/api/v1/enterprises/1/assessments"));
        var first = history.EnumerateArray().First(h => h.GetProperty("id").GetInt64() == id);
        Assert.Equal("srdi-2022-national", first.GetProperty("ruleSet").GetString());
        Assert.Equal(3_000_000m, first.GetProperty("figures").GetProperty("rdSpend").GetDecimal());
        Assert.Equal("Qualifies", first.GetProperty("summary")[0].GetProperty("outcome").GetString());
        var again = await Json(await enterprise.GetAsync($"/api/v1/enterprises/1/assessments/{id}"));
        Assert.Equal(tiers[1].GetProperty("total").GetInt32(), again.GetProperty("result").GetProperty("tiers")[1].GetProperty("total").GetInt32());

        var bad = await enterprise.PostAsJsonAsync("/api/v1/enterprises/1/assessments", new
        {
            ruleSet = "srdi-1999",
            figures = new Dictionary<string, decimal?> { ["rdSpend"] = -5, ["staff"] = 1.5m, ["bogus"] = 1, ["highTechEnterprise"] = 2 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[] { "ruleSet", "figures.rdSpend", "figures.staff", "figures.bogus", "figures.highTechEnterprise" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsJsonAsync("/api/v1/enterprises/1/assessments", new { figures = new { } })).StatusCode);
        Assert.Equal(1, await AuditRowsAsync(app, "selfAssessment", id, "create"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Enterprises_see_their_own_operators_their_subtree_and_everything_else_is_not_found(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        await using var c = await db.OpenAsync(CancellationToken.None);
        var outsideQingtian = await c.QuerySingleAsync<long>("SELECT min(id) FROM enterprises WHERE region_code NOT LIKE '331121%' AND id <> 1");
        var inQingtian = await c.QuerySingleAsync<long>("SELECT min(id) FROM enterprises WHERE region_code LIKE '331121%'");
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));

        foreach (var path in new[] { "assessments", "policies", "tiers" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/api/v1/enterprises/{outsideQingtian}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync($"/api/v1/enterprises/{outsideQingtian}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await talent.GetAsync($"/api/v1/enterprises/1/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await qingtian.GetAsync($"/api/v1/enterprises/{inQingtian}/{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound,
            (await qingtian.PostAsJsonAsync($"/api/v1/enterprises/{outsideQingtian}/assessments", new { figures = StrongFigures })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await qingtian.PostAsJsonAsync($"/api/v1/enterprises/{inQingtian}/assessments", new { figures = StrongFigures })).StatusCode);
        // Operators' lists: the enterprise and the talent have none; an operator may not ask for a region outside their own.
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/v1/services/qualified")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync("/api/v1/services/policies")).StatusCode);
        var outside = await qingtian.GetAsync("/api/v1/services/qualified?region=331102");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await Json(outside)).GetProperty("errors").TryGetProperty("region", out _));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_policy_qualifies_from_agreements_stored_in_the_database_and_the_export_is_audited(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        // An agreement of the demo history; its talent becomes a 本科 graduate of the signing year, its enterprise small.
        long enterpriseId, talentId;
        DateTimeOffset signedAt;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            (enterpriseId, talentId, var signed) = await c.QueryFirstAsync<(long, long, object)>(
                "SELECT g.enterprise_id, g.talent_id, g.signed_at FROM agreements g JOIN enterprises e ON e.id = g.enterprise_id " +
                "WHERE e.region_code LIKE '3311%' AND g.enterprise_id > 20 ORDER BY g.id DESC");
            signedAt = signed is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : DateTimeOffset.Parse((string)signed, System.Globalization.CultureInfo.InvariantCulture);
            var year = signedAt.ToOffset(TimeSpan.FromHours(8)).Year;
            await c.ExecuteAsync("UPDATE talents SET education = 5, birth_year = @birth WHERE id = @talentId", new { birth = year - 22, talentId });
            await c.ExecuteAsync("UPDATE enterprises SET size_class = 2 WHERE id = @enterpriseId", new { enterpriseId });
        }
        var signingYear = signedAt.ToOffset(TimeSpan.FromHours(8)).Year;
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var match = await Json(await admin.GetAsync($"/api/v1/enterprises/{enterpriseId}/policies?year={signingYear}"));
        var absorb = match.GetProperty("qualifies").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "absorbEmploymentSubsidy");
        var proof = absorb.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "graduatesSigned");
        Assert.True(proof.GetProperty("value").GetDecimal() >= 1);
        Assert.Equal("True", proof.GetProperty("truth").GetString());
        Assert.True(absorb.GetProperty("amountFen").GetInt64() >= 100_000);
        // The year before: no graduate hired, so the subsidy is missing exactly that (nearly).
        var before = await Json(await admin.GetAsync($"/api/v1/enterprises/{enterpriseId}/policies?year={signingYear - 5}"));
        var nearly = before.GetProperty("nearly").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "absorbEmploymentSubsidy");
        Assert.Equal("graduatesSigned", nearly.GetProperty("changes")[0].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/enterprises/{enterpriseId}/policies?year=1900")).StatusCode);

        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var listed = await lishui.GetAsync($"/api/v1/services/qualified?year={signingYear}&policy=absorbEmploymentSubsidy&pageSize=100");
        Assert.True(listed.StatusCode == HttpStatusCode.OK, await listed.Content.ReadAsStringAsync());
        var list = await Json(listed);
        Assert.Contains(list.GetProperty("rows").GetProperty("items").EnumerateArray(), r => r.GetProperty("enterpriseId").GetInt64() == enterpriseId);
        var csv = await lishui.GetAsync($"/api/v1/services/qualified/export?format=csv&year={signingYear}&policy=absorbEmploymentSubsidy");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains(enterpriseId.ToString(System.Globalization.CultureInfo.InvariantCulture), await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await lishui.GetAsync($"/api/v1/services/qualified/export?format=xlsx&year={signingYear}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.GetAsync("/api/v1/services/qualified/export?format=pdf")).StatusCode);
        Assert.True(await AuditRowsAsync(app, "policyQualified", null, "export") >= 2);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Only_an_operator_confirms_a_tier_with_evidence_and_the_enterprise_takes_it(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        long enterpriseId;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.QuerySingleAsync<long>("SELECT max(id) FROM enterprises WHERE region_code LIKE '3311%'");
            await c.ExecuteAsync("UPDATE accounts SET enterprise_id = @enterpriseId WHERE user_name = 'recruiter'", new { enterpriseId });
        }
        using var own = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var body = new { tier = "Srdi", evidence = new[] { "浙江省经信厅公告 2026 年第 3 号" }, note = "名单核对", validFrom = "2026-01-01", validUntil = "2028-12-31" };

        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"/api/v1/enterprises/{enterpriseId}/tiers", body)).StatusCode);
        var bad = await lishui.PostAsJsonAsync($"/api/v1/enterprises/{enterpriseId}/tiers", new { tier = "Srdi", evidence = Array.Empty<string>(), validFrom = "2026-02-01", validUntil = "2026-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("evidence", out _));
        Assert.True(errors.TryGetProperty("note", out _));
        Assert.True(errors.TryGetProperty("validUntil", out _));

        var confirmed = await lishui.PostAsJsonAsync($"/api/v1/enterprises/{enterpriseId}/tiers", body);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("Srdi", (await Json(confirmed)).GetProperty("currentTier").GetString());
        var enterprise = await Json(await own.GetAsync($"/api/v1/enterprises/{enterpriseId}"));
        Assert.Equal("Srdi", enterprise.GetProperty("tier").GetString());
        var records = await Json(await own.GetAsync($"/api/v1/enterprises/{enterpriseId}/tiers"));
        Assert.Equal("名单核对", records[0].GetProperty("note").GetString());
        Assert.Equal(1, await AuditRowsAsync(app, "enterprise", enterpriseId, "update"));

        // A record valid only from next year does not change today's tier.
        var later = await Json(await lishui.PostAsJsonAsync($"/api/v1/enterprises/{enterpriseId}/tiers",
            body with { tier = "LittleGiant", validFrom = "2099-01-01", validUntil = "2099-12-31" }));
        Assert.Equal("Srdi", later.GetProperty("currentTier").GetString());

        // When the records' validity ends, the hourly upkeep takes the tier back, with its audit row.
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE es_tier_records SET valid_until = @until WHERE enterprise_id = @enterpriseId",
                new { until = new DateOnly(2026, 1, 31), enterpriseId });
        }
        Assert.True(await app.Service<Platform.EnterpriseServices.TierRecords>().RefreshAsync(CancellationToken.None) >= 1);
        Assert.Equal("None", (await Json(await own.GetAsync($"/api/v1/enterprises/{enterpriseId}"))).GetProperty("tier").GetString());
        Assert.Equal(2, await AuditRowsAsync(app, "enterprise", enterpriseId, "update"));
        Assert.Equal(0, await app.Service<Platform.EnterpriseServices.TierRecords>().RefreshAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Operators_publish_policy_versions_with_errors_by_json_path(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var shipped = await Json(await lishui.GetAsync("/api/v1/services/policies"));
        Assert.Contains(shipped.EnumerateArray(), p => p.GetProperty("key").GetString() == "absorbEmploymentSubsidy");

        var key = "testPolicy" + engine;
        var document = new
        {
            key, nameZh = "测试补贴", nameEn = "Test subsidy", kind = "subsidy", effectiveFrom = "2024-01-01",
            source = new { document = "测试文件", confirmed = false, note = "测试用" },
            eligibility = new object[] { new { key = "positions", textZh = "发布岗位", textEn = "Posted positions", fact = "newPositions", atLeast = "nope" } },
        };
        var bad = await lishui.PostAsJsonAsync("/api/v1/services/policies", new { definition = document, note = "新建" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("eligibility[0]", StringComparison.Ordinal));

        var good = document with { eligibility = [new { key = "positions", textZh = "发布岗位", textEn = "Posted positions", fact = "newPositions", atLeast = 1 }] };
        var created = await Json(await lishui.PostAsJsonAsync("/api/v1/services/policies", new { definition = good, note = "新建" }));
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("3311", created.GetProperty("ownerRegion").GetString());
        var next = await lishui.PutAsJsonAsync($"/api/v1/services/policies/{key}", new { definition = good, note = "第二版" });
        Assert.Equal(2, (await Json(next)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await Json(await lishui.GetAsync($"/api/v1/services/policies/{key}"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await qingtian.PutAsJsonAsync($"/api/v1/services/policies/{key}", new { definition = good, note = "x" })).StatusCode);
        var shippedDoc = shipped.EnumerateArray().First().GetProperty("definition");
        Assert.Equal(HttpStatusCode.Forbidden, (await lishui.PutAsJsonAsync($"/api/v1/services/policies/{shippedDoc.GetProperty("key").GetString()}",
            new { definition = shippedDoc, note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PutAsJsonAsync($"/api/v1/services/policies/{key}",
            new { definition = good with { key = "otherKey" }, note = "x" })).StatusCode);
        Assert.Equal(2, await AuditRowsAsync(app, "policy", null, "create", key));

        // A policy may name the ones it is not combined with for one hire; only policies of the catalogue.
        var unknown = await lishui.PutAsJsonAsync($"/api/v1/services/policies/{key}", new
        {
            definition = new { good.key, good.nameZh, good.nameEn, good.kind, good.effectiveFrom, good.source, good.eligibility, notCombinedWith = (string[])["noSuchPolicy"] },
            note = "第三版",
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await Json(unknown)).GetProperty("errors").TryGetProperty("notCombinedWith[0]", out _));
        var third = await lishui.PutAsJsonAsync($"/api/v1/services/policies/{key}", new
        {
            definition = new { good.key, good.nameZh, good.nameEn, good.kind, good.effectiveFrom, good.source, good.eligibility, notCombinedWith = (string[])["absorbEmploymentSubsidy"] },
            note = "第三版",
        });
        Assert.Equal(3, (await Json(third)).GetProperty("version").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Tier_evidence_files_are_checked_by_content_stored_with_the_record_and_their_views_audited(string engine)
    {
        var app = await apps.For(engine);
        long enterpriseId, outsider;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            enterpriseId = await c.QuerySingleAsync<long>("SELECT max(id) FROM enterprises WHERE region_code LIKE '331121%'");
            outsider = await c.QuerySingleAsync<long>("SELECT min(id) FROM enterprises WHERE region_code LIKE '331102%'");
            await c.ExecuteAsync("UPDATE accounts SET enterprise_id = @enterpriseId WHERE user_name = 'recruiter'", new { enterpriseId });
        }
        using var own = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("InnovativeSme"), "tier" },
                { new StringContent("评价系统截图与证书核对"), "note" },
                { new StringContent("2026-01-01"), "validFrom" },
            };
            foreach (var (name, content) in files)
            {
                form.Add(new ByteArrayContent(content), "files", name);
            }
            return form;
        }
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray();

        // No reference and no file: no evidence. A text file named .pdf is refused by its content; nothing is written.
        var none = await qingtian.PostAsync($"/api/v1/enterprises/{enterpriseId}/tiers", Form());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await Json(none)).GetProperty("errors").TryGetProperty("evidence", out _));
        var fake = await qingtian.PostAsync($"/api/v1/enterprises/{enterpriseId}/tiers", Form(("证书.pdf", "not a pdf"u8.ToArray())));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.True((await Json(fake)).GetProperty("errors").TryGetProperty("files", out _));
        var tooMany = await qingtian.PostAsync($"/api/v1/enterprises/{enterpriseId}/tiers",
            Form([.. Enumerable.Range(1, Platform.EnterpriseServices.TierRecords.MaxFiles + 1).Select(i => ($"{i}.pdf", pdf))]));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Empty((await Json(await own.GetAsync($"/api/v1/enterprises/{enterpriseId}/tiers"))).EnumerateArray());

        // A file alone is evidence enough; it is listed with the record and served to the enterprise and the operator.
        var confirmed = await qingtian.PostAsync($"/api/v1/enterprises/{enterpriseId}/tiers", Form(("创新型中小企业证书.pdf", pdf)));
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("InnovativeSme", (await Json(confirmed)).GetProperty("currentTier").GetString());
        var file = (await Json(await own.GetAsync($"/api/v1/enterprises/{enterpriseId}/tiers")))[0].GetProperty("files")[0];
        Assert.Equal("创新型中小企业证书.pdf", file.GetProperty("name").GetString());
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        var url = $"/api/v1/enterprises/{enterpriseId}/tiers/files/{file.GetProperty("id").GetInt64()}";
        Assert.Equal(pdf, await own.GetByteArrayAsync(url));
        Assert.Equal(0, await AuditRowsAsync(app, "tierRecord", null, "view", file.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(pdf, await qingtian.GetByteArrayAsync(url));
        Assert.Equal(1, await AuditRowsAsync(app, "tierRecord", null, "view", file.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Another enterprise's user sees no such file.
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE accounts SET enterprise_id = @outsider WHERE user_name = 'recruiter'", new { outsider });
        }
        using var other = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }

    internal static async Task<long> AuditRowsAsync(TestApp app, string subject, long? subjectId, string action, string? detailContains = null)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var sql = "SELECT count(*) FROM audit_log WHERE subject_type = @subject AND action = @action" +
            (subjectId is null ? "" : " AND subject_id = @subjectId") + (detailContains is null ? "" : " AND detail LIKE @detail");
        return await c.QuerySingleAsync<long>(sql, new { subject, action, subjectId, detail = $"%{detailContains}%" });
    }
}
