using System.Text.Json.Serialization;
using Dapper;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// One row of a shortage catalogue: an occupation (细类 "2-02-10-03" or 小类 "2-02-10") in a region over a period, with
/// the index's inputs — headcount sought D, applications S, agreements, fill rate, applications per person sought, wage
/// growth against the same period a year earlier — and what <see cref="ShortageIndex.Assess{TKey}"/> made of them:
/// the index (60–100, null with too few people sought), stars, the shortage flag and driver. <see cref="Included"/>,
/// <see cref="Stars"/>, <see cref="Driver"/> and <see cref="Note"/> may be changed by an operator in a draft.
/// </summary>
public sealed record ShortageRow(
    string OccupationCode, string RegionCode, int HeadcountSought, int Applications, int Agreements, double FillRate, double ApplicationsPerPerson,
    double? WageGrowth, double? Index, int? Stars, bool Shortage,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShortageDriver>))] ShortageDriver Driver,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ShortageExclusion>))] ShortageExclusion Excluded, bool Included, string? Note = null) : IPublicationRow
{
    public bool IsGroup => OccupationCode.Length == WagePrices.GroupCodeLength;
}

/// <summary>A computed shortage table of a region (and of its child regions when asked) for a period.</summary>
public sealed record ShortageTable(string RegionCode, string Period, IReadOnlyList<ShortageRow> Rows);

/// <summary>
/// The shortage index and catalogue (issue 13, item 3; docs/shortage-index.md), computed on read from
/// <c>analytics_cells</c> or its county roll-up (ADR 0016): D = headcount sought, S = applications and the agreements of the period's
/// months, per occupation (细类 and 小类) in the region, and with <c>children</c> in each child region too. Each
/// comparison — one region, one level of the occupation hierarchy — is rescaled on its own. Wage growth comes from the
/// published medians of the wage-price cells of this period and of the same period a year earlier.
/// </summary>
public sealed class ShortageCatalogues(Database db, WagePrices wages)
{
    public async Task<WriteResult<ShortageTable>> ComputeAsync(Caller caller, string? region, string? period, bool children, CancellationToken ct)
    {
        var (code, p, refusal) = wages.Request<ShortageTable>(caller, region, period);
        return refusal ?? WriteResult.Ok(new ShortageTable(code, p.Text, await RowsAsync(code, p, children, ct)));
    }

    /// <summary>The rows of the region (and of its children), by region, then 小类 before 细类, then code.</summary>
    internal async Task<IReadOnlyList<ShortageRow>> RowsAsync(string region, AnalyticsPeriod period, bool children, CancellationToken ct)
    {
        // Children of a county are its townships (the facts' finest level); of a township there are none.
        var childLength = children && region.Length < 9 ? region.Length == 6 ? 9 : region.Length + 2 : (int?)null;
        var (lo, hi) = RegionCatalogue.SubtreeRange(region);
        var sums = new Dictionary<(string Occupation, string Region), (int D, int S, int A)>();
        void Add(string occupation, string code, int d, int s, int a)
        {
            var x = sums.GetValueOrDefault((occupation, code));
            sums[(occupation, code)] = (x.D + d, x.S + s, x.A + a);
        }
        await using (var c = await db.OpenAsync(ct))
        {
            // The prefix length is a constant of ours (2–9), not input: written into the SQL so that both engines group by the same expression.
            var prefix = childLength ?? region.Length;
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT occupation_code, substr(region_code, 1, {prefix}), sum(headcount_sought), sum(applications), sum(agreements) " +
                $"FROM {AnalyticsRefresh.CellsTable(prefix)} WHERE {ListSql.InList(db, "period", "months")} AND region_code BETWEEN @lo AND @hi AND occupation_code <> '' " +
                $"GROUP BY occupation_code, substr(region_code, 1, {prefix})",
                new { months = period.Months.ToArray(), lo, hi }, cancellationToken: ct));
            while (await r.ReadAsync(ct))
            {
                var occupation = r.GetString(0);
                int d = r.Int(2), s = r.Int(3), a = r.Int(4);
                var group = occupation.Length > WagePrices.GroupCodeLength ? occupation[..WagePrices.GroupCodeLength] : null;
                var codes = new List<string> { region };
                if (childLength is not null && RegionCatalogue.Significant(r.GetString(1)) is { } child && child.Length == childLength)
                {
                    codes.Add(child);
                }
                foreach (var code in codes)
                {
                    Add(occupation, code, d, s, a);
                    if (group is not null)
                    {
                        Add(group, code, d, s, a);
                    }
                }
            }
        }
        var growth = await WageGrowthAsync(region, period, ct);
        var rows = new List<ShortageRow>(sums.Count);
        foreach (var comparison in sums.GroupBy(x => (x.Key.Region, Group: x.Key.Occupation.Length == WagePrices.GroupCodeLength))
                     .OrderBy(g => g.Key.Region.Length).ThenBy(g => g.Key.Region, StringComparer.Ordinal).ThenByDescending(g => g.Key.Group))
        {
            var inputs = comparison.OrderBy(x => x.Key.Occupation, StringComparer.Ordinal)
                .Select(x => new ShortageInput<(string Occupation, string Region)>(x.Key, x.Value.D, x.Value.S, x.Value.A, growth.GetValueOrDefault(x.Key)))
                .ToList();
            rows.AddRange(ShortageIndex.Assess(inputs, ShortageRules.Default).Select(a => new ShortageRow(
                a.Input.Key.Occupation, a.Input.Key.Region, a.Input.HeadcountSought, a.Input.Applications, a.Input.Agreements, a.FillRate,
                a.ApplicationsPerPerson, a.Input.WageGrowth, a.Index, a.Stars, a.Shortage, a.Driver, a.Excluded, a.Shortage)));
        }
        return rows;
    }

    /// <summary>Wage growth per published cell: this period's median against the same period a year earlier.</summary>
    private async Task<Dictionary<(string, string), double?>> WageGrowthAsync(string region, AnalyticsPeriod period, CancellationToken ct)
    {
        static Dictionary<(string, string), long?> Medians(IEnumerable<WagePriceRow> cells) =>
            cells.Where(c => c.IsPublished).ToDictionary(c => (c.OccupationCode, c.RegionCode), c => c.P50);
        var now = Medians(await wages.CellsAsync(region, period, ct));
        var before = Medians(await wages.CellsAsync(region, period.YearBefore, ct));
        return now.ToDictionary(x => x.Key, x => ShortageIndex.WageGrowth(x.Value, before.GetValueOrDefault(x.Key)));
    }
}
