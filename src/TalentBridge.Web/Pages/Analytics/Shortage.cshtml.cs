using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>/analytics/shortage: the shortage index per occupation of a region and period with its inputs, the drafts, a new draft.</summary>
public sealed class ShortageModel(ShortageCatalogues catalogues, Publications publications, WagePrices wages, Dashboard home, TimeProvider time)
    : AnalyticsTablePage<ShortageRow>(publications, wages, home, time)
{
    protected override PublicationKind Kind => PublicationKind.Shortage;

    public override IReadOnlyDictionary<string, Func<ShortageRow, IComparable?>> SortKeys { get; } = new Dictionary<string, Func<ShortageRow, IComparable?>>
    {
        ["index"] = r => r.Index ?? -1,
        ["occupation"] = r => r.OccupationCode,
        ["headcountSought"] = r => r.HeadcountSought,
        ["applications"] = r => r.Applications,
        ["fillRate"] = r => r.FillRate,
        ["wageGrowth"] = r => r.WageGrowth ?? double.MinValue,
    };

    protected override async Task<WriteResult<IReadOnlyList<ShortageRow>>> ComputeAsync(Caller caller, string? region, string period, CancellationToken ct)
    {
        var result = await catalogues.ComputeAsync(caller, region, period, children: false, ct);
        return new WriteResult<IReadOnlyList<ShortageRow>>(result.Status, result.Value?.Rows, result.Errors);
    }
}
