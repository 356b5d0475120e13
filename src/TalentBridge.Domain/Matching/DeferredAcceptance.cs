using System.Globalization;

namespace TalentBridge.Domain.Matching;

/// <summary>
/// The outcome of a batch round: which position each talent got and which talents each position holds.
/// </summary>
/// <param name="PositionOfTalent">For each talent index, the assigned position index, or -1 when unassigned.</param>
/// <param name="TalentsOfPosition">
/// For each position index, its assigned talents, best first by the position's valuation (ties: lower talent index first).
/// </param>
/// <param name="Proposals">Number of proposals made (each talent proposes at most once to each position on its list).</param>
/// <param name="Rounds">Number of simultaneous rounds in which at least one proposal was made.</param>
public sealed record MatchingResult(
    IReadOnlyList<int> PositionOfTalent,
    IReadOnlyList<IReadOnlyList<int>> TalentsOfPosition,
    long Proposals,
    int Rounds);

/// <summary>
/// Talent-proposing deferred acceptance (Gale–Shapley, many-to-one "college admissions" with capacities).
/// <para>
/// Algorithm: in each round every talent that is free and still has positions left on its list proposes to the best
/// position it has not proposed to yet. A position tentatively holds the best proposers up to its capacity and rejects
/// the rest (including anyone it finds unacceptable); rejected and displaced talents propose again in the next round.
/// It stops when no free talent has a position left. The result is the talent-optimal stable matching: no talent can
/// do better in any stable matching. Acceptability is mutual: a talent only proposes to positions on its list, and a
/// position rejects a talent whose score is NaN or negative.
/// </para>
/// <para>
/// Ties: a position prefers a higher score; between equal scores the lower talent index wins, so results are
/// reproducible. Each position's score of a talent is computed once, when the talent proposes, and kept in the
/// position's min-heap of held talents keyed by (score, index), whose root is the talent to displace next.
/// Complexity: O(L + P·log c) time for L = total list length, P ≤ L proposals and c = largest capacity; O(T + S + N)
/// memory for T talents, N positions and S held seats.
/// </para>
/// </summary>
public static class DeferredAcceptance
{
    /// <summary>Assigns talents to positions by talent-proposing deferred acceptance.</summary>
    /// <param name="talentCount">Number of talents; talents are indices 0..talentCount-1.</param>
    /// <param name="capacities">Seats of each position; positions are indices 0..capacities.Length-1. Zero is allowed.</param>
    /// <param name="talentPreferences">
    /// For each talent, its acceptable positions best first, without duplicates. Positions missing from the list are unacceptable to the talent.
    /// </param>
    /// <param name="positionScore">
    /// The score a position gives a talent, <c>positionScore(position, talent)</c>; higher is better, NaN or negative means unacceptable.
    /// Called at most once per proposal.
    /// </param>
    /// <returns>The talent-optimal stable matching.</returns>
    /// <exception cref="ArgumentException">An input breaks a rule; the message names the parameter and the rule.</exception>
    public static MatchingResult Match(int talentCount, int[] capacities, int[][] talentPreferences, Func<int, int, double> positionScore)
    {
        MatchingInput.Validate(talentCount, capacities, talentPreferences, positionScore);

        var positionCount = capacities.Length;
        var heaps = new HeldHeap[positionCount];
        for (var p = 0; p < positionCount; p++)
        {
            heaps[p] = new HeldHeap(capacities[p]);
        }

        var nextChoice = new int[talentCount];
        var free = new List<int>(talentCount);
        for (var t = 0; t < talentCount; t++)
        {
            if (talentPreferences[t].Length > 0)
            {
                free.Add(t);
            }
        }
        var nextFree = new List<int>();

        long proposals = 0;
        var rounds = 0;
        while (free.Count > 0)
        {
            rounds++;
            foreach (var t in free)
            {
                var list = talentPreferences[t];
                var p = list[nextChoice[t]++];
                proposals++;
                var rejected = Propose(heaps[p], t, positionScore(p, t));
                if (rejected >= 0 && nextChoice[rejected] < talentPreferences[rejected].Length)
                {
                    nextFree.Add(rejected);
                }
            }
            (free, nextFree) = (nextFree, free);
            nextFree.Clear();
        }

        var positionOfTalent = new int[talentCount];
        Array.Fill(positionOfTalent, -1);
        var talentsOfPosition = new IReadOnlyList<int>[positionCount];
        for (var p = 0; p < positionCount; p++)
        {
            var held = heaps[p].SortedBestFirst();
            var talents = new int[held.Length];
            for (var i = 0; i < held.Length; i++)
            {
                talents[i] = held[i].Talent;
                positionOfTalent[held[i].Talent] = p;
            }
            talentsOfPosition[p] = talents;
        }
        return new MatchingResult(positionOfTalent, talentsOfPosition, proposals, rounds);
    }

    /// <summary>Offers talent <paramref name="talent"/> to a position; returns the talent rejected (the proposer or a displaced holder) or -1.</summary>
    private static int Propose(HeldHeap heap, int talent, double score)
    {
        if (!MatchingInput.IsAcceptable(score) || heap.Capacity == 0)
        {
            return talent;
        }
        var entry = new Held(score, talent);
        if (heap.Count < heap.Capacity)
        {
            heap.Push(entry);
            return -1;
        }
        if (!MatchingInput.IsBetter(score, talent, heap.Worst.Score, heap.Worst.Talent))
        {
            return talent;
        }
        return heap.ReplaceWorst(entry);
    }

    private readonly record struct Held(double Score, int Talent)
    {
        /// <summary>True when this entry is worse for the position than <paramref name="other"/>.</summary>
        public bool IsWorseThan(Held other) => MatchingInput.IsBetter(other.Score, other.Talent, Score, Talent);
    }

    /// <summary>Min-heap (worst at the root) of the talents a position currently holds; storage grows up to the capacity.</summary>
    private sealed class HeldHeap(int capacity)
    {
        private Held[] _items = [];

        public int Capacity { get; } = capacity;

        public int Count { get; private set; }

        public Held Worst => _items[0];

        public void Push(Held entry)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, (int)Math.Min(Capacity, Math.Max(4L, 2L * _items.Length)));
            }
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!entry.IsWorseThan(_items[parent]))
                {
                    break;
                }
                _items[i] = _items[parent];
                i = parent;
            }
            _items[i] = entry;
        }

        /// <summary>Replaces the root by <paramref name="entry"/> and returns the displaced talent.</summary>
        public int ReplaceWorst(Held entry)
        {
            var displaced = _items[0].Talent;
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= Count)
                {
                    break;
                }
                if (child + 1 < Count && _items[child + 1].IsWorseThan(_items[child]))
                {
                    child++;
                }
                if (!_items[child].IsWorseThan(entry))
                {
                    break;
                }
                _items[i] = _items[child];
                i = child;
            }
            _items[i] = entry;
            return displaced;
        }

        public Held[] SortedBestFirst()
        {
            var result = _items.AsSpan(0, Count).ToArray();
            Array.Sort(result, static (a, b) => a.IsWorseThan(b) ? 1 : b.IsWorseThan(a) ? -1 : 0);
            return result;
        }
    }
}

/// <summary>A pair that blocks a matching: both would rather be matched to each other than keep what they have.</summary>
/// <param name="Talent">The talent index.</param>
/// <param name="Position">The position index.</param>
public readonly record struct BlockingPair(int Talent, int Position);

/// <summary>
/// Exact checks of a matching against the inputs of <see cref="DeferredAcceptance.Match"/>, with the same acceptability
/// and tie rules. Meant for tests and audits; O(L + S) score calls for L = total list length and S = assigned talents.
/// </summary>
public static class StableMatchingCheck
{
    /// <summary>
    /// Describes the first way in which <paramref name="matching"/> is not a valid assignment, or returns null when it is one:
    /// both views have the right lengths and agree, no talent is assigned twice, no capacity is exceeded and every assigned
    /// pair is mutually acceptable.
    /// </summary>
    /// <param name="talentCount">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="capacities">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="talentPreferences">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="positionScore">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="matching">The matching to check.</param>
    /// <returns>A description of the first problem found, or null.</returns>
    /// <exception cref="ArgumentException">An input breaks a rule of <see cref="DeferredAcceptance.Match"/>.</exception>
    public static string? FindInvalidity(int talentCount, int[] capacities, int[][] talentPreferences, Func<int, int, double> positionScore,
        MatchingResult matching)
    {
        MatchingInput.Validate(talentCount, capacities, talentPreferences, positionScore);
        ArgumentNullException.ThrowIfNull(matching);
        var ofTalent = matching.PositionOfTalent;
        var ofPosition = matching.TalentsOfPosition;
        if (ofTalent is null || ofTalent.Count != talentCount)
        {
            return Format($"PositionOfTalent has {ofTalent?.Count} entries for {talentCount} talents");
        }
        if (ofPosition is null || ofPosition.Count != capacities.Length)
        {
            return Format($"TalentsOfPosition has {ofPosition?.Count} entries for {capacities.Length} positions");
        }

        var seenAt = new int[talentCount];
        Array.Fill(seenAt, -1);
        for (var p = 0; p < capacities.Length; p++)
        {
            var talents = ofPosition[p];
            if (talents is null)
            {
                return Format($"position {p} has no list of talents");
            }
            if (talents.Count > capacities[p])
            {
                return Format($"position {p} holds {talents.Count} talents but has capacity {capacities[p]}");
            }
            foreach (var t in talents)
            {
                if ((uint)t >= (uint)talentCount)
                {
                    return Format($"position {p} holds talent {t}, which is out of range");
                }
                if (seenAt[t] >= 0)
                {
                    return Format($"talent {t} is assigned twice (positions {seenAt[t]} and {p})");
                }
                seenAt[t] = p;
            }
        }

        for (var t = 0; t < talentCount; t++)
        {
            var p = ofTalent[t];
            if (p != seenAt[t])
            {
                return Format($"PositionOfTalent says talent {t} is at {p} but TalentsOfPosition says {seenAt[t]}");
            }
            if (p < 0)
            {
                continue;
            }
            if (Array.IndexOf(talentPreferences[t], p) < 0)
            {
                return Format($"talent {t} is assigned to position {p}, which is not on its list");
            }
            if (!MatchingInput.IsAcceptable(positionScore(p, t)))
            {
                return Format($"talent {t} is assigned to position {p}, which finds it unacceptable");
            }
        }
        return null;
    }

    /// <summary>
    /// Returns the first blocking pair of <paramref name="matching"/>, or null when it is stable. A pair (t, p) blocks when p is on
    /// t's list, p finds t acceptable, t is unassigned or ranks p above its position, and p has a free seat or holds a talent it
    /// values less than t (same tie rule as <see cref="DeferredAcceptance.Match"/>). "First" means lowest talent index, then
    /// earliest on that talent's list.
    /// </summary>
    /// <param name="talentCount">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="capacities">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="talentPreferences">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="positionScore">As for <see cref="DeferredAcceptance.Match"/>.</param>
    /// <param name="matching">The matching to check.</param>
    /// <returns>The first blocking pair, or null.</returns>
    /// <exception cref="ArgumentException">
    /// An input breaks a rule of <see cref="DeferredAcceptance.Match"/>, or <paramref name="matching"/> is not a valid assignment
    /// (see <see cref="FindInvalidity"/>).
    /// </exception>
    public static BlockingPair? FindBlockingPair(int talentCount, int[] capacities, int[][] talentPreferences, Func<int, int, double> positionScore,
        MatchingResult matching)
    {
        var invalid = FindInvalidity(talentCount, capacities, talentPreferences, positionScore, matching);
        if (invalid is not null)
        {
            throw new ArgumentException("The matching is not a valid assignment: " + invalid + ".", nameof(matching));
        }

        // The talent each position would give up first, or none when a seat is free.
        var positionCount = capacities.Length;
        var full = new bool[positionCount];
        var worstScore = new double[positionCount];
        var worstTalent = new int[positionCount];
        for (var p = 0; p < positionCount; p++)
        {
            var talents = matching.TalentsOfPosition[p];
            full[p] = talents.Count >= capacities[p];
            worstTalent[p] = -1;
            foreach (var t in talents)
            {
                var score = positionScore(p, t);
                if (worstTalent[p] < 0 || MatchingInput.IsBetter(worstScore[p], worstTalent[p], score, t))
                {
                    worstScore[p] = score;
                    worstTalent[p] = t;
                }
            }
        }

        for (var t = 0; t < talentCount; t++)
        {
            var assigned = matching.PositionOfTalent[t];
            foreach (var p in talentPreferences[t])
            {
                if (p == assigned)
                {
                    break;
                }
                var score = positionScore(p, t);
                if (!MatchingInput.IsAcceptable(score) || capacities[p] == 0)
                {
                    continue;
                }
                if (!full[p] || MatchingInput.IsBetter(score, t, worstScore[p], worstTalent[p]))
                {
                    return new BlockingPair(t, p);
                }
            }
        }
        return null;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Input rules and the preference order shared by the algorithm and the checker.</summary>
internal static class MatchingInput
{
    public static bool IsAcceptable(double score) => score >= 0; // false for NaN

    /// <summary>True when a position prefers (scoreA, talentA) to (scoreB, talentB): higher score, then lower talent index.</summary>
    public static bool IsBetter(double scoreA, int talentA, double scoreB, int talentB) =>
        scoreA > scoreB || (scoreA == scoreB && talentA < talentB);

    public static void Validate(int talentCount, int[] capacities, int[][] talentPreferences, Func<int, int, double> positionScore)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(talentCount);
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(talentPreferences);
        ArgumentNullException.ThrowIfNull(positionScore);
        for (var p = 0; p < capacities.Length; p++)
        {
            if (capacities[p] < 0)
            {
                throw new ArgumentException(Format($"Capacity of position {p} is {capacities[p]}; capacities must not be negative."),
                    nameof(capacities));
            }
        }
        if (talentPreferences.Length != talentCount)
        {
            throw new ArgumentException(
                Format($"There are {talentPreferences.Length} preference lists for {talentCount} talents; there must be exactly one list per talent (talentCount)."),
                nameof(talentPreferences));
        }

        var positionCount = capacities.Length;
        var lastListed = new int[positionCount];
        Array.Fill(lastListed, -1);
        for (var t = 0; t < talentCount; t++)
        {
            var list = talentPreferences[t]
                ?? throw new ArgumentException(Format($"The preference list of talent {t} is null; use an empty list for no acceptable positions."),
                    nameof(talentPreferences));
            for (var i = 0; i < list.Length; i++)
            {
                var p = list[i];
                if ((uint)p >= (uint)positionCount)
                {
                    throw new ArgumentException(
                        Format($"Talent {t} lists position {p} at rank {i}; position indices must be in 0..{positionCount - 1} (capacities has {positionCount} entries)."),
                        nameof(talentPreferences));
                }
                if (lastListed[p] == t)
                {
                    throw new ArgumentException(Format($"Talent {t} lists position {p} more than once; a position may appear at most once in a list."),
                        nameof(talentPreferences));
                }
                lastListed[p] = t;
            }
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
