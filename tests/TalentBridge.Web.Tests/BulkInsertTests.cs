using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// BulkInsert writes through its own path (a binary COPY on PostgreSQL, SQLite's statement API on SQLite):
/// what it stores must be what the same INSERT stores through Dapper, value for value and type for type.
/// </summary>
public sealed class BulkInsertTests
{
    private const string Insert =
        "INSERT INTO bulk_values (id, big, small, real_value, chinese, empty, absent, day, stamp, flag, stamp_again) " +
        "VALUES (@Id, @Big, @Small, @RealValue, @Chinese, @Empty, @Absent, @Day, @Stamp, @Flag, @Stamp)";

    private static object Row(long id) => new
    {
        Id = id,
        Big = 9_007_199_254_740_993L,
        Small = (int?)-42,
        RealValue = 0.1 + 0.2,
        Chinese = "丽水市 Java 工程师 😀",
        Empty = "",
        Absent = (string?)null,
        Day = new DateOnly(2026, 2, 28),
        Stamp = new DateTimeOffset(2026, 11, 21, 8, 5, 3, 120, TimeSpan.Zero).AddTicks(4560), // the stores write UTC
        Flag = true,
    };

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Rows_are_stored_as_a_plain_insert_stores_them(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        var db = database.Database;
        var (integer, small, real, timestamp, boolean) = db.Engine == DatabaseEngine.Sqlite
            ? ("INTEGER", "INTEGER", "REAL", "TEXT", "INTEGER")
            : ("bigint", "integer", "double precision", "timestamptz", "boolean");
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync($"CREATE TABLE bulk_values (id {integer} PRIMARY KEY, big {integer}, small {small}, real_value {real}, " +
                $"chinese TEXT, empty TEXT, absent TEXT, day {(db.Engine == DatabaseEngine.Sqlite ? "TEXT" : "date")}, stamp {timestamp}, " +
                $"flag {boolean}, stamp_again {timestamp})");
        }
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(Insert, Row(1), tx), CancellationToken.None);
        await db.InTransactionAsync(async (c, tx) =>
        {
            await BulkInsert.WriteAsync(c, tx, Insert, [Row(2), Row(3)], CancellationToken.None);
            return 0;
        }, CancellationToken.None);

        await using var read = await db.OpenAsync(CancellationToken.None);
        var columns = "big, small, real_value, chinese, empty, absent, day, stamp, flag, stamp_again";
        var kinds = db.Engine == DatabaseEngine.Sqlite
            ? string.Join(" || ',' || ", columns.Split(", ").Select(col => $"typeof({col})"))
            : "''";
        var rows = (await read.QueryAsync<(long Id, string Values, string Kinds)>(
            $"SELECT id, {string.Join(" || '|' || ", columns.Split(", ").Select(col => $"coalesce(CAST({col} AS text), '<null>')"))}, {kinds} " +
            "FROM bulk_values ORDER BY id")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(rows[0].Values, rows[1].Values);
        Assert.Equal(rows[0].Values, rows[2].Values);
        Assert.Equal(rows[0].Kinds, rows[1].Kinds);
        Assert.Contains("|丽水市 Java 工程师 😀||<null>|2026-02-28|", rows[1].Values, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_row_the_table_refuses_rolls_back_the_batch_with_the_engines_error(string engine)
    {
        await using var database = await TestDatabases.CreateAsync(engine);
        var db = database.Database;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("CREATE TABLE bulk_keys (id bigint PRIMARY KEY, name TEXT NOT NULL)");
        }
        const string insert = "INSERT INTO bulk_keys (id, name) VALUES (@Id, @Name)";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.InTransactionAsync(async (c, tx) =>
        {
            await BulkInsert.WriteAsync(c, tx, insert, [new { Id = 1L, Name = "a" }, new { Id = 2L, Name = "b" }, new { Id = 1L, Name = "c" }],
                CancellationToken.None);
            return 0;
        }, CancellationToken.None));
        Assert.True(Database.IsUniqueViolation(error), error.ToString());
        await using var read = await db.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await read.ExecuteScalarAsync<long>("SELECT count(*) FROM bulk_keys"));
    }
}
