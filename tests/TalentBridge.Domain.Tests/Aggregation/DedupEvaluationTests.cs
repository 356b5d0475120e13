using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Domain.Tests.Aggregation;

public class DedupEvaluationTests
{
    [Fact]
    public void Pairwise_scores_match_a_hand_count()
    {
        // Truth: {0,1,2} {3,4} {5}     → 3 + 1 = 4 true pairs.
        // Prediction: {0,1} {2,3,4} {5} → 1 + 3 = 4 predicted pairs; correct: (0,1) and (3,4) = 2.
        long[] truth = [1, 1, 1, 2, 2, 3];
        long[] predicted = [7, 7, 8, 8, 8, 9];
        var score = DedupEvaluation.Score(predicted, truth);
        Assert.Equal(4, score.TruePairs);
        Assert.Equal(4, score.PredictedPairs);
        Assert.Equal(2, score.CorrectPairs);
        Assert.Equal(0.5, score.Precision, 10);
        Assert.Equal(0.5, score.Recall, 10);
        Assert.Equal(0.5, score.F1, 10);
    }

    [Fact]
    public void Perfect_clustering_scores_one_whatever_the_labels()
    {
        var score = DedupEvaluation.Score([5, 5, 6, 7, 7, 7], [1, 1, 2, 3, 3, 3]);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(4, score.CorrectPairs);
    }

    [Fact]
    public void Everything_in_one_cluster_has_full_recall_and_low_precision()
    {
        var score = DedupEvaluation.Score([1, 1, 1, 1], [1, 1, 2, 3]);
        Assert.Equal(6, score.PredictedPairs);
        Assert.Equal(1, score.CorrectPairs);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(1.0 / 6, score.Precision, 10);
    }
}
