namespace TalentBridge.Domain.Demo;

/// <summary>How much demo data to generate and for which region (a city or a province).</summary>
/// <remarks>
/// <see cref="Positions"/> are the positions of the last 90 days (most still open); <see cref="HistoricPositionsPerMonth"/>
/// closed positions per month (before seasonality) fill the 21 months before them, with their applications and agreements
/// (<see cref="DemoDataGenerator.History"/>).
/// </remarks>
public sealed record DemoScale(string Name, string RegionCode, int Talents, int Enterprises, int Positions)
{
    /// <summary>丽水市: 20,000 talents, 2,000 enterprises, 6,000 positions and about 42,000 historic ones.</summary>
    public static DemoScale Lishui { get; } = new("lishui", "3311", 20_000, 2_000, 6_000) { HistoricPositionsPerMonth = 2_000 };

    /// <summary>
    /// 浙江省, roughly the size of the provincial market (seed 003): 1.2M positions of the last 90 days and about 1.3M
    /// historic ones (a twentieth of the current rate per month, so that the province stays within reach of one machine).
    /// </summary>
    public static DemoScale Province { get; } = new("province", "33", 1_500_000, 150_000, 1_200_000) { HistoricPositionsPerMonth = 60_000 };

    /// <summary>丽水市 at a tenth of <see cref="Lishui"/>, for tests.</summary>
    public static DemoScale Small { get; } = new("small", "3311", 2_000, 200, 600) { HistoricPositionsPerMonth = 200 };

    /// <summary>Closed positions posted per month before the last 90 days, before the seasonal weights; 0: no history.</summary>
    public int HistoricPositionsPerMonth { get; init; }

    /// <summary>"lishui", "province" or "small" (case-insensitive); null for anything else.</summary>
    public static DemoScale? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "LISHUI" => Lishui,
        "PROVINCE" => Province,
        "SMALL" => Small,
        _ => null,
    };
}
