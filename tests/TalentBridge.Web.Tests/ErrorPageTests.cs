using System.Net;

namespace TalentBridge.Web.Tests;

/// <summary>Errors of page requests are localised pages with the original status; the API keeps ProblemDetails.</summary>
public sealed class ErrorPageTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [Fact]
    public async Task A_missing_page_is_a_chinese_404_page_and_a_missing_api_resource_stays_json()
    {
        var app = await apps.For(TestDatabases.Sqlite);
        using var client = app.Client();

        foreach (var path in new[] { "/no-such-page", "/positions/99999999" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var api = await client.GetAsync("/api/v1/positions/99999999/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        using var english = app.Client();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Contains("Page not found", await (await english.GetAsync("/no-such-page")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
