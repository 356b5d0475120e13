using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>The embedded engine the platform ships with: a current SQLite, in WAL mode, with JSON and FTS5.</summary>
public sealed class SqliteEngineTests
{
    [Fact]
    public async Task The_bundled_sqlite_is_current_runs_in_wal_mode_and_has_json_and_fts5()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await MigrationRunner.MigrateAsync(database.Database, CancellationToken.None);
        await using var c = await database.Database.OpenAsync(CancellationToken.None);
        var version = Version.Parse(await c.ExecuteScalarAsync<string>("SELECT sqlite_version()") ?? "0.0");
        Assert.True(version >= new Version(3, 45), $"SQLite {version}");
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT json_extract('{\"a\":[1,2]}', '$.a[1]')"));
        await c.ExecuteAsync("CREATE VIRTUAL TABLE probe USING fts5(text); INSERT INTO probe VALUES ('数控 车工'), ('电商 运营');");
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM probe WHERE probe MATCH '车工'"));
    }
}
