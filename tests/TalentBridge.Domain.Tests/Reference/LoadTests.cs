using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

// Load time is a performance figure, recorded in docs/benchmarks.md, not asserted in a test.
public sealed class LoadTests
{
    [Fact]
    public void Each_load_builds_its_own_complete_catalogues()
    {
        var data = ReferenceData.Load();
        Assert.NotSame(Reference.Regions, data.Regions);
        Assert.Equal(Reference.Regions.Count, data.Regions.Count);
        Assert.Equal(Reference.Occupations.Count, data.Occupations.Count);
        Assert.Equal(Reference.Industries.Count, data.Industries.Count);
        Assert.True(data.Regions.Count > 70_000);
    }
}
