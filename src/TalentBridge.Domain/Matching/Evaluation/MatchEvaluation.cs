using System.Globalization;
using System.Text;
using TalentBridge.Domain.Demo;

namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>The scores of one ranker in both directions.</summary>
/// <param name="TalentsForPosition">Queries are positions, candidates talents, judgments the talents relevant to each position.</param>
/// <param name="PositionsForTalent">Queries are talents, candidates positions, judgments the positions relevant to each talent.</param>
public sealed record MatchScores(RankingScores TalentsForPosition, RankingScores PositionsForTalent);

/// <summary>An engine's scores beside two baselines computed on the same set.</summary>
/// <param name="Engine">The rankers passed to <see cref="MatchEvaluation.Run"/>.</param>
/// <param name="Random">Every candidate in a seeded random order.</param>
/// <param name="Naive">Candidates with the query's occupation code first, the rest after, each part in a seeded random order.</param>
public sealed record MatchEvaluationReport(MatchScores Engine, MatchScores Random, MatchScores Naive)
{
    /// <summary>A plain-text table: one line per ranker and direction.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine("ranker  direction             NDCG@10  Recall@20  queries  skipped");
        Line(text, "engine", Engine);
        Line(text, "random", Random);
        Line(text, "naive", Naive);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, MatchScores scores)
    {
        Row(text, name, "talents-for-position", scores.TalentsForPosition);
        Row(text, name, "positions-for-talent", scores.PositionsForTalent);
    }

    private static void Row(StringBuilder text, string name, string direction, RankingScores s) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-7} {direction,-21} {s.NdcgAt10,7:0.0000}  {s.RecallAt20,9:0.0000}  {s.QueriesEvaluated,7}  {s.QueriesSkipped,7}");
}

/// <summary>
/// Offline evaluation of matching: scores an engine's two rankings against the relevance judgments of a
/// <see cref="MatchEvaluationSet"/> (see <see cref="RankingMetrics"/>) and, for comparison, two baselines
/// computed here. Every position is a query of the talents-for-position direction, every talent a query
/// of the other; queries without a relevant item are skipped. Each ranker is asked for
/// <see cref="RankingMetrics.Depth"/> ids per query, best first; ids that are not candidates of the set
/// simply count as not relevant.
/// </summary>
public static class MatchEvaluation
{
    /// <summary>The seed of the baselines' random orders, fixed so that reports can be compared.</summary>
    public const int BaselineSeed = 20_260_315;

    private const ulong RandomTalentsStream = 0xBA5E_0001;
    private const ulong RandomPositionsStream = 0xBA5E_0002;
    private const ulong NaiveTalentsStream = 0xBA5E_0003;
    private const ulong NaivePositionsStream = 0xBA5E_0004;

    /// <summary>Scores the engine's rankings and the two baselines on <paramref name="set"/>.</summary>
    /// <param name="set">The talents, positions and judgments.</param>
    /// <param name="talentsForPosition">(position id, how many) → talent ids, best first.</param>
    /// <param name="positionsForTalent">(talent id, how many) → position ids, best first.</param>
    public static MatchEvaluationReport Run(
        MatchEvaluationSet set,
        Func<long, int, IReadOnlyList<long>> talentsForPosition,
        Func<long, int, IReadOnlyList<long>> positionsForTalent)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(talentsForPosition);
        ArgumentNullException.ThrowIfNull(positionsForTalent);

        var engine = Score(set, talentsForPosition, positionsForTalent);
        var baselines = new Baselines(set);
        var random = Score(set, baselines.RandomTalents, baselines.RandomPositions);
        var naive = Score(set, baselines.NaiveTalents, baselines.NaivePositions);
        return new MatchEvaluationReport(engine, random, naive);
    }

    private static MatchScores Score(
        MatchEvaluationSet set,
        Func<long, int, IReadOnlyList<long>> talentsForPosition,
        Func<long, int, IReadOnlyList<long>> positionsForTalent) =>
        new(
            RankingMetrics.Evaluate(set.Positions.Select(p => p.Id), set.Judgments.TalentsByPosition, talentsForPosition),
            RankingMetrics.Evaluate(set.Talents.Select(t => t.Id), set.Judgments.PositionsByTalent, positionsForTalent));

    /// <summary>The random and naive rankers of a set; the order for a query depends only on the seed and the query id.</summary>
    private sealed class Baselines
    {
        private readonly long[] _talentIds;
        private readonly long[] _positionIds;
        private readonly Dictionary<long, string> _positionCode;
        private readonly Dictionary<long, string[]> _talentCodes;
        private readonly Dictionary<string, long[]> _talentsByCode;
        private readonly Dictionary<string, long[]> _positionsByCode;

        public Baselines(MatchEvaluationSet set)
        {
            _talentIds = [.. set.Talents.Select(t => t.Id)];
            _positionIds = [.. set.Positions.Select(p => p.Id)];
            _positionCode = set.Positions.ToDictionary(p => p.Id, p => p.OccupationCode);
            _talentCodes = set.Talents.ToDictionary(t => t.Id, t => t.Occupations.Select(o => o.Code).Distinct(StringComparer.Ordinal).ToArray());
            _talentsByCode = set.Talents
                .SelectMany(t => t.Occupations.Select(o => (o.Code, t.Id)))
                .GroupBy(x => x.Code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().ToArray(), StringComparer.Ordinal);
            _positionsByCode = set.Positions
                .GroupBy(p => p.OccupationCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToArray(), StringComparer.Ordinal);
        }

        public List<long> RandomTalents(long positionId, int take)
        {
            var rng = new DemoRandom(BaselineSeed, RandomTalentsStream, positionId);
            return Shuffled(_talentIds, take, ref rng);
        }

        public List<long> RandomPositions(long talentId, int take)
        {
            var rng = new DemoRandom(BaselineSeed, RandomPositionsStream, talentId);
            return Shuffled(_positionIds, take, ref rng);
        }

        public List<long> NaiveTalents(long positionId, int take)
        {
            var first = _positionCode.TryGetValue(positionId, out var code) && _talentsByCode.TryGetValue(code, out var ids) ? ids : [];
            var rng = new DemoRandom(BaselineSeed, NaiveTalentsStream, positionId);
            return FirstThenRest(first, _talentIds, take, ref rng);
        }

        public List<long> NaivePositions(long talentId, int take)
        {
            var first = _talentCodes.TryGetValue(talentId, out var codes)
                ? codes.SelectMany(c => _positionsByCode.GetValueOrDefault(c, [])).Distinct().Order().ToArray()
                : [];
            var rng = new DemoRandom(BaselineSeed, NaivePositionsStream, talentId);
            return FirstThenRest(first, _positionIds, take, ref rng);
        }

        private static List<long> FirstThenRest(long[] first, long[] all, int take, ref DemoRandom rng)
        {
            var result = Shuffled(first, take, ref rng);
            if (result.Count < take)
            {
                var chosen = new HashSet<long>(first);
                var rest = all.Where(id => !chosen.Contains(id)).ToArray();
                result.AddRange(Shuffled(rest, take - result.Count, ref rng));
            }
            return result;
        }

        /// <summary>The first <paramref name="take"/> of a random permutation (partial Fisher–Yates).</summary>
        private static List<long> Shuffled(long[] items, int take, ref DemoRandom rng)
        {
            var order = (long[])items.Clone();
            var count = Math.Min(take, order.Length);
            for (var i = 0; i < count; i++)
            {
                var j = i + rng.Next(order.Length - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            return [.. order.AsSpan(0, count)];
        }
    }
}
