using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Tests;

public sealed class ApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Lishui_region_has_nine_counties_and_names_resolve(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        var children = await Json(await client.GetAsync("/api/v1/regions/331100/children"));
        Assert.Equal(LishuiCounties,
            children.EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToArray());
        var byName = await Json(await client.GetAsync("/api/v1/regions?name=" + Uri.EscapeDataString("青田")));
        Assert.Equal("331121", byName[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/regions/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/regions")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Imported_postings_are_listed_for_operators_only_and_bad_filters_name_the_field(string engine)
    {
        var app = await apps.For(engine);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/imported-postings")).StatusCode);
        using var recruiter = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/v1/imported-postings")).StatusCode);
        using var client = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var page = await Json(await client.GetAsync("/api/v1/imported-postings?duplicates=true&sort=-postedOn&pageSize=5"));
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        var bad = await client.GetAsync("/api/v1/imported-postings?sort=salary&region=999999");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sort", out _));
        Assert.True(errors.TryGetProperty("region", out _));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Occupations_are_found_by_code_and_text(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        var occupation = await Json(await client.GetAsync("/api/v1/occupations/2-02-10-03"));
        Assert.Equal("计算机软件工程技术人员", occupation.GetProperty("name").GetString());
        Assert.True(occupation.GetProperty("isDigital").GetBoolean());
        var search = await Json(await client.GetAsync("/api/v1/occupations?q=" + Uri.EscapeDataString("软件")));
        Assert.Contains(search.EnumerateArray(), o => o.GetProperty("code").GetString() == "2-02-10-03");
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_bad_credit_code_gets_400_naming_the_field_and_nothing_is_stored(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var before = (await Json(await client.GetAsync("/api/v1/enterprises?pageSize=1"))).GetProperty("total").GetInt32();
        var response = await client.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise("91331100MA2A00001X", "坏代码测试公司"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        var message = problem.GetProperty("errors").GetProperty("uscc")[0].GetString();
        Assert.Contains("check character", message, StringComparison.Ordinal);
        var after = (await Json(await client.GetAsync("/api/v1/enterprises?pageSize=1"))).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_enterprise_is_created_read_updated_listed_and_deleted(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var uscc = ValidUscc(engine == "sqlite" ? "91331121MA2B0001" : "91331121MA2B0002");
        var created = await client.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(uscc, "青田石雕测试有限公司"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json(created)).GetProperty("id").GetInt64();

        var read = await Json(await client.GetAsync($"/api/v1/enterprises/{id}"));
        Assert.Equal(uscc, read.GetProperty("uscc").GetString());
        Assert.Equal("331121001", read.GetProperty("regionCode").GetString());

        var duplicate = await client.PostAsJsonAsync("/api/v1/enterprises", NewEnterprise(uscc, "重复代码公司"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        var update = NewEnterprise(uscc, "青田石雕测试有限公司（更名）") with { Headcount = 88 };
        var response = await client.PutAsync($"/api/v1/enterprises/{id}", update, VersionedRequests.ETag(read));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var updated = await Json(response);
        Assert.Equal(88, updated.GetProperty("headcount").GetInt32());

        var list = await Json(await client.GetAsync("/api/v1/enterprises?region=331121&q=" + Uri.EscapeDataString("更名")));
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.DeleteAsync($"/api/v1/enterprises/{id}", VersionedRequests.ETag(read))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/enterprises/{id}", VersionedRequests.ETag(updated))).StatusCode);

        // An enterprise with positions and accounts is not deleted with them unaudited: it names what is left.
        var busy = await client.DeleteAsync("/api/v1/enterprises/1", "*");
        Assert.Equal(HttpStatusCode.BadRequest, busy.StatusCode);
        Assert.Contains("positions", (await Json(busy)).GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/enterprises/{id}")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_enterprise_admin_changes_its_enterprise_but_not_its_size_class_or_tier(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        var read = await client.GetAsync("/api/v1/enterprises/1");
        var own = System.Text.Json.Nodes.JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        var etag = read.Headers.ETag!.Tag;

        var promoted = own.DeepClone().AsObject();
        promoted["tier"] = own["tier"]!.GetValue<string>() == "LittleGiant" ? "None" : "LittleGiant";
        promoted["sizeClass"] = own["sizeClass"]!.GetValue<string>() == "Micro" ? "Small" : "Micro";
        var refused = await client.PutAsync("/api/v1/enterprises/1", promoted, etag);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await Json(refused)).GetProperty("errors");
        Assert.Contains("bureau", errors.GetProperty("tier")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("sizeClass", out _));

        var described = own.DeepClone().AsObject();
        described["description"] = "企业自行更新的简介";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/enterprises/1", described, etag)).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Position_lists_filter_by_region_subtree_occupation_and_sort(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        var page = await Json(await client.GetAsync("/api/v1/positions?region=331121&sort=-salaryMax&pageSize=50"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.StartsWith("331121", p.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        var salaries = items.Select(p => p.GetProperty("salaryMax").GetInt32()).ToList();
        Assert.Equal(salaries.OrderByDescending(s => s), salaries);

        var all = await Json(await client.GetAsync("/api/v1/positions?pageSize=1"));
        Assert.True(all.GetProperty("total").GetInt32() > page.GetProperty("total").GetInt32());

        var byOccupation = await Json(await client.GetAsync("/api/v1/positions?occupation=6&pageSize=100"));
        Assert.All(byOccupation.GetProperty("items").EnumerateArray(),
            p => Assert.StartsWith("6-", p.GetProperty("occupationCode").GetString(), StringComparison.Ordinal));

        var bad = await client.GetAsync("/api/v1/positions?sort=salary&pageSize=500&education=phd");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sort", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.True(errors.TryGetProperty("education", out _));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_position_with_inverted_salary_is_rejected_and_a_valid_one_is_created(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        var position = new
        {
            enterpriseId = 1,
            title = "数控车工",
            occupationCode = "6-18-01-01",
            regionCode = "331102",
            headcount = 2,
            salaryMin = 9000,
            salaryMax = 6000,
            monthsPerYear = 13,
            postedOn = "2026-11-01",
            expiresOn = "2026-12-31",
            engagementMode = "FullTime",
        };
        var bad = await client.PostAsJsonAsync("/api/v1/positions", position);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad)).GetProperty("errors").TryGetProperty("salaryMax", out _));

        var good = await client.PostAsJsonAsync("/api/v1/positions", position with { salaryMin = 6000, salaryMax = 9000 });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var body = await Json(good);
        Assert.Equal(13, body.GetProperty("monthsPerYear").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("industryCode").GetString()));

        var badRegion = await client.PostAsJsonAsync("/api/v1/positions", position with { regionCode = "not-a-code", salaryMin = 6000, salaryMax = 9000 });
        Assert.Equal(HttpStatusCode.BadRequest, badRegion.StatusCode);
        Assert.True((await Json(badRegion)).GetProperty("errors").TryGetProperty("regionCode", out _));

        var otherEnterprise = await client.PostAsJsonAsync("/api/v1/positions", position with { enterpriseId = 2, salaryMin = 6000, salaryMax = 9000 });
        Assert.Equal(HttpStatusCode.Forbidden, otherEnterprise.StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Talents_need_a_role_and_operators_see_only_their_subtree(string engine)
    {
        var app = await apps.For(engine);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/talents")).StatusCode);
        using var operatorClient = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var page = await Json(await operatorClient.GetAsync("/api/v1/talents?pageSize=100"));
        Assert.True(page.GetProperty("total").GetInt32() > 0);
        Assert.All(page.GetProperty("items").EnumerateArray(), t =>
        {
            Assert.StartsWith("331121", t.GetProperty("residenceRegionCode").GetString(), StringComparison.Ordinal);
            Assert.False(t.TryGetProperty("phoneMasked", out _));
            Assert.False(t.TryGetProperty("phoneHash", out _));
            Assert.False(t.TryGetProperty("idNumberMasked", out _));
        });
        var outside = await Json(await operatorClient.GetAsync("/api/v1/talents?region=331102"));
        Assert.Equal(0, outside.GetProperty("total").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_is_stored_masked_and_every_view_is_audited(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var phone = engine == "sqlite" ? "13905781234" : "13905781235";
        var draft = new
        {
            name = "测试人才",
            phone,
            idNumber = "33112119900101123" + Domain.ResidentId.CheckCharacter("33112119900101123"),
            birthYear = 1990,
            gender = "Female",
            education = "Bachelor",
            residenceRegionCode = "331121",
            occupations = new[] { new { code = "2-02-10-03", years = 6 } },
            skills = new[] { new { name = "Java", level = 4 } },
            availability = "FullTime, Project",
            consentVersion = TalentDraftVersion,
        };
        var bad = await client.PostAsJsonAsync("/api/v1/talents", draft with { phone = "12345", consentVersion = "old" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("consentVersion", out _));

        var created = await client.PostAsJsonAsync("/api/v1/talents", draft);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var talent = await Json(created);
        Assert.Equal(phone[..3] + "****" + phone[^4..], talent.GetProperty("phoneMasked").GetString());
        Assert.DoesNotContain(phone, talent.GetRawText(), StringComparison.Ordinal);
        var id = talent.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/talents", draft)).StatusCode);

        var audits = await Json(await client.GetAsync($"/api/v1/audit?subject=talent&subjectId={id}&action=view"));
        await client.GetAsync($"/api/v1/talents/{id}");
        var after = await Json(await client.GetAsync($"/api/v1/audit?subject=talent&subjectId={id}&action=view"));
        Assert.Equal(audits.GetProperty("total").GetInt32() + 1, after.GetProperty("total").GetInt32());

        var byOccupation = await Json(await client.GetAsync("/api/v1/talents?occupation=2-02-10&q=" + Uri.EscapeDataString("测试人才")));
        Assert.Equal(1, byOccupation.GetProperty("total").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Five_wrong_passwords_lock_the_account(string engine)
    {
        var app = await apps.For(engine);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Account>();
        var userName = $"lock.{engine}";
        await app.Service<AccountStore>().CreateAsync(userName, "Lockout test", hasher.HashPassword(null!, "Right#2026"),
            Role.EnterpriseRecruiter, 1, null, null, DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = app.Client();
        for (var i = 0; i < AccountStore.MaxFailedLogins; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password = "wrong", name = "t" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password = "Right#2026", name = "t" });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        // The locked account answers exactly as a name that does not exist: the answer tells nobody which names exist.
        var unknown = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = "nobody." + engine, password = "wrong", name = "t" });
        Assert.Equal((await Json(unknown)).GetProperty("detail").GetString(), (await Json(right)).GetProperty("detail").GetString());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Of_a_burst_of_concurrent_guesses_at_most_five_are_checked(string engine)
    {
        var app = await apps.For(engine);
        var accounts = app.Service<AccountStore>();
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Account>();
        var userName = $"burst.{engine}";
        await accounts.CreateAsync(userName, "Burst test", hasher.HashPassword(null!, "Right#2026"),
            Role.EnterpriseRecruiter, 1, null, null, DateTimeOffset.UtcNow, CancellationToken.None);
        var account = (await accounts.FindByUserNameAsync(userName, CancellationToken.None))!;
        var reserved = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => accounts.TryReserveAttemptAsync(account, DateTimeOffset.UtcNow, CancellationToken.None)));
        Assert.Equal(AccountStore.MaxFailedLogins, reserved.Count(r => r));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Parallel_wrong_passwords_still_lock_and_issued_tokens_keep_working(string engine)
    {
        var app = await apps.For(engine);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Account>();
        var userName = $"race.{engine}";
        await app.Service<AccountStore>().CreateAsync(userName, "Race test", hasher.HashPassword(null!, "Right#2026"),
            Role.EnterpriseRecruiter, 1, null, null, DateTimeOffset.UtcNow, CancellationToken.None);
        var token = await app.TokenAsync(userName, "Right#2026");
        using var client = app.Client();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            client.PostAsJsonAsync("/api/v1/tokens", new { userName, password = "wrong", name = "t" })));
        var right = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password = "Right#2026", name = "t" });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", (await Json(right)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var integration = app.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/talents?pageSize=1")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_id_number_registers_once(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var first17 = engine == "sqlite" ? "33112219880202301" : "33112219880202302";
        var idNumber = first17 + Domain.ResidentId.CheckCharacter(first17);
        object Draft(string phone) => new
        {
            name = "身份证测试",
            phone,
            idNumber,
            birthYear = 1988,
            residenceRegionCode = "331122",
            occupations = new[] { new { code = "6-18-01-01", years = 10 } },
            availability = "FullTime",
            consentVersion = TalentDraftVersion,
        };
        var phoneBase = engine == "sqlite" ? "1380578" : "1390578";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/talents", Draft(phoneBase + "0001"))).StatusCode);
        var second = await client.PostAsJsonAsync("/api/v1/talents", Draft(phoneBase + "0002"));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.True((await Json(second)).GetProperty("errors").TryGetProperty("idNumber", out _));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_expired_position_is_not_open(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var title = $"过期岗位测试{engine}";
        var created = await client.PostAsJsonAsync("/api/v1/positions", new
        {
            enterpriseId = 3,
            title,
            occupationCode = "2-02-10-03",
            regionCode = (await Json(await client.GetAsync("/api/v1/enterprises/3"))).GetProperty("regionCode").GetString(),
            salaryMin = 4000,
            salaryMax = 5000,
            postedOn = "2026-01-05",
            expiresOn = "2026-02-05",
            engagementMode = "FullTime",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var q = Uri.EscapeDataString(title);
        Assert.Equal(0, (await Json(await client.GetAsync($"/api/v1/positions?status=Open&q={q}"))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Json(await client.GetAsync($"/api/v1/positions?status=Closed&q={q}"))).GetProperty("total").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Keyword_search_finds_chinese_skills_and_takes_wildcards_literally(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var phone = engine == "sqlite" ? "13605781111" : "13605782222";
        var created = await client.PostAsJsonAsync("/api/v1/talents", new
        {
            name = "关键词测试",
            phone,
            birthYear = 1990,
            residenceRegionCode = "331181",
            occupations = new[] { new { code = "6-18-01-01", years = 5 } },
            skills = new[] { new { name = "五轴数控编程", level = 4 } },
            availability = "FullTime",
            consentVersion = TalentDraftVersion,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Every word (五轴, 数控, 编程) must match, in a skill or an occupation (数控 names some); the talent just registered is found.
        var found = await Json(await client.GetAsync("/api/v1/talents?pageSize=100&q=" + Uri.EscapeDataString("五轴数控编程")));
        Assert.Contains((await Json(created)).GetProperty("id").GetInt64(), found.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.Equal(0, (await Json(await client.GetAsync("/api/v1/talents?q=%25"))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Json(await client.GetAsync("/api/v1/talents?q=level"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/positions?page=30000000&pageSize=100")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_openapi_document_describes_the_api(string engine)
    {
        var app = await apps.For(engine);
        var doc = await Json(await app.Client().GetAsync("/api/v1/openapi.json"));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/regions/{code}/children", out _));
        Assert.True(paths.TryGetProperty("/api/v1/talents/{id}", out _));
    }

    private static readonly string?[] LishuiCounties = ["331102", "331121", "331122", "331123", "331124", "331125", "331126", "331127", "331181"];

    private const string TalentDraftVersion = Domain.Pools.TalentDraft.CurrentConsentVersion;

    private sealed record EnterpriseBody(string Name, string Uscc, string IndustryCode, string RegionCode, string SizeClass, string Tier, int Headcount, string Description);

    private static EnterpriseBody NewEnterprise(string uscc, string name) =>
        new(name, uscc, "3099", "331121001", "Small", "InnovativeSme", 40, "测试用企业");

    private static string ValidUscc(string first16) =>
        first16 + "0" is var first17 && first17.Length == 17 ? first17 + Uscc.CheckCharacter(first17) : throw new ArgumentException(first16);
}
