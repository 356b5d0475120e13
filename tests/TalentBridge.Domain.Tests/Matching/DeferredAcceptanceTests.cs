using TalentBridge.Domain.Matching;

namespace TalentBridge.Domain.Tests.Matching;

public sealed class DeferredAcceptanceTests
{
    private const double No = double.NaN;

    /// <summary>A dense score table, scores[position][talent].</summary>
    private static Func<int, int, double> Scores(double[][] scores) => (p, t) => scores[p][t];

    /// <summary>Builds both views of a matching from the position of each talent.</summary>
    private static MatchingResult FromAssignment(int[] positionOfTalent, int positionCount)
    {
        var talents = new List<int>[positionCount];
        for (var p = 0; p < positionCount; p++)
        {
            talents[p] = [];
        }
        for (var t = 0; t < positionOfTalent.Length; t++)
        {
            if (positionOfTalent[t] >= 0)
            {
                talents[positionOfTalent[t]].Add(t);
            }
        }
        return new MatchingResult(positionOfTalent, talents, 0, 0);
    }

    private sealed record Instance(int TalentCount, int[] Capacities, int[][] Lists, double[][] ScoreTable)
    {
        public Func<int, int, double> Score => Scores(ScoreTable);

        public MatchingResult Match() => DeferredAcceptance.Match(TalentCount, Capacities, Lists, Score);

        public string? Invalidity(MatchingResult m) => StableMatchingCheck.FindInvalidity(TalentCount, Capacities, Lists, Score, m);

        public BlockingPair? Blocking(MatchingResult m) => StableMatchingCheck.FindBlockingPair(TalentCount, Capacities, Lists, Score, m);

        public void AssertStable(MatchingResult m)
        {
            Assert.Null(Invalidity(m));
            Assert.Null(Blocking(m));
        }
    }

    // Talents A, B, C = 0, 1, 2; positions X, Y, Z = 0, 1, 2 with one seat each.
    // A: X > Y > Z, B: X > Z > Y, C: Y > X > Z. X: C > A > B, Y: A > B > C, Z: B > A > C.
    // Talent-proposing: A-X, B-Z, C-Y. Position-proposing: A-Y, B-Z, C-X. Both are stable.
    private static readonly Instance Textbook = new(3, [1, 1, 1], [[0, 1, 2], [0, 2, 1], [1, 0, 2]],
        [[2, 1, 3], [3, 2, 1], [2, 3, 1]]);

    [Fact]
    public void Textbook_case_gives_the_talent_optimal_matching_not_the_position_optimal_one()
    {
        var result = Textbook.Match();

        Assert.Equal([0, 2, 1], result.PositionOfTalent);
        Assert.Equal([0], result.TalentsOfPosition[0]);
        Assert.Equal([2], result.TalentsOfPosition[1]);
        Assert.Equal([1], result.TalentsOfPosition[2]);
        Assert.Equal(4, result.Proposals); // A, B, C; then B again after X rejects it
        Assert.Equal(2, result.Rounds);
        Textbook.AssertStable(result);

        var positionOptimal = FromAssignment([1, 2, 0], 3);
        Textbook.AssertStable(positionOptimal);
        Assert.NotEqual(positionOptimal.PositionOfTalent, result.PositionOfTalent);
    }

    [Fact]
    public void Two_by_two_with_crossed_preferences_gives_every_talent_its_first_choice()
    {
        // T0: P0 > P1, T1: P1 > P0; P0 prefers T1, P1 prefers T0.
        var instance = new Instance(2, [1, 1], [[0, 1], [1, 0]], [[1, 2], [2, 1]]);
        var result = instance.Match();

        Assert.Equal([0, 1], result.PositionOfTalent);
        Assert.Equal(1, result.Rounds);
        Assert.Equal(2, result.Proposals);
        instance.AssertStable(FromAssignment([1, 0], 2)); // the position-optimal matching
    }

    [Fact]
    public void A_position_with_two_seats_keeps_its_two_best_proposers_and_displaces_the_worst()
    {
        // X (2 seats): T2 > T1 > T0. Y (1 seat): T1 > T3 > T2.
        // Round 1: T0, T1 -> X (held), T2, T3 -> Y (holds T3, rejects T2). Round 2: T2 -> X displaces T0, whose list ends.
        var instance = new Instance(4, [2, 1], [[0], [0, 1], [1, 0], [1]],
            [[1, 2, 3, No], [No, 5, 1, 2]]);
        var result = instance.Match();

        Assert.Equal([-1, 0, 0, 1], result.PositionOfTalent);
        Assert.Equal([2, 1], result.TalentsOfPosition[0]); // best first
        Assert.Equal([3], result.TalentsOfPosition[1]);
        Assert.Equal(5, result.Proposals);
        Assert.Equal(2, result.Rounds);
        instance.AssertStable(result);
    }

    [Fact]
    public void Equal_scores_go_to_the_lower_talent_index_whatever_the_order_of_proposals()
    {
        // T1 reaches X in round 1; T0 reaches X in round 2 with the same score and takes the seat.
        var instance = new Instance(3, [1, 1], [[1, 0], [0], [1]],
            [[1, 1, No], [1, No, 2]]);
        var result = instance.Match();

        Assert.Equal([0, -1, 1], result.PositionOfTalent);
        Assert.Equal(2, result.Rounds);
        instance.AssertStable(result);
        // Keeping T1 instead would be blocked by (T0, X) under the tie rule.
        Assert.Equal(new BlockingPair(0, 0), instance.Blocking(FromAssignment([-1, 0, 1], 2)));
    }

    [Fact]
    public void Acceptability_is_mutual()
    {
        // X (2 seats) finds T0 unacceptable (NaN) and T1 unacceptable (negative); a zero score is acceptable.
        // Y would take T3 at any price, but T3 does not list Y, and T4 lists nothing.
        var instance = new Instance(5, [2, 1], [[0], [0, 1], [0, 1], [], []],
            [[No, -1, 0, 5, 5], [No, No, No, 100, 100]]);
        var result = instance.Match();

        Assert.Equal([-1, -1, 0, -1, -1], result.PositionOfTalent);
        Assert.Equal([2], result.TalentsOfPosition[0]);
        Assert.Empty(result.TalentsOfPosition[1]);
        Assert.Equal(4, result.Proposals);
        instance.AssertStable(result);
    }

    [Fact]
    public void A_position_with_no_seats_rejects_everyone()
    {
        var instance = new Instance(2, [0, 1], [[0, 1], [0]], [[9, 9], [1, 1]]);
        var result = instance.Match();

        Assert.Equal([1, -1], result.PositionOfTalent);
        Assert.Empty(result.TalentsOfPosition[0]);
        Assert.Equal(3, result.Proposals);
        Assert.Equal(2, result.Rounds);
        instance.AssertStable(result);
    }

    [Fact]
    public void Empty_inputs_give_an_empty_matching()
    {
        var none = DeferredAcceptance.Match(0, [], [], (_, _) => 1);
        Assert.Empty(none.PositionOfTalent);
        Assert.Empty(none.TalentsOfPosition);
        Assert.Equal(0, none.Proposals);
        Assert.Equal(0, none.Rounds);

        var noLists = DeferredAcceptance.Match(3, [2], [[], [], []], (_, _) => 1);
        Assert.Equal([-1, -1, -1], noLists.PositionOfTalent);
        Assert.Equal(0, noLists.Rounds);

        var noPositions = DeferredAcceptance.Match(2, [], [[], []], (_, _) => 1);
        Assert.Equal([-1, -1], noPositions.PositionOfTalent);
    }

    [Fact]
    public void Each_score_is_asked_once_per_proposal()
    {
        var calls = 0;
        var result = DeferredAcceptance.Match(Textbook.TalentCount, Textbook.Capacities, Textbook.Lists, (p, t) =>
        {
            calls++;
            return Textbook.ScoreTable[p][t];
        });
        Assert.Equal(result.Proposals, calls);
    }

    [Fact]
    public void Invalid_inputs_name_the_parameter_and_the_rule()
    {
        static double Any(int p, int t) => 1;

        var negative = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(1, [1, -2], [[0]], Any));
        Assert.Equal("capacities", negative.ParamName);
        Assert.Contains("position 1 is -2", negative.Message, StringComparison.Ordinal);
        Assert.Contains("must not be negative", negative.Message, StringComparison.Ordinal);

        var outOfRange = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(2, [1, 1], [[0], [1, 2]], Any));
        Assert.Equal("talentPreferences", outOfRange.ParamName);
        Assert.Contains("Talent 1 lists position 2", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("must be in 0..1", outOfRange.Message, StringComparison.Ordinal);

        var negativeIndex = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(1, [1], [[-1]], Any));
        Assert.Equal("talentPreferences", negativeIndex.ParamName);

        var duplicate = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(2, [1, 1], [[0], [1, 0, 1]], Any));
        Assert.Equal("talentPreferences", duplicate.ParamName);
        Assert.Contains("Talent 1 lists position 1 more than once", duplicate.Message, StringComparison.Ordinal);

        var mismatched = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(3, [1], [[0], [0]], Any));
        Assert.Equal("talentPreferences", mismatched.ParamName);
        Assert.Contains("2 preference lists for 3 talents", mismatched.Message, StringComparison.Ordinal);

        var nullList = Assert.Throws<ArgumentException>(() => DeferredAcceptance.Match(2, [1], [[0], null!], Any));
        Assert.Equal("talentPreferences", nullList.ParamName);
        Assert.Contains("talent 1 is null", nullList.Message, StringComparison.Ordinal);

        Assert.Equal("talentCount", Assert.Throws<ArgumentOutOfRangeException>(() => DeferredAcceptance.Match(-1, [], [], Any)).ParamName);
        Assert.Equal("positionScore", Assert.Throws<ArgumentNullException>(() => DeferredAcceptance.Match(0, [], [], null!)).ParamName);
    }

    [Fact]
    public void The_checker_finds_the_first_blocking_pair()
    {
        // A-Z, B-X, C-Y: A prefers X to Z and X prefers A to B.
        Assert.Equal(new BlockingPair(0, 0), Textbook.Blocking(FromAssignment([2, 0, 1], 3)));
        // Nobody assigned: A's first choice X has a free seat.
        Assert.Equal(new BlockingPair(0, 0), Textbook.Blocking(FromAssignment([-1, -1, -1], 3)));
        // A-X, C-Y, B unassigned: Z has a free seat and accepts B, but B first asks X, which prefers A; then Z.
        Assert.Equal(new BlockingPair(1, 2), Textbook.Blocking(FromAssignment([0, -1, 1], 3)));
    }

    [Fact]
    public void The_checker_rejects_matchings_that_are_not_assignments()
    {
        var instance = new Instance(3, [1, 2], [[0, 1], [0, 1], [1]], [[1, 2, No], [1, 2, -1]]);

        Assert.Contains("capacity 1", instance.Invalidity(new MatchingResult([0, 0, -1], [[0, 1], []], 0, 0)), StringComparison.Ordinal);
        Assert.Contains("talent 0 is assigned twice", instance.Invalidity(new MatchingResult([0, -1, -1], [[0], [0]], 0, 0)),
            StringComparison.Ordinal);
        Assert.Contains("PositionOfTalent says talent 1", instance.Invalidity(new MatchingResult([0, 1, -1], [[0], []], 0, 0)),
            StringComparison.Ordinal);
        Assert.Contains("not on its list", instance.Invalidity(new MatchingResult([-1, -1, 0], [[2], []], 0, 0)), StringComparison.Ordinal);
        Assert.Contains("finds it unacceptable", instance.Invalidity(FromAssignment([-1, -1, 1], 2)), StringComparison.Ordinal);
        Assert.Contains("entries for 3 talents", instance.Invalidity(new MatchingResult([0, -1], [[0], []], 0, 0)), StringComparison.Ordinal);
        Assert.Contains("out of range", instance.Invalidity(new MatchingResult([-1, -1, -1], [[7], []], 0, 0)), StringComparison.Ordinal);

        var thrown = Assert.Throws<ArgumentException>(() => instance.Blocking(FromAssignment([0, 0, -1], 2)));
        Assert.Equal("matching", thrown.ParamName);
        Assert.Null(instance.Invalidity(FromAssignment([0, 1, -1], 2)));
    }

    /// <summary>
    /// A random instance of up to the given size with lists of random length; scores are integers below
    /// <paramref name="distinctScores"/> (small values make ties common) and about 1 in 10 pairs is NaN, 1 in 10 negative.
    /// </summary>
    private static Instance RandomInstance(Random random, int maxTalents, int maxPositions, int maxCapacity, int distinctScores = 4)
    {
        var talents = random.Next(maxTalents + 1);
        var positions = random.Next(maxPositions + 1);
        var capacities = new int[positions];
        for (var p = 0; p < positions; p++)
        {
            capacities[p] = random.Next(maxCapacity + 1);
        }
        var lists = new int[talents][];
        for (var t = 0; t < talents; t++)
        {
            var order = Enumerable.Range(0, positions).ToArray();
            random.Shuffle(order);
            lists[t] = order[..random.Next(positions + 1)];
        }
        var scores = new double[positions][];
        for (var p = 0; p < positions; p++)
        {
            scores[p] = new double[talents];
            for (var t = 0; t < talents; t++)
            {
                var roll = random.Next(10);
                scores[p][t] = roll == 0 ? No : roll == 1 ? -1 : random.Next(distinctScores);
            }
        }
        return new Instance(talents, capacities, lists, scores);
    }

    /// <summary>A plain one-proposal-at-a-time Gale–Shapley with sorted lists, as a reference.</summary>
    private static int[] NaiveTalentProposing(Instance instance)
    {
        var held = instance.Capacities.Select(_ => new List<int>()).ToArray();
        var next = new int[instance.TalentCount];
        var free = new Queue<int>(Enumerable.Range(0, instance.TalentCount));
        while (free.TryDequeue(out var t))
        {
            if (next[t] == instance.Lists[t].Length)
            {
                continue;
            }
            var p = instance.Lists[t][next[t]++];
            var score = instance.ScoreTable[p][t];
            if (!(score >= 0))
            {
                free.Enqueue(t);
                continue;
            }
            held[p].Add(t);
            var ranked = held[p].OrderByDescending(x => instance.ScoreTable[p][x]).ThenBy(x => x).ToList();
            held[p] = ranked.Take(instance.Capacities[p]).ToList();
            foreach (var rejected in ranked.Skip(instance.Capacities[p]))
            {
                free.Enqueue(rejected);
            }
        }
        var result = new int[instance.TalentCount];
        Array.Fill(result, -1);
        for (var p = 0; p < held.Length; p++)
        {
            foreach (var t in held[p])
            {
                result[t] = p;
            }
        }
        return result;
    }

    [Fact]
    public void Random_instances_are_stable_valid_and_agree_with_a_naive_implementation()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var instance = RandomInstance(new Random(seed), maxTalents: 40, maxPositions: 12, maxCapacity: 4);
            var result = instance.Match();

            Assert.True(instance.Invalidity(result) is null, $"seed {seed}: {instance.Invalidity(result)}");
            Assert.True(instance.Blocking(result) is null, $"seed {seed}: blocking pair {instance.Blocking(result)}");
            Assert.True(result.Proposals <= instance.Lists.Sum(l => (long)l.Length), $"seed {seed}");
            for (var t = 0; t < instance.TalentCount; t++)
            {
                var p = result.PositionOfTalent[t];
                Assert.True(p < 0 || (instance.Lists[t].Contains(p) && instance.ScoreTable[p][t] >= 0), $"seed {seed}: talent {t}");
            }
            for (var p = 0; p < instance.Capacities.Length; p++)
            {
                Assert.True(result.TalentsOfPosition[p].Count <= instance.Capacities[p], $"seed {seed}: position {p}");
            }
            // The talent-optimal stable matching is unique, so any correct proposal order must find the same one.
            Assert.True(NaiveTalentProposing(instance).SequenceEqual(result.PositionOfTalent), $"seed {seed}");
            Assert.Equal(result.PositionOfTalent, instance.Match().PositionOfTalent);
        }
    }

    [Fact]
    public void Tiny_random_instances_are_talent_optimal_against_all_stable_matchings()
    {
        var checkedWithAlternatives = 0;
        for (var seed = 0; seed < 2000; seed++)
        {
            var instance = TinyInstance(new Random(1000 + seed), distinctScores: seed % 2 == 0 ? 3 : 100);
            var result = instance.Match();

            var stable = AllStableMatchings(instance);

            Assert.Contains(stable, m => m.SequenceEqual(result.PositionOfTalent));
            foreach (var other in stable)
            {
                for (var t = 0; t < instance.TalentCount; t++)
                {
                    Assert.True(Rank(instance, t, result.PositionOfTalent[t]) <= Rank(instance, t, other[t]),
                        $"seed {1000 + seed}: talent {t} prefers [{string.Join(",", other)}] to [{string.Join(",", result.PositionOfTalent)}]");
                }
            }
            if (stable.Count > 1)
            {
                checkedWithAlternatives++;
            }
        }
        Assert.True(checkedWithAlternatives >= 50, $"only {checkedWithAlternatives} instances had more than one stable matching");
    }

    [Fact]
    public void The_brute_force_finds_both_stable_matchings_of_the_textbook_case()
    {
        Assert.Equal(2, AllStableMatchings(Textbook).Count);
    }

    /// <summary>
    /// 3–5 talents and 2–3 positions of mostly one seat with long lists and few unacceptable pairs, so that competition is
    /// real and several stable matchings are common; every tenth instance is fully random up to that size.
    /// </summary>
    private static Instance TinyInstance(Random random, int distinctScores)
    {
        if (random.Next(10) == 0)
        {
            return RandomInstance(random, maxTalents: 5, maxPositions: 3, maxCapacity: 2, distinctScores);
        }
        var talents = random.Next(3, 6);
        var positions = random.Next(2, 4);
        var capacities = Enumerable.Range(0, positions).Select(_ => random.Next(4) == 0 ? 2 : 1).ToArray();
        var lists = new int[talents][];
        for (var t = 0; t < talents; t++)
        {
            var order = Enumerable.Range(0, positions).ToArray();
            random.Shuffle(order);
            lists[t] = order[..(positions - random.Next(2))];
        }
        var scores = Enumerable.Range(0, positions)
            .Select(_ => Enumerable.Range(0, talents).Select(_ => random.Next(20) == 0 ? No : random.Next(distinctScores)).ToArray())
            .ToArray();
        return new Instance(talents, capacities, lists, scores);
    }

    /// <summary>Every stable matching, by enumerating all (positions + 1)^talents assignments.</summary>
    private static List<int[]> AllStableMatchings(Instance instance)
    {
        var positions = instance.Capacities.Length;
        var stable = new List<int[]>();
        var total = (int)Math.Pow(positions + 1, instance.TalentCount);
        for (var code = 0; code < total; code++)
        {
            var assignment = new int[instance.TalentCount];
            var rest = code;
            for (var t = 0; t < instance.TalentCount; t++)
            {
                assignment[t] = (rest % (positions + 1)) - 1;
                rest /= positions + 1;
            }
            var candidate = FromAssignment(assignment, positions);
            if (instance.Invalidity(candidate) is null && instance.Blocking(candidate) is null)
            {
                stable.Add(assignment);
            }
        }
        return stable;
    }

    private static int Rank(Instance instance, int talent, int position) =>
        position < 0 ? int.MaxValue : Array.IndexOf(instance.Lists[talent], position);

    [Fact]
    public void A_graduate_drive_of_5000_talents_and_800_positions_is_stable_and_fills_the_popular_positions()
    {
        const int Talents = 5000, Positions = 800;
        var random = new Random(20261);
        var capacities = Enumerable.Range(0, Positions).Select(_ => random.Next(1, 13)).ToArray();

        // Popularity skew: position p is drawn with weight 1 / (p + 10); each list is 30–60 distinct positions in draw order.
        var cumulative = new double[Positions];
        var sum = 0.0;
        for (var p = 0; p < Positions; p++)
        {
            sum += 1.0 / (p + 10);
            cumulative[p] = sum;
        }
        var lists = new int[Talents][];
        var listedBy = new int[Positions];
        var taken = new bool[Positions];
        for (var t = 0; t < Talents; t++)
        {
            var list = new List<int>();
            var length = random.Next(30, 61);
            while (list.Count < length)
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                var p = Math.Min(index < 0 ? ~index : index, Positions - 1);
                if (!taken[p])
                {
                    taken[p] = true;
                    list.Add(p);
                    listedBy[p]++;
                }
            }
            list.ForEach(p => taken[p] = false);
            lists[t] = [.. list];
        }

        // Positions' scores are random; about 3 % of pairs are unacceptable to the position.
        var scores = new double[Positions][];
        for (var p = 0; p < Positions; p++)
        {
            scores[p] = new double[Talents];
            for (var t = 0; t < Talents; t++)
            {
                scores[p][t] = random.NextDouble() < 0.03 ? No : random.NextDouble();
            }
        }
        var instance = new Instance(Talents, capacities, lists, scores);

        var result = instance.Match();

        instance.AssertStable(result);
        Assert.Equal(result.PositionOfTalent, instance.Match().PositionOfTalent);
        Assert.True(result.Proposals <= lists.Sum(l => (long)l.Length));
        var seats = capacities.Sum();
        var assigned = result.PositionOfTalent.Count(p => p >= 0);
        Assert.True(assigned >= 0.95 * Math.Min(Talents, seats), $"{assigned} of {Talents} talents assigned to {seats} seats");
        // The 100 most popular positions are drawn onto hundreds of lists each and must be full.
        for (var p = 0; p < 100; p++)
        {
            Assert.True(result.TalentsOfPosition[p].Count == capacities[p], $"position {p} listed by {listedBy[p]}");
        }
        // Each position holds its talents best first.
        for (var p = 0; p < Positions; p++)
        {
            var held = result.TalentsOfPosition[p];
            for (var i = 1; i < held.Count; i++)
            {
                Assert.True(scores[p][held[i - 1]] >= scores[p][held[i]], $"position {p}");
            }
        }
    }
}
