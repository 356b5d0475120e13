using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace TalentBridge.Web.Storage;

/// <summary>
/// Bulk loading for PostgreSQL: turns the stores' own <c>INSERT … VALUES (@A, @B …)</c> statements and
/// parameter objects into a binary COPY, so the column list is written once (in the store) and the
/// demo seeder loads millions of rows without a round trip per row.
/// </summary>
internal static partial class PostgresCopy
{
    private sealed record Plan(string Copy, string[] Parameters);

    private static readonly ConcurrentDictionary<string, Plan> Plans = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo> Properties = new();

    [GeneratedRegex(@"^INSERT INTO (\w+) \(([^)]*)\) VALUES \(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex InsertPattern();

    public static async Task WriteAsync(NpgsqlConnection connection, string insertSql, IEnumerable<object> rows, CancellationToken ct)
    {
        var plan = Plans.GetOrAdd(insertSql, sql =>
        {
            var match = InsertPattern().Match(sql);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Cannot turn this statement into a COPY: {sql}");
            }
            var parameters = match.Groups[3].Value.Split(',').Select(p => p.Trim().TrimStart('@')).ToArray();
            return new Plan($"COPY {match.Groups[1].Value} ({match.Groups[2].Value}) FROM STDIN (FORMAT BINARY)", parameters);
        });

        await using var importer = await connection.BeginBinaryImportAsync(plan.Copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            var type = row.GetType();
            foreach (var name in plan.Parameters)
            {
                var property = Properties.GetOrAdd((type, name), key => key.Item1.GetProperty(key.Item2)
                    ?? throw new InvalidOperationException($"{key.Item1.Name} has no parameter {key.Item2}."));
                await WriteValueAsync(importer, property.GetValue(row), ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static Task WriteValueAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        DateTimeOffset t => importer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        DateOnly d => importer.WriteAsync(d, NpgsqlDbType.Date, ct),
        _ => throw new InvalidOperationException($"No COPY mapping for {value.GetType().Name}."),
    };
}
