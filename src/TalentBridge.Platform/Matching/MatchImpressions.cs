using Dapper;
using TalentBridge.Domain.Matching;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Matching;

/// <summary>
/// Impressions of recommended positions, in the database so that every node ranks with the same exposure:
/// one row per talent, position and day (a reload adds nothing), weighted by <see cref="MatchIndex.ImpressionWeight"/>
/// over the last <see cref="Days"/> days.
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
                    await c.ExecuteAsync("INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('position', @positionId, @atMs)",
                        new { positionId, atMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
                }
            }
            return 0;
        }, ct);
    }

    /// <summary>The weighted impressions of positions on <paramref name="today"/>: all of them, or those in <paramref name="positionIds"/>.</summary>
    public async Task<Dictionary<long, double>> WeightsAsync(IReadOnlyCollection<long>? positionIds, DateOnly today, CancellationToken ct) =>
        await SumAsync("SELECT position_id, day, COUNT(*) FROM match_impressions WHERE day > @from" +
            (positionIds is null ? "" : " AND " + ListSql.InList(db, "position_id", "ids")) + " GROUP BY position_id, day",
            new { from = today.DayNumber - Days, ids = positionIds?.ToArray() }, today, ct);

    /// <summary>A talent's own impressions by position (left out of the exposure of the talent's own list).</summary>
    public async Task<Dictionary<long, double>> OwnAsync(long talentId, DateOnly today, CancellationToken ct) =>
        await SumAsync("SELECT position_id, day, 1 FROM match_impressions WHERE talent_id = @talentId AND day > @from",
            new { talentId, from = today.DayNumber - Days }, today, ct);

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
