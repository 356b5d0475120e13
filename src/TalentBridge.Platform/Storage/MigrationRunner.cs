using System.Globalization;
using Dapper;

namespace TalentBridge.Platform.Storage;

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

        // PostgreSQL: one session-level advisory lock around the whole run, so that an instance that
        // waited sees the scripts the first one applied (a transaction-level lock taken inside the
        // transaction would not: its snapshot could predate the other instance's commit).
        await using var lockConnection = db.Engine == DatabaseEngine.Postgres ? await db.OpenAsync(ct) : null;
        if (lockConnection is not null)
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct));
        }
        var applied = new List<string>();
        try
        {
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

            foreach (var script in scripts)
            {
                var ran = await db.InTransactionAsync(async (connection, tx) =>
                {
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
        }
        finally
        {
            if (lockConnection is not null)
            {
                await lockConnection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
            }
        }
        return applied;
    }
}
