namespace TalentBridge.Domain.Aggregation;

/// <summary>Pairwise quality of a clustering: over all record pairs put together by the prediction and by the truth.</summary>
public sealed record DedupScore(double Precision, double Recall, double F1, long TruePairs, long PredictedPairs, long CorrectPairs);

public static class DedupEvaluation
{
    /// <summary>
    /// Pairwise precision (correct / predicted pairs), recall (correct / true pairs) and F1, computed from
    /// cluster-size contingency counts in O(n). With no pairs on a side, that side's measure is 1.
    /// </summary>
    public static DedupScore Score(IReadOnlyList<long> predictedClusters, IReadOnlyList<long> trueClusters)
    {
        ArgumentNullException.ThrowIfNull(predictedClusters);
        ArgumentNullException.ThrowIfNull(trueClusters);
        if (predictedClusters.Count != trueClusters.Count)
        {
            throw new ArgumentException("Both lists need one cluster per record.", nameof(trueClusters));
        }
        var predicted = new Dictionary<long, long>();
        var truth = new Dictionary<long, long>();
        var both = new Dictionary<(long, long), long>();
        for (var i = 0; i < predictedClusters.Count; i++)
        {
            Increment(predicted, predictedClusters[i]);
            Increment(truth, trueClusters[i]);
            Increment(both, (predictedClusters[i], trueClusters[i]));
        }
        var predictedPairs = Pairs(predicted.Values);
        var truePairs = Pairs(truth.Values);
        var correctPairs = Pairs(both.Values);
        var precision = predictedPairs == 0 ? 1 : (double)correctPairs / predictedPairs;
        var recall = truePairs == 0 ? 1 : (double)correctPairs / truePairs;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DedupScore(precision, recall, f1, truePairs, predictedPairs, correctPairs);
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count++;
    }

    private static long Pairs(IEnumerable<long> sizes) => sizes.Sum(n => n * (n - 1) / 2);
}
