using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace TalentBridge.Platform.Storage;

/// <summary>
/// Bulk loading from the stores' own <c>INSERT … VALUES (@A, @B …)</c> statements and parameter
/// objects, so a column list is written once (in the store): a binary COPY on PostgreSQL, one
/// prepared statement bound row by row on SQLite. The demo seeder and the imports load millions of rows with it.
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
            // The rows join the connection's open transaction.
            Insert((SqliteConnection)connection, plan, rows, ct);
        }
    }

    /// <summary>
    /// One statement prepared once and stepped per row through SQLite's own API, binding by position: the
    /// ADO.NET command would look every parameter up by name and allocate a reader on each execution. Values are
    /// stored as Microsoft.Data.Sqlite stores them (see <see cref="Bind"/>), so rows read back the same either way.
    /// </summary>
    private static void Insert(SqliteConnection connection, Plan plan, IEnumerable<object> rows, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, plan.Insert, out var statement), db);
        using (statement)
        {
            // One parameter per name: a value may fill several columns (created_at and updated_at from @Now).
            var names = plan.Parameters.Distinct(StringComparer.Ordinal).ToArray();
            var positions = names.Select(name => raw.sqlite3_bind_parameter_index(statement, "@" + name)).ToArray();
            Type? type = null;
            var properties = Array.Empty<PropertyInfo>();
            var count = 0;
            foreach (var row in rows)
            {
                if ((++count & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                if (row.GetType() != type)
                {
                    type = row.GetType();
                    properties = names.Select(name => Property(row, name)).ToArray();
                }
                for (var i = 0; i < positions.Length; i++)
                {
                    Check(Bind(statement, positions[i], properties[i].GetValue(row)), db);
                }
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, db);
                }
                Check(raw.sqlite3_reset(statement), db);
            }
        }
    }

    /// <summary>Binds a value the way Microsoft.Data.Sqlite does: integers (booleans as 0/1), reals, text, dates as ISO text.</summary>
    private static int Bind(sqlite3_stmt statement, int position, object? value)
    {
        Span<char> text = stackalloc char[40];
        int length;
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, position);
            // An empty span would reach SQLite as a null pointer, which binds NULL.
            case "":
                return raw.sqlite3_bind_text(statement, position, "");
            case string s:
                return raw.sqlite3_bind_text16(statement, position, s);
            case int i:
                return raw.sqlite3_bind_int64(statement, position, i);
            case long l:
                return raw.sqlite3_bind_int64(statement, position, l);
            case bool b:
                return raw.sqlite3_bind_int64(statement, position, b ? 1 : 0);
            case double d:
                return raw.sqlite3_bind_double(statement, position, d);
            // As DateOnlyHandler does for Dapper.
            case DateOnly d when d.TryFormat(text, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text16(statement, position, text[..length]);
            case DateTimeOffset t when t.TryFormat(text, out length, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text16(statement, position, text[..length]);
            default:
                throw new InvalidOperationException($"No SQLite mapping for {value.GetType().Name}.");
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
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
