using System.Globalization;
using Dapper;

namespace TalentBridge.Web.Storage;

/// <summary>
/// Applies the embedded SQL scripts <c>Migrations/{engine}/NNNN_name.sql</c> in order, each in its
/// own transaction together with its row in <c>schema_migrations</c>. On PostgreSQL an advisory lock
/// keeps several app instances starting at once from applying the same script twice.
/// </summary>
public static class MigrationRunner
{
    private const long AdvisoryLockKey = 0x7461_6c65_6e74; // "talent"

    public static async Task<IReadOnlyList<string>> MigrateAsync(Database db, CancellationToken ct)
    {
        var engine = db.Engine == DatabaseEngine.Sqlite ? "sqlite" : "postgres";
        var prefix = $"migrations/{engine}/";
        var assembly = typeof(MigrationRunner).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[prefix.Length..^4]))
            .Select(s => (s.Resource, s.Name, Version: int.Parse(s.Name.AsSpan(0, s.Name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture)))
            .OrderBy(s => s.Version)
            .ToList();

        await using (var connection = await db.OpenAsync(ct))
        {
            if (db.Engine == DatabaseEngine.Sqlite)
            {
                await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            }
            var timestampType = db.Engine == DatabaseEngine.Sqlite ? "TEXT" : "timestamptz";
            await connection.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at {timestampType} NOT NULL)");
        }

        var applied = new List<string>();
        foreach (var script in scripts)
        {
            var ran = await db.InTransactionAsync(async (connection, tx) =>
            {
                if (db.Engine == DatabaseEngine.Postgres)
                {
                    await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, tx);
                }
                var done = await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM schema_migrations WHERE version = @version", new { version = script.Version }, tx);
                if (done > 0)
                {
                    return false;
                }
                await using var stream = assembly.GetManifestResourceStream(script.Resource)!;
                using var reader = new StreamReader(stream);
                var sql = await reader.ReadToEndAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version = script.Version, name = script.Name, at = DateTimeOffset.UtcNow }, tx);
                return true;
            }, ct);
            if (ran)
            {
                applied.Add(script.Name);
            }
        }
        return applied;
    }
}
