using Microsoft.Extensions.Configuration;
using TalentBridge.Platform;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

public sealed class DefaultsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Demo_data_is_seeded_by_default_only_into_sqlite()
    {
        Assert.Equal("lishui", PlatformServices.DemoScale(Config(), DatabaseEngine.Sqlite));
        Assert.Equal("none", PlatformServices.DemoScale(Config(), DatabaseEngine.Postgres));
        Assert.Equal("small", PlatformServices.DemoScale(Config(("Demo:Scale", "small")), DatabaseEngine.Postgres));
    }

    [Fact]
    public void PostgreSQL_refuses_to_start_without_its_own_contact_hash_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlatformServices.ContactKey(null, DatabaseEngine.Postgres));
        Assert.Contains("Security:ContactHashKey", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(PlatformServices.ContactKey(null, DatabaseEngine.Sqlite));
        Assert.NotEmpty(PlatformServices.ContactKey("a-real-secret-of-some-length", DatabaseEngine.Postgres));
    }
}

public sealed class MigrationTests
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Instances_starting_at_once_apply_each_migration_once(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MigrationRunner.MigrateAsync(database.Database, CancellationToken.None)));
        Assert.Equal(1, runs.Count(r => r.Count > 0));
        Assert.Empty(await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None));
    }
}
