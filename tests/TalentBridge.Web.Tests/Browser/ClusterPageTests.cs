using System.Text;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>The operator's review of duplicate clusters in headless Chromium: list, detail, split, undo.</summary>
public sealed class ClusterPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    private const string Profile = """
        { "kind": "positions", "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点",
          "salary": "薪资", "education": "学历", "description": "描述", "postedOn": "发布日期" } }
        """;

    private async Task ImportAsync(string source, string csv) =>
        await _session.App.Service<PostingImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), source + ".csv", source,
            ImportProfile.Parse(Profile).Profile!, null, null, CancellationToken.None);

    [Fact]
    public async Task An_operator_splits_a_cluster_and_undoes_the_split()
    {
        await ImportAsync("cluster-a", """
            职位ID,职位名称,公司名称,工作地点,薪资,学历,描述,发布日期
            CA1,数控车工（长白班）,缙云县集群测试机械有限公司,丽水缙云,6000-9000元/月,中专,操作数控车床，看懂图纸,2026-11-01
            """);
        await ImportAsync("cluster-b", """
            职位ID,职位名称,公司名称,工作地点,薪资,学历,描述,发布日期
            CB1,急招 数控车工,缙云县集群测试机械有限公司,浙江省丽水市缙云县,6-9K,中专,操作数控车床，看懂图纸,2026-11-03
            """);

        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/imports");
        await page.ClickAsync("a[href='/imports/clusters']");
        await page.FillAsync("#below", "1");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("below=1", StringComparison.Ordinal));
        await BrowserSession.AssertAccessibleAsync(page);
        await page.ClickAsync("table.data a:text('数控车工（长白班）')");
        await page.WaitForSelectorAsync("#splitReason");
        var clusterUrl = page.Url;
        Assert.Contains("CB1", await page.InnerTextAsync("#postings"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        // Without a reason the split is refused on its field (by the server too, past the browser's own check).
        await page.EvalOnSelectorAsync("#splitReason", "e => e.removeAttribute('required')");
        await page.CheckAsync("tr:has-text('CB1') input[type=checkbox]");
        await page.ClickAsync("form:has(#splitReason) button[type=submit]");
        await page.WaitForSelectorAsync("#splitReason-error");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.FillAsync("#splitReason", "另一个平台的不同班次");
        await page.ClickAsync("form:has(#splitReason) button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("done=", StringComparison.Ordinal));
        Assert.DoesNotContain("CB1", await page.InnerTextAsync("#postings"), StringComparison.Ordinal);
        Assert.Contains("cluster-b/CB1", await page.InnerTextAsync("table.data >> nth=1"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        var splitUrl = page.Url;
        await page.FillAsync("#undoReason", "拆错了");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("done=", StringComparison.Ordinal) && url != splitUrl);
        Assert.Contains("CB1", await page.InnerTextAsync("#postings"), StringComparison.Ordinal);
        Assert.StartsWith(clusterUrl.Split('?')[0], page.Url, StringComparison.Ordinal);
        Assert.Contains("拆错了", await page.InnerTextAsync("table.data >> nth=1"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
