using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Matching;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Matching;

/// <summary>
/// A position's exposure, in the database so that every node ranks with the same and it survives restarts: the
/// impressions of recommended positions (one row per talent, position and day; a reload adds nothing) plus the
/// applications and invitations of the position (issue 6, item 9: each one counts as an impression of its day), weighted
/// by <see cref="MatchIndex.ImpressionWeight"/> over the last <see cref="Days"/> days.
/// </summary>
public sealed class MatchImpressions(Database db)
{
    /// <summary>Impressions older than this many days weigh under 1 % and are not counted.</summary>
    public const int Days = 7;

    /// <summary>
    /// Records that <paramref name="talentId"/> was shown <paramref name="positionIds"/> on <paramref name="today"/>; the
    /// first time of the day also queues a match change for the position, so every node re-reads its count.
    /// </summary>
    public async Task RecordAsync(long talentId, IReadOnlyCollection<long> positionIds, DateOnly today, CancellationToken ct)
    {
        if (positionIds.Count == 0)
        {
            return;
        }
        await db.InTransactionAsync(async (c, tx) =>
        {
            foreach (var positionId in positionIds)
            {
                var added = await c.ExecuteAsync(
                    "INSERT INTO match_impressions (position_id, talent_id, day) VALUES (@positionId, @talentId, @day) " +
                    "ON CONFLICT (position_id, talent_id, day) DO NOTHING",
                    new { positionId, talentId, day = today.DayNumber }, tx);
                if (added == 1)
                {
                    await ExposureChangedAsync(c, tx, positionId);
                }
            }
            return 0;
        }, ct);
    }

    /// <summary>
    /// Queues a match change for the position (in the caller's transaction), so that every node re-reads its exposure:
    /// its first impression of a day, an application, an invitation.
    /// </summary>
    internal static Task ExposureChangedAsync(DbConnection c, DbTransaction tx, long positionId) =>
        c.ExecuteAsync("INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('position', @positionId, @atMs)",
            new { positionId, atMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);

    /// <summary>The weighted exposure of positions on <paramref name="today"/>: all of them, or those in <paramref name="positionIds"/>.</summary>
    public async Task<Dictionary<long, double>> WeightsAsync(IReadOnlyCollection<long>? positionIds, DateOnly today, CancellationToken ct)
    {
        var only = positionIds is null ? "" : " AND " + ListSql.InList(db, "position_id", "ids");
        var parameters = new { from = today.DayNumber - Days, ids = positionIds?.ToArray(), since = Database.Utc(Since(today)) };
        var weights = await SumAsync("SELECT position_id, day, COUNT(*) FROM match_impressions WHERE day > @from" + only + " GROUP BY position_id, day",
            parameters, today, ct);
        return await AddFlowAsync(weights, $"SELECT position_id, applied_at FROM applications WHERE applied_at >= @since{only} " +
            $"UNION ALL SELECT position_id, sent_at FROM invitations WHERE sent_at >= @since{only}", parameters, today, ct);
    }

    /// <summary>A talent's own impressions, applications and invitations by position (left out of the exposure of the talent's own list).</summary>
    public async Task<Dictionary<long, double>> OwnAsync(long talentId, DateOnly today, CancellationToken ct)
    {
        var parameters = new { talentId, from = today.DayNumber - Days, since = Database.Utc(Since(today)) };
        var own = await SumAsync("SELECT position_id, day, 1 FROM match_impressions WHERE talent_id = @talentId AND day > @from", parameters, today, ct);
        return await AddFlowAsync(own, "SELECT position_id, applied_at FROM applications WHERE talent_id = @talentId AND applied_at >= @since " +
            "UNION ALL SELECT position_id, sent_at FROM invitations WHERE talent_id = @talentId AND sent_at >= @since", parameters, today, ct);
    }

    /// <summary>The start (China time) of the oldest day that still counts.</summary>
    private static DateTimeOffset Since(DateOnly today) =>
        new(today.AddDays(1 - Days).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);

    /// <summary>Adds one impression of its (China) day for each application or invitation the query returns (position id, time).</summary>
    private async Task<Dictionary<long, double>> AddFlowAsync(Dictionary<long, double> weights, string sql, object parameters, DateOnly today,
        CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var r = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            var day = DateOnly.FromDateTime(r.Timestamp(1).ToOffset(ChinaTime.Offset).DateTime);
            weights[r.Long(0)] = weights.GetValueOrDefault(r.Long(0)) + MatchIndex.ImpressionWeight(day, today);
        }
        return weights;
    }

    /// <summary>Deletes impressions that no longer count.</summary>
    public async Task PruneAsync(DateOnly today, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "DELETE FROM match_impressions WHERE day <= @from", new { from = today.DayNumber - Days }, tx), ct);

    private async Task<Dictionary<long, double>> SumAsync(string sql, object parameters, DateOnly today, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var weights = new Dictionary<long, double>();
        foreach (var (positionId, day, count) in await connection.QueryAsync<(long, long, long)>(new CommandDefinition(sql, parameters, cancellationToken: ct)))
        {
            weights[positionId] = weights.GetValueOrDefault(positionId) + (count * MatchIndex.ImpressionWeight(DateOnly.FromDayNumber((int)day), today));
        }
        return weights;
    }
}
