using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace TalentBridge.Domain.Reference;

/// <summary>
/// The administrative divisions of China (2023 statistical division codes): provinces, cities, counties and
/// townships for the whole country, villages for Zhejiang only. Immutable once loaded.
/// </summary>
public sealed class RegionCatalogue
{
    internal const int FullCodeLength = 12;

    private static readonly ReadOnlyCollection<Region> None = ReadOnlyCollection<Region>.Empty;

    private readonly Dictionary<string, Region> _byCode;
    private readonly Dictionary<string, Region[]> _children;
    private readonly Dictionary<string, Region[]> _byName;
    private readonly Dictionary<string, Region[]> _byShortName;

    /// <param name="regions">All regions, ordered by level and then by code.</param>
    private RegionCatalogue(List<Region> regions)
    {
        // Dictionaries are sized up front and hold exact-size arrays: this builds about 70,000 entries, and
        // growing collections of that size costs large-object-heap reallocations and full collections.
        _byCode = new Dictionary<string, Region>(regions.Count, StringComparer.Ordinal);
        _children = new Dictionary<string, Region[]>(regions.Count, StringComparer.Ordinal);
        _byName = new Dictionary<string, Region[]>(regions.Count, StringComparer.Ordinal);
        _byShortName = new Dictionary<string, Region[]>(regions.Count, StringComparer.Ordinal);

        var childrenStart = 0;
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            if (!_byCode.TryAdd(region.Code, region))
            {
                throw new InvalidDataException($"Region code {region.Code} occurs twice.");
            }

            if (region.ParentCode is { } parentCode)
            {
                if (!_byCode.TryGetValue(parentCode, out var parent)
                    || parent.Level + 1 != region.Level
                    || !region.Code.StartsWith(parentCode, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"Region {region.Code} {region.Name} has an invalid parent {parentCode}.");
                }

                // Siblings are adjacent because regions are ordered by level and code.
                var next = i + 1 < regions.Count ? regions[i + 1] : null;
                if (next is null || !string.Equals(next.ParentCode, parentCode, StringComparison.Ordinal))
                {
                    _children.Add(parentCode, regions.GetRange(childrenStart, i + 1 - childrenStart).ToArray());
                    childrenStart = i + 1;
                }
            }
            else
            {
                childrenStart = i + 1;
            }

            var shortName = RegionNames.Shorten(region.Name, out var isPlaceholder);
            if (isPlaceholder)
            {
                continue;
            }

            // Appending in level-then-code order keeps each name's list in that order.
            Append(_byName, region.Name, region);
            if (!string.Equals(shortName, region.Name, StringComparison.Ordinal))
            {
                Append(_byShortName, shortName, region);
            }
        }

        Provinces = Array.AsReadOnly(regions.TakeWhile(r => r.Level == RegionLevel.Province).ToArray());
        Count = _byCode.Count;
    }

    /// <summary>Number of regions at all levels.</summary>
    public int Count { get; }

    /// <summary>The 31 provincial-level regions, ordered by code.</summary>
    public IReadOnlyList<Region> Provinces { get; }

    /// <summary>Parses the embedded CSV files.</summary>
    public static RegionCatalogue Load()
    {
        var regions = new List<Region>(72_000);
        Read(regions, "reference/regions/provinces.csv", RegionLevel.Province, parentColumn: null);
        Read(regions, "reference/regions/cities.csv", RegionLevel.City, "provinceCode");
        Read(regions, "reference/regions/areas.csv", RegionLevel.County, "cityCode");
        Read(regions, "reference/regions/streets.csv", RegionLevel.Township, "areaCode");
        Read(regions, "reference/regions/villages-zhejiang.csv", RegionLevel.Village, "streetCode");
        return new RegionCatalogue(regions);
    }

    /// <summary>
    /// Finds a region by its code as stored (<see cref="Region.Code"/>), by its significant code, or by a code
    /// padded with zeros to any length up to 12 digits: "3311", "331100" and "331100000000" all find 丽水市.
    /// Returns null for unknown or malformed codes.
    /// </summary>
    public Region? Find(string code)
    {
        if (code is null)
        {
            return null;
        }

        code = code.Trim();
        if (!IsWellFormed(code))
        {
            return null;
        }

        // An exact match first: 441900 is the county-level stand-in of 东莞市 4419.
        return _byCode.TryGetValue(code, out var region) || _byCode.TryGetValue(Significant(code), out region)
            ? region
            : null;
    }

    /// <summary>The direct children ordered by code; empty for unknown codes and leaves.</summary>
    public IReadOnlyList<Region> Children(string code) =>
        Find(code) is { } region && _children.TryGetValue(region.Code, out var children)
            ? Array.AsReadOnly(children)
            : None;

    /// <summary>The enclosing regions, province first, without the region itself; empty for unknown codes.</summary>
    public IReadOnlyList<Region> Ancestors(string code)
    {
        var region = Find(code);
        if (region?.ParentCode is null)
        {
            return None;
        }

        var ancestors = new List<Region>((int)region.Level - 1);
        for (var parentCode = region.ParentCode; parentCode is not null; parentCode = _byCode[parentCode].ParentCode)
        {
            ancestors.Add(_byCode[parentCode]);
        }

        ancestors.Reverse();
        return ancestors.AsReadOnly();
    }

    /// <summary>
    /// True if <paramref name="code"/> is <paramref name="rootCode"/> or lies below it. Both may be significant
    /// or padded codes. Codes missing from the catalogue (e.g. villages outside Zhejiang) are compared by their
    /// digits: 320102001001 is in 32. Malformed codes are in no subtree.
    /// </summary>
    public bool IsInSubtree(string code, string rootCode)
    {
        if (code is null || rootCode is null)
        {
            return false;
        }

        code = code.Trim();
        rootCode = rootCode.Trim();
        if (!IsWellFormed(code) || !IsWellFormed(rootCode))
        {
            return false;
        }

        var root = Find(rootCode);
        if (Find(code) is { } region && root is not null)
        {
            for (Region? current = region; current is not null;
                 current = current.ParentCode is null ? null : _byCode[current.ParentCode])
            {
                if (ReferenceEquals(current, root))
                {
                    return true;
                }
            }

            return false;
        }

        return Pad(code).StartsWith(root?.Code ?? Significant(rootCode), StringComparison.Ordinal);
    }

    /// <summary>
    /// Regions whose full name (莲都区, 丽水市) or short name (丽水, 青田, 景宁) is <paramref name="name"/>:
    /// full-name matches first, then short-name matches, each ordered by level then code. Grouping nodes such
    /// as 市辖区 are never returned.
    /// </summary>
    public IReadOnlyList<Region> FindByName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return None;
        }

        name = name.Trim();
        var full = _byName.GetValueOrDefault(name) ?? [];
        var byShort = _byShortName.GetValueOrDefault(name) ?? [];
        if (byShort.Length == 0)
        {
            return full.Length == 0 ? None : Array.AsReadOnly(full);
        }

        var result = new List<Region>(full.Length + byShort.Length);
        result.AddRange(full);
        result.AddRange(full.Length == 0 ? byShort : byShort.Where(r => Array.IndexOf(full, r) < 0));
        return result.AsReadOnly();
    }

    /// <summary>
    /// The significant digits of a code: "331100000000" -> "3311", "331121" -> "331121", "330000" -> "33".
    /// The result has 2, 4, 6, 9 or 12 digits.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not 1 to 12 ASCII digits.</exception>
    public static string Significant(string code)
    {
        var padded = Pad(code);
        foreach (var length in SegmentEnds)
        {
            if (padded.AsSpan(length).TrimStart('0').IsEmpty)
            {
                return padded[..length];
            }
        }

        return padded;
    }

    /// <summary>
    /// The region subtree of <paramref name="rootCode"/> as a range of 12-digit codes, both ends included:
    /// "3311" -> ("331100000000", "331199999999"). Stored codes are always 12 digits, so a subtree is an index range.
    /// </summary>
    public static (string Lo, string Hi) SubtreeRange(string rootCode)
    {
        var significant = Significant(rootCode);
        return (significant.PadRight(FullCodeLength, '0'), significant.PadRight(FullCodeLength, '9'));
    }

    /// <summary>
    /// Whether <paramref name="code"/> lies in the subtree of <paramref name="rootCode"/> (itself included), by the
    /// digits alone: the rule every region scope uses, in memory here and in SQL through <see cref="SubtreeRange"/>.
    /// A malformed code lies in no subtree.
    /// </summary>
    public static bool Contains(string rootCode, string? code) =>
        code is not null && IsWellFormed(code.Trim()) && Pad(code.Trim()).StartsWith(Significant(rootCode), StringComparison.Ordinal);

    /// <summary>The code padded with zeros to 12 digits: "3311" -> "331100000000".</summary>
    /// <exception cref="ArgumentException">The code is not 1 to 12 ASCII digits.</exception>
    public static string Pad(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return IsWellFormed(code)
            ? code.PadRight(FullCodeLength, '0')
            : throw new ArgumentException($"'{code}' is not a region code of 1 to 12 digits.", nameof(code));
    }

    private static ReadOnlySpan<int> SegmentEnds => [2, 4, 6, 9];

    private static bool IsWellFormed(string code) =>
        code.Length is > 0 and <= FullCodeLength && code.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static int CodeLength(RegionLevel level) => level switch
    {
        RegionLevel.Province => 2,
        RegionLevel.City => 4,
        RegionLevel.County => 6,
        RegionLevel.Township => 9,
        _ => 12,
    };

    private static void Read(List<Region> regions, string resource, RegionLevel level, string? parentColumn)
    {
        var table = EmbeddedCsv.Load(resource);
        var codeColumn = table.Column("code");
        var nameColumn = table.Column("name");
        var parentIndex = parentColumn is null ? -1 : table.Column(parentColumn);
        var length = CodeLength(level);
        var start = regions.Count;
        foreach (var record in table.Records)
        {
            var code = record[codeColumn];
            if (code.Length != length || !IsWellFormed(code))
            {
                throw new InvalidDataException($"{resource}: '{code}' is not a {length}-digit code.");
            }

            var name = record[nameColumn].Trim();
            if (name.Length == 0)
            {
                throw new InvalidDataException($"{resource}: region {code} has no name.");
            }

            regions.Add(new Region(code, name, level, parentIndex < 0 ? null : record[parentIndex]));
        }

        // Codes of one level have the same length, so ordinal order is numeric order.
        regions.Sort(start, regions.Count - start, Comparer<Region>.Create((a, b) => string.CompareOrdinal(a.Code, b.Code)));
    }

    private static void Append(Dictionary<string, Region[]> index, string key, Region region)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out _);
        if (list is null)
        {
            list = [region];
        }
        else
        {
            Array.Resize(ref list, list.Length + 1);
            list[^1] = region;
        }
    }

}
