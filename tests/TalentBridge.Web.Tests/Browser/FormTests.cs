namespace TalentBridge.Web.Tests.Browser;

/// <summary>Create and edit forms in headless Chromium: server-side errors per field, then success.</summary>
public sealed class FormTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_operator_registers_an_enterprise_after_correcting_its_credit_code()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/enterprises/new");
        await BrowserSession.AssertAccessibleAsync(page);
        var first17 = "91331102MA2C0001" + "7";
        var wrongCheck = Domain.Uscc.CheckCharacter(first17) == '0' ? '1' : '0';
        await page.FillAsync("#name", "莲都表单测试科技有限公司");
        await page.FillAsync("#uscc", first17 + wrongCheck);
        await page.SelectOptionAsync("#industryCode", "6513");
        await page.SelectOptionAsync("#regionCode", "331102");
        await page.FillAsync("#headcount", "25");
        await page.ClickAsync("form.form button[type=submit]");

        await page.WaitForSelectorAsync("#uscc-error");
        Assert.Equal("true", await page.GetAttributeAsync("#uscc", "aria-invalid"));
        Assert.Contains("校验位应为", await page.InnerTextAsync("#uscc-error"), StringComparison.Ordinal);
        Assert.Equal("莲都表单测试科技有限公司", await page.InputValueAsync("#name"));
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#uscc", first17 + Domain.Uscc.CheckCharacter(first17));
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/enterprises/\d+$"));
        Assert.Equal("莲都表单测试科技有限公司", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_form_saved_over_someone_elses_change_shows_their_values_and_saving_again_replaces_them()
    {
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/enterprises/3/edit");
        var original = await page.InputValueAsync("#name");

        // Someone else renames the enterprise while the form is open.
        var writes = _session.App.Service<Platform.Pools.EnterpriseWrites>();
        var admin = new Platform.Accounts.Caller(1, Platform.Accounts.Role.PlatformAdmin, null, null, null);
        var current = (await writes.EditableAsync(admin, 3, CancellationToken.None)).Value!;
        var theirs = await writes.UpdateAsync(admin, 3, current.Version, current with { Name = "他人改名有限公司" }, null, CancellationToken.None);
        Assert.Equal(Platform.Pools.WriteStatus.Ok, theirs.Status);

        await page.FillAsync("#headcount", "321");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForSelectorAsync("#name-error");
        Assert.Contains("他人改名有限公司", await page.InnerTextAsync("#name-error"), StringComparison.Ordinal);
        Assert.Contains("已被他人修改", await page.InnerTextAsync(".alert"), StringComparison.Ordinal);
        Assert.Equal(original, await page.InputValueAsync("#name"));
        await BrowserSession.AssertAccessibleAsync(page);

        // Saving again, knowingly, stores this form's values over theirs.
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/enterprises/3", StringComparison.Ordinal));
        Assert.Equal(original, await page.InnerTextAsync("h1"));

        // Both changes are in the audit log, newest first, with the fields they changed.
        await page.GotoAsync("/audit?subject=enterprise&subjectId=3&action=update");
        await BrowserSession.AssertAccessibleAsync(page);
        var rows = await page.Locator("table.data tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Contains("丽水市", rows[0], StringComparison.Ordinal);
        await page.GotoAsync("/audit?from=not-a-date");
        Assert.Equal("true", await page.GetAttributeAsync("#from", "aria-invalid"));
    }

    [Fact]
    public async Task A_recruiter_posts_a_position_and_an_inverted_salary_is_refused()
    {
        var page = await _session.SignedInPageAsync("recruiter", "Recruiter#2026");
        await page.GotoAsync("/positions/new?enterpriseId=1");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#title", "数控车工（表单测试）");
        await page.FillAsync("#occupationCode", "6-18-01-01");
        await page.FillAsync("#salaryMin", "9000");
        await page.FillAsync("#salaryMax", "7000");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForSelectorAsync("#salaryMax-error");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#salaryMax", "11000");
        await page.CheckAsync("#salaryStrict");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/positions/\d+$"));
        Assert.Contains("数控车工（表单测试）", await page.InnerTextAsync("h1"), StringComparison.Ordinal);

        // The strict-salary choice is stored and shown again when editing.
        await page.GotoAsync(page.Url + "/edit");
        Assert.True(await page.IsCheckedAsync("#salaryStrict"));

        await page.GotoAsync("/enterprises/new");
        Assert.Contains("/account/denied", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_registers_a_talent_with_consent_and_sees_only_the_masked_phone()
    {
        var page = await _session.SignedInPageAsync("qingtian.operator", "Operator#2026");
        await page.GotoAsync("/talents/new");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#name", "表单测试人才");
        await page.FillAsync("#phone", "13705788765");
        await page.FillAsync("#birthYear", "1995");
        await page.SelectOptionAsync("#residenceRegionCode", "331121");
        await page.FillAsync("#occupation1", "2-02-10-03");
        await page.FillAsync("#years1", "4");
        await page.FillAsync("#skills", "Java:4, Python：3");
        await page.CheckAsync("#consentVersion");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/talents/\d+$"));
        Assert.Equal("表单测试人才", await page.InnerTextAsync("h1"));
        var details = await page.InnerTextAsync("dl.details");
        Assert.Contains("137****8765", details, StringComparison.Ordinal);
        Assert.DoesNotContain("13705788765", await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Saving_a_talent_with_five_occupations_in_the_form_keeps_all_five()
    {
        using var api = _session.App.Client(await _session.App.TokenAsync("admin", "Admin#2026"));
        var codes = new[] { "2-02-10-03", "4-04-05-01", "4-04-05-02", "6-18-01-01", "2-02-10-04" };
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/v1/talents", new
        {
            name = "多职业测试",
            phone = "13605789999",
            birthYear = 1985,
            residenceRegionCode = "331102",
            occupations = codes.Select((code, i) => new { code, years = i + 1 }),
            availability = "FullTime",
            consentVersion = Domain.Pools.TalentDraft.CurrentConsentVersion,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt64();

        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.GotoAsync($"/talents/{id}/edit");
        // Shown as "code name", as the suggestion list fills a field in.
        Assert.Equal("4-04-05-02 计算机软件测试员", await page.InputValueAsync("#occupation3"));
        Assert.StartsWith("2-02-10-04 ", await page.InputValueAsync("#occupation5"), StringComparison.Ordinal);
        Assert.Equal("", await page.InputValueAsync("#occupation6"));
        await BrowserSession.AssertAccessibleAsync(page);
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith($"/talents/{id}", StringComparison.Ordinal));

        var stored = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/v1/talents/{id}");
        Assert.Equal(codes, stored.GetProperty("occupations").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToArray());
    }
}
