using System.Net;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Confirmed tiers in the analytics (issue 14, item 4) on both engines: a month counts the tier each enterprise held on
/// its last day (a record valid only later, one that ended before, and one superseded by a newer record of tier None
/// do not count), with the activity of that month's enterprise facts; the region scope; the page and its audited export.
/// The test writes its own facts for June 2018, a month the demo data does not reach; the demo's tiers are records too.
/// </summary>
public sealed class TierBreakdownTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private const string Month = "2018-06";

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_month_counts_the_tiers_held_on_its_last_day_with_their_demand(string engine)
    {
        var app = await apps.For(engine);
        var breakdown = app.Service<TierBreakdown>();
        var lishui = new Caller(null, Role.Operator, null, "3311", null);
        var (before, errors) = await breakdown.BuildAsync(lishui, "3311", Month, CancellationToken.None);
        Assert.True(errors.IsValid, errors.ToString());

        long[] ids;
        await using (var c = await app.Service<Database>().OpenAsync(CancellationToken.None))
        {
            // The demo's tiers are records too: every tiered enterprise has one, and today's analytics count them all.
            Assert.Equal(0, await c.QuerySingleAsync<long>(
                "SELECT count(*) FROM enterprises e WHERE e.tier > 0 AND NOT EXISTS (SELECT 1 FROM es_tier_records r WHERE r.enterprise_id = e.id)"));
            ids = [.. await c.QueryAsync<long>("SELECT id FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 4")];
            var now = Database.Utc(DateTimeOffset.UtcNow);
            async Task Record(long id, EnterpriseTier tier, DateOnly from, DateOnly? until) => await c.ExecuteAsync(
                "INSERT INTO es_tier_records (enterprise_id, region_code, tier, evidence, note, valid_from, valid_until, confirmed_at) " +
                "VALUES (@id, '331121000000', @tier, '[\"test\"]', 'test', @from, @until, @now)", new { id, tier = (int)tier, from, until, now });
            // Held on 2018-06-30: ids[0] 专精特新 (valid through that day exactly), ids[1] 小巨人.
            await Record(ids[0], EnterpriseTier.Srdi, new DateOnly(2017, 1, 1), new DateOnly(2018, 6, 30));
            await Record(ids[1], EnterpriseTier.LittleGiant, new DateOnly(2018, 6, 30), null);
            // Not held then: valid from July; ended in May; superseded by a newer record of tier None.
            await Record(ids[2], EnterpriseTier.Srdi, new DateOnly(2018, 7, 1), null);
            await Record(ids[3], EnterpriseTier.InnovativeSme, new DateOnly(2017, 1, 1), new DateOnly(2018, 5, 31));
            await Record(ids[3], EnterpriseTier.Srdi, new DateOnly(2018, 1, 1), null);
            await Record(ids[3], EnterpriseTier.None, new DateOnly(2018, 6, 1), null);
            foreach (var (id, sought, agreements) in new[] { (ids[0], 7, 2), (ids[2], 5, 1), (ids[3], 3, 0) })
            {
                await c.ExecuteAsync(
                    "INSERT INTO analytics_enterprise_months (period, enterprise_id, region_code, industry_section, positions_open, positions_new, positions_closed, " +
                    "headcount_sought, agreements, terminated) VALUES (@Month, @id, '331121001000', 'C', 1, 1, 0, @sought, @agreements, 0)",
                    new { Month, id, sought, agreements });
            }
        }

        var (after, _) = await breakdown.BuildAsync(lishui, "3311", Month, CancellationToken.None);
        var row = after!.Rows.Single(r => r.RegionCode == "331121");
        var old = before!.Rows.Single(r => r.RegionCode == "331121");
        Assert.Equal(1, row.ByTier[EnterpriseTier.Srdi].Enterprises - old.ByTier[EnterpriseTier.Srdi].Enterprises);
        Assert.Equal(1, row.ByTier[EnterpriseTier.LittleGiant].Enterprises - old.ByTier[EnterpriseTier.LittleGiant].Enterprises);
        Assert.Equal(0, row.ByTier[EnterpriseTier.InnovativeSme].Enterprises - old.ByTier[EnterpriseTier.InnovativeSme].Enterprises);
        // ids[0] was active in the month (7 sought, 2 signed); ids[1] held a tier but posted nothing.
        Assert.Equal((1L, 7L, 2L), (row.ByTier[EnterpriseTier.Srdi].Active - old.ByTier[EnterpriseTier.Srdi].Active,
            row.ByTier[EnterpriseTier.Srdi].HeadcountSought - old.ByTier[EnterpriseTier.Srdi].HeadcountSought,
            row.ByTier[EnterpriseTier.Srdi].Agreements - old.ByTier[EnterpriseTier.Srdi].Agreements));
        Assert.Equal(0, row.ByTier[EnterpriseTier.LittleGiant].Active - old.ByTier[EnterpriseTier.LittleGiant].Active);
        // All enterprises' month: the three active ones, 15 sought.
        Assert.Equal((3L, 15L), (row.All.Active - old.All.Active, row.All.HeadcountSought - old.All.HeadcountSought));
        Assert.Equal(after.Total.ByTier[EnterpriseTier.Srdi].Enterprises, after.Rows.Sum(r => r.ByTier[EnterpriseTier.Srdi].Enterprises));
        // The trend ends with the month and agrees with it.
        Assert.Equal(TierBreakdown.TrendMonths, after.Trend.Count);
        Assert.Equal(Month, after.Trend[^1].Period);
        Assert.Equal(after.Total.ByTier[EnterpriseTier.Srdi].HeadcountSought, after.Trend[^1].ByTier[EnterpriseTier.Srdi].HeadcountSought);
        Assert.Equal("2017-07", after.Trend[0].Period);

        // A county operator sees their county (its townships), not the city.
        var qingtian = new Caller(null, Role.Operator, null, "331121", null);
        var (_, refused) = await breakdown.BuildAsync(qingtian, "3311", Month, CancellationToken.None);
        Assert.Contains("region", refused.ToDictionary().Keys);
        var (county, _) = await breakdown.BuildAsync(qingtian, null, Month, CancellationToken.None);
        Assert.Equal("331121", county!.Region);
        Assert.Equal(row.ByTier[EnterpriseTier.Srdi].Enterprises, county.Total.ByTier[EnterpriseTier.Srdi].Enterprises);
        var (_, badMonth) = await breakdown.BuildAsync(qingtian, null, "2018-13", CancellationToken.None);
        Assert.Contains("period", badMonth.ToDictionary().Keys);
        Assert.Null((await breakdown.BuildAsync(new Caller(null, Role.Talent, null, null, 1), null, Month, CancellationToken.None)).View);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_page_shows_the_regions_and_its_export_is_audited(string engine)
    {
        var app = await apps.For(engine);
        var lishui = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var html = await lishui.GetStringAsync($"/analytics/tiers?period={Month}");
        Assert.Contains("青田县", html, StringComparison.Ordinal);
        Assert.Contains("梯度企业招聘人数占比", html, StringComparison.Ordinal);
        var invalid = await lishui.GetStringAsync("/analytics/tiers?period=June");
        Assert.Contains("id=\"period-error\"", invalid, StringComparison.Ordinal);

        var csv = await lishui.GetAsync($"/analytics/tiers?handler=Csv&period={Month}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("period,regionCode,region,all.enterprises", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Srdi.headcountSought", text, StringComparison.Ordinal);
        var xlsx = await lishui.GetAsync($"/analytics/tiers?handler=Excel&period={Month}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, await ServicesApiTests.AuditRowsAsync(app, "analytics", null, "export", "period=" + Month));

        var talent = await UntranslatedTextTests.SignedInAsync(app, "talent", "Talent#2026");
        Assert.Equal("/account/denied", (await talent.GetAsync("/analytics/tiers")).RequestMessage!.RequestUri!.AbsolutePath);
    }
}
