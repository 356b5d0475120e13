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

    [Fact]
    public async Task An_operator_publishes_a_cluster_as_a_position_that_shows_its_sources()
    {
        string enterprise;
        await using (var c = await _session.App.Service<TalentBridge.Platform.Storage.Database>().OpenAsync(CancellationToken.None))
        {
            enterprise = await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT name FROM enterprises WHERE region_code LIKE '331122%' ORDER BY id") ?? "";
        }
        await ImportAsync("publish-a", $"""
            职位ID,职位名称,公司名称,工作地点,薪资,学历,描述,发布日期
            PA1,发布测试焊工（长白班）,{enterprise},丽水缙云,6100-8100元/月,中专,手工电弧焊，持证上岗,2026-11-01
            """);
        await ImportAsync("publish-b", $"""
            职位ID,职位名称,公司名称,工作地点,薪资,学历,描述,发布日期
            PB1,急招 发布测试焊工,{enterprise},浙江省丽水市缙云县,6100-8100元/月,中专,手工电弧焊,2026-11-02
            """);
        var page = await _session.SignedInPageAsync("lishui.operator", "Operator#2026");
        await page.GotoAsync("/imports/postings?q=" + Uri.EscapeDataString("发布测试焊工"));
        await page.ClickAsync("table.data a[href^='/imports/clusters/'] >> nth=0");
        await page.WaitForSelectorAsync("#publish-heading");
        await BrowserSession.AssertAccessibleAsync(page);
        var clusterUrl = page.Url;
        await page.ClickAsync("a[href*='fromCluster=']");
        await page.WaitForSelectorAsync("#fromCluster");
        Assert.Equal("6100", await page.InputValueAsync("#salaryMin"));
        Assert.Contains("焊工", await page.InputValueAsync("#title"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForSelectorAsync("#provenance-title");
        Assert.Matches(@"/positions/\d+$", page.Url);
        var origin = await page.InnerTextAsync("section:has(#provenance-title)");
        Assert.Contains("PA1", origin, StringComparison.Ordinal);
        Assert.Contains("PB1", origin, StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
        var positionPath = new Uri(page.Url).AbsolutePath;

        // The cluster now links to its position and offers no second publishing.
        await page.GotoAsync(clusterUrl);
        Assert.Equal(positionPath, await page.GetAttributeAsync("section:has(#publish-heading) a[href^='/positions/']", "href"));
        Assert.Equal(0, await page.Locator("a[href*='fromCluster=']").CountAsync());
    }
}
