using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>Dashboard drill-down figures and the default position status, on both engines.</summary>
public sealed class PagesTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Children_and_the_unassigned_remainder_add_up_to_the_parent(string engine)
    {
        var app = await apps.For(engine);
        // Records assigned to the county itself, to no township.
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE enterprises SET region_code = '331121000000' WHERE id IN (SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 2)");
            await c.ExecuteAsync("UPDATE talents SET residence_region_code = '331121000000' WHERE id IN (SELECT id FROM talents WHERE residence_region_code LIKE '331121%' AND visibility = 0 ORDER BY id LIMIT 3)");
        }
        var dashboard = app.Service<Dashboard>();
        foreach (var region in new[] { "331121", "3311" })
        {
            var s = await dashboard.SummarizeAsync(region, CancellationToken.None);
            var rows = s.Unassigned is { } rest ? s.Rows.Append(rest).ToList() : s.Rows.ToList();
            Assert.NotEmpty(s.Rows);
            Assert.All(s.Rows, r => Assert.True(r.Talents + r.Enterprises + r.Positions > 0, r.Region.Name));
            Assert.Equal(s.Talents, rows.Sum(r => r.Talents));
            Assert.Equal(s.Enterprises, rows.Sum(r => r.Enterprises));
            Assert.Equal(s.Positions, rows.Sum(r => r.Positions));
        }
        var county = await dashboard.SummarizeAsync("331121", CancellationToken.None);
        Assert.NotNull(county.Unassigned);
        Assert.True(county.Unassigned.Talents >= 3 && county.Unassigned.Enterprises >= 2);
        // Townships hold records only at their own level: no drill-down into empty villages.
        Assert.All(county.Rows, r => Assert.False(r.Divided, r.Region.Name));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Position_lists_show_open_positions_unless_asked_for_all(string engine)
    {
        var app = await apps.For(engine);
        using var client = app.Client();
        async Task<int> Total(string query) =>
            (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/positions?pageSize=1" + query, UriKind.Relative))).GetProperty("total").GetInt32();
        var byDefault = await Total("");
        var closed = await Total("&status=closed");
        Assert.True(closed > 0);
        Assert.Equal(await Total("&status=open"), byDefault);
        Assert.Equal(byDefault + closed, await Total("&status=all"));
    }
}
