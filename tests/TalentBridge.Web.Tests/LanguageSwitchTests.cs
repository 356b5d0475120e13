using System.Net;

namespace TalentBridge.Web.Tests;

public sealed class LanguageSwitchTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [Theory]
    [InlineData("/positions?page=2", "/positions?page=2")]
    [InlineData("/%09/evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("", "/")]
    public async Task The_language_switch_goes_back_only_to_a_page_of_this_site(string returnUrl, string expected)
    {
        var app = await apps.For(TestDatabases.Sqlite);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var response = await client.GetAsync("/culture?lang=en&returnUrl=" + returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }
}
