using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

/// <summary>One loaded copy of the reference data shared by all tests.</summary>
internal static class Reference
{
    private static readonly Lazy<ReferenceData> Data = new(ReferenceData.Load);

    public static ReferenceData All => Data.Value;

    public static RegionCatalogue Regions => Data.Value.Regions;

    public static OccupationCatalogue Occupations => Data.Value.Occupations;

    public static IndustryCatalogue Industries => Data.Value.Industries;
}
