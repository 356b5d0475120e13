namespace TalentBridge.Domain.Reference;

/// <summary>All national classifications the platform uses, loaded once from the embedded copies.</summary>
public sealed class ReferenceData
{
    private ReferenceData(RegionCatalogue regions, OccupationCatalogue occupations, IndustryCatalogue industries)
    {
        Regions = regions;
        Occupations = occupations;
        Industries = industries;
    }

    public RegionCatalogue Regions { get; }
    public OccupationCatalogue Occupations { get; }
    public IndustryCatalogue Industries { get; }

    /// <summary>Parses the embedded CSV files. Takes well under a second; hosts keep one instance.</summary>
    public static ReferenceData Load() =>
        new(RegionCatalogue.Load(), OccupationCatalogue.Load(), IndustryCatalogue.Load());
}
