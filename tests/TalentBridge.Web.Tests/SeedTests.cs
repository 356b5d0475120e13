using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

public sealed class SeedTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();

    private static async Task<TestDatabase> SeededAsync(string engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        var seeder = new DemoSeeder(database.Database, Reference, new ContactProtector("test-key-of-sixteen-bytes"u8.ToArray()),
            new PasswordHasher<Account>(), new AccountStore(database.Database),
            new AnalyticsRefresh(database.Database, Reference, new Leases(database.Database, new Node(), TimeProvider.System), TimeProvider.System),
            TimeProvider.System);
        var report = await seeder.SeedIfEmptyAsync("small", 7, null, CancellationToken.None);
        Assert.NotNull(report);
        Assert.Null(await seeder.SeedIfEmptyAsync("small", 7, null, CancellationToken.None));
        return database;
    }

    private static async Task<(List<string> Talents, List<string> Positions, List<string> Occupations)> FingerprintAsync(Database db)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        var talents = await c.QueryAsync<string>(
            "SELECT CAST(id AS text) || '|' || name || '|' || phone_hash || '|' || residence_region_code || '|' || occupations FROM talents ORDER BY id");
        var positions = await c.QueryAsync<string>(
            "SELECT CAST(id AS text) || '|' || CAST(enterprise_id AS text) || '|' || title || '|' || occupation_code || '|' || CAST(salary_max AS text) FROM positions ORDER BY id");
        var occupations = await c.QueryAsync<string>(
            "SELECT CAST(talent_id AS text) || '|' || occupation_code FROM talent_occupations ORDER BY talent_id, occupation_code");
        return (talents.ToList(), positions.ToList(), occupations.ToList());
    }

    [SkippableFact]
    public async Task The_same_seed_gives_the_same_records_and_ids_on_both_engines()
    {
        TestDatabases.RequireEngine(TestDatabases.Postgres);
        await using var sqlite = await SeededAsync(TestDatabases.Sqlite);
        await using var postgres = await SeededAsync(TestDatabases.Postgres);
        var left = await FingerprintAsync(sqlite.Database);
        var right = await FingerprintAsync(postgres.Database);
        Assert.Equal(2_000, left.Talents.Count);
        // The 600 positions of the last 90 days, then the history's closed ones.
        Assert.True(left.Positions.Count > 4_000);
        Assert.True(left.Occupations.Count >= 2_000);
        Assert.Equal(left.Talents, right.Talents);
        Assert.Equal(left.Positions, right.Positions);
        Assert.Equal(left.Occupations, right.Occupations);
        Assert.Equal(await AgreementsAsync(sqlite.Database), await AgreementsAsync(postgres.Database));
    }

    private static async Task<List<string>> AgreementsAsync(Database db)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        var rows = (await c.QueryAsync<string>("SELECT CAST(id AS text) || '|' || content_hash FROM agreements ORDER BY id")).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }
}
