using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The talent map's outlines: features are mapped to region codes by adcode or by name through the catalogue (outdated
/// names reported, renamed ones found by their short name); an operator's upload is validated (size, JSON, geometry,
/// unmatched features by name; nothing stored on error), audited with the approval number, served with an ETag and
/// reverted to the shipped file.
/// </summary>
public sealed class TalentMapOutlineTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly RegionCatalogue Regions = RegionCatalogue.Load();

    /// <summary>A small square feature with the given name and adcode properties.</summary>
    private static string Square(string? name, string? adcode = null, double x = 120.1, double y = 28.1)
    {
        var properties = new JsonObject();
        if (name is not null)
        {
            properties["name"] = name;
        }
        if (adcode is not null)
        {
            properties["adcode"] = adcode;
        }
        var ring = new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.05, y), new JsonArray(x + 0.05, y + 0.05), new JsonArray(x, y));
        return new JsonObject
        {
            ["type"] = "Feature", ["properties"] = properties, ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
        }.ToJsonString();
    }

    private static string Collection(params string[] features) => $$"""{"type":"FeatureCollection","features":[{{string.Join(',', features)}}]}""";

    [Fact]
    public void Features_map_to_child_regions_by_adcode_or_by_name()
    {
        var zhejiang = Regions.Find("33")!;
        var hangzhou = Regions.Find("3301")!;
        Assert.Equal("3301", MapOutlines.ChildCode(Regions, zhejiang, "330100", "杭州市"));
        Assert.Equal("3311", MapOutlines.ChildCode(Regions, zhejiang, null, "丽水市"));
        // 临安市 became 临安区 (330112) in 2017; 下城区 was merged away in 2021.
        Assert.Equal("330112", MapOutlines.ChildCode(Regions, hangzhou, null, "临安市"));
        Assert.Null(MapOutlines.ChildCode(Regions, hangzhou, null, "下城区"));
        // An adcode of another parent does not count; the name still may.
        Assert.Equal("330102", MapOutlines.ChildCode(Regions, hangzhou, "331102", "上城区"));
        Assert.Equal("331127", MapOutlines.ChildCode(Regions, Regions.Find("3311")!, null, "景宁畲族自治县"));

        var read = MapOutlines.Read(Regions, Regions.Find("3311")!, Collection(Square("莲都区"), Square("青田县"), Square("莲都区"), Square("不存在县")));
        Assert.Equal(2, read.Matched);
        Assert.Equal(["莲都区", "不存在县"], read.Unmatched);
        var codes = read.Normalised!["features"]!.AsArray().Select(f => (string?)f!["properties"]!["code"]).ToList();
        Assert.Equal(["331102", "331121"], codes);

        Assert.Equal(["must be a GeoJSON FeatureCollection"], MapOutlines.Read(Regions, zhejiang, """{"type":"Feature"}""").Problems);
        Assert.StartsWith("is not valid JSON", MapOutlines.Read(Regions, zhejiang, "{\"type\":").Problems.Single(), StringComparison.Ordinal);
        Assert.Equal(["feature 杭州市 has no Polygon or MultiPolygon geometry"], MapOutlines.Read(Regions, zhejiang,
            """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"杭州市"},"geometry":{"type":"Point","coordinates":[120,30]}}]}""").Problems);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Shipped_outlines_report_what_they_do_not_match_and_uploads_replace_them_until_reverted(string engine)
    {
        var app = await apps.For(engine);
        var outlines = app.Service<MapOutlines>();
        var db = app.Service<Database>();

        // The shipped files: Zhejiang's 11 cities, 丽水市's 9 counties; 杭州市's file predates the 2021 districts.
        Assert.Equal(11, JsonDocument.Parse(outlines.ShippedFor("33")!.GeoJson).RootElement.GetProperty("features").GetArrayLength());
        var lishui = outlines.ShippedFor("3311")!;
        Assert.Empty(lishui.Unmatched);
        Assert.Empty(lishui.Missing);
        var hangzhou = outlines.ShippedFor("3301")!;
        Assert.Equal(["下城区", "江干区"], hangzhou.Unmatched.Order(StringComparer.Ordinal));
        Assert.Equal(["330113", "330114"], hangzhou.Missing);
        Assert.Null(await outlines.ForAsync("331121", CancellationToken.None));

        var accounts = app.Service<AccountStore>();
        var qingtianAccount = (await accounts.FindByUserNameAsync("qingtian.operator", CancellationToken.None))!;
        var qingtian = new Caller(qingtianAccount.Id, Role.Operator, null, "331121", null);
        var enterprise = new Caller(qingtianAccount.Id, Role.EnterpriseAdmin, 1, null, null);
        async Task<WriteResult<RegionOutlines>> Upload(Caller caller, string region, string? approval, string text) =>
            await outlines.UploadAsync(caller, region, approval, new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);
        async Task<long> StoredAsync()
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM map_outlines");
        }
        var stored = await StoredAsync();
        var townships = Collection(Square("鹤城街道"), Square("瓯南街道", x: 120.2));

        // Refusals: who and where; then each input error, naming the field, with nothing stored.
        Assert.Equal(WriteStatus.Forbidden, (await Upload(enterprise, "331121", "浙S(2026)1号", townships)).Status);
        Assert.Equal(WriteStatus.NotFound, (await Upload(qingtian, "3311", "浙S(2026)1号", townships)).Status);
        Assert.True((await Upload(qingtian, "331121001", "浙S(2026)1号", townships)).Errors.ToDictionary().ContainsKey("region"));
        Assert.True((await Upload(qingtian, "331121", " ", townships)).Errors.ToDictionary().ContainsKey("approvalNumber"));
        var tooLarge = await Upload(qingtian, "331121", "浙S(2026)1号", new string(' ', MapOutlines.MaxUploadBytes + 1));
        Assert.Equal(["must be at most 8 MB"], tooLarge.Errors.ToDictionary()["file"]);
        Assert.StartsWith("is not valid JSON", (await Upload(qingtian, "331121", "浙S(2026)1号", "{ not json")).Errors.ToDictionary()["file"][0], StringComparison.Ordinal);
        var unmatched = await Upload(qingtian, "331121", "浙S(2026)1号", Collection(Square("鹤城街道"), Square("水南街道"), Square("莲都区")));
        Assert.Equal(["has features that outline no region of 青田县: 水南街道, 莲都区"], unmatched.Errors.ToDictionary()["file"]);
        Assert.Equal(stored, await StoredAsync());

        // An upload: in force at once, audited with the approval number, served with an ETag.
        var uploaded = await Upload(qingtian, "331121", "浙S(2026)1号", "\uFEFF" + townships);
        Assert.Equal(WriteStatus.Ok, uploaded.Status);
        Assert.Equal("浙S(2026)1号", uploaded.Value!.ApprovalNumber);
        Assert.Equal("qingtian.operator", uploaded.Value.UploadedBy);
        Assert.Equal(2, JsonDocument.Parse(uploaded.Value.GeoJson).RootElement.GetProperty("features").GetArrayLength());
        Assert.Equal(stored + 1, await StoredAsync());
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            var detail = await c.ExecuteScalarAsync<string>(
                "SELECT detail FROM audit_log WHERE subject_type = 'mapOutline' AND reason = 'upload outlines' AND account_id = @id ORDER BY id DESC LIMIT 1",
                new { id = qingtianAccount.Id });
            Assert.Contains("浙S(2026)1号", detail, StringComparison.Ordinal);
        }
        Assert.Single(await outlines.UploadsAsync(qingtian, CancellationToken.None));
        Assert.Empty(await outlines.UploadsAsync(new Caller(qingtianAccount.Id, Role.Operator, null, "331102", null), CancellationToken.None));

        using var api = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var served = await api.GetAsync("/api/v1/analytics/outlines/331121");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/geo+json", served.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await served.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["331121001", "331121002"], body.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()));
        var etag = served.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/analytics/outlines/331121"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await api.SendAsync(again)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/analytics/outlines/3311")).StatusCode);

        // Revert: the county has no outlines again; a second revert has nothing to revert.
        Assert.Equal(WriteStatus.Ok, (await outlines.RevertAsync(qingtian, "331121", CancellationToken.None)).Status);
        Assert.Null(await outlines.ForAsync("331121", CancellationToken.None));
        Assert.True((await outlines.RevertAsync(qingtian, "331121", CancellationToken.None)).Errors.ToDictionary().ContainsKey("region"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/analytics/outlines/331121")).StatusCode);

        // The outlines page lists the shipped files and takes the upload form.
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await pages.GetStringAsync("/analytics/outlines");
        Assert.Contains("name=\"ApprovalNumber\"", html, StringComparison.Ordinal);
        Assert.Contains("景宁畲族自治县", html, StringComparison.Ordinal);
        using var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        var refused = await talent.GetAsync("/analytics/outlines");
        Assert.Contains("/account/denied", refused.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }
}
