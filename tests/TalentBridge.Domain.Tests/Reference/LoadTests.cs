using System.Diagnostics;
using System.Globalization;
using TalentBridge.Domain.Reference;
using Xunit.Abstractions;

namespace TalentBridge.Domain.Tests.Reference;

public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public void Loading_all_catalogues_takes_well_under_a_second()
    {
        _ = Reference.Regions; // the shared copy: code is jitted
        var stopwatch = Stopwatch.StartNew();
        var data = ReferenceData.Load();
        stopwatch.Stop();

        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "ReferenceData.Load(): {0} ms", stopwatch.ElapsedMilliseconds));
        Assert.NotSame(Reference.Regions, data.Regions);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"Load took {stopwatch.ElapsedMilliseconds} ms.");
    }
}
