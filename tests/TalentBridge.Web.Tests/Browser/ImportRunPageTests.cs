using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>The report page of one import run in headless Chromium: rejected rows with their lines and translated reasons, paging, scope.</summary>
public sealed class ImportRunPageTests
{
    private const string Profile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点" } }
        """;

    /// <summary>
    /// Line 3 opens a quote it never closes, line 4 lies outside Qingtian, lines 5 to 74 have no title; lines 2 and 75 are
    /// good. The run keeps 60 issues (lines 3 to 62) and counts the other 12.
    /// </summary>
    private static string Export()
    {
        var csv = new StringBuilder("职位ID,职位名称,公司名称,工作地点\n");
        csv.Append("RP2,焊工,青田县运行页测试机械有限公司,丽水青田\n");
        csv.Append("RP3,\"数控车工,青田县引号测试有限公司,丽水青田\n");
        csv.Append("RP4,电商运营,杭州运行页测试贸易有限公司,杭州市\n");
        for (var line = 5; line <= 74; line++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"RP{line},,青田县缺名称{line}号测试公司,丽水青田\n");
        }
        csv.Append("RP75,会计,青田县运行页测试会计服务有限公司,丽水青田\n");
        return csv.ToString();
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_importing_operator_reads_rejected_rows_page_by_page_and_another_county_gets_404(string engine)
    {
        TestDatabases.RequireEngine(engine);
        var session = new BrowserSession(engine, new Dictionary<string, string?> { ["Imports:MaxIssuesPerRun"] = "60" });
        await session.InitializeAsync();
        try
        {
            var app = session.App;
            long qingtian;
            await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
            {
                qingtian = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'qingtian.operator'");
            }
            var report = await app.Service<PostingImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Export())), "run-page.csv", "run-page",
                ImportProfile.Parse(Profile).Profile!, qingtian, null, CancellationToken.None);
            Assert.Equal((74L, 2L, 72L), (report.Rows, report.Inserted, report.Rejected));

            var page = await session.SignedInPageAsync("qingtian.operator", "Operator#2026");
            var response = await page.GotoAsync($"/imports/{report.RunId}");
            Assert.Equal(200, response!.Status);
            Assert.Contains("导入报告", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            Assert.Equal("72", await page.InnerTextAsync("ul.stats li:has-text('拒绝') strong"));
            Assert.Contains("另有 12 条问题超出每次导入的保存上限，仅计数未保存", await page.InnerTextAsync("main"), StringComparison.Ordinal);
            Assert.Contains("共 60 条 · 第 1 / 2 页", await page.InnerTextAsync("nav.pager span"), StringComparison.Ordinal);
            var rows = await RowsAsync(page);
            Assert.Equal(50, rows.Count);
            Assert.Equal(Enumerable.Range(3, 50).Select(n => n.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
            // Line, source id, field, outcome and reason, in Chinese.
            Assert.Equal(["3", "", "整行", "拒绝", "该行的引号未闭合（在行尾或字段长度上限内未结束）；该行未导入，从下一行继续"], rows[0]);
            Assert.Equal(["4", "RP4", "工作地点", "拒绝", "地区 杭州市 不在您的辖区 丽水市青田县 内；该行未导入"], rows[1]);
            Assert.Equal(["5", "RP5", "岗位名称", "拒绝", "必填"], rows[2]);
            await BrowserSession.AssertAccessibleAsync(page);

            await page.ClickAsync("nav.pager a[rel=next]");
            await page.WaitForURLAsync(url => url.Contains("p=2", StringComparison.Ordinal));
            Assert.Contains("共 60 条 · 第 2 / 2 页", await page.InnerTextAsync("nav.pager span"), StringComparison.Ordinal);
            rows = await RowsAsync(page);
            Assert.Equal(Enumerable.Range(53, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
            Assert.All(rows, r => Assert.Equal(["岗位名称", "拒绝", "必填"], r[2..]));
            Assert.Equal(0, await page.Locator("nav.pager a[rel=next]").CountAsync());
            await BrowserSession.AssertAccessibleAsync(page);
            await page.ClickAsync("nav.pager a[rel=prev]");
            await page.WaitForURLAsync(url => url.Contains("p=1", StringComparison.Ordinal));
            Assert.Equal("3", (await RowsAsync(page))[0][0]);

            // The city above Qingtian sees the run; another county's operator is told it does not exist.
            var city = await session.SignedInPageAsync("lishui.operator", "Operator#2026");
            Assert.Equal(200, (await city.GotoAsync($"/imports/{report.RunId}"))!.Status);
            var hasher = new PasswordHasher<Account>();
            await app.Service<AccountStore>().CreateAsync("liandu.run.operator", "莲都区人社局", hasher.HashPassword(null!, "Liandu#2026"), Role.Operator,
                null, "331102", null, DateTimeOffset.UtcNow, CancellationToken.None);
            var other = await session.SignedInPageAsync("liandu.run.operator", "Liandu#2026");
            Assert.Equal(404, (await other.GotoAsync($"/imports/{report.RunId}"))!.Status);
            Assert.Equal(404, (await other.GotoAsync($"/imports/{report.RunId}?p=2&rejected=true"))!.Status);
            Assert.DoesNotContain("RP5", await other.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>The cells of the issue table's rows, as shown.</summary>
    private static async Task<List<string[]>> RowsAsync(Microsoft.Playwright.IPage page)
    {
        var rows = new List<string[]>();
        foreach (var row in await page.Locator("table.data tbody tr").AllAsync())
        {
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        }
        return rows;
    }
}
