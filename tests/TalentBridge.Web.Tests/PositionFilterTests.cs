using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>A job seeker's filters on the position list (issue 6, item 2): pay at least, engagement mode; bad values named.</summary>
public sealed class PositionFilterTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Positions_filter_by_least_pay_and_engagement_mode(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var today = Domain.ChinaTime.Today(TimeProvider.System);
        var open = "status = 0 AND expires_on >= @today";
        var expectedPay = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM positions WHERE {open} AND salary_max >= 12000", new { today });
        var expectedPartTime = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM positions WHERE {open} AND (engagement_mode & 2) <> 0", new { today });
        var all = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM positions WHERE {open}", new { today });
        Assert.True(expectedPay > 0 && expectedPay < all, $"{expectedPay} of {all}");

        async Task<long> TotalAsync(string query)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/positions?{query}");
            return body.GetProperty("total").GetInt64();
        }
        Assert.Equal(expectedPay, await TotalAsync("minSalary=12000"));
        Assert.Equal(expectedPartTime, await TotalAsync("mode=PartTime"));
        var bad = await client.GetAsync("/api/v1/positions?minSalary=lots&mode=Sometimes");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("minSalary", problem, StringComparison.Ordinal);
        Assert.Contains("mode", problem, StringComparison.Ordinal);

        // The page has the two fields, keeps their values and shows the filtered count.
        var page = await client.GetStringAsync("/positions?minSalary=12000&mode=FullTime");
        Assert.Contains("id=\"minSalary\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"12000\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"FullTime\" selected=\"selected\">", page, StringComparison.Ordinal);
    }
}
