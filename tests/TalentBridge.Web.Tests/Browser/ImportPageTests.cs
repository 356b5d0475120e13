namespace TalentBridge.Web.Tests.Browser;

/// <summary>The operator's import page in headless Chromium: upload, progress, report.</summary>
public sealed class ImportPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_operator_uploads_an_export_and_reads_the_report()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"tb_upload_{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, """
            职位ID,职位名称,公司名称,统一社会信用代码,工作地点,薪资,学历,经验,招聘人数,职位描述,发布日期
            U1,数控车工,缙云县上传测试机械有限公司,,丽水缙云,6000-9000元/月,中专,3年以上,招3人,操作数控车床,2026-11-01
            U2,,缺标题公司,,丽水,面议,,,,,
            U3,电商运营,青田县上传测试贸易有限公司,,西湖区,8-12K,大专,1-3年,若干,天猫运营,2026-11-02
            """);
        try
        {
            var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
            await page.GotoAsync("/imports");
            await BrowserSession.AssertAccessibleAsync(page);
            await page.FillAsync("#source", "browser-test");
            await page.SetInputFilesAsync("#file", csv);
            await page.ClickAsync("form.form button[type=submit]");
            await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/imports/\d+$"),
                new() { Timeout = 60_000 });
            // Queued, then run by the job runner; the page refreshes itself until the report is complete.
            await page.WaitForSelectorAsync("table.data", new() { Timeout = 60_000 });
            var stats = await page.InnerTextAsync("ul.stats");
            Assert.Contains("3", stats, StringComparison.Ordinal);
            var issues = await page.InnerTextAsync("table.data");
            Assert.Contains("U2", issues, StringComparison.Ordinal);
            Assert.Contains("西湖区", issues, StringComparison.Ordinal);
            await BrowserSession.AssertAccessibleAsync(page);

            await page.GotoAsync("/imports");
            Assert.Contains("browser-test", await page.InnerTextAsync("table.data"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task A_profile_that_misses_a_required_field_is_refused_on_the_form()
    {
        var page = await _session.SignedInPageAsync("admin", "Admin#2026");
        await page.GotoAsync("/imports");
        var csv = Path.Combine(Path.GetTempPath(), $"tb_upload_{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "a,b\n1,2\n");
        try
        {
            await page.FillAsync("#source", "bad-profile");
            await page.SetInputFilesAsync("#file", csv);
            await page.FillAsync("#profile", """{ "kind": "positions", "columns": { "title": "b" } }""");
            await page.ClickAsync("form.form button[type=submit]");
            await page.WaitForSelectorAsync("#columns-error");
            Assert.Contains("sourceId", await page.InnerTextAsync("#columns-error"), StringComparison.Ordinal);
            await BrowserSession.AssertAccessibleAsync(page);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
