using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>/analytics/wages: the wage prices of a region (and its counties) for a period, hidden cells marked, the drafts, a new draft.</summary>
public sealed class WagesModel(Publications publications, WagePrices wages, Dashboard home, TimeProvider time)
    : AnalyticsTablePage<WagePriceRow>(publications, wages, home, time)
{
    private readonly WagePrices _wages = wages;

    protected override PublicationKind Kind => PublicationKind.Wages;

    public override IReadOnlyDictionary<string, Func<WagePriceRow, IComparable?>> SortKeys { get; } = new Dictionary<string, Func<WagePriceRow, IComparable?>>
    {
        ["occupation"] = r => r.OccupationCode,
        ["region"] = r => r.RegionCode,
        ["observations"] = r => r.Observations ?? -1,
        ["p50"] = r => r.P50 ?? -1,
        ["mean"] = r => r.Mean ?? -1,
        ["p50Change"] = r => r.P50Change ?? double.MinValue,
    };

    protected override async Task<WriteResult<IReadOnlyList<WagePriceRow>>> ComputeAsync(Caller caller, string? region, string period, CancellationToken ct)
    {
        var result = await _wages.ComputeAsync(caller, region, period, ct);
        return new WriteResult<IReadOnlyList<WagePriceRow>>(result.Status, result.Value?.Rows, result.Errors);
    }
}
