namespace TalentBridge.Web.Tests;

/// <summary>The <c>talentbridge</c> command, run through its real entry point.</summary>
public sealed class CliTests
{
    private static async Task<int> RunAsync(params string[] args)
    {
        var entry = System.Reflection.Assembly.Load("talentbridge").EntryPoint!;
        var result = entry.Invoke(null, [args]);
        return result is Task<int> task ? await task : (int)result!;
    }

    [Fact]
    public async Task Seed_fills_an_empty_database_once_and_reports_bad_options()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tb_cli_{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file}";
        try
        {
            Assert.Equal(0, await RunAsync("seed", "--scale", "small", "--seed", "5", "--connection", connection));
            Assert.Equal(1, await RunAsync("seed", "--scale", "small", "--connection", connection));
            Assert.Equal(0, await RunAsync("migrate", "--connection", connection));
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
        // Bad options are refused before anything is written: no database file appears.
        Assert.Equal(2, await RunAsync("seed", "--scale", "galaxy", "--connection", connection));
        Assert.Equal(2, await RunAsync("seed", "--seed", "many", "--connection", connection));
        Assert.Equal(2, await RunAsync("frobnicate", "--connection", connection));
        Assert.Equal(2, await RunAsync("seed", "--provider", "oracle"));
        Assert.Equal(2, await RunAsync("seed", "--scale"));
        Assert.False(File.Exists(file));
    }

    [SkippableFact]
    public async Task Seeding_postgres_needs_a_contact_hash_key()
    {
        TestDatabases.RequireEngine(TestDatabases.Postgres);
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        Assert.Equal(2, await RunAsync("seed", "--scale", "small", "--provider", "postgres", "--connection", database.Database.ConnectionString));
        Assert.Equal(0, await RunAsync("seed", "--scale", "small", "--provider", "postgres", "--connection", database.Database.ConnectionString,
            "--contact-key", "a-test-contact-key-2026"));
    }
}
