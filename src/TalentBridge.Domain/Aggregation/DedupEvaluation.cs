using System.Diagnostics;
namespace TalentBridge.Domain.Aggregation;

/// <summary>Pairwise quality of a clustering: over all record pairs put together by the prediction and by the truth.</summary>
public sealed record DedupScore(double Precision, double Recall, double F1, long TruePairs, long PredictedPairs, long CorrectPairs);

/// <summary>One measured clustering run over generated records with known duplicates.</summary>
public sealed record DedupRun(DedupScore Score, int Records, int Clusters, TimeSpan Generating, TimeSpan Clustering)
{
    public double RecordsPerSecond => Records / Math.Max(Clustering.TotalSeconds, 1e-9);
}

public static class DedupEvaluation
{
    /// <summary>Clusters a generated posting set (10% duplicates over 3 sources) and scores it against the known positions.</summary>
    public static DedupRun RunPostings(int count, int seed)
    {
        var dedup = new PostingDeduplicator();
        return Run(() => new DuplicateSetGenerator(seed).Postings(count).Select(d => (d.Posting, d.TrueCluster)).ToList(),
            p => dedup.Add(p).ClusterId, () => dedup.ClusterCount);
    }

    /// <summary>Clusters a generated talent set (10% duplicates over 3 sources) and scores it against the known people.</summary>
    public static DedupRun RunTalents(int count, int seed)
    {
        var dedup = new TalentDeduplicator();
        return Run(() => new DuplicateSetGenerator(seed).Talents(count).Select(d => (d.Talent, d.TrueCluster)).ToList(),
            t => dedup.Add(t).ClusterId, () => dedup.ClusterCount);
    }

    private static DedupRun Run<T>(Func<List<(T Record, long TrueCluster)>> generate, Func<T, long> add, Func<int> clusters)
    {
        var clock = Stopwatch.StartNew();
        var data = generate();
        var generating = clock.Elapsed;
        clock.Restart();
        var predicted = new long[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            predicted[i] = add(data[i].Record);
        }
        var clustering = clock.Elapsed;
        return new DedupRun(Score(predicted, [.. data.Select(d => d.TrueCluster)]), data.Count, clusters(), generating, clustering);
    }

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
