using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web;

/// <summary>Figures for the home page: pool sizes per child region of the caller's region, newest positions.</summary>
public sealed class Dashboard(Database db, ReferenceData reference, IConfiguration configuration, TimeProvider time)
{
    public sealed record RegionRow(Region Region, long Talents, long Enterprises, long Positions);

    public sealed record Summary(Region Root, IReadOnlyList<RegionRow> Rows, long Talents, long Enterprises, long Positions, long UrgentPositions);

    /// <summary>The platform's home region (丽水市 by default).</summary>
    public string HomeRegion => configuration["Platform:RegionCode"] ?? "3311";

    public async Task<Summary> SummarizeAsync(string? regionCode, CancellationToken ct)
    {
        var root = reference.Regions.Find(regionCode ?? HomeRegion) ?? reference.Regions.Find(HomeRegion)!;
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

        // Both counts are answered from the covering indexes ix_talents_visibility_region and ix_positions_open_region.
        var talents = await CountAsync("talents", "residence_region_code", "AND visibility = 0");
        var enterprises = await CountAsync("enterprises", "region_code");
        var positions = await CountAsync("positions", "region_code", "AND status = 0 AND expires_on >= @today");
        var urgent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM positions WHERE status = 0 AND region_code BETWEEN @lo AND @hi AND expires_on >= @today AND urgent = @urgent",
            new { range.lo, range.hi, range.today, urgent = true }, cancellationToken: ct));
        var rows = children
            .Select(c => new RegionRow(c, talents.GetValueOrDefault(c.Code), enterprises.GetValueOrDefault(c.Code), positions.GetValueOrDefault(c.Code)))
            .ToList();
        return new Summary(root, rows, talents.Values.Sum(), enterprises.Values.Sum(), positions.Values.Sum(), urgent);
    }
}
