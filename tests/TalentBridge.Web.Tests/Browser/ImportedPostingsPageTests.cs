using System.Text;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>The operator's list of imported postings in headless Chromium, on a 390 px phone.</summary>
public sealed class ImportedPostingsPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private const string Profile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点",
          "salary": "薪资", "description": "描述", "postedOn": "发布日期" } }
        """;

    private async Task ImportAsync(string source, string csv) =>
        await _session.App.Service<PostingImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), source + ".csv", source,
            ImportProfile.Parse(Profile).Profile!, null, null, CancellationToken.None);

    [Fact]
    public async Task An_operator_filters_imported_postings_by_duplicate_status_and_text_on_a_phone()
    {
        await ImportAsync("list-a", """
            职位ID,职位名称,公司名称,工作地点,薪资,描述,发布日期
            LA1,养老护理员,缙云县列表测试养老服务有限公司,丽水缙云,5000-6000元/月,照护老人生活起居,2026-11-01
            LA2,厨师,缙云县列表测试养老服务有限公司,丽水缙云,4000-4500元/月,负责食堂,2026-11-01
            """);
        await ImportAsync("list-b", """
            职位ID,职位名称,公司名称,工作地点,薪资,描述,发布日期
            LB1,丽水市养老护理员,缙云县列表测试养老服务有限公司,浙江省丽水市缙云县,5000-6000元/月,照护老人生活起居,2026-11-02
            """);
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/imports");
        await page.ClickAsync("a[href='/imports/postings']");
        await page.FillAsync("#q", "列表测试");
        await page.SelectOptionAsync("#duplicates", "true");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("duplicates=true", StringComparison.Ordinal));
        var table = await page.InnerTextAsync("table.data");
        Assert.Contains("list-b/LB1", table, StringComparison.Ordinal);
        Assert.Contains("list-a/LA1", table, StringComparison.Ordinal);
        Assert.DoesNotContain("LA2", table, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#q", "没有这个职位");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForSelectorAsync("p.empty");
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
