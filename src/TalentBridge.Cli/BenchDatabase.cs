using Microsoft.Data.Sqlite;
using Npgsql;

namespace TalentBridge.Cli;

/// <summary>
/// A fresh database for one benchmark run: a SQLite file in the temp folder or a new PostgreSQL database created with
/// the admin connection; removed afterwards. Shared by the benchmarks that need a real database (flow, sla).
/// </summary>
internal sealed class BenchDatabase(string engine, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    public string Engine { get; } = engine;

    public string ConnectionString { get; } = connectionString;

    /// <summary>A new empty database named after the benchmark (<paramref name="bench"/>: a few lowercase letters).</summary>
    public static async Task<BenchDatabase> CreateAsync(string bench, string engine, string? admin, CancellationToken ct)
    {
        var name = $"tb_bench_{bench}_{Guid.NewGuid():N}"[..28];
        if (engine == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), name + ".db");
            return new BenchDatabase(engine, $"Data Source={file}", () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(f);
                }
                return Task.CompletedTask;
            });
        }
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new BenchDatabase(engine, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var dropCommand = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await dropCommand.ExecuteNonQueryAsync();
        });
    }

    /// <summary>
    /// The admin connection string for <c>--engine postgres</c> (<c>--postgres</c>, else TALENTBRIDGE_TEST_POSTGRES); false
    /// (and says why) when PostgreSQL is asked for without one.
    /// </summary>
    public static bool TryAdmin(IReadOnlyDictionary<string, string> arguments, string engine, out string? admin)
    {
        admin = arguments.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("TALENTBRIDGE_TEST_POSTGRES");
        if (engine == "postgres" && string.IsNullOrWhiteSpace(admin))
        {
            Console.Error.WriteLine("error: --engine postgres needs --postgres \"admin connection string\" (a fresh database is created and dropped)");
            return false;
        }
        return true;
    }

    public async ValueTask DisposeAsync() => await drop();
}
