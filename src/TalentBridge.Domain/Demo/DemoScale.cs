namespace TalentBridge.Domain.Demo;

/// <summary>How much demo data to generate and for which region (a city or a province).</summary>
public sealed record DemoScale(string Name, string RegionCode, int Talents, int Enterprises, int Positions)
{
    /// <summary>丽水市: 20,000 talents, 2,000 enterprises, 6,000 positions.</summary>
    public static DemoScale Lishui { get; } = new("lishui", "3311", 20_000, 2_000, 6_000);

    /// <summary>浙江省, roughly the size of the provincial market (seed 003).</summary>
    public static DemoScale Province { get; } = new("province", "33", 1_500_000, 150_000, 1_200_000);

    /// <summary>丽水市 at a tenth of <see cref="Lishui"/>, for tests.</summary>
    public static DemoScale Small { get; } = new("small", "3311", 2_000, 200, 600);

    /// <summary>"lishui", "province" or "small" (case-insensitive); null for anything else.</summary>
    public static DemoScale? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "LISHUI" => Lishui,
        "PROVINCE" => Province,
        "SMALL" => Small,
        _ => null,
    };
}
