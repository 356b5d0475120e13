using Npgsql;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Every SQL-touching test runs on SQLite and on PostgreSQL. PostgreSQL comes from
/// TALENTBRIDGE_TEST_POSTGRES (an admin connection string; .ci/run starts a throwaway cluster).
/// Locally without it the PostgreSQL cases are skipped; on CI (CI=true) its absence is a failure.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("TALENTBRIDGE_TEST_POSTGRES");

    public static TheoryData<string> Engines => new() { Sqlite, Postgres };

    /// <summary>Skips a PostgreSQL case locally when no server is configured; fails on CI.</summary>
    public static void RequireEngine(string engine)
    {
        if (engine != Postgres || PostgresAdmin is not null)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true but TALENTBRIDGE_TEST_POSTGRES is not set: PostgreSQL tests cannot be skipped on CI.");
        }
        Skip.If(true, "TALENTBRIDGE_TEST_POSTGRES is not set (PostgreSQL tests run on CI).");
    }

    /// <summary>A new empty database, unique per call, dropped on dispose (after its <see cref="Database"/>, and so its connection pool, is disposed).</summary>
    public static async Task<TestDatabase> CreateAsync(string engine)
    {
        RequireEngine(engine);
        var name = $"tb_test_{Guid.NewGuid():N}"[..24];
        if (engine == Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), name + ".db");
            return new TestDatabase(new Database(DatabaseEngine.Sqlite, $"Data Source={file}"), () =>
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(f);
                }
                return Task.CompletedTask;
            });
        }
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = true };
        return new TestDatabase(new Database(DatabaseEngine.Postgres, builder.ConnectionString), async () =>
        {
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}

public sealed class TestDatabase(Database database, Func<Task> drop) : IAsyncDisposable
{
    public Database Database { get; } = database;

    public string Provider => Database.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgres";

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await drop();
    }
}
