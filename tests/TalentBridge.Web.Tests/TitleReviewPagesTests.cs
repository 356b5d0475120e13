using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The 职称 review's pages on both engines, over the demo data (a committee, experts, six applications, one certified):
/// the apply form names bad fields and the employer takes the next step; the reviewer votes without seeing a vote;
/// the panel form refuses a short panel at its field; the public check needs no sign-in and says valid or unknown;
/// operators register experts and committees (audited) while others may not; the recognition page records a claim,
/// explains every criterion and is the talent's and the scheme's operators' only.
/// </summary>
public sealed partial class TitleReviewPagesTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static string S(long value) => value.ToString(Inv);

    private static FormUrlEncodedContent Form(string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        new([.. fields, new("__RequestVerificationToken", Token().Match(page).Groups[1].Value)]);

    /// <summary>Every form that posts carries its own anti-forgery token (the tests post one token for all).</summary>
    private static void EveryFormIsProtected(string page) =>
        Assert.Equal(Regex.Count(page, "<form method=\"post\""), Token().Count(page));

    private static async Task<long> ScalarAsync(TestApp app, string sql, object? parameters = null)
    {
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>(sql, parameters);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talent_applies_with_errors_at_the_fields_and_the_employer_starts_the_publicity(string engine)
    {
        var app = await apps.For(engine);
        var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        var list = await talent.GetStringAsync("/title-reviews");
        Assert.Contains("已发证", list, StringComparison.Ordinal);
        var form = await talent.GetStringAsync("/title-reviews/new");
        Assert.Contains("name=\"refereeExpertIds\"", form, StringComparison.Ordinal);

        var bad = await (await talent.PostAsync("/title-reviews/new", Form(form, [new("employerId", "91330000XXXXXXXXXX"), new("titleLevel", "Senior")])))
            .Content.ReadAsStringAsync();
        foreach (var field in new[] { "employerId", "series", "titleName", "summary" })
        {
            Assert.Contains($"id=\"{field}-error\"", bad, StringComparison.Ordinal);
        }
        Assert.Contains("不是已登记的企业", bad, StringComparison.Ordinal);
        Assert.Contains("href=\"#summary\"", bad, StringComparison.Ordinal);

        var uscc = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!.Uscc;
        var sent = await talent.PostAsync("/title-reviews/new", Form(form,
        [
            new("employerId", uscc), new("series", "工程技术"), new("titleName", "正高级工程师"), new("titleLevel", "Senior"),
            new("summary", "主持省级重点研发项目，成果在三家企业推广。"),
        ]));
        var path = sent.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches("^/title-reviews/\\d+$", path);
        var detail = await sent.Content.ReadAsStringAsync();
        Assert.Contains("申报已提交", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"step\" value=\"StartPublicity\"", detail, StringComparison.Ordinal);
        Assert.Contains("name=\"step\" value=\"Withdraw\"", detail, StringComparison.Ordinal);

        var employer = await UntranslatedTextTests.SignedInAsync(app, "enterprise.admin", "Enterprise#2026");
        var page = await employer.GetStringAsync(path);
        Assert.Contains("name=\"step\" value=\"StartPublicity\"", page, StringComparison.Ordinal);
        var version = Regex.Match(page, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        // A version read before someone else's change is refused with the current state shown.
        var stale = await (await employer.PostAsync(path, Form(page, [new("step", "StartPublicity"), new("version", "0")]))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"version-error\"", stale, StringComparison.Ordinal);
        var started = await employer.PostAsync(path, Form(page, [new("step", "StartPublicity"), new("version", version)]));
        var publicity = await started.Content.ReadAsStringAsync();
        Assert.Contains("单位公示已开始", publicity, StringComparison.Ordinal);
        Assert.Contains("公示期于", publicity, StringComparison.Ordinal);
        // Recommending before the publicity has run names the day it ends.
        var early = await (await employer.PostAsync(path, Form(publicity, [new("step", "Recommend"), new("version", S(int.Parse(version, Inv) + 1))])))
            .Content.ReadAsStringAsync();
        Assert.Contains("须待公示期于", early, StringComparison.Ordinal);
        Assert.Contains("form-step-Recommend", early, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_reviewer_votes_without_seeing_a_vote_and_a_short_panel_is_refused_at_its_field(string engine)
    {
        var app = await apps.For(engine);
        var voting = await ScalarAsync(app, "SELECT min(id) FROM tr_applications WHERE state = 6");
        var reviewer = await UntranslatedTextTests.SignedInAsync(app, "reviewer", "Reviewer#2026");
        var page = await reviewer.GetStringAsync($"/title-reviews/{voting}");
        Assert.Contains("id=\"form-vote\"", page, StringComparison.Ordinal);
        Assert.Contains("已投票 2 名", page, StringComparison.Ordinal);
        var none = await (await reviewer.PostAsync($"/title-reviews/{voting}?handler=Vote", Form(page, []))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"vote-error\"", none, StringComparison.Ordinal);
        var voted = await (await reviewer.PostAsync($"/title-reviews/{voting}?handler=Vote", Form(page, [new("vote", "No")]))).Content.ReadAsStringAsync();
        Assert.Contains("您的投票已记录", voted, StringComparison.Ordinal);
        Assert.Contains("已投票 3 名", voted, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"form-vote\"", voted, StringComparison.Ordinal);
        // While the ballot runs nobody sees counts of yes and no, the operator neither.
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var operatorPage = await lishui.GetStringAsync($"/title-reviews/{voting}");
        Assert.DoesNotContain("表决结果", operatorPage, StringComparison.Ordinal);
        Assert.Contains("id=\"form-closeBallot\"", operatorPage, StringComparison.Ordinal);
        EveryFormIsProtected(operatorPage);
        EveryFormIsProtected(page);

        var waiting = await ScalarAsync(app, "SELECT min(id) FROM tr_applications WHERE state = 3");
        var panelPage = await lishui.GetStringAsync($"/title-reviews/{waiting}");
        var experts = Regex.Matches(panelPage, "name=\"expertIds\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(experts.Count >= 3, panelPage);
        EveryFormIsProtected(panelPage);
        var version = Regex.Match(panelPage, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var refused = await (await lishui.PostAsync($"/title-reviews/{waiting}?handler=Panel",
            Form(panelPage, [new("expertIds", experts[0]), new("expertIds", experts[1]), new("version", version)]))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"expertIds-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("至少须选 3 名专家", refused, StringComparison.Ordinal);
        // The reviewer is no party to that application.
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/title-reviews/{waiting}")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_public_check_needs_no_sign_in_and_says_valid_or_unknown(string engine)
    {
        var app = await apps.For(engine);
        string code, holder;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            (code, holder) = await c.QuerySingleAsync<(string, string)>("SELECT code, holder_name FROM tr_certificates ORDER BY id LIMIT 1");
        }
        using var anonymous = new HttpClient { BaseAddress = app.Address };
        var typed = await anonymous.GetAsync("/verify?code=" + code.ToLowerInvariant());
        Assert.Equal($"/verify/{code.ToLowerInvariant()}", typed.RequestMessage!.RequestUri!.AbsolutePath);
        var valid = await typed.Content.ReadAsStringAsync();
        Assert.Contains("证书有效", valid, StringComparison.Ordinal);
        Assert.Contains(Domain.TitleReview.HolderName.Mask(holder), valid, StringComparison.Ordinal);
        Assert.DoesNotContain(holder, valid, StringComparison.Ordinal);
        var unknown = await anonymous.GetStringAsync("/verify/AAAA-BBBB-CCCC");
        Assert.Contains("查无此证", unknown, StringComparison.Ordinal);
        Assert.Contains("Certificate check", await anonymous.GetStringAsync("/verify?culture=en"), StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Operators_register_committees_and_experts_with_errors_at_the_fields_and_audited(string engine)
    {
        var app = await apps.For(engine);
        var userName = $"page.expert.{engine}";
        var talentId = await ScalarAsync(app, "SELECT max(id) FROM talents WHERE id NOT IN (SELECT talent_id FROM accounts WHERE talent_id IS NOT NULL)");
        await app.Service<AccountStore>().CreateAsync(userName, "页面专家", app.Service<IPasswordHasher<Account>>().HashPassword(null!, "Secret#2026"), Role.Talent,
            null, null, talentId, DateTimeOffset.UtcNow, CancellationToken.None);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var page = await lishui.GetStringAsync("/title-reviews/experts");
        Assert.Contains("丽水市工程技术系列高级职称评审委员会", page, StringComparison.Ordinal);
        EveryFormIsProtected(page);

        var noName = await (await lishui.PostAsync("/title-reviews/experts?handler=Committee", Form(page, [new("name", " "), new("regionCode", "3311")])))
            .Content.ReadAsStringAsync();
        Assert.Contains("id=\"name-error\"", noName, StringComparison.Ordinal);
        var committeeName = $"页面测试评委会{engine}";
        var created = await (await lishui.PostAsync("/title-reviews/experts?handler=Committee", Form(page, [new("name", committeeName), new("regionCode", "331102")])))
            .Content.ReadAsStringAsync();
        Assert.Contains("评审委员会已设立", created, StringComparison.Ordinal);
        var committeeId = Regex.Match(created, $"<option value=\"(\\d+)\">{committeeName}</option>").Groups[1].Value;
        Assert.NotEmpty(committeeId);

        var unknown = await (await lishui.PostAsync("/title-reviews/experts", Form(page,
            [new("userName", "nobody.here"), new("name", "某专家"), new("specialty", "机械"), new("regionCode", "3311"), new("talentId", "x")]))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"talentId-error\"", unknown, StringComparison.Ordinal);
        var noAccount = await (await lishui.PostAsync("/title-reviews/experts", Form(page,
            [new("userName", "nobody.here"), new("name", "某专家"), new("specialty", "机械"), new("regionCode", "3311")]))).Content.ReadAsStringAsync();
        Assert.Contains("不是平台上的账号", noAccount, StringComparison.Ordinal);
        var registered = await (await lishui.PostAsync("/title-reviews/experts", Form(page,
            [new("userName", userName), new("name", "页面专家"), new("specialty", "数控技术"), new("regionCode", "331102"), new("talentId", S(talentId)),
             new("employerId", "2"), new("committeeId", committeeId)]))).Content.ReadAsStringAsync();
        Assert.Contains("评审专家已登记", registered, StringComparison.Ordinal);
        Assert.Contains(userName, registered, StringComparison.Ordinal);
        var expertId = await ScalarAsync(app, "SELECT x.id FROM tr_experts x JOIN accounts a ON a.id = x.account_id WHERE a.user_name = @userName", new { userName });
        var again = await (await lishui.PostAsync("/title-reviews/experts", Form(page,
            [new("userName", userName), new("name", "页面专家"), new("specialty", "数控技术"), new("regionCode", "331102")]))).Content.ReadAsStringAsync();
        Assert.Contains("已登记为评审专家", again, StringComparison.Ordinal);
        var moved = await (await lishui.PostAsync("/title-reviews/experts?handler=Membership", Form(page, [new("expertId", S(expertId)), new("committeeId", "")])))
            .Content.ReadAsStringAsync();
        Assert.Contains("委员会成员已更新", moved, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(app, "SELECT count(*) FROM tr_experts WHERE id = @expertId AND committee_id IS NOT NULL", new { expertId }));
        Assert.Equal(2, await ScalarAsync(app, "SELECT count(*) FROM audit_log WHERE subject_type = 'reviewExpert' AND subject_id = @expertId", new { expertId }));
        Assert.Equal(1, await ScalarAsync(app, "SELECT count(*) FROM audit_log WHERE subject_type = 'reviewCommittee' AND subject_id = @id", new { id = long.Parse(committeeId, Inv) }));

        // A Qingtian operator may not place a committee in Lishui's city; a talent may not register anyone.
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var outside = await qingtian.PostAsJsonAsync("/api/v1/title-reviews/committees", new { name = "越权评委会", regionCode = "3311" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("regionCode", out _));
        Assert.DoesNotContain((await qingtian.GetFromJsonAsync<JsonElement>("/api/v1/title-reviews/experts")).EnumerateArray(),
            x => x.GetProperty("userName").GetString() == userName);
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.PostAsJsonAsync("/api/v1/title-reviews/experts", new { userName, name = "x", specialty = "y", regionCode = "3311" })).StatusCode);
        var talentPage = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        Assert.Equal("/account/denied", (await talentPage.GetAsync("/title-reviews/experts")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_recognition_page_records_a_claim_and_explains_every_criterion_to_its_parties_only(string engine)
    {
        var app = await apps.For(engine);
        var talentId = await ScalarAsync(app, "SELECT max(id) FROM talents WHERE id NOT IN (SELECT talent_id FROM tr_recognitions)");
        var qingtian = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        var path = $"/talents/{talentId}/recognitions";
        var page = await qingtian.GetStringAsync(path);
        Assert.Contains("尚无认定记录", page, StringComparison.Ordinal);
        Assert.Contains("id=\"projects[0].level\"", page, StringComparison.Ordinal);
        EveryFormIsProtected(page);

        var empty = await (await qingtian.PostAsync(path, Form(page, []))).Content.ReadAsStringAsync();
        Assert.Contains("至少填写一项薪酬、项目、奖项、外地认定或职称", empty, StringComparison.Ordinal);
        // The second project row is filled in without its level (a browser posts the blank first row too): the error is at that row.
        var noLevel = await (await qingtian.PostAsync(path, Form(page,
            [new("projects[0].title", ""), new("projects[0].year", ""), new("projects[1].title", "智慧农业平台"), new("projects[1].role", "Lead"), new("projects[1].year", "2025")]))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"projects[1].level-error\"", noLevel, StringComparison.Ordinal);
        Assert.Contains("value=\"智慧农业平台\"", noLevel, StringComparison.Ordinal);

        var year = DateTime.UtcNow.Year - 1;
        var saved = await qingtian.PostAsync(path, Form(page,
        [
            new("annualSalaryYuan", "600000"), new("salaryYear", S(year)),
            new("awards[0].title", ""), new("awards[1].title", ""), new("awards[2].title", "市优秀工程师"), new("awards[2].level", "City"), new("awards[2].year", S(year)),
        ]));
        var result = await saved.Content.ReadAsStringAsync();
        Assert.Contains("认定已记录", result, StringComparison.Ordinal);
        Assert.Contains("认定为D类", result, StringComparison.Ordinal);
        Assert.Contains($"达到：{year} 年年薪 600,000 元", result, StringComparison.Ordinal);
        Assert.Contains("未达到", result, StringComparison.Ordinal);
        // The award (a city honour without grade) is answered too: it meets no criterion here.
        Assert.Contains("市优秀工程师", result, StringComparison.Ordinal);
        Assert.Equal(60_000_000, await ScalarAsync(app,
            engine == TestDatabases.Postgres
                ? "SELECT (claim::jsonb ->> 'annualSalaryFen')::bigint FROM tr_recognitions WHERE talent_id = @talentId"
                : "SELECT json_extract(claim, '$.annualSalaryFen') FROM tr_recognitions WHERE talent_id = @talentId", new { talentId }));

        var recruiter = await UntranslatedTextTests.SignedInAsync(app, "recruiter", "Recruiter#2026");
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync(path)).StatusCode);
        var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        var own = await talent.GetStringAsync("/talents/1/recognitions");
        Assert.Contains("共享人才库入库申请", own, StringComparison.Ordinal);
        // The talent checks a claim of their own: the class and every criterion's answer, nothing stored; no button records.
        Assert.Contains("自测可认定的类别", own, StringComparison.Ordinal);
        Assert.DoesNotContain(">认定</button>", own, StringComparison.Ordinal);
        EveryFormIsProtected(own);
        var before = await ScalarAsync(app, "SELECT count(*) FROM tr_recognitions WHERE talent_id = 1");
        var check = await (await talent.PostAsync("/talents/1/recognitions?handler=Preview",
            Form(own, [new("annualSalaryYuan", "600000"), new("salaryYear", S(year))]))).Content.ReadAsStringAsync();
        Assert.Contains("试算结果", check, StringComparison.Ordinal);
        Assert.Contains("认定为D类", check, StringComparison.Ordinal);
        Assert.Contains("试算，未记录", check, StringComparison.Ordinal);
        Assert.Equal(before, await ScalarAsync(app, "SELECT count(*) FROM tr_recognitions WHERE talent_id = 1"));
        var badCheck = await (await talent.PostAsync("/talents/1/recognitions?handler=Preview", Form(own, [new("annualSalaryYuan", "很多")]))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"annualSalaryYuan-error\"", badCheck, StringComparison.Ordinal);
        Assert.DoesNotContain("试算结果", badCheck, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await talent.PostAsync($"/talents/{talentId}/recognitions?handler=Preview",
            Form(own, [new("annualSalaryYuan", "600000"), new("salaryYear", S(year))]))).StatusCode);
    }
}
