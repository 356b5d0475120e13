using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Platform.Storage;

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one place that knows which engine is in use: opens connections, runs transactions and hides
/// the few type differences between SQLite (text dates, integer booleans) and PostgreSQL. On PostgreSQL it
/// owns one <see cref="NpgsqlDataSource"/> (the connection pool), disposed with it.
/// </summary>
public sealed class Database : IDisposable, IAsyncDisposable
{
    // Process-wide, once: the native SQLite library and Dapper's DateOnly handler.
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        return true;
    });

    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource? _dataSource;

    /// <summary>
    /// SQLite: the one writer of this process. A transaction begins IMMEDIATE (it takes the database's write lock at
    /// once); without the gate every other writer of the process would wait inside SQLite's busy handler, which sleeps
    /// on a thread-pool thread and retries (1, 2, 5 … 100 ms at a time, no order). Under the flow benchmark's 200 users
    /// that held threads, starved the pool and gave some steps waits of seconds; queued here, writers wait without a
    /// thread and go in turn. Writers of other processes (the CLI beside the web host) still meet the busy timeout.
    /// </summary>
    private readonly SemaphoreSlim? _sqliteWriter;

    public Database(DatabaseEngine engine, string connectionString)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _ = Initialised.Value;
        if (engine == DatabaseEngine.Postgres)
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (!Names(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
            {
                builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
            }
            if (!Names(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            }
            _dataSource = builder.Build();
        }
        else
        {
            _sqliteWriter = new SemaphoreSlim(1, 1);
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    /// <summary>
    /// Connections one node keeps to PostgreSQL at most, unless the connection string says otherwise (<c>Maximum Pool Size=…</c>).
    /// Npgsql's own default (100) lets a burst of requests open as many server processes as PostgreSQL allows in all
    /// (<c>max_connections</c> is 100 by default, for every node together): under the flow benchmark's 200 users a
    /// node did, and further requests failed with "too many clients" while the server's cores switched between a
    /// hundred backends. Requests beyond the cap wait in the pool for a connection instead, which takes milliseconds.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Statements each PostgreSQL connection prepares once it has run them a few times, unless the connection string says
    /// otherwise (<c>Max Auto Prepare=…</c>; Npgsql's default is 0, none). The flow's queries join four tables and run on
    /// every request: prepared, the server plans them once per connection instead of on each run. Under the flow
    /// benchmark this took the median request from 141 to 14 ms on the project's 2-core machine (docs/benchmarks.md).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Whether the connection string sets one of these keywords itself.</summary>
    private static bool Names(string connectionString, params string[] keywords)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(keys.ContainsKey);
    }

    public DatabaseEngine Engine { get; }
    public string ConnectionString { get; }

    /// <summary>Case-insensitive LIKE for Latin letters on both engines.</summary>
    public string Like => Engine == DatabaseEngine.Postgres ? "ILIKE" : "LIKE";

    public static Database FromConfiguration(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "sqlite";
        var connectionString = configuration.GetConnectionString("TalentBridge");
        return provider.ToUpperInvariant() switch
        {
            "SQLITE" => new Database(DatabaseEngine.Sqlite, connectionString ?? "Data Source=data/talentbridge.db"),
            "POSTGRES" or "POSTGRESQL" => new Database(DatabaseEngine.Postgres,
                connectionString ?? throw new InvalidOperationException("ConnectionStrings:TalentBridge is required for PostgreSQL.")),
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'sqlite' or 'postgres'."),
        };
    }

    /// <summary>An open connection: from the data source's pool on PostgreSQL (an <see cref="NpgsqlConnection"/>), a new one with the PRAGMAs on SQLite.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(ct);
        }
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeout.TotalMilliseconds:F0}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        return connection;
    }

    /// <summary>Closes the PostgreSQL pool's connections; SQLite holds nothing to release.</summary>
    public void Dispose()
    {
        _dataSource?.Dispose();
        _sqliteWriter?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _sqliteWriter?.Dispose();
        return _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of it is committed or none. PostgreSQL runs
    /// it at Read Committed (unique constraints guard what must not be doubled); SQLite transactions
    /// are serialised by the database lock anyway, and within the process by <see cref="_sqliteWriter"/>
    /// (so a transaction must not start another one inside it).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        if (_sqliteWriter is null)
        {
            return await TransactionAsync(work, ct);
        }
        // As long as SQLite's own busy timeout (PRAGMA busy_timeout in OpenAsync): a writer that hangs fails the others as before.
        if (!await _sqliteWriter.WaitAsync(BusyTimeout, ct))
        {
            throw new TimeoutException($"The SQLite database stayed locked by another write of this process for {BusyTimeout.TotalSeconds:F0} s.");
        }
        try
        {
            return await TransactionAsync(work, ct);
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    private async Task<T> TransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>A UNIQUE constraint refused the write (SQLite extended code 2067/1555, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Dates: PostgreSQL <c>date</c> takes DateOnly natively; SQLite stores ISO text (yyyy-MM-dd), which sorts correctly.</summary>
internal sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date;
            npgsql.Value = value;
        }
        else
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    public override DateOnly Parse(object value) => ParseValue(value);

    public static DateOnly ParseValue(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        string s => DateOnly.Parse(s.AsSpan(0, 10), CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a date."),
    };
}

/// <summary>Reading columns whose CLR type differs between the engines.</summary>
internal static class Row
{
    // Stored JSON is never embedded in HTML, so Chinese text is kept as is (searchable, half the size).
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long Long(this DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static int Int(this DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    public static int? NullableInt(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Int(i);

    public static long? NullableLong(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Long(i);

    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static bool Bool(this DbDataReader r, int i) => r.GetValue(i) is bool b ? b : r.Long(i) != 0;

    public static TEnum Enum<TEnum>(this DbDataReader r, int i) where TEnum : struct, Enum =>
        (TEnum)System.Enum.ToObject(typeof(TEnum), r.Int(i));

    public static DateTimeOffset Timestamp(this DbDataReader r, int i) => r.GetValue(i) switch
    {
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => dto,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        var other => throw new InvalidCastException($"Cannot read {other.GetType().Name} as a timestamp."),
    };

    /// <summary>A stored region code (always 12 digits) in its significant form ("331121"), as the domain uses it.</summary>
    public static string? NullableRegion(this DbDataReader r, int i) => r.IsDBNull(i) ? null : RegionCatalogue.Significant(r.GetString(i));

    /// <summary>A region code as it is stored: 12 digits, so that a subtree is an index range.</summary>
    public static string? StoredRegion(string? code) => code is null ? null : RegionCatalogue.Pad(code);

    public static DateTimeOffset? NullableTimestamp(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Timestamp(i);

    public static DateOnly Date(this DbDataReader r, int i) => DateOnlyHandler.ParseValue(r.GetValue(i));

    public static T FromJson<T>(this DbDataReader r, int i) =>
        JsonSerializer.Deserialize<T>(r.GetString(i), Json) ?? throw new InvalidDataException($"Column {r.GetName(i)} holds null JSON.");

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
