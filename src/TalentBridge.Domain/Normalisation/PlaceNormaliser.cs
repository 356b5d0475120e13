using System.Globalization;
using System.Numerics;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Turns free place text from job postings and résumés (浙江丽水青田, 杭州-萧山区, 北京海淀区,
/// 杭州市西湖区文三路90号) into the deepest region it names, from province down to township.
/// </summary>
/// <remarks>
/// <para>
/// The text is scanned once from left to right. At each position the longest region name (full name such as
/// 青田县 or short name such as 青田) that fits the places already read wins; a name fits if one of its regions
/// lies below one of the current candidates, so levels may be skipped (浙江青田 reaches 331121 without 丽水).
/// Anything that is not a name (separators, 路, 号, digits) is skipped.
/// </para>
/// <para>
/// A name with several regions and no context (西湖区, 鼓楼区, 朝阳区) is reported as ambiguous: no value, low
/// confidence, every candidate as an alternative. An earlier name always constrains a later one (深圳南山区);
/// a later name constrains an earlier ambiguous one only when that leaves exactly one (西湖区 杭州).
/// Villages are not indexed. Built once, immutable and safe to share between threads.
/// </para>
/// </remarks>
public sealed class PlaceNormaliser
{
    /// <summary>Confidence of a result that has no value.</summary>
    public const double AmbiguousConfidence = 0.2;

    private const int MaxNameLength = 31;

    private static readonly Region[] NoRegions = [];

    private readonly Dictionary<string, Candidate[]> _byName;
    private readonly Dictionary<string, Candidate[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // Bit n is set when some name of length n starts with the character.
    private readonly uint[] _lengthsByFirstChar = new uint[char.MaxValue + 1];

    public PlaceNormaliser(RegionCatalogue regions)
    {
        ArgumentNullException.ThrowIfNull(regions);

        var lists = new Dictionary<string, List<Candidate>>(60_000, StringComparer.Ordinal);
        var pending = new Stack<Region>(regions.Provinces.Reverse());
        while (pending.TryPop(out var region))
        {
            if (!RegionNames.IsPlaceholder(region.Name))
            {
                Add(lists, region.Name, new Candidate(region, IsFullName: true));
                var shortName = ShortName(region);
                if (!string.Equals(shortName, region.Name, StringComparison.Ordinal))
                {
                    Add(lists, shortName, new Candidate(region, IsFullName: false));
                }
            }

            // Villages (Zhejiang only) are too fine and too repetitive to be read from free text.
            if (region.Level < RegionLevel.Township)
            {
                var children = regions.Children(region.Code);
                for (var c = children.Count - 1; c >= 0; c--)
                {
                    pending.Push(children[c]);
                }
            }
        }

        _byName = new Dictionary<string, Candidate[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (name, list) in lists)
        {
            if (name.Length > MaxNameLength)
            {
                continue;
            }

            list.Sort(static (a, b) => a.Region.Level != b.Region.Level
                ? a.Region.Level.CompareTo(b.Region.Level)
                : string.CompareOrdinal(a.Region.Code, b.Region.Code));
            _byName.Add(name, [.. list]);
            _lengthsByFirstChar[name[0]] |= 1U << name.Length;
        }

        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of distinct names (full and short) that the scanner recognises.</summary>
    public int NameCount => _byName.Count;

    /// <summary>
    /// The deepest region named by <paramref name="text"/>. Value is null when nothing is found (confidence 0)
    /// or when the text is ambiguous (confidence <see cref="AmbiguousConfidence"/>, every candidate in
    /// Alternatives). Otherwise Alternatives holds other regions the text could also mean.
    /// </summary>
    public Normalised<Region> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Normalised<Region>(null, 0, NoRegions, "no text");
        }

        var span = text.AsSpan();
        var scan = new Scan();
        var i = 0;
        while (i < span.Length)
        {
            var mask = _lengthsByFirstChar[span[i]];
            var remaining = span.Length - i;
            if (remaining < MaxNameLength)
            {
                mask &= (2U << remaining) - 1;
            }

            var consumed = mask == 0 ? 1 : Match(span, i, mask, ref scan);
            i += consumed;
        }

        return scan.Result(text);
    }

    /// <summary>Reads the name at <paramref name="start"/>; returns how many characters it used (at least 1).</summary>
    private int Match(ReadOnlySpan<char> span, int start, uint mask, ref Scan scan)
    {
        Candidate[]? fallback = null;
        var fallbackLength = 0;
        while (mask != 0)
        {
            var length = 31 - BitOperations.LeadingZeroCount(mask);
            mask &= ~(1U << length);
            if (!_lookup.TryGetValue(span.Slice(start, length), out var candidates))
            {
                continue;
            }

            // 南京路, 天河路, 北京东路: a short name followed by a road is an address, not a place.
            var street = LooksLikeStreet(span[(start + length)..]);
            if (street && !HasFullName(candidates))
            {
                continue;
            }

            if (scan.TryDescend(candidates, street, start, length))
            {
                // 青岛市南区, 枣庄市中区: the suffix 市 also starts the next name. Give it back when only the
                // overlapping reading continues the path.
                var end = start + length;
                if (length >= 3 && span[end - 1] is '市' or '省' or '区' or '县'
                    && ContinuesPath(span, end - 1, in scan) && !ContinuesPath(span, end, in scan))
                {
                    return length - 1;
                }

                return length;
            }

            if (fallback is null)
            {
                fallback = candidates;
                fallbackLength = length;
            }
        }

        if (fallback is null)
        {
            return 1;
        }

        var rest = span[(start + fallbackLength)..];
        scan.Other(fallback, LooksLikeStreet(rest) || LooksLikeZone(rest));
        return fallbackLength;
    }

    /// <summary>True if a name starting at <paramref name="start"/> lies below the current candidates.</summary>
    private bool ContinuesPath(ReadOnlySpan<char> span, int start, in Scan scan)
    {
        if (start >= span.Length)
        {
            return false;
        }

        var mask = _lengthsByFirstChar[span[start]];
        var remaining = span.Length - start;
        if (remaining < MaxNameLength)
        {
            mask &= (2U << remaining) - 1;
        }

        while (mask != 0)
        {
            var length = 31 - BitOperations.LeadingZeroCount(mask);
            mask &= ~(1U << length);
            if (_lookup.TryGetValue(span.Slice(start, length), out var candidates) && scan.Continues(candidates))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The short name, plus one case the catalogue keeps whole: short district names that only look like
    /// zones (绿园区, 高港区, 海港区, 梁园区) are written without 区 (长春绿园, 泰州高港).
    /// </summary>
    private static string ShortName(Region region)
    {
        var shortName = region.ShortName;
        return string.Equals(shortName, region.Name, StringComparison.Ordinal)
            && region.Level <= RegionLevel.County && region.Name.Length is 3 or 4 && region.Name.EndsWith('区')
                ? region.Name[..^1]
                : shortName;
    }

    private static bool HasFullName(Candidate[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.IsFullName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikeStreet(ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty)
        {
            return false;
        }

        if (rest[0] is '路' or '街' or '巷' or '弄' or '道' or '号')
        {
            return true;
        }

        if (rest.Length < 2)
        {
            return false;
        }

        var pair = rest[..2];
        return (rest[0] is '东' or '西' or '南' or '北' or '中' && rest[1] is '路' or '街')
            || pair.SequenceEqual("大道") || pair.SequenceEqual("大街") || pair.SequenceEqual("大厦")
            || pair.SequenceEqual("广场") || pair.SequenceEqual("小区") || pair.SequenceEqual("花园");
    }

    // 武汉东湖高新区: a short name followed by these names a zone, which may lie elsewhere than the region.
    private static bool LooksLikeZone(ReadOnlySpan<char> rest) =>
        rest.StartsWith("高新", StringComparison.Ordinal) || rest.StartsWith("开发", StringComparison.Ordinal)
        || rest.StartsWith("园区", StringComparison.Ordinal) || rest.StartsWith("工业", StringComparison.Ordinal)
        || rest.StartsWith("新区", StringComparison.Ordinal) || rest.StartsWith("经济", StringComparison.Ordinal)
        || rest.StartsWith("科技", StringComparison.Ordinal) || rest.StartsWith("大学", StringComparison.Ordinal);

    private static void Add(Dictionary<string, List<Candidate>> lists, string name, Candidate candidate)
    {
        if (!lists.TryGetValue(name, out var list))
        {
            list = new List<Candidate>(1);
            lists.Add(name, list);
        }

        list.Add(candidate);
    }

    private static bool IsStrictlyBelow(Region region, Region ancestor) =>
        region.Level > ancestor.Level && region.Code.StartsWith(ancestor.Code, StringComparison.Ordinal);

    private static bool IsAtOrBelow(Region region, Region ancestor) =>
        region.Level >= ancestor.Level && region.Code.StartsWith(ancestor.Code, StringComparison.Ordinal);

    private readonly record struct Candidate(Region Region, bool IsFullName);

    /// <summary>What one scan has read so far. Mutable, lives on the stack of one Parse call.</summary>
    private struct Scan
    {
        // The regions the text may mean so far; empty before the first name.
        private List<Candidate>? _current;
        private List<Candidate>? _next;

        // Names that fit: each established or narrowed the candidates.
        private int _fitting;

        // Set when a later name picked one of several earlier candidates (西湖区 杭州).
        private bool _resolvedBackwards;

        // Where the name that produced the current candidates is, for notes.
        private int _lastNameStart;
        private int _lastNameLength;

        // Other provinces, cities or counties named before the context reached county level (杭州/宁波).
        private List<Region>? _others;

        /// <summary>Takes the name if one of its regions lies below the current candidates (or there are none).</summary>
        public bool TryDescend(Candidate[] candidates, bool street, int start, int length)
        {
            _next ??= new List<Candidate>(4);
            _next.Clear();
            if (_current is null || _current.Count == 0)
            {
                foreach (var candidate in candidates)
                {
                    if (!street || candidate.IsFullName)
                    {
                        _next.Add(candidate);
                    }
                }
            }
            else
            {
                foreach (var candidate in candidates)
                {
                    if ((street && !candidate.IsFullName) || !BelowAny(candidate.Region, _current))
                    {
                        continue;
                    }

                    _next.Add(candidate);
                }
            }

            if (_next.Count == 0)
            {
                return false;
            }

            (_current, _next) = (_next, _current);
            _fitting++;
            _lastNameStart = start;
            _lastNameLength = length;
            return true;
        }

        /// <summary>True if one of the regions lies below the current candidates.</summary>
        public readonly bool Continues(Candidate[] candidates)
        {
            if (_current is null || _current.Count == 0)
            {
                return false;
            }

            foreach (var candidate in candidates)
            {
                if (BelowAny(candidate.Region, _current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A name that does not lie below the current candidates: above them, or somewhere else.</summary>
        public void Other(Candidate[] candidates, bool street)
        {
            if (_current is null || _current.Count == 0)
            {
                return;
            }

            // Above: keep only current candidates inside the name's regions, but only if that leaves one.
            Candidate? inside = null;
            var insideCount = 0;
            foreach (var current in _current)
            {
                foreach (var candidate in candidates)
                {
                    if ((!street || candidate.IsFullName) && IsAtOrBelow(current.Region, candidate.Region))
                    {
                        inside ??= current;
                        insideCount++;
                        break;
                    }
                }
            }

            if (insideCount > 0)
            {
                if (insideCount == 1 && _current.Count > 1 && inside is { } only)
                {
                    _current.Clear();
                    _current.Add(only);
                    _resolvedBackwards = true;
                    _fitting++;
                }

                return;
            }

            // Elsewhere. Once a county (or deeper) is known the rest of the text is address detail.
            foreach (var current in _current)
            {
                if (current.Region.Level >= RegionLevel.County)
                {
                    return;
                }
            }

            // Township short names are everywhere; only provinces, cities and counties count as another place.
            var level = candidates[0].Region.Level;
            if (street || level > RegionLevel.County)
            {
                return;
            }

            _others ??= [];
            foreach (var candidate in candidates)
            {
                if (candidate.Region.Level == level && !_others.Contains(candidate.Region))
                {
                    _others.Add(candidate.Region);
                }
            }
        }

        public readonly Normalised<Region> Result(string text)
        {
            if (_current is null || _current.Count == 0)
            {
                return new Normalised<Region>(null, 0, NoRegions, "no place name found");
            }

            // Full-name readings beat short-name readings. Among those, the regions not inside another
            // candidate are the readings; provinces, cities and counties count, and townships only when nothing
            // above them matched (a township named like a county is everywhere: 龙泉镇, 北京街道).
            var anyFull = false;
            var shallowest = RegionLevel.Village;
            foreach (var candidate in _current)
            {
                anyFull |= candidate.IsFullName;
            }

            foreach (var candidate in _current)
            {
                if ((candidate.IsFullName || !anyFull) && candidate.Region.Level < shallowest)
                {
                    shallowest = candidate.Region.Level;
                }
            }

            var deepest = shallowest <= RegionLevel.County ? RegionLevel.County : shallowest;
            var roots = new List<Region>(2);
            foreach (var candidate in _current)
            {
                if ((candidate.IsFullName || !anyFull) && candidate.Region.Level <= deepest
                    && !InsideAnother(candidate, anyFull, deepest))
                {
                    roots.Add(candidate.Region);
                }
            }

            if (roots.Count > 1)
            {
                var all = new List<Region>(_current.Count);
                all.AddRange(roots);
                foreach (var candidate in _current)
                {
                    if (!all.Contains(candidate.Region))
                    {
                        all.Add(candidate.Region);
                    }
                }

                return new Normalised<Region>(
                    null,
                    AmbiguousConfidence,
                    all.AsReadOnly(),
                    string.Create(CultureInfo.InvariantCulture, $"ambiguous: '{text.AsSpan(_lastNameStart, _lastNameLength)}' matches {all.Count} regions"));
            }

            var value = roots[0];
            List<Region>? alternatives = null;
            foreach (var candidate in _current)
            {
                if (!IsAtOrBelow(candidate.Region, value))
                {
                    alternatives ??= [];
                    if (!alternatives.Contains(candidate.Region))
                    {
                        alternatives.Add(candidate.Region);
                    }
                }
            }

            double confidence;
            string note;
            if (_fitting > 1)
            {
                confidence = _resolvedBackwards ? 0.9 : 0.95;
                note = _resolvedBackwards ? "resolved by a later name" : "path";
            }
            else if (value.Level == RegionLevel.Province)
            {
                confidence = 0.95;
                note = "province";
            }
            else if (anyFull)
            {
                confidence = 0.9;
                note = "single full name";
            }
            else
            {
                confidence = 0.85;
                note = "single short name";
            }

            if (alternatives is not null)
            {
                // Same-named townships elsewhere (青田街道 for 青田): the region above them was taken.
                confidence = Math.Round(confidence - 0.05, 2);
                note += string.Create(CultureInfo.InvariantCulture, $"; {alternatives.Count} same-named regions at lower levels");
            }

            if (_others is not null)
            {
                alternatives ??= [];
                foreach (var other in _others)
                {
                    if (!alternatives.Contains(other))
                    {
                        alternatives.Add(other);
                    }
                }

                confidence = Math.Min(confidence, 0.6);
                note += "; the text also names " + string.Join("/", _others.Select(r => r.Name));
            }

            return new Normalised<Region>(value, confidence, alternatives is null ? NoRegions : alternatives.AsReadOnly(), note);
        }

        private readonly bool InsideAnother(Candidate candidate, bool fullOnly, RegionLevel deepest)
        {
            foreach (var other in _current!)
            {
                if ((other.IsFullName || !fullOnly) && other.Region.Level <= deepest
                    && IsStrictlyBelow(candidate.Region, other.Region))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BelowAny(Region region, List<Candidate> ancestors)
        {
            foreach (var ancestor in ancestors)
            {
                if (IsStrictlyBelow(region, ancestor.Region))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
