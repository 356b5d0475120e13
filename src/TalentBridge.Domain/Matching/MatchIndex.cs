namespace TalentBridge.Domain.Matching;

/// <summary>One ranked candidate: its pair score, the exposure bonus added for ranking, and why.</summary>
public sealed record MatchResult(long Id, double Score, double ExposureBonus, MatchExplanation Explanation)
{
    /// <summary>What the list is ordered by: the score plus the exposure bonus.</summary>
    public double RankScore => Score + ExposureBonus;
}

/// <summary>
/// The answer to a match query. <see cref="Found"/> is false when the subject is not in the index;
/// <see cref="Blocked"/> names the hard condition that rules the subject out entirely (a closed position,
/// a hidden talent), in which case the list is empty.
/// </summary>
public sealed record MatchList(bool Found, HardCondition? Blocked, IReadOnlyList<MatchResult> Results, int Scored);

/// <summary>
/// In-memory index of matchable talents and positions (docs/matching.md). Talents are filed under each
/// region they will work in (cut to county level), positions under their region; within a region, by
/// occupation 小类. Each file keeps the most favourable value of every factor among its members, which
/// bounds their scores from above. A query takes the files of the regions that overlap the subject's
/// (the hard region condition), orders them by bound and scores their members exactly, stopping as soon
/// as the last of the best <c>take</c> scores beats the next file's bound. The result is therefore exactly
/// the exhaustive ranking.
/// Queries run concurrently; changes take a short write lock.
/// </summary>
public sealed class MatchIndex : IDisposable
{
    /// <summary>Largest exposure adjustment: 3 points for a micro or small enterprise's position.</summary>
    public const double MaxExposureBonus = SizeBonus;
    /// <summary>Largest exposure penalty, reached by a position shown very often.</summary>
    public const double MaxExposurePenalty = 10;
    private const double SizeBonus = 3;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<long, TalentProfile> _talents = [];
    private readonly Dictionary<long, PositionProfile> _positions = [];
    /// <summary>
    /// How often each position has been shown, as of <see cref="_impressionDay"/>: each talent who saw it on a day
    /// counts 1 that day and half as much each day after. Read lock-free by queries; set from the database.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, double> _impressions = new();
    private int _impressionDay;
    private readonly RegionFiles<TalentFile> _talentFiles = new(minor => new TalentFile(minor));
    private readonly RegionFiles<PositionFile> _positionFiles = new(minor => new PositionFile(minor));

    public MatchIndex(SkillCodes skills) => Skills = skills;

    public SkillCodes Skills { get; }

    public void Dispose() => _lock.Dispose();

    public int TalentCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _talents.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public int PositionCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _positions.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds or replaces a talent.</summary>
    public void Upsert(TalentProfile talent)
    {
        ArgumentNullException.ThrowIfNull(talent);
        _lock.EnterWriteLock();
        try
        {
            RemoveTalentLocked(talent.Id);
            _talents[talent.Id] = talent;
            if (talent.Matchable)
            {
                foreach (var region in talent.WorkRegions)
                {
                    foreach (var occupation in talent.Occupations.Select(MatchCodes.Minor).Distinct())
                    {
                        _talentFiles.File(region, occupation).Add(talent);
                    }
                }
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds or replaces a position.</summary>
    public void Upsert(PositionProfile position)
    {
        ArgumentNullException.ThrowIfNull(position);
        _lock.EnterWriteLock();
        try
        {
            RemovePositionLocked(position.Id);
            _positions[position.Id] = position;
            if (position.Open)
            {
                _positionFiles.File(position.Region, MatchCodes.Minor(position.Occupation)).Add(position);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void RemoveTalent(long id)
    {
        _lock.EnterWriteLock();
        try { RemoveTalentLocked(id); }
        finally { _lock.ExitWriteLock(); }
    }

    public void RemovePosition(long id)
    {
        _lock.EnterWriteLock();
        try { RemovePositionLocked(id); }
        finally { _lock.ExitWriteLock(); }
    }

    private void RemoveTalentLocked(long id)
    {
        if (_talents.Remove(id, out var old) && old.Matchable)
        {
            foreach (var region in old.WorkRegions)
            {
                foreach (var occupation in old.Occupations.Select(MatchCodes.Minor).Distinct())
                {
                    _talentFiles.Find(region, occupation)?.Items.RemoveSwap(old);
                }
            }
        }
    }

    private void RemovePositionLocked(long id)
    {
        if (_positions.Remove(id, out var old) && old.Open)
        {
            _positionFiles.Find(old.Region, MatchCodes.Minor(old.Occupation))?.Items.RemoveSwap(old);
        }
    }

    public TalentProfile? FindTalent(long id)
    {
        _lock.EnterReadLock();
        try { return _talents.GetValueOrDefault(id); }
        finally { _lock.ExitReadLock(); }
    }

    public PositionProfile? FindPosition(long id)
    {
        _lock.EnterReadLock();
        try { return _positions.GetValueOrDefault(id); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>How often a position has been shown in talents' recommendation lists (decayed, see <see cref="_impressions"/>).</summary>
    public double ImpressionsOf(long positionId) => _impressions.GetValueOrDefault(positionId);

    /// <summary>Sets a position's impressions as counted from the database for <paramref name="today"/>.</summary>
    public void SetImpressions(long positionId, double weight, DateOnly today)
    {
        AgeImpressions(today);
        if (weight > 0)
        {
            _impressions[positionId] = weight;
        }
        else
        {
            _impressions.TryRemove(positionId, out _);
        }
    }

    /// <summary>Adds impressions of today (a simulation without a database: the CLI's benchmark, tests).</summary>
    public void AddImpressions(IEnumerable<long> positionIds, DateOnly today)
    {
        AgeImpressions(today);
        foreach (var id in positionIds)
        {
            _impressions.AddOrUpdate(id, 1, (_, weight) => weight + 1);
        }
    }

    /// <summary>Moves the impressions to <paramref name="today"/>: each day that passed halves them; tiny ones are forgotten.</summary>
    public void AgeImpressions(DateOnly today)
    {
        var days = today.DayNumber - Volatile.Read(ref _impressionDay);
        if (days <= 0 || Interlocked.CompareExchange(ref _impressionDay, today.DayNumber, today.DayNumber - days) != today.DayNumber - days)
        {
            return;
        }
        var factor = Math.Pow(0.5, Math.Min(days, 60));
        foreach (var (id, weight) in _impressions)
        {
            if (weight * factor < 0.05)
            {
                _impressions.TryRemove(new KeyValuePair<long, double>(id, weight));
            }
            else
            {
                _impressions.TryUpdate(id, weight * factor, weight);
            }
        }
    }

    /// <summary>The weight one impression of <paramref name="seen"/> has on <paramref name="today"/> (halved each day since).</summary>
    public static double ImpressionWeight(DateOnly seen, DateOnly today) => Math.Pow(0.5, Math.Max(0, today.DayNumber - seen.DayNumber));

    /// <summary>
    /// The best talents for a position, best first; with <paramref name="include"/>, only the talents it admits (the
    /// asker's region scope), still exactly the best of those.
    /// </summary>
    public MatchList TalentsFor(long positionId, int take, DateOnly today, Func<TalentProfile, bool>? include = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_positions.TryGetValue(positionId, out var position))
            {
                return new MatchList(false, null, [], 0);
            }
            var day = today.DayNumber;
            if (!position.IsOpenOn(day))
            {
                return new MatchList(true, HardCondition.PositionOpen, [], 0);
            }
            var files = new List<(TalentFile File, double Bound)>();
            foreach (var (_, byOccupation) in _talentFiles.Overlapping(position.Region))
            {
                foreach (var file in byOccupation.Values)
                {
                    files.Add((file, MatchScoring.Bound(position, file, day)));
                }
            }
            var top = new TopList(take);
            var scored = 0;
            var seen = new HashSet<TalentProfile>(ReferenceEqualityComparer.Instance);
            foreach (var (file, bound) in files.OrderByDescending(f => f.Bound))
            {
                if (top.Full && top.WorstScore > bound)
                {
                    break;
                }
                foreach (var talent in file.Items)
                {
                    if ((talent.WorkRegions.Length > 1 || talent.Occupations.Length > 1) && !seen.Add(talent))
                    {
                        continue;
                    }
                    if ((include is not null && !include(talent)) || MatchScoring.Violation(talent, position, day) is not null)
                    {
                        continue;
                    }
                    scored++;
                    top.Offer(talent.Id, MatchScoring.Score(talent, position, day), 0);
                }
            }
            var results = top.Ranked().Select(c => new MatchResult(c.Id, c.Score, 0,
                MatchScoring.Explain(_talents[c.Id], position, today, Skills))).ToList();
            return new MatchList(true, null, results, scored);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The best positions for a talent, best first. With <paramref name="exposureAware"/>, a position's rank
    /// score gains up to <see cref="MaxExposureBonus"/> for a small or micro enterprise and loses up to
    /// <see cref="MaxExposurePenalty"/> for having been shown often (<see cref="ExposureBonus"/>) — to other
    /// talents: the impressions in <paramref name="own"/> (the talent's own, by position) are left out, so that
    /// looking at one's list again does not change it. Counting what is shown is the caller's business.
    /// </summary>
    public MatchList PositionsFor(long talentId, int take, DateOnly today, bool exposureAware, IReadOnlyDictionary<long, double>? own = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_talents.TryGetValue(talentId, out var talent))
            {
                return new MatchList(false, null, [], 0);
            }
            if (!talent.Matchable)
            {
                return new MatchList(true, HardCondition.TalentVisible, [], 0);
            }
            var day = today.DayNumber;
            var slack = exposureAware ? MaxExposureBonus : 0;
            var files = new List<(PositionFile File, double Bound)>();
            var regions = new HashSet<long>();
            foreach (var work in talent.WorkRegions)
            {
                foreach (var (region, byOccupation) in _positionFiles.Overlapping(work))
                {
                    if (regions.Add(region))
                    {
                        foreach (var file in byOccupation.Values)
                        {
                            files.Add((file, MatchScoring.Bound(talent, file, region, day) + slack));
                        }
                    }
                }
            }
            var top = new TopList(take);
            var scored = 0;
            foreach (var (file, bound) in files.OrderByDescending(f => f.Bound))
            {
                if (top.Full && top.WorstScore > bound)
                {
                    break;
                }
                foreach (var position in file.Items)
                {
                    if (MatchScoring.Violation(talent, position, day) is not null)
                    {
                        continue;
                    }
                    scored++;
                    var bonus = exposureAware
                        ? ExposureBonus(position, Math.Max(0, _impressions.GetValueOrDefault(position.Id) - (own?.GetValueOrDefault(position.Id) ?? 0)))
                        : 0;
                    top.Offer(position.Id, MatchScoring.Score(talent, position, day), bonus);
                }
            }
            var results = top.Ranked().Select(c => new MatchResult(c.Id, c.Score, c.Bonus,
                MatchScoring.Explain(talent, _positions[c.Id], today, Skills))).ToList();
            return new MatchList(true, null, results, scored);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The exposure adjustment of a position's rank score: +3 for a micro or small enterprise (+1.5 for a
    /// medium one), minus 2.5 · log2(1 + impressions / 10) up to <see cref="MaxExposurePenalty"/> for having
    /// been shown often already.
    /// </summary>
    internal static double ExposureBonus(PositionProfile position, double impressions)
    {
        var size = position.EnterpriseSize switch
        {
            EnterpriseSize.Micro or EnterpriseSize.Small => 1,
            EnterpriseSize.Medium => 0.5,
            _ => 0,
        };
        return (SizeBonus * size) - Math.Min(MaxExposurePenalty, 3 * Math.Log2(1 + (impressions / 2.0)));
    }

    /// <summary>The same ranking as <see cref="TalentsFor"/> by scoring every talent: the baseline of the benchmark and tests.</summary>
    public MatchList TalentsForExhaustive(long positionId, int take, DateOnly today)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_positions.TryGetValue(positionId, out var position))
            {
                return new MatchList(false, null, [], 0);
            }
            var day = today.DayNumber;
            if (!position.IsOpenOn(day))
            {
                return new MatchList(true, HardCondition.PositionOpen, [], 0);
            }
            var top = new TopList(take);
            var scored = 0;
            foreach (var talent in _talents.Values)
            {
                if (MatchScoring.Violation(talent, position, day) is null)
                {
                    scored++;
                    top.Offer(talent.Id, MatchScoring.Score(talent, position, day), 0);
                }
            }
            var results = top.Ranked().Select(c => new MatchResult(c.Id, c.Score, 0,
                MatchScoring.Explain(_talents[c.Id], position, today, Skills))).ToList();
            return new MatchList(true, null, results, scored);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The same ranking as <see cref="PositionsFor"/> without exposure, by scoring every position.</summary>
    public MatchList PositionsForExhaustive(long talentId, int take, DateOnly today)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_talents.TryGetValue(talentId, out var talent))
            {
                return new MatchList(false, null, [], 0);
            }
            if (!talent.Matchable)
            {
                return new MatchList(true, HardCondition.TalentVisible, [], 0);
            }
            var day = today.DayNumber;
            var top = new TopList(take);
            var scored = 0;
            foreach (var position in _positions.Values)
            {
                if (MatchScoring.Violation(talent, position, day) is null)
                {
                    scored++;
                    top.Offer(position.Id, MatchScoring.Score(talent, position, day), 0);
                }
            }
            var results = top.Ranked().Select(c => new MatchResult(c.Id, c.Score, 0,
                MatchScoring.Explain(talent, _positions[c.Id], today, Skills))).ToList();
            return new MatchList(true, null, results, scored);
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The best <c>take</c> candidates seen so far, by rank score then id.</summary>
    private sealed class TopList(int take)
    {
        private readonly PriorityQueue<Candidate, Candidate> _heap = new(WorstFirst.Instance);

        public bool Full => _heap.Count >= take;

        /// <summary>The rank score a newcomer must beat once the list is full.</summary>
        public double WorstScore => _heap.Peek().Rank;

        public void Offer(long id, double score, double bonus)
        {
            if (take <= 0)
            {
                return;
            }
            var candidate = new Candidate(id, score, bonus);
            if (_heap.Count < take)
            {
                _heap.Enqueue(candidate, candidate);
            }
            else if (WorstFirst.Instance.Compare(candidate, _heap.Peek()) > 0)
            {
                _heap.DequeueEnqueue(candidate, candidate);
            }
        }

        public List<Candidate> Ranked()
        {
            var list = _heap.UnorderedItems.Select(e => e.Element).ToList();
            list.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
            return list;
        }
    }

    private readonly record struct Candidate(long Id, double Score, double Bonus)
    {
        public double Rank => Score + Bonus;
    }

    /// <summary>Orders candidates from worst to best: lower rank score first, and on equal scores the higher id.</summary>
    private sealed class WorstFirst : IComparer<Candidate>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Candidate x, Candidate y)
        {
            var byScore = x.Rank.CompareTo(y.Rank);
            return byScore != 0 ? byScore : y.Id.CompareTo(x.Id);
        }
    }

    /// <summary>Files by region (cut to county level) and occupation 小类.</summary>
    private sealed class RegionFiles<TFile>(Func<int, TFile> create) where TFile : class
    {
        private readonly Dictionary<long, Dictionary<int, TFile>> _byRegion = [];
        /// <summary>Region keys in ascending <see cref="SortKey"/> order, for finding the regions inside a region.</summary>
        private readonly List<long> _sortedRegions = [];

        /// <summary>The file of a region and 小类, created when missing.</summary>
        public TFile File(long region, int minor)
        {
            region = MatchCodes.Truncate(region, FileLevel);
            if (!_byRegion.TryGetValue(region, out var byOccupation))
            {
                byOccupation = [];
                _byRegion.Add(region, byOccupation);
                var at = _sortedRegions.BinarySearch(SortKey(region));
                _sortedRegions.Insert(~at, SortKey(region));
            }
            if (!byOccupation.TryGetValue(minor, out var file))
            {
                file = create(minor);
                byOccupation.Add(minor, file);
            }
            return file;
        }

        public TFile? Find(long region, int minor) =>
            _byRegion.TryGetValue(MatchCodes.Truncate(region, FileLevel), out var byOccupation) ? byOccupation.GetValueOrDefault(minor) : null;

        /// <summary>Files of the region itself, of its ancestors and of every region inside it.</summary>
        public IEnumerable<(long Region, Dictionary<int, TFile> Files)> Overlapping(long region)
        {
            region = MatchCodes.Truncate(region, FileLevel);
            var length = MatchCodes.Length(region);
            foreach (var level in Levels)
            {
                if (level >= length)
                {
                    break;
                }
                var ancestor = MatchCodes.Truncate(region, level);
                if (_byRegion.TryGetValue(ancestor, out var files))
                {
                    yield return (ancestor, files);
                }
            }
            // The region itself and the regions inside it: padded values in [start, start + span).
            var start = SortKey(region);
            var end = (start / 100) + Span(length);
            var at = _sortedRegions.BinarySearch(start);
            for (var i = at < 0 ? ~at : at; i < _sortedRegions.Count && _sortedRegions[i] / 100 < end; i++)
            {
                var inside = FromSortKey(_sortedRegions[i]);
                yield return (inside, _byRegion[inside]);
            }
        }

        private static readonly int[] Levels = [2, 4, 6];

        /// <summary>Items are filed under their county (or coarser region); the exact region is a hard condition.</summary>
        private const int FileLevel = 6;

        /// <summary>Padded to 12 digits, times 100, plus the length: sorts a region before the regions inside it.</summary>
        private static long SortKey(long region)
        {
            var value = region / 100;
            for (var i = MatchCodes.Length(region); i < 12; i++)
            {
                value *= 10;
            }
            return (value * 100) + MatchCodes.Length(region);
        }

        private static long FromSortKey(long key)
        {
            var length = (int)(key % 100);
            var value = key / 100;
            for (var i = length; i < 12; i++)
            {
                value /= 10;
            }
            return (value * 100) + length;
        }

        /// <summary>How far (in padded 12-digit value) a region of this length spans.</summary>
        private static long Span(int length)
        {
            long span = 1;
            for (var i = length; i < 12; i++)
            {
                span *= 10;
            }
            return span;
        }
    }
}

internal static class ListExtensions
{
    /// <summary>Removes an item by reference, moving the last item into its place (order does not matter in a file).</summary>
    public static void RemoveSwap<T>(this List<T> list, T item) where T : class
    {
        var at = list.FindIndex(x => ReferenceEquals(x, item));
        if (at >= 0)
        {
            list[at] = list[^1];
            list.RemoveAt(list.Count - 1);
        }
    }
}
