using Dapper;
using Microsoft.Extensions.Caching.Memory;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Overview;

/// <summary>Figures for the home page: pool sizes per child region of the caller's region, newest positions.</summary>
public sealed class Dashboard(Database db, ReferenceData reference, PositionStore positions, IMemoryCache cache, IConfiguration configuration, TimeProvider time)
{
    /// <summary>
    /// Public talents, enterprises and open positions of one region's subtree. <paramref name="Divided"/>: some of them
    /// are assigned below the region itself, so drilling into it shows something.
    /// </summary>
    public sealed record RegionRow(Region Region, long Talents, long Enterprises, long Positions, bool Divided);

    /// <summary>
    /// The figures of a region: <paramref name="Rows"/> are its children with any records; <paramref name="Unassigned"/>
    /// the records assigned to the region itself and to no child (null when there are none), so that the rows and it
    /// add up to the totals.
    /// </summary>
    public sealed record Summary(Region Root, IReadOnlyList<RegionRow> Rows, RegionRow? Unassigned, long Talents, long Enterprises,
        long Positions, long UrgentPositions, IReadOnlyList<Position> Newest);

    /// <summary>The platform's home region (丽水市 by default).</summary>
    public string HomeRegion => configuration["Platform:RegionCode"] ?? "3311";

    /// <summary>
    /// The figures for a region. They aggregate whole pools, so they are kept for a minute: the home
    /// page stays fast at province scale, and a new record shows up on it within a minute.
    /// </summary>
    public async Task<Summary> SummarizeAsync(string? regionCode, CancellationToken ct)
    {
        var root = reference.Regions.Find(regionCode ?? HomeRegion) ?? reference.Regions.Find(HomeRegion)!;
        return (await cache.GetOrCreateAsync(("dashboard", root.Code), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return ComputeAsync(root, ct);
        }))!;
    }

    private async Task<Summary> ComputeAsync(Region root, CancellationToken ct)
    {
        var (lo, hi) = RegionCatalogue.SubtreeRange(root.Code);
        var range = new { lo, hi, today = ChinaTime.Today(time) };
        await using var connection = await db.OpenAsync(ct);

        // Counts per stored (12-digit) code, answered from the covering indexes ix_talents_region and ix_positions_region.
        async Task<IReadOnlyList<(string Code, long Count)>> CountAsync(string table, string column, string extra = "") =>
            (await connection.QueryAsync<(string Code, long Count)>(new CommandDefinition(
                $"SELECT {column}, count(*) FROM {table} WHERE {column} BETWEEN @lo AND @hi {extra} GROUP BY {column}",
                range, cancellationToken: ct))).ToList();

        var counts = new[]
        {
            await CountAsync("talents", "residence_region_code", "AND visibility = 0"),
            await CountAsync("enterprises", "region_code"),
            await CountAsync("positions", "region_code", "AND status = 0 AND expires_on >= @today"),
        };
        var urgent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM positions WHERE status = 0 AND region_code BETWEEN @lo AND @hi AND expires_on >= @today AND urgent = @urgent",
            new { range.lo, range.hi, range.today, urgent = true }, cancellationToken: ct));
        var (rows, unassigned) = Split(root, counts);
        var newest = await positions.ListAsync(new ListQuery { Region = root.Code, Status = PositionStatus.Open, PageSize = 8 }, null, ct);
        return new Summary(root, rows, unassigned, counts[0].Sum(c => c.Count), counts[1].Sum(c => c.Count), counts[2].Sum(c => c.Count),
            urgent, newest.Items);
    }

    /// <summary>
    /// Sorts the counts per code (talents, enterprises, positions) into the root's children and the remainder assigned
    /// to no child; children without any record are left out.
    /// </summary>
    private (IReadOnlyList<RegionRow> Rows, RegionRow? Unassigned) Split(Region root, IReadOnlyList<(string Code, long Count)>[] counts)
    {
        var children = reference.Regions.Children(root.Code);
        var sums = children.ToDictionary(c => c.Code, _ => new long[counts.Length], StringComparer.Ordinal);
        var divided = new HashSet<string>(StringComparer.Ordinal);
        var rest = new long[counts.Length];
        for (var pool = 0; pool < counts.Length; pool++)
        {
            foreach (var (code, count) in counts[pool])
            {
                var child = children.FirstOrDefault(c => code.StartsWith(c.Code, StringComparison.Ordinal));
                if (child is null)
                {
                    rest[pool] += count;
                    continue;
                }
                sums[child.Code][pool] += count;
                if (code != child.FullCode)
                {
                    divided.Add(child.Code);
                }
            }
        }
        var rows = children.Where(c => sums[c.Code].Any(n => n > 0))
            .Select(c => new RegionRow(c, sums[c.Code][0], sums[c.Code][1], sums[c.Code][2], divided.Contains(c.Code)))
            .ToList();
        var unassigned = rest.Any(n => n > 0) ? new RegionRow(root, rest[0], rest[1], rest[2], Divided: false) : null;
        return (rows, unassigned);
    }
}
