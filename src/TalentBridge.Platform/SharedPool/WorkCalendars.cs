using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>A stored calendar version as listed.</summary>
public sealed record WorkCalendarVersion(long Id, string Version, DateTimeOffset UploadedAt, long? UploadedBy);

/// <summary>
/// The working calendar in force (public holidays and 调休 days): the newest uploaded version, or the one shipped in
/// the Domain when none was uploaded. An upload re-evaluates every open order's clock in the same transaction, so a
/// corrected holiday moves the deadlines of the orders it touches.
/// </summary>
public sealed class WorkCalendars(Database db, TimeProvider time)
{
    private static readonly ConcurrentDictionary<string, WorkCalendar> Parsed = new(StringComparer.Ordinal);

    /// <summary>The calendar in force, read on the caller's connection (parsed once per version and process).</summary>
    internal static async Task<WorkCalendar> CurrentAsync(DbConnection c, DbTransaction? tx)
    {
        var row = await c.QueryFirstOrDefaultAsync<(string Version, string Definition)>(
            "SELECT version, definition FROM work_calendars ORDER BY id DESC LIMIT 1", transaction: tx);
        if (row.Version is null)
        {
            return WorkCalendar.China;
        }
        return Parsed.GetOrAdd(row.Version, _ => WorkCalendar.Parse(row.Definition).Calendar
            ?? throw new InvalidOperationException($"Stored calendar {row.Version} no longer parses."));
    }

    public async Task<WorkCalendar> CurrentAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await CurrentAsync(c, null);
    }

    public async Task<IReadOnlyList<WorkCalendarVersion>> VersionsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = new List<WorkCalendarVersion>();
        await using var r = await c.ExecuteReaderAsync("SELECT id, version, uploaded_at, uploaded_by FROM work_calendars ORDER BY id DESC");
        while (await r.ReadAsync(ct))
        {
            rows.Add(new WorkCalendarVersion(r.Long(0), r.GetString(1), r.Timestamp(2), r.NullableLong(3)));
        }
        return rows;
    }

    /// <summary>
    /// An administrator uploads a corrected calendar (the whole file, with a version not used before); every open
    /// order's clock is recomputed with it. Returns the number of orders re-evaluated.
    /// </summary>
    public async Task<(ValidationErrors Errors, int Reevaluated)> UploadAsync(Caller caller, string json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin)
        {
            return (new ValidationErrors().Add("calendar", "only an administrator may replace the working calendar"), 0);
        }
        var (calendar, errors) = WorkCalendar.Parse(json);
        if (calendar is null)
        {
            return (errors, 0);
        }
        var now = time.GetUtcNow();
        try
        {
            var count = await db.InTransactionAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO work_calendars (version, definition, uploaded_at, uploaded_by) VALUES (@version, @json, @now, @by) RETURNING id",
                    new { version = calendar.Version, json = calendar.ToJson(), now = Database.Utc(now), by = caller.AccountId }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "workCalendar", id, null, "upload calendar",
                    JsonSerializer.Serialize(new { version = calendar.Version }, Row.Json)));
                Parsed.TryAdd(calendar.Version, calendar);
                var open = (await c.QueryAsync<long>("SELECT id FROM demand_orders WHERE state IN (0, 1)", transaction: tx)).ToList();
                foreach (var orderId in open)
                {
                    await DemandOrders.RecomputeAsync(c, tx, orderId, calendar, now);
                }
                return open.Count;
            }, ct);
            return (new ValidationErrors(), count);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return (new ValidationErrors().Add("version", "is already stored; give the corrected calendar a new version"), 0);
        }
    }
}
