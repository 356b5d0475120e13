using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MiniExcelLibs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The review-and-publish workflow on both engines: a draft is a frozen copy (changing the facts afterwards changes
/// nothing), an edit without a reason is refused, edits name the version read, a county operator cannot draft or
/// publish for the city, publishing makes v1 and then v2 with v1 superseded but still at its URL, the public list is
/// paged, the CSV and Excel downloads hold the published rows, and a draft's download is audited with its reason. A
/// wage draft can exclude a row (suppression runs again) but not change stars.
/// </summary>
public sealed class PublicationTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static JsonElement Row(JsonElement publication, string list, string occupation, string region) =>
        publication.GetProperty(list).EnumerateArray()
            .Single(r => r.GetProperty("occupationCode").GetString() == occupation && r.GetProperty("regionCode").GetString() == region);

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_catalogue_is_drafted_edited_with_reasons_and_published_as_versions(string engine)
    {
        var app = await apps.For(engine);
        await ShortageCatalogueTests.ExampleAsync(app, 2017);
        using var city = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        using var anonymous = app.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017" })).StatusCode);
        var badPeriod = await city.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017-H3" });
        Assert.True((await Json(badPeriod)).GetProperty("errors").TryGetProperty("period", out _));

        var created = await city.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await Json(created);
        var id = draft.GetProperty("id").GetInt64();
        var url = $"/api/v1/analytics/shortage/drafts/{id}";
        Assert.Equal("Draft", draft.GetProperty("state").GetString());
        Assert.Equal(50, Row(draft, "shortageRows", WagePriceTests.A, "3311").GetProperty("headcountSought").GetInt32());

        // Frozen: the facts change, the draft does not.
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            foreach (var table in (string[])["analytics_cells", "analytics_county_cells", "analytics_city_cells"])
            {
                await c.ExecuteAsync($"UPDATE {table} SET headcount_sought = headcount_sought + 1000 WHERE period LIKE '2017-%'");
            }
        }
        var read = await city.GetAsync(url);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(50, Row(await Json(read), "shortageRows", WagePriceTests.A, "3311").GetProperty("headcountSought").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/catalogues/shortage/3311/2017")).StatusCode);

        // An edit needs a reason and names the row; stale versions are refused.
        var noReason = await city.PostAsync($"{url}/edits", new { occupationCode = WagePriceTests.A, regionCode = "3311", stars = 3 }, "\"1\"");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        var badStars = await city.PostAsync($"{url}/edits", new { occupationCode = WagePriceTests.A, regionCode = "3311", stars = 6, reason = "x" }, "\"1\"");
        Assert.True((await Json(badStars)).GetProperty("errors").TryGetProperty("stars", out _));
        var edited = await city.PostAsync($"{url}/edits",
            new { occupationCode = WagePriceTests.A, regionCode = "3311", stars = 4, driver = "SkillMismatch", note = "企业反映技能不匹配", reason = "走访企业核实" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("\"2\"", edited.Headers.ETag?.Tag);
        var a = Row(await Json(edited), "shortageRows", WagePriceTests.A, "3311");
        Assert.Equal((4, "SkillMismatch", "企业反映技能不匹配"), (a.GetProperty("stars").GetInt32(), a.GetProperty("driver").GetString(), a.GetProperty("note").GetString()));
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await city.PostAsync($"{url}/edits", new { occupationCode = ShortageCatalogueTests.C, regionCode = "3311", included = false, reason = "旧版本" }, "\"1\"")).StatusCode);
        var excluded = await city.PostAsync($"{url}/edits", new { occupationCode = ShortageCatalogueTests.C, regionCode = "3311", included = false, reason = "本地已有培训计划" }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, excluded.StatusCode);
        var history = await city.GetFromJsonAsync<JsonElement>($"{url}/history");
        Assert.Equal(["走访企业核实", "本地已有培训计划"], history.EnumerateArray().Select(h => h.GetProperty("reason").GetString()));
        Assert.Contains("\"driver\":[\"FewApplicants\",\"SkillMismatch\"]", history[0].GetProperty("changes").GetString(), StringComparison.Ordinal);
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            Assert.Equal(2, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'analyticsPublication' AND subject_id = @id AND action = 'update'", new { id }));
        }

        // A county operator cannot publish the city's draft (it is not theirs to see); the city's operator publishes v1.
        Assert.Equal(HttpStatusCode.NotFound, (await county.PostAsync($"{url}/publish", new { }, "\"3\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await city.PostAsync($"{url}/publish", new { }, "\"2\"")).StatusCode);
        var published = await city.PostAsync($"{url}/publish", new { }, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var v1 = await Json(published);
        Assert.Equal(("Published", 1), (v1.GetProperty("state").GetString(), v1.GetProperty("publishedVersion").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await city.PostAsync($"{url}/edits", new { occupationCode = WagePriceTests.A, regionCode = "3311", note = "n", reason = "r" }, "*")).StatusCode);

        var publicV1 = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues/shortage/3311/2017");
        Assert.Equal(1, publicV1.GetProperty("publishedVersion").GetInt32());
        // The public sees the included rows only: A (edited), not C (excluded) nor B (no shortage).
        Assert.Equal([WagePriceTests.A], publicV1.GetProperty("shortageRows").EnumerateArray()
            .Where(r => r.GetProperty("regionCode").GetString() == "3311" && r.GetProperty("occupationCode").GetString()!.Length > 7)
            .Select(r => r.GetProperty("occupationCode").GetString()));

        // A second draft, from today's facts, becomes v2; v1 stays at its URL, superseded.
        var second = await Json(await city.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017" }));
        Assert.Equal(2050, Row(second, "shortageRows", WagePriceTests.A, "3311").GetProperty("headcountSought").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/v1/analytics/shortage/drafts/{second.GetProperty("id").GetInt64()}/publish", new { })).StatusCode);
        var newest = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues/shortage/3311/2017");
        Assert.Equal(2, newest.GetProperty("publishedVersion").GetInt32());
        var old = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues/shortage/3311/2017/v1");
        Assert.Equal("Superseded", old.GetProperty("state").GetString());
        Assert.Equal(50, Row(old, "shortageRows", WagePriceTests.A, "3311").GetProperty("headcountSought").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/catalogues/shortage/3311/2017/v3")).StatusCode);

        // The public list: newest first, paged, filtered.
        var page1 = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues?kind=shortage&year=2017&region=3311&pageSize=1");
        Assert.Equal(2, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items")[0].GetProperty("publishedVersion").GetInt32());
        var page2 = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues?kind=shortage&year=2017&pageSize=1&page=2");
        Assert.Equal(1, page2.GetProperty("items")[0].GetProperty("publishedVersion").GetInt32());
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues?kind=wages&year=2017")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/catalogues?year=2016")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/catalogues?kind=other")).StatusCode);
        var listPage = await anonymous.GetStringAsync("/catalogues?kind=shortage&year=2017");
        Assert.Contains("/catalogues/shortage/3311/2017/v1", listPage, StringComparison.Ordinal);
        Assert.Contains("/catalogues/shortage/3311/2017/v2", listPage, StringComparison.Ordinal);

        // Downloads of the public page: CSV with a byte-order mark and Excel, the rows of that version, no audit.
        var csv = await anonymous.GetByteArrayAsync("/catalogues/shortage/3311/2017/v1?handler=Csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("职业代码,职业,地区代码,地区,招聘人数", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("2-02-10-03,计算机软件工程技术人员,3311,丽水市,50,20,20,0.4,", StringComparison.Ordinal) && l.Contains("企业反映技能不匹配", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(ShortageCatalogueTests.C, StringComparison.Ordinal));
        var xlsx = await anonymous.GetByteArrayAsync("/catalogues/shortage/3311/2017/v2?handler=Excel");
        var sheet = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(sheet, r => Equals(r["职业代码"], WagePriceTests.A) && Convert.ToInt32(r["招聘人数"], System.Globalization.CultureInfo.InvariantCulture) == 2050);

        // A draft's download is audited with its reason; without a reason it is refused.
        var third = await Json(await city.PostAsJsonAsync("/api/v1/analytics/shortage/drafts", new { region = "3311", period = "2017" }));
        var thirdId = third.GetProperty("id").GetInt64();
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        Assert.DoesNotContain("text/csv", (await pages.GetAsync($"/analytics/drafts/{thirdId}?handler=Export&format=csv&reason=")).Content.Headers.ContentType?.ToString() ?? "",
            StringComparison.Ordinal);
        var draftCsv = await pages.GetAsync($"/analytics/drafts/{thirdId}?handler=Export&format=csv&reason={Uri.EscapeDataString("报送人社厅")}");
        Assert.Equal("text/csv", draftCsv.Content.Headers.ContentType?.MediaType);
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'analyticsPublication' AND subject_id = @thirdId AND action = 'export' AND reason = '报送人社厅'",
                new { thirdId }));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE subject_type = 'analyticsPublication' AND action = 'export' AND subject_id <> @thirdId",
                new { thirdId }));
        }
        var draftPage = await pages.GetStringAsync($"/analytics/drafts/{thirdId}?edit={Uri.EscapeDataString(WagePriceTests.A + "|3311")}");
        Assert.Contains("id=\"reason\"", draftPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/analytics/drafts/{id}")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_wage_draft_excludes_a_row_and_suppresses_again_but_never_reveals_a_hidden_cell(string engine)
    {
        var app = await apps.For(engine);
        await WagePriceTests.TableAsync(app, 2015);
        using var city = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var draft = await Json(await city.PostAsJsonAsync("/api/v1/analytics/wages/drafts", new { period = "2015-Q1" }));
        var url = $"/api/v1/analytics/wages/drafts/{draft.GetProperty("id").GetInt64()}";
        Assert.Equal(9, draft.GetProperty("wageRows").GetArrayLength());

        var stars = await city.PostAsJsonAsync($"{url}/edits", new { occupationCode = WagePriceTests.B, regionCode = "3311", stars = 2, reason = "r" });
        Assert.True((await Json(stars)).GetProperty("errors").TryGetProperty("stars", out _));
        var reveal = await city.PostAsJsonAsync($"{url}/edits", new { occupationCode = WagePriceTests.B, regionCode = "331102", included = true, reason = "r" });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.Equal("FewObservations", Row(await Json(reveal), "wageRows", WagePriceTests.B, "331102").GetProperty("disclosure").GetString());

        // Excluding B in 丽水市 leaves one hidden member in {小类 in 丽水市 = A + B}: A in 丽水市 is hidden too.
        var excluded = await Json(await city.PostAsJsonAsync($"{url}/edits", new { occupationCode = WagePriceTests.B, regionCode = "3311", included = false, reason = "口径待核" }));
        Assert.True(Row(excluded, "wageRows", WagePriceTests.B, "3311").GetProperty("excluded").GetBoolean());
        var a = Row(excluded, "wageRows", WagePriceTests.A, "3311");
        Assert.Equal("Secondary", a.GetProperty("disclosure").GetString());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("p50").ValueKind);
        var back = await city.PostAsJsonAsync($"{url}/edits", new { occupationCode = WagePriceTests.B, regionCode = "3311", included = true, reason = "r" });
        Assert.True((await Json(back)).GetProperty("errors").TryGetProperty("included", out _));

        var published = await Json(await city.PostAsJsonAsync($"{url}/publish", new { }));
        var publicTable = await app.Client().GetFromJsonAsync<JsonElement>($"/api/v1/catalogues/wages/3311/2015-Q1/v{published.GetProperty("publishedVersion").GetInt32()}");
        Assert.Equal(8, publicTable.GetProperty("wageRows").GetArrayLength());
        var html = await app.Client().GetStringAsync("/catalogues/wages/3311/2015-Q1");
        Assert.Contains("note-hidden1", html, StringComparison.Ordinal);
        Assert.Contains("data-disclosure=\"Secondary\"", html, StringComparison.Ordinal);
        Assert.Contains("catalogue-print.css", html, StringComparison.Ordinal);
    }
}
