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
    public sealed record RegionRow(Region Region, long Talents, long Enterprises, long Positions);

    public sealed record Summary(Region Root, IReadOnlyList<RegionRow> Rows, long Talents, long Enterprises, long Positions, long UrgentPositions,
        IReadOnlyList<Position> Newest);

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
        var children = reference.Regions.Children(root.Code);
        var childLength = children.Count > 0 ? children[0].Code.Length : root.Code.Length;
        var range = new { lo = root.Code.PadRight(12, '0'), hi = root.Code.PadRight(12, '9'), len = childLength, today = ChinaTime.Today(time) };
        await using var connection = await db.OpenAsync(ct);

        async Task<Dictionary<string, long>> CountAsync(string table, string column, string extra = "")
        {
            var rows = await connection.QueryAsync<(string Code, long Count)>(new CommandDefinition(
                $"SELECT substr({column}, 1, @len), count(*) FROM {table} WHERE {column} BETWEEN @lo AND @hi {extra} GROUP BY substr({column}, 1, @len)",
                range, cancellationToken: ct));
            return rows.ToDictionary(r => r.Code, r => r.Count, StringComparer.Ordinal);
        }

        // Both counts are answered from the covering indexes ix_talents_region and ix_positions_region.
        var talents = await CountAsync("talents", "residence_region_code", "AND visibility = 0");
        var enterprises = await CountAsync("enterprises", "region_code");
        var open = await CountAsync("positions", "region_code", "AND status = 0 AND expires_on >= @today");
        var urgent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM positions WHERE status = 0 AND region_code BETWEEN @lo AND @hi AND expires_on >= @today AND urgent = @urgent",
            new { range.lo, range.hi, range.today, urgent = true }, cancellationToken: ct));
        var rows = children
            .Select(c => new RegionRow(c, talents.GetValueOrDefault(c.Code), enterprises.GetValueOrDefault(c.Code), open.GetValueOrDefault(c.Code)))
            .ToList();
        var newest = await positions.ListAsync(new ListQuery { Region = root.Code, Status = PositionStatus.Open, PageSize = 8 }, null, ct);
        return new Summary(root, rows, talents.Values.Sum(), enterprises.Values.Sum(), open.Values.Sum(), urgent, newest.Items);
    }
}
