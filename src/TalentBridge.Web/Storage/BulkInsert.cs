using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace TalentBridge.Web.Storage;

/// <summary>
/// Bulk loading from the stores' own <c>INSERT … VALUES (@A, @B …)</c> statements and parameter
/// objects, so a column list is written once (in the store): a binary COPY on PostgreSQL, one
/// prepared command bound row by row on SQLite. The demo seeder loads millions of rows with it.
/// </summary>
internal static partial class BulkInsert
{
    private sealed record Plan(string Copy, string Insert, string[] Parameters);

    private static readonly ConcurrentDictionary<string, Plan> Plans = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo> Properties = new();

    [GeneratedRegex(@"^INSERT INTO (\w+) \(([^)]*)\) VALUES \(([^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex InsertPattern();

    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, string insertSql, IEnumerable<object> rows, CancellationToken ct)
    {
        var plan = Plans.GetOrAdd(insertSql, sql =>
        {
            var match = InsertPattern().Match(sql);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Cannot turn this statement into a COPY: {sql}");
            }
            var parameters = match.Groups[3].Value.Split(',').Select(p => p.Trim().TrimStart('@')).ToArray();
            return new Plan($"COPY {match.Groups[1].Value} ({match.Groups[2].Value}) FROM STDIN (FORMAT BINARY)", match.Value, parameters);
        });
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, plan, rows, ct);
        }
        else
        {
            await InsertAsync(connection, transaction, plan, rows, ct);
        }
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Plan plan, IEnumerable<object> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = plan.Insert;
        // One parameter per name: a value may fill several columns (created_at and updated_at from @Now).
        var names = plan.Parameters.Distinct(StringComparer.Ordinal).ToArray();
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = Property(row, names[i]).GetValue(row) switch
                {
                    null => DBNull.Value,
                    // SQLite keeps dates as ISO text, as DateOnlyHandler does for Dapper.
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var value => value,
                };
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Plan plan, IEnumerable<object> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(plan.Copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var name in plan.Parameters)
            {
                await WriteValueAsync(importer, Property(row, name).GetValue(row), ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static PropertyInfo Property(object row, string name) =>
        Properties.GetOrAdd((row.GetType(), name), key => key.Item1.GetProperty(key.Item2)
            ?? throw new InvalidOperationException($"{key.Item1.Name} has no parameter {key.Item2}."));

    private static Task WriteValueAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        double d => importer.WriteAsync(d, NpgsqlDbType.Double, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        DateTimeOffset t => importer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        DateOnly d => importer.WriteAsync(d, NpgsqlDbType.Date, ct),
        _ => throw new InvalidOperationException($"No COPY mapping for {value.GetType().Name}."),
    };
}
