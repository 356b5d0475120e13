using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Composite indices over the API on both engines (issue 15): the shipped trees, a tree published with errors by JSON
/// path and versions, scope by region; figures uploaded as CSV, a run with Monte Carlo rank bands, its audited export
/// and numbered publications; a run over the platform's own measures of Lishui's counties; specifications refused
/// naming their path. Each test uses trees and datasets of its own.
/// </summary>
public sealed class IndicesApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static readonly string[] UnknownNode = ["economy", "nope"];
    private static readonly string[] TwoNormalisations = ["minMax", "rank"];

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    internal const string B11Csv = """
        unit,name,kind,group,period,01,02,03,04,05,06,07,08,09,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24
        ny,纽约,city,US,2024,90,150,800,200,80,30,256,6,300,95,90,15,180,70,40,80,30000,10,13,3.5,80,95,70,50
        sf,旧金山,city,US,2024,60,220,300,250,60,35,414,6,500,85,85,20,180,85,30,82,35000,6,14,3.0,85,90,60,45
        bj,北京,city,CN,2024,70,80,900,120,240,124,445,26,250,80,70,5,80,60,90,82,15000,20,12,3.2,60,60,55,80
        ld,伦敦,city,UK,2024,75,120,700,180,120,20,280,5,150,100,95,30,190,65,35,81,25000,15,13,3.0,75,85,65,60
        sh,上海,city,CN,2024,72,90,850,150,100,80,191,12,200,82,70,6,80,65,70,83,13000,10,11,3.1,55,55,50,82
        """;

    private static MultipartFormDataContent Upload(string tree, string name, string csv, string fileName = "figures.csv") => new MultipartFormDataContent
    {
        { new StringContent(tree), "tree" },
        { new StringContent(name), "name" },
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
    };

    private static string TreeJson(string key, double weightA = 0.5) => $$"""
        { "key": "{{key}}", "nameZh": "测试", "nameEn": "Test", "source": { "document": "test", "confirmed": false, "note": "made for the test" },
          "nodes": [
            { "code": "A", "nameZh": "甲", "nameEn": "A", "weight": {{weightA.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
            { "code": "a1", "parent": "A", "nameZh": "甲一", "nameEn": "a1", "unit": "n", "direction": "positive" },
            { "code": "B", "nameZh": "乙", "nameEn": "B", "weight": 0.5 },
            { "code": "b1", "parent": "B", "nameZh": "乙一", "nameEn": "b1", "unit": "n", "direction": "negative" } ] }
        """;

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Trees_are_shipped_published_in_versions_refused_by_path_and_scoped_to_the_region(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        var key = "t-" + engine + "-" + Guid.NewGuid().ToString("N")[..8];

        var shipped = await Json(await lishui.GetAsync("/api/v1/indices/trees"));
        var keys = shipped.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Contains("b11-city-talent-retention", keys);
        Assert.Contains("b12-international-talent-service", keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.GetAsync("/api/v1/indices/trees")).StatusCode);

        var bad = await lishui.PostAsJsonAsync("/api/v1/indices/trees", new { definition = TreeJson(key, 0.4), note = "first" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await Json(bad)).GetProperty("errors").TryGetProperty("nodes[0].weight", out _));

        var created = await lishui.PostAsJsonAsync("/api/v1/indices/trees", new { definition = TreeJson(key), note = "first" });
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        Assert.Equal(1, (await Json(created)).GetProperty("version").GetInt32());
        var second = await lishui.PutAsJsonAsync($"/api/v1/indices/trees/{key}", new { definition = TreeJson(key, 0.5), note = "second" });
        Assert.Equal(2, (await Json(second)).GetProperty("version").GetInt32());
        Assert.Equal(2, (await Json(await lishui.GetAsync($"/api/v1/indices/trees/{key}"))).GetArrayLength());
        // Qingtian's operators are inside Lishui, not above it: Lishui's tree is not theirs to see.
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync($"/api/v1/indices/trees/{key}")).StatusCode);
        Assert.Equal(2, await ServicesApiTests.AuditRowsAsync(app, "indexTree", null, "create", key));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Figures_uploaded_as_csv_run_with_rank_bands_export_audited_and_publish_in_versions(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));

        var badUpload = await lishui.PostAsync("/api/v1/indices/datasets", Upload("b11-city-talent-retention", "bad", "unit,period,01,99\nny,2024,x,1\n"));
        Assert.Equal(HttpStatusCode.BadRequest, badUpload.StatusCode);
        Assert.True((await Json(badUpload)).GetProperty("errors").TryGetProperty("rows[1].99", out _));

        var uploaded = await lishui.PostAsync("/api/v1/indices/datasets", Upload("b11-city-talent-retention", "five cities", B11Csv));
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var dataset = await Json(uploaded);
        Assert.Equal(5, dataset.GetProperty("units").GetInt32());
        Assert.Equal(120, dataset.GetProperty("observations").GetInt32());

        var refused = await lishui.PostAsJsonAsync("/api/v1/indices/runs", new
        {
            tree = "b11-city-talent-retention", dataset = dataset.GetProperty("id").GetInt64(),
            specification = new { period = "2024", uncertainty = new { vary = new object[] { new { step = "weights", plusMinus = 0.2, nodes = UnknownNode } } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("specification.uncertainty.vary[0].nodes[1]", out _));
        var noPeriod = await lishui.PostAsJsonAsync("/api/v1/indices/runs", new { tree = "b11-city-talent-retention", dataset = dataset.GetProperty("id").GetInt64(), specification = new { period = "2019" } });
        Assert.True((await Json(noPeriod)).GetProperty("errors").TryGetProperty("specification.period", out _));

        var ran = await lishui.PostAsJsonAsync("/api/v1/indices/runs", new
        {
            tree = "b11-city-talent-retention", dataset = dataset.GetProperty("id").GetInt64(),
            specification = new
            {
                period = "2024", rescale = new { low = 50, high = 100 },
                uncertainty = new
                {
                    runs = 200, seed = 5,
                    vary = new object[] { new { step = "weights", plusMinus = 0.25 }, new { step = "normalisation", options = TwoNormalisations } },
                },
            },
        });
        Assert.True(ran.StatusCode == HttpStatusCode.OK, await ran.Content.ReadAsStringAsync());
        var run = await Json(ran);
        var id = run.GetProperty("id").GetInt64();
        var units = run.GetProperty("result").GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(5, units.Count);
        Assert.Equal(100, units[0].GetProperty("score").GetDouble(), 9);
        Assert.Equal(1, units[0].GetProperty("rank").GetInt32());
        var bands = run.GetProperty("result").GetProperty("uncertainty").GetProperty("units").EnumerateArray().ToList();
        Assert.All(bands, b => Assert.True(b.GetProperty("p5").GetDouble() <= b.GetProperty("median").GetDouble() && b.GetProperty("median").GetDouble() <= b.GetProperty("p95").GetDouble()));
        var applied = run.GetProperty("result").GetProperty("uncertainty").GetProperty("applied").EnumerateArray().ToList();
        Assert.Equal(200, applied[0].GetProperty("counts").GetProperty("runs").GetInt32());

        Assert.Equal(id, (await Json(await lishui.GetAsync($"/api/v1/indices/runs/{id}"))).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await qingtian.GetAsync($"/api/v1/indices/runs/{id}")).StatusCode);

        var csv = await lishui.GetAsync($"/api/v1/indices/runs/{id}/export?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("unit,name,score,rank,median_rank,rank_p5,rank_p95", text, StringComparison.Ordinal);
        Assert.Contains("15_raw", text, StringComparison.Ordinal);
        var xlsx = await lishui.GetAsync($"/api/v1/indices/runs/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(2, await ServicesApiTests.AuditRowsAsync(app, "indexRun", id, "export"));

        Assert.Equal(HttpStatusCode.BadRequest, (await lishui.PostAsJsonAsync($"/api/v1/indices/runs/{id}/publication", new { note = "" })).StatusCode);
        var first = await Json(await lishui.PostAsJsonAsync($"/api/v1/indices/runs/{id}/publication", new { note = "2024 年度发布" }));
        var again = await Json(await lishui.PostAsJsonAsync($"/api/v1/indices/runs/{id}/publication", new { note = "更正" }));
        Assert.Equal(first.GetProperty("version").GetInt32() + 1, again.GetProperty("version").GetInt32());
        var published = await Json(await lishui.GetAsync($"/api/v1/indices/publications/b11-city-talent-retention/{again.GetProperty("version").GetInt32()}"));
        Assert.Equal(5, published.GetProperty("result").GetProperty("units").GetArrayLength());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_platform_measures_each_county_of_lishui_from_its_own_tables(string engine)
    {
        var app = await apps.For(engine);
        using var lishui = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var qingtian = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var year = DateTime.UtcNow.Year - 1;

        var outside = await qingtian.PostAsJsonAsync("/api/v1/indices/runs", new { tree = "platform-talent-flow", region = "3311", year, specification = new { period = $"{year}" } });
        Assert.True((await Json(outside)).GetProperty("errors").TryGetProperty("region", out _));

        var ran = await lishui.PostAsJsonAsync("/api/v1/indices/runs", new { tree = "platform-talent-flow", region = "3311", year, specification = new { period = $"{year}" } });
        Assert.True(ran.StatusCode == HttpStatusCode.OK, await ran.Content.ReadAsStringAsync());
        var result = (await Json(ran)).GetProperty("result");
        var units = result.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(9, units.Count);

        long registered;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            registered = await c.QuerySingleAsync<long>(
                "SELECT coalesce(sum(talents_new), 0) FROM analytics_cells WHERE period BETWEEN @from AND @to AND region_code LIKE '3311%'",
                new { from = $"{year}-01", to = $"{year}-12" });
        }
        Assert.True(registered > 0);
        Assert.Equal(registered, units.Sum(u => u.GetProperty("raw").GetProperty("registrations").GetDouble()));
        Assert.Contains(units, u => u.GetProperty("raw").GetProperty("wage").ValueKind == JsonValueKind.Number);
    }
}
