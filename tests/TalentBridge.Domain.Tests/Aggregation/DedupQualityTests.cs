using System.Diagnostics;
using System.Globalization;
using TalentBridge.Domain.Aggregation;
using Xunit.Abstractions;

namespace TalentBridge.Domain.Tests.Aggregation;

public class DedupQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Postings_reach_the_precision_and_recall_floors_on_20000_generated_records()
    {
        var (score, _, _) = RunPostings(20_000, seed: 7);
        output.WriteLine(Describe("postings 20k", score));
        Assert.True(score.Precision >= 0.98, Describe("postings", score));
        Assert.True(score.Recall >= 0.95, Describe("postings", score));
    }

    [Fact]
    public void Talents_reach_the_precision_and_recall_floors_on_20000_generated_records()
    {
        var (score, _, _) = RunTalents(20_000, seed: 7);
        output.WriteLine(Describe("talents 20k", score));
        Assert.True(score.Precision >= 0.98, Describe("talents", score));
        Assert.True(score.Recall >= 0.95, Describe("talents", score));
    }

    /// <summary>
    /// The report at 100k records and the clustering rate on 1M postings. Slow, so it runs only when the
    /// environment variable DEDUP_MEASURE is set:
    /// DEDUP_MEASURE=1 dotnet test tests/TalentBridge.Domain.Tests --filter "FullyQualifiedName~DedupQualityTests.Measurement" --logger "console;verbosity=detailed"
    /// </summary>
    [Fact]
    public void Measurement_report_at_100k_and_1M_runs_when_DEDUP_MEASURE_is_set()
    {
        if (Environment.GetEnvironmentVariable("DEDUP_MEASURE") is null)
        {
            return;
        }
        var (postings, postingSeconds, postingClusters) = RunPostings(100_000, seed: 11);
        output.WriteLine(Describe("postings 100k", postings) + Rate(100_000, postingSeconds, postingClusters));
        var (talents, talentSeconds, talentClusters) = RunTalents(100_000, seed: 11);
        output.WriteLine(Describe("talents 100k", talents) + Rate(100_000, talentSeconds, talentClusters));
        var (million, millionSeconds, millionClusters) = RunPostings(1_000_000, seed: 13);
        output.WriteLine(Describe("postings 1M", million) + Rate(1_000_000, millionSeconds, millionClusters));
    }

    internal static (DedupScore Score, double Seconds, int Clusters) RunPostings(int count, int seed)
    {
        var data = new DuplicateSetGenerator(seed).Postings(count).ToList();
        var dedup = new PostingDeduplicator();
        var predicted = new long[data.Count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < data.Count; i++)
        {
            predicted[i] = dedup.Add(data[i].Posting).ClusterId;
        }
        watch.Stop();
        return (DedupEvaluation.Score(predicted, [.. data.Select(d => d.TrueCluster)]), watch.Elapsed.TotalSeconds, dedup.ClusterCount);
    }

    internal static (DedupScore Score, double Seconds, int Clusters) RunTalents(int count, int seed)
    {
        var data = new DuplicateSetGenerator(seed).Talents(count).ToList();
        var dedup = new TalentDeduplicator();
        var predicted = new long[data.Count];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < data.Count; i++)
        {
            predicted[i] = dedup.Add(data[i].Talent).ClusterId;
        }
        watch.Stop();
        return (DedupEvaluation.Score(predicted, [.. data.Select(d => d.TrueCluster)]), watch.Elapsed.TotalSeconds, dedup.ClusterCount);
    }

    private static string Describe(string what, DedupScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: precision {s.Precision:0.0000}, recall {s.Recall:0.0000}, F1 {s.F1:0.0000} (true pairs {s.TruePairs}, predicted {s.PredictedPairs}, correct {s.CorrectPairs})");

    private static string Rate(int count, double seconds, int clusters) => string.Create(CultureInfo.InvariantCulture,
        $"; {clusters} clusters; {seconds:0.000} s = {count / seconds:0} records/s");
}
