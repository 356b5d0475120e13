namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>
/// Ranking quality averaged over the queries that have at least one relevant item.
/// </summary>
/// <param name="NdcgAt10">Mean NDCG@10 (0 when no query was evaluated).</param>
/// <param name="RecallAt20">Mean Recall@20 (0 when no query was evaluated).</param>
/// <param name="QueriesEvaluated">Queries with at least one relevant item: these are averaged.</param>
/// <param name="QueriesSkipped">Queries without any relevant item: left out of the averages.</param>
public sealed record RankingScores(double NdcgAt10, double RecallAt20, int QueriesEvaluated, int QueriesSkipped);

/// <summary>
/// NDCG@k and Recall@k for rankings judged with graded relevance (0 = not relevant, higher = more relevant).
/// <list type="bullet">
/// <item>NDCG@k: DCG = Σ over ranks i = 1..k of gain(item at i) / log2(i + 1), with the linear gain
/// gain = relevance (the Järvelin–Kekäläinen form that trec_eval uses); the ideal DCG sorts all the
/// query's judged relevant items by relevance, highest first, and sums their first k the same way.</item>
/// <item>Recall@k: the share of the query's relevant items (relevance &gt; 0) that appear in the first k
/// ranks, whatever their grade; the denominator is all relevant items, even when there are more than k.</item>
/// </list>
/// A ranking shorter than k is scored as it is (the missing ranks gain nothing). An item that appears
/// more than once gains only at its first rank; later copies occupy their rank and gain nothing. Ids that
/// are not judged are not relevant. A query without relevant items has no score and is skipped.
/// </summary>
public static class RankingMetrics
{
    /// <summary>The cut-off of the NDCG in <see cref="RankingScores"/>.</summary>
    public const int NdcgDepth = 10;

    /// <summary>The cut-off of the recall in <see cref="RankingScores"/>.</summary>
    public const int RecallDepth = 20;

    /// <summary>How many items <see cref="Evaluate"/> asks each ranking for: the larger cut-off.</summary>
    public const int Depth = RecallDepth > NdcgDepth ? RecallDepth : NdcgDepth;

    /// <summary>NDCG@<paramref name="k"/> of one ranking, or null when <paramref name="relevance"/> has no relevant item.</summary>
    public static double? Ndcg(IReadOnlyList<long> ranking, IReadOnlyDictionary<long, int> relevance, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var ideal = relevance.Values.Where(r => r > 0).OrderByDescending(r => r).Take(k).ToList();
        if (ideal.Count == 0)
        {
            return null;
        }
        var idealDcg = 0.0;
        for (var i = 0; i < ideal.Count; i++)
        {
            idealDcg += ideal[i] / Math.Log2(i + 2);
        }

        var dcg = 0.0;
        var seen = new HashSet<long>();
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            var item = ranking[i];
            if (seen.Add(item) && relevance.TryGetValue(item, out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(i + 2);
            }
        }
        return dcg / idealDcg;
    }

    /// <summary>Recall@<paramref name="k"/> of one ranking, or null when <paramref name="relevance"/> has no relevant item.</summary>
    public static double? Recall(IReadOnlyList<long> ranking, IReadOnlyDictionary<long, int> relevance, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(relevance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var relevant = relevance.Count(p => p.Value > 0);
        if (relevant == 0)
        {
            return null;
        }
        var found = new HashSet<long>();
        var depth = Math.Min(k, ranking.Count);
        for (var i = 0; i < depth; i++)
        {
            if (relevance.TryGetValue(ranking[i], out var grade) && grade > 0)
            {
                found.Add(ranking[i]);
            }
        }
        return (double)found.Count / relevant;
    }

    /// <summary>
    /// Scores <paramref name="rank"/> on every query: a query whose judgments hold a relevant item is asked
    /// for its first <see cref="Depth"/> items and scored with NDCG@<see cref="NdcgDepth"/> and
    /// Recall@<see cref="RecallDepth"/>; any other query is counted as skipped and <paramref name="rank"/> is
    /// not called for it. The scores are plain means over the evaluated queries.
    /// </summary>
    /// <param name="queries">The query ids; each is evaluated once even when listed twice.</param>
    /// <param name="judgments">Per query, the judged items and their relevance; a missing query has none.</param>
    /// <param name="rank">The ranking under test: (query id, how many) → item ids, best first.</param>
    public static RankingScores Evaluate(
        IEnumerable<long> queries,
        IReadOnlyDictionary<long, IReadOnlyDictionary<long, int>> judgments,
        Func<long, int, IReadOnlyList<long>> rank)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentNullException.ThrowIfNull(rank);

        var evaluated = 0;
        var skipped = 0;
        var ndcgSum = 0.0;
        var recallSum = 0.0;
        foreach (var query in queries.Distinct())
        {
            if (!judgments.TryGetValue(query, out var relevance) || !relevance.Values.Any(r => r > 0))
            {
                skipped++;
                continue;
            }
            var ranking = rank(query, Depth) ?? [];
            ndcgSum += Ndcg(ranking, relevance, NdcgDepth)!.Value;
            recallSum += Recall(ranking, relevance, RecallDepth)!.Value;
            evaluated++;
        }
        return evaluated == 0
            ? new RankingScores(0, 0, 0, skipped)
            : new RankingScores(ndcgSum / evaluated, recallSum / evaluated, evaluated, skipped);
    }
}
