using System.Globalization;
using TalentBridge.Domain.Aggregation;
using Xunit.Abstractions;

namespace TalentBridge.Domain.Tests.Aggregation;

public class DedupQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Postings_reach_the_precision_and_recall_floors_on_20000_generated_records()
    {
        var score = DedupEvaluation.RunPostings(20_000, seed: 7).Score;
        output.WriteLine(Describe("postings 20k", score));
        Assert.True(score.Precision >= 0.98, Describe("postings", score));
        Assert.True(score.Recall >= 0.95, Describe("postings", score));
    }

    [Fact]
    public void Talents_reach_the_precision_and_recall_floors_on_20000_generated_records()
    {
        var score = DedupEvaluation.RunTalents(20_000, seed: 7).Score;
        output.WriteLine(Describe("talents 20k", score));
        Assert.True(score.Precision >= 0.98, Describe("talents", score));
        Assert.True(score.Recall >= 0.95, Describe("talents", score));
    }

    private static string Describe(string what, DedupScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: precision {s.Precision:0.0000}, recall {s.Recall:0.0000}, F1 {s.F1:0.0000} (true pairs {s.TruePairs}, predicted {s.PredictedPairs}, correct {s.CorrectPairs})");
}
