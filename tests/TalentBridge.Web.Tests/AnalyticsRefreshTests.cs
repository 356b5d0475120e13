using System.Data.Common;
using Dapper;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>The monthly facts of ADR 0016 computed from hand-made rows, on both engines.</summary>
public sealed class AnalyticsRefreshTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();

    private const string Township = "331102001000";
    private const string Qingtian = "331121000000";
    private const string Software = "2-02-10-03"; // 计算机软件工程技术人员 (S, digital)
    private const string Carer = "4-10-01-05"; // 养老护理员

    private static AnalyticsRefresh Refresh(Database db) => new(db, Reference, new Leases(db, new Node(), TimeProvider.System), TimeProvider.System);

    private static async Task<TestDatabase> DatabaseAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        return database;
    }

    private static DateTimeOffset China(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static Task<long> EnterpriseAsync(DbConnection c, DbTransaction tx, string uscc, string industry, string region) =>
        c.ExecuteScalarAsync<long>(
            "INSERT INTO enterprises (name, uscc, industry_code, region_code, size_class, tier, headcount, created_at, updated_at) " +
            "VALUES (@name, @uscc, @industry, @region, 1, 0, 50, @at, @at) RETURNING id",
            new { name = "企业" + uscc[^4..], uscc, industry, region, at = China(2024, 1, 1).ToUniversalTime() }, tx);

    private static Task<long> PositionAsync(DbConnection c, DbTransaction tx, long enterprise, string occupation, string region, DateOnly posted,
        DateOnly expires, int headcount = 1, DateOnly? closed = null, string? industry = null, int salaryMin = 6_000, int salaryMax = 8_000, int months = 12) =>
        c.ExecuteScalarAsync<long>(
            "INSERT INTO positions (enterprise_id, title, occupation_code, industry_code, region_code, headcount, salary_min, salary_max, months_per_year, " +
            "min_education, min_experience_years, required_skills, preferred_skills, required_title, required_skill_level, requirements_mandatory, " +
            "engagement_mode, urgent, status, posted_on, expires_on, created_at, updated_at, closed_on) VALUES (@enterprise, '岗位', @occupation, @industry, " +
            "@region, @headcount, @salaryMin, @salaryMax, @months, 0, 0, '[]', '[]', 0, 0, @no, 1, @no, @status, @posted, @expires, @at, @at, @closed) RETURNING id",
            new
            {
                enterprise, occupation, industry, region, headcount, salaryMin, salaryMax, months, no = false, status = closed is null ? 0 : 1, posted, expires,
                at = China(posted.Year, posted.Month, posted.Day).ToUniversalTime(), closed,
            }, tx);

    private static Task<long> TalentAsync(DbConnection c, DbTransaction tx, string phone, string region, string occupations, DateTimeOffset created) =>
        c.ExecuteScalarAsync<long>(
            "INSERT INTO talents (name, phone_masked, phone_hash, birth_year, gender, education, residence_region_code, work_region_codes, occupations, " +
            "skills, certificates, professional_title, skill_level, availability, visibility, consent_version, consented_at, status, created_at, updated_at) " +
            "VALUES ('人才', '138****0000', @phone, 1990, 1, 4, @region, '[]', @occupations, '[]', '[]', 0, 0, 1, 0, 'v1', @at, 0, @at, @at) RETURNING id",
            new { phone, region, occupations, at = created.ToUniversalTime() }, tx);

    /// <summary>
    /// March 2025 in Lishui: a position posted in February and still open; one posted in March with three places and
    /// closed on the 20th; one posted in March that expired on the 25th; an imported posting seen on two sites (one
    /// cluster); two talents (one registered in March, with two occupations); an application and a signed agreement.
    /// </summary>
    private static async Task<(long Open, long Closed, long Expired, long Cluster, long Agreement, long Enterprise1, long Enterprise2)> SeedAsync(Database db) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            var e1 = await EnterpriseAsync(c, tx, "91331102MA2A000011", "1311", Township);
            var e2 = await EnterpriseAsync(c, tx, "91331121MA2A000022", "8321", Qingtian);
            var open = await PositionAsync(c, tx, e1, Software, "331102001002", new(2025, 2, 20), new(2025, 6, 1), headcount: 1);
            var closed = await PositionAsync(c, tx, e1, Software, Township, new(2025, 3, 5), new(2025, 6, 1), headcount: 3, closed: new(2025, 3, 20),
                salaryMin: 8_000, salaryMax: 10_000, months: 14);
            var expired = await PositionAsync(c, tx, e2, Carer, Qingtian, new(2025, 3, 10), new(2025, 3, 25), headcount: 2, industry: "Q");
            var run = await c.ExecuteScalarAsync<long>(
                "INSERT INTO import_runs (source, kind, file_name, started_at, status) VALUES ('test', 'postings', 'x.csv', @at, 'done') RETURNING id",
                new { at = China(2025, 3, 16).ToUniversalTime() }, tx);
            var cluster = await c.ExecuteScalarAsync<long>(
                "INSERT INTO posting_clusters (title, occupation_code, enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, posted_on, " +
                "source_count, first_seen, last_seen) VALUES ('护理员', @Carer, '青田护理', '91331121MA2A000022', @Qingtian, 5000, 7000, 12, @posted, 2, @at, @at) RETURNING id",
                new { Carer, Qingtian, posted = new DateOnly(2025, 3, 15), at = China(2025, 3, 16).ToUniversalTime() }, tx);
            foreach (var (site, headcount) in new[] { ("58", 2), ("boss", 4) })
            {
                await c.ExecuteAsync(
                    "INSERT INTO source_postings (source, source_id, content_hash, cluster_id, similarity, match_reason, title, enterprise_name, months_per_year, " +
                    "occupation_confidence, headcount, run_id, imported_at, updated_at) VALUES (@site, '1', @site, @cluster, 1, 'same', '护理员', '青田护理', 12, 1, " +
                    "@headcount, @run, @at, @at)", new { site, cluster, headcount, run, at = China(2025, 3, 16).ToUniversalTime() }, tx);
            }
            var t1 = await TalentAsync(c, tx, "h1", "331102001003", $"[{{\"code\":\"{Software}\",\"years\":3}}]", China(2025, 1, 10));
            await TalentAsync(c, tx, "h2", Township, $"[{{\"code\":\"{Carer}\",\"years\":1}},{{\"code\":\"{Software}\",\"years\":2}}]", China(2025, 3, 31, 23));
            // Registered after March (China time): not counted in March.
            await TalentAsync(c, tx, "h3", Township, $"[{{\"code\":\"{Carer}\",\"years\":1}}]", China(2025, 4, 1, 0));
            var application = await c.ExecuteScalarAsync<long>(
                "INSERT INTO applications (position_id, talent_id, enterprise_id, region_code, state, version, keep_for_other_positions, applied_at, updated_at) " +
                "VALUES (@open, @t1, @e1, '331102001002', 6, 1, @no, @at, @at) RETURNING id", new { open, t1, e1, no = false, at = China(2025, 3, 3).ToUniversalTime() }, tx);
            var agreement = await c.ExecuteScalarAsync<long>(
                "INSERT INTO agreements (application_id, position_id, talent_id, enterprise_id, region_code, terms, offered_at, signed_at, content_hash) " +
                "VALUES (@application, @open, @t1, @e1, '331102001002', @terms, @at, @at, 'x') RETURNING id",
                new
                {
                    application, open, t1, e1, at = China(2025, 3, 12).ToUniversalTime(),
                    terms = $"{{\"positionTitle\":\"岗位\",\"occupationCode\":\"{Software}\",\"monthlySalary\":6000,\"monthsPerYear\":13,\"regionCode\":\"331102\"}}",
                }, tx);
            return (open, closed, expired, cluster, agreement, e1, e2);
        }, CancellationToken.None);

    private static readonly string[] Measures =
    [
        "digital", "green", "talents", "talents_new", "positions_open", "positions_new", "positions_closed", "headcount_sought", "applications", "agreements",
        "terminated", "salary_weight", "salary_sum",
    ];

    // long throughout (the query casts): SQLite and PostgreSQL differ in the integer types they hand back.
    private sealed record CellRow(string RegionCode, string OccupationCode, string IndustrySection, long Digital, long Green, long Talents, long TalentsNew,
        long PositionsOpen, long PositionsNew, long PositionsClosed, long HeadcountSought, long Applications, long Agreements, long Terminated,
        long SalaryWeight, long SalarySum);

    private static async Task<List<CellRow>> CellsAsync(Database db, string period, string table = "analytics_cells")
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return (await c.QueryAsync<CellRow>(
            "SELECT region_code AS regioncode, occupation_code AS occupationcode, industry_section AS industrysection, " +
            string.Join(", ", Measures.Select(m => $"CAST({m} AS bigint) AS {m.Replace("_", "", StringComparison.Ordinal)}")) +
            $" FROM {table} WHERE period = @period ORDER BY region_code, occupation_code, industry_section",
            new { period })).ToList();
    }

    /// <summary>The cells summed per region of <paramref name="digits"/> digits, every measure, in key order.</summary>
    private static List<CellRow> RolledUp(IEnumerable<CellRow> cells, int digits) => cells
        .GroupBy(x => (Region: x.RegionCode[..digits].PadRight(12, '0'), x.OccupationCode, x.IndustrySection))
        .Select(g => new CellRow(g.Key.Region, g.Key.OccupationCode, g.Key.IndustrySection, g.Max(x => x.Digital), g.Max(x => x.Green), g.Sum(x => x.Talents),
            g.Sum(x => x.TalentsNew), g.Sum(x => x.PositionsOpen), g.Sum(x => x.PositionsNew), g.Sum(x => x.PositionsClosed), g.Sum(x => x.HeadcountSought),
            g.Sum(x => x.Applications), g.Sum(x => x.Agreements), g.Sum(x => x.Terminated), g.Sum(x => x.SalaryWeight), g.Sum(x => x.SalarySum)))
        .OrderBy(x => x.RegionCode, StringComparer.Ordinal).ThenBy(x => x.OccupationCode, StringComparer.Ordinal)
        .ThenBy(x => x.IndustrySection, StringComparer.Ordinal).ToList();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_month_counts_open_new_and_closed_positions_talents_and_the_flow_in_their_cells(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var ids = await SeedAsync(database.Database);
        var refresh = await Refresh(database.Database).RefreshAsync("2025-03", CancellationToken.None);

        var cells = await CellsAsync(database.Database, "2025-03");
        Assert.Equal(refresh.Cells, cells.Count);
        // The two software positions of enterprise 1 (industry 1311 → C), in the township of the village they name: the
        // February one still open at the end, the March one new (3 places at 8,000–10,000 × 14 ÷ 12 = 10,500) and closed
        // on the 20th; the application and the agreement of the first.
        var software = Assert.Single(cells, x => x is { RegionCode: Township, OccupationCode: Software, IndustrySection: "C" });
        Assert.Equal(new CellRow(Township, Software, "C", 1, 0, 0, 0, 1, 1, 1, 3, 1, 1, 0, 3, 3 * 10_500), software);
        // The March position that expired on the 25th (industry Q of its own) and the cluster seen on two sites: counted
        // once, open for 30 days, its headcount the larger of its sources' (4), its industry that of enterprise 2 (8321 → P).
        var expired = Assert.Single(cells, x => x is { RegionCode: Qingtian, OccupationCode: Carer, IndustrySection: "Q" });
        Assert.Equal(new CellRow(Qingtian, Carer, "Q", 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 2, 2 * 7_000), expired);
        var cluster = Assert.Single(cells, x => x is { RegionCode: Qingtian, OccupationCode: Carer, IndustrySection: "P" });
        Assert.Equal(new CellRow(Qingtian, Carer, "P", 0, 0, 0, 0, 1, 1, 0, 4, 0, 0, 0, 4, 4 * 6_000), cluster);
        // Talents registered by the end of March (China time), once each, under their first occupation.
        var talents = cells.Where(x => x.IndustrySection.Length == 0).ToList();
        Assert.Equal(2, talents.Count);
        Assert.Equal((1L, 0L), talents.Where(x => x.OccupationCode == Software).Select(x => (x.Talents, x.TalentsNew)).Single());
        Assert.Equal((1L, 1L), talents.Where(x => x.OccupationCode == Carer).Select(x => (x.Talents, x.TalentsNew)).Single());
        Assert.Equal(5, cells.Count);
        // The county roll-up holds the same month summed per county, every measure.
        var counties = RolledUp(cells, 6);
        Assert.Equal(counties, await CellsAsync(database.Database, "2025-03", "analytics_county_cells"));
        Assert.Contains(counties, x => x.RegionCode != Township && x.RegionCode.StartsWith(Township[..6], StringComparison.Ordinal));
        Assert.Equal(RolledUp(cells, 4), await CellsAsync(database.Database, "2025-03", "analytics_city_cells"));

        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var wages = (await c.QueryAsync<(string, long, string, int, int)>(
            "SELECT source, source_id, employer_key, monthly_wage, weight FROM wage_observations WHERE period = '2025-03' ORDER BY source, source_id")).ToList();
        Assert.Equal(
        [
            ("agreement", ids.Agreement, $"e:{ids.Enterprise1}", 6_500, 1),
            ("position", ids.Closed, $"e:{ids.Enterprise1}", 10_500, 3),
            ("position", ids.Expired, $"e:{ids.Enterprise2}", 7_000, 2),
            ("posting", ids.Cluster, $"e:{ids.Enterprise2}", 6_000, 4),
        ], wages);
        var enterprises = (await c.QueryAsync<(long, string, int, int, int, int, int)>(
            "SELECT enterprise_id, industry_section, positions_open, positions_new, positions_closed, headcount_sought, agreements " +
            "FROM analytics_enterprise_months WHERE period = '2025-03' ORDER BY enterprise_id")).ToList();
        Assert.Equal([(ids.Enterprise1, "C", 1, 1, 1, 3, 1), (ids.Enterprise2, "P", 0, 1, 0, 2, 0)], enterprises);
        var period = await c.QuerySingleAsync<(long, long, long, long)>(
            "SELECT positions, postings, talents, agreements FROM analytics_periods WHERE period = '2025-03'");
        Assert.Equal((3L, 1L, 2L, 1L), period);

        // At the end of February only the February position was open; nothing of March counts there.
        await Refresh(database.Database).RefreshAsync("2025-02", CancellationToken.None);
        var february = await CellsAsync(database.Database, "2025-02");
        Assert.Equal(1L, february.Sum(x => x.PositionsOpen));
        Assert.Equal(1L, february.Sum(x => x.Talents));
        Assert.Equal(0L, february.Sum(x => x.Agreements));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Refreshing_a_month_again_replaces_its_rows_with_the_same_rows(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        await SeedAsync(database.Database);
        var refresh = Refresh(database.Database);
        await refresh.RefreshAsync("2025-03", CancellationToken.None);
        var first = await CellsAsync(database.Database, "2025-03");
        var again = await refresh.RefreshAsync("2025-03", CancellationToken.None);
        Assert.Equal(first, await CellsAsync(database.Database, "2025-03"));
        Assert.Equal(first.Sum(x => x.Talents + x.HeadcountSought), (await CellsAsync(database.Database, "2025-03", "analytics_county_cells")).Sum(x => x.Talents + x.HeadcountSought));
        Assert.Equal(first.Count, again.Cells);
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM wage_observations WHERE period = '2025-03'"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM analytics_periods WHERE period = '2025-03'"));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_terminated_agreement_keeps_its_terms_and_counts_in_the_month_it_was_terminated(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        var ids = await SeedAsync(database.Database);
        await using (var c = await database.Database.OpenAsync(CancellationToken.None))
        {
            var application = await c.ExecuteScalarAsync<long>("SELECT application_id FROM agreements WHERE id = @Agreement", new { ids.Agreement });
            var agreements = new Agreements(database.Database, Reference, TimeProvider.System);
            var lishui = new Caller(null, Role.Operator, null, "3311", null);
            var stranger = new Caller(null, Role.Operator, null, "3301", null);

            Assert.Equal(WriteStatus.NotFound, (await agreements.TerminateAsync(stranger, application, "业务调整", CancellationToken.None)).Status);
            var noReason = await agreements.TerminateAsync(lishui, application, "  ", CancellationToken.None);
            Assert.Equal(["is required"], noReason.Errors.ToDictionary()["reason"]);
            var terminated = await agreements.TerminateAsync(lishui, application, "企业经营调整，双方协商解约", CancellationToken.None);
            Assert.Equal(WriteStatus.Ok, terminated.Status);
            Assert.Equal("企业经营调整，双方协商解约", terminated.Value!.TerminationReason);
            Assert.Equal(6_000, terminated.Value.Terms.MonthlySalary);
            var again = await agreements.TerminateAsync(lishui, application, "再次", CancellationToken.None);
            Assert.Equal(["is terminated already"], again.Errors.ToDictionary()["agreement"]);
            // The database itself keeps the signed terms and the first termination.
            await Assert.ThrowsAnyAsync<DbException>(() => c.ExecuteAsync("UPDATE agreements SET terms = '{}' WHERE id = @Agreement", new { ids.Agreement }));
            await Assert.ThrowsAnyAsync<DbException>(() =>
                c.ExecuteAsync("UPDATE agreements SET termination_reason = 'x' WHERE id = @Agreement", new { ids.Agreement }));
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'agreement' AND subject_id = @Agreement AND reason = 'terminate'", new { ids.Agreement }));
            // Terminated now, i.e. in the current month.
            var now = AnalyticsRefresh.PeriodOf(Domain.ChinaTime.Today(TimeProvider.System));
            await Refresh(database.Database).RefreshAsync(now, CancellationToken.None);
            Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT sum(terminated) FROM analytics_cells WHERE period = @now", new { now }));
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT terminated FROM analytics_enterprise_months WHERE period = @now AND enterprise_id = @Enterprise1", new { now, ids.Enterprise1 }));
        }
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_first_sweep_queues_every_month_with_data_once_across_nodes_and_a_job_computes_its_month(string engine)
    {
        await using var database = await DatabaseAsync(engine);
        await SeedAsync(database.Database);
        var node1 = Refresh(database.Database);
        var node2 = Refresh(database.Database);
        var months = await node1.PeriodsWithDataAsync(CancellationToken.None);
        Assert.Equal("2025-01", months[0]);
        Assert.Equal(AnalyticsRefresh.PeriodOf(Domain.ChinaTime.Today(TimeProvider.System)), months[^1]);

        Assert.Equal(months.Count, await node1.QueueDueAsync(CancellationToken.None));
        Assert.Equal(0, await node2.QueueDueAsync(CancellationToken.None)); // queued today already
        Assert.Equal(0, await node2.QueueAsync(["2025-03"], CancellationToken.None)); // that month is queued

        var jobs = new JobTable(database.Database, new Node(), TimeProvider.System);
        var job = await jobs.ClaimAsync([AnalyticsRefresh.JobKind], CancellationToken.None);
        Assert.NotNull(job);
        await new AnalyticsRefreshHandler(node2, TimeProvider.System).RunAsync(job, CancellationToken.None);
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        Assert.Equal("2025-01", await c.ExecuteScalarAsync<string>("SELECT period FROM analytics_periods"));
    }
}
