using TalentBridge.Domain.Matching.Evaluation;

namespace TalentBridge.Domain.Tests.Matching.Evaluation;

public class RankingMetricsTests
{
    private const long A = 1, B = 2, C = 3, D = 4, X = 90, Y = 91;

    private static Dictionary<long, int> Judged(params (long Item, int Grade)[] grades) => grades.ToDictionary(g => g.Item, g => g.Grade);

    [Fact]
    public void Ndcg_uses_linear_graded_gains_and_a_log2_discount()
    {
        var relevance = Judged((A, 3), (B, 2), (C, 1));
        // DCG: C (1) at rank 1, A (3) at rank 2, X (0) at rank 3, B (2) at rank 4.
        var dcg = (1 / Math.Log2(2)) + (3 / Math.Log2(3)) + (2 / Math.Log2(5));
        // Ideal: 3, 2, 1.
        var ideal = (3 / Math.Log2(2)) + (2 / Math.Log2(3)) + (1 / Math.Log2(4));
        var ndcg = RankingMetrics.Ndcg([C, A, X, B], relevance, 10);
        Assert.Equal(dcg / ideal, ndcg!.Value, 12);
        Assert.Equal(0.788377, ndcg.Value, 6);
    }

    [Fact]
    public void Ndcg_is_one_for_the_ideal_order_and_ties_may_come_in_any_order()
    {
        var relevance = Judged((A, 3), (B, 1), (C, 1));
        Assert.Equal(1.0, RankingMetrics.Ndcg([A, B, C], relevance, 10)!.Value, 12);
        Assert.Equal(1.0, RankingMetrics.Ndcg([A, C, B, X], relevance, 10)!.Value, 12);
    }

    [Fact]
    public void Ndcg_cuts_the_ideal_at_k()
    {
        var relevance = Judged((A, 1), (B, 1), (C, 1));
        Assert.Equal(1.0, RankingMetrics.Ndcg([A, B], relevance, 2)!.Value, 12);
        // X, A against the ideal 1, 1: (1/log2 3) / (1 + 1/log2 3).
        Assert.Equal(0.386853, RankingMetrics.Ndcg([X, A, B], relevance, 2)!.Value, 6);
    }

    [Fact]
    public void Ndcg_with_k_larger_than_the_ranking_scores_the_ranking_as_it_is()
    {
        var relevance = Judged((A, 3), (B, 2));
        // B alone: 2 / (3 + 2/log2 3).
        Assert.Equal(0.469279, RankingMetrics.Ndcg([B], relevance, 10)!.Value, 6);
        Assert.Equal(0.0, RankingMetrics.Ndcg([], relevance, 10)!.Value, 12);
    }

    [Fact]
    public void A_repeated_item_gains_only_once()
    {
        var relevance = Judged((A, 1), (B, 1));
        Assert.Equal(1 / (1 + (1 / Math.Log2(3))), RankingMetrics.Ndcg([A, A], relevance, 2)!.Value, 12);
        Assert.Equal(0.5, RankingMetrics.Recall([A, A], relevance, 2)!.Value, 12);
    }

    [Fact]
    public void Recall_counts_every_relevant_item_whatever_its_grade_over_all_relevant_items()
    {
        var relevance = Judged((A, 3), (B, 1), (C, 1), (D, 1), (Y, 0));
        Assert.Equal(0.25, RankingMetrics.Recall([B, X, C], relevance, 2)!.Value, 12);
        Assert.Equal(0.5, RankingMetrics.Recall([B, X, C], relevance, 3)!.Value, 12);
        // k beyond the ranking, and an item judged 0 does not count.
        Assert.Equal(0.5, RankingMetrics.Recall([B, Y, C], relevance, 20)!.Value, 12);
        Assert.Equal(1.0, RankingMetrics.Recall([D, C, B, A], relevance, 20)!.Value, 12);
        // More relevant items than k: the denominator stays all relevant items.
        Assert.Equal(0.5, RankingMetrics.Recall([A, B, C, D], relevance, 2)!.Value, 12);
    }

    [Fact]
    public void A_query_without_relevant_items_has_no_score()
    {
        Assert.Null(RankingMetrics.Ndcg([A], Judged(), 10));
        Assert.Null(RankingMetrics.Recall([A], Judged(), 20));
        Assert.Null(RankingMetrics.Ndcg([A], Judged((A, 0)), 10));
        Assert.Null(RankingMetrics.Recall([A], Judged((A, 0)), 20));
    }

    [Fact]
    public void Evaluate_averages_over_queries_with_relevant_items_and_counts_the_others_as_skipped()
    {
        var judgments = new Dictionary<long, IReadOnlyDictionary<long, int>>
        {
            [100] = Judged((A, 1)),
            [200] = Judged((B, 2), (C, 1)),
            [300] = Judged((D, 0)),
        };
        var rankings = new Dictionary<long, long[]>
        {
            [100] = [A],
            [200] = [X, C],
        };
        var asked = new List<(long Query, int Take)>();
        var scores = RankingMetrics.Evaluate([100, 200, 300, 400], judgments, (query, take) =>
        {
            asked.Add((query, take));
            return rankings[query];
        });

        // Query 200: DCG = 1/log2 3, ideal = 2 + 1/log2 3; recall 1/2.
        var ndcg200 = (1 / Math.Log2(3)) / (2 + (1 / Math.Log2(3)));
        Assert.Equal((1 + ndcg200) / 2, scores.NdcgAt10, 12);
        Assert.Equal((1 + 0.5) / 2, scores.RecallAt20, 12);
        Assert.Equal(2, scores.QueriesEvaluated);
        Assert.Equal(2, scores.QueriesSkipped);
        Assert.Equal([(100L, 20), (200L, 20)], asked);
    }

    [Fact]
    public void Evaluate_with_no_evaluable_query_reports_zeros()
    {
        var scores = RankingMetrics.Evaluate([1, 2], new Dictionary<long, IReadOnlyDictionary<long, int>>(), (_, _) => throw new InvalidOperationException("not called"));
        Assert.Equal(new RankingScores(0, 0, 0, 2), scores);
    }
}
