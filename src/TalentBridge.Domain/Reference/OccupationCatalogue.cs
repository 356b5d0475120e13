using System.Buffers;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TalentBridge.Domain.Reference;

/// <summary>The occupational classification 中华人民共和国职业分类大典 (2022). Immutable once loaded.</summary>
public sealed class OccupationCatalogue
{
    private const int SearchRanks = 7;

    private static readonly SearchValues<char> CodeCharacters = SearchValues.Create("0123456789-");

    private static readonly ReadOnlyCollection<Occupation> None = ReadOnlyCollection<Occupation>.Empty;

    private readonly ReadOnlyCollection<Occupation> _all;
    private readonly Dictionary<string, Occupation> _byCode;
    private readonly Dictionary<string, Occupation> _byCodeNumber;
    private readonly Dictionary<string, ReadOnlyCollection<Occupation>> _children;

    private OccupationCatalogue(List<Occupation> occupations)
    {
        occupations.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var codes = occupations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < occupations.Count; i++)
        {
            // Attach occupations whose group is missing from the source to the nearest group that exists.
            var parentCode = occupations[i].ParentCode;
            while (parentCode is not null && !codes.Contains(parentCode))
            {
                parentCode = ParentOf(parentCode);
            }

            if (!string.Equals(parentCode, occupations[i].ParentCode, StringComparison.Ordinal))
            {
                occupations[i] = occupations[i] with { ParentCode = parentCode };
            }
        }

        _all = occupations.AsReadOnly();
        _byCode = occupations.ToDictionary(o => o.Code, StringComparer.Ordinal);
        _byCodeNumber = occupations.ToDictionary(o => o.CodeNumber, StringComparer.Ordinal);

        var children = new Dictionary<string, List<Occupation>>(StringComparer.Ordinal);
        foreach (var occupation in occupations)
        {
            if (occupation.ParentCode is not { } parentCode)
            {
                continue;
            }

            if (!_byCode.TryGetValue(parentCode, out var parent) || parent.Level >= occupation.Level)
            {
                throw new InvalidDataException($"Occupation {occupation.Code} has no valid parent {parentCode}.");
            }

            if (!children.TryGetValue(parentCode, out var list))
            {
                list = [];
                children.Add(parentCode, list);
            }

            list.Add(occupation);
        }

        // Already in code order because the source list is sorted.
        _children = children.ToDictionary(p => p.Key, p => p.Value.AsReadOnly(), StringComparer.Ordinal);
        MajorGroups = occupations.Where(o => o.Level == 1).ToList().AsReadOnly();
    }

    /// <summary>Number of entries at all four levels.</summary>
    public int Count => _all.Count;

    /// <summary>The eight major groups (大类), ordered by code.</summary>
    public IReadOnlyList<Occupation> MajorGroups { get; }

    /// <summary>Parses the embedded CSV file.</summary>
    public static OccupationCatalogue Load()
    {
        const string resource = "reference/occupations/csco2022.csv";
        var table = EmbeddedCsv.Load(resource);
        var levelColumn = table.Column("level");
        var codeColumn = table.Column("code");
        var codeNumberColumn = table.Column("code_num");
        var nameColumn = table.Column("name");
        var definitionColumn = table.Column("definition");
        var tasksColumn = table.Column("tasks");
        var aliasColumn = table.Column("alias");

        var byCode = new Dictionary<string, Occupation>(table.Records.Count, StringComparer.Ordinal);
        foreach (var record in table.Records)
        {
            var code = record[codeColumn].Trim();
            if (!IsCode(code)
                || !string.Equals(code.Replace("-", string.Empty, StringComparison.Ordinal), record[codeNumberColumn].Trim(), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{resource}: malformed code '{code}' / '{record[codeNumberColumn]}'.");
            }

            if (!int.TryParse(record[levelColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < 1 or > 4)
            {
                throw new InvalidDataException($"{resource}: occupation {code} has an invalid level '{record[levelColumn]}'.");
            }

            var (name, isDigital, isGreen) = SplitMarker(record[nameColumn].Trim());
            var occupation = new Occupation(
                code,
                level,
                name,
                isDigital,
                isGreen,
                NullIfEmpty(record[definitionColumn]),
                NullIfEmpty(record[tasksColumn]),
                SplitAliases(record[aliasColumn], name));

            if (byCode.TryGetValue(code, out var existing))
            {
                // The source repeats a few rows verbatim, and lists 土壤肥料技术人员 2-03-01-00 both as 小类 and as
                // the single occupation of that 小类. Like the other single-occupation 小类 (coded xx-xx-xx-00)
                // it is kept once, as the occupation (the more detailed row).
                if (!string.Equals(existing.Name, name, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{resource}: code {code} is used for '{existing.Name}' and '{name}'.");
                }

                if (occupation.Level > existing.Level)
                {
                    byCode[code] = occupation;
                }

                continue;
            }

            byCode.Add(code, occupation);
        }

        // 金属加工机械制造人员 6-20-03-00 is listed as level 4 but has occupations below it: it is a 小类.
        var parentCodes = byCode.Keys.Select(ParentOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var occupations = byCode.Values
            .Select(o => o.Level == 4 && parentCodes.Contains(o.Code) ? o with { Level = 3 } : o)
            .ToList();
        return new OccupationCatalogue(occupations);
    }

    /// <summary>Finds an entry by code ("2-02-10-03") or by code without dashes ("2021003"); null if unknown.</summary>
    public Occupation? Find(string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        return _byCode.GetValueOrDefault(code) ?? _byCodeNumber.GetValueOrDefault(code);
    }

    /// <summary>The direct children ordered by code; empty for unknown codes and occupations.</summary>
    public IReadOnlyList<Occupation> Children(string code) =>
        Find(code) is { } occupation && _children.TryGetValue(occupation.Code, out var children) ? children : None;

    /// <summary>The enclosing groups, major group first, without the entry itself; empty for unknown codes.</summary>
    public IReadOnlyList<Occupation> Ancestors(string code)
    {
        var occupation = Find(code);
        if (occupation?.ParentCode is null)
        {
            return None;
        }

        var ancestors = new List<Occupation>(3);
        for (var parentCode = occupation.ParentCode; parentCode is not null; parentCode = _byCode[parentCode].ParentCode)
        {
            ancestors.Add(_byCode[parentCode]);
        }

        ancestors.Reverse();
        return ancestors.AsReadOnly();
    }

    /// <summary>
    /// True if <paramref name="code"/> is <paramref name="rootCode"/> or lies below it, judged by the code digits
    /// so that it also holds for groups missing from the source: "2-02-10-03" is in "2-02-00-00", "2-02-10-00"
    /// and itself. Both codes may be given with or without dashes; malformed codes are in no subtree.
    /// </summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance query like the other catalogue members.")]
    public bool IsInSubtree(string code, string rootCode)
    {
        if (Normalize(code) is not { } normalized || Normalize(rootCode) is not { } root)
        {
            return false;
        }

        var prefix = Prefix(root);
        return normalized.StartsWith(prefix, StringComparison.Ordinal)
            && (normalized.Length == prefix.Length || normalized[prefix.Length] == '-');
    }

    /// <summary>
    /// The significant prefix of a code, without trailing "-00" segments: "2-02-00-00" -> "2-02",
    /// "2-02-10-03" -> "2-02-10-03", "2-00-00-00" -> "2".
    /// </summary>
    public static string Prefix(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var prefix = code.Trim();
        while (prefix.EndsWith("-00", StringComparison.Ordinal))
        {
            prefix = prefix[..^3];
        }

        return prefix;
    }

    /// <summary>
    /// Searches by code, code prefix, name, alias and definition. Results are ranked: exact code (with or without
    /// dashes), code prefix (a group code also finds everything below it), exact name, name starts with, name
    /// contains, an alias contains, the definition contains; within a rank by code. Latin letters match
    /// case-insensitively ("java" finds the alias Java).
    /// </summary>
    public IReadOnlyList<Occupation> Search(string query, int take = 20)
    {
        if (string.IsNullOrWhiteSpace(query) || take <= 0)
        {
            return None;
        }

        query = query.Trim();
        var looksLikeCode = query.AsSpan().IndexOfAnyExcept(CodeCharacters) < 0;
        var codePrefix = looksLikeCode && IsCode(query) ? Prefix(query) + "-" : query;

        var ranked = new List<Occupation>[SearchRanks];
        for (var r = 0; r < SearchRanks; r++)
        {
            ranked[r] = [];
        }

        foreach (var occupation in _all)
        {
            var rank = Rank(occupation, query, looksLikeCode, codePrefix);
            if (rank >= 0)
            {
                ranked[rank].Add(occupation);
            }
        }

        return ranked.SelectMany(r => r).Take(take).ToList().AsReadOnly();
    }

    internal static string? ParentOf(string code)
    {
        var prefix = Prefix(code);
        var lastDash = prefix.LastIndexOf('-');
        if (lastDash < 0)
        {
            return null;
        }

        var parent = prefix[..lastDash];
        while (parent.Count(c => c == '-') < 3)
        {
            parent += "-00";
        }

        return parent;
    }

    private static int Rank(Occupation occupation, string query, bool looksLikeCode, string codePrefix)
    {
        const StringComparison ignoreCase = StringComparison.OrdinalIgnoreCase;
        if (looksLikeCode)
        {
            if (string.Equals(occupation.Code, query, StringComparison.Ordinal)
                || string.Equals(occupation.CodeNumber, query, StringComparison.Ordinal))
            {
                return 0;
            }

            if (occupation.Code.StartsWith(codePrefix, StringComparison.Ordinal)
                || occupation.CodeNumber.StartsWith(query, StringComparison.Ordinal))
            {
                return 1;
            }
        }

        if (string.Equals(occupation.Name, query, ignoreCase))
        {
            return 2;
        }

        if (occupation.Name.StartsWith(query, ignoreCase))
        {
            return 3;
        }

        if (occupation.Name.Contains(query, ignoreCase))
        {
            return 4;
        }

        foreach (var alias in occupation.Aliases)
        {
            if (alias.Contains(query, ignoreCase))
            {
                return 5;
            }
        }

        return occupation.Definition?.Contains(query, ignoreCase) == true ? 6 : -1;
    }

    /// <summary>The dashed form of a code given with or without dashes; null if malformed.</summary>
    private static string? Normalize(string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        if (IsCode(code))
        {
            return code;
        }

        return code.Length == 7 && code.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            ? string.Concat(code[..1], "-", code[1..3], "-", code[3..5], "-", code[5..])
            : null;
    }

    private static bool IsCode(string code) =>
        code.Length == 10 && code[1] == '-' && code[4] == '-' && code[7] == '-'
        && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[2]) && char.IsAsciiDigit(code[3])
        && char.IsAsciiDigit(code[5]) && char.IsAsciiDigit(code[6]) && char.IsAsciiDigit(code[8])
        && char.IsAsciiDigit(code[9]);

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Splits the suffix S, L or L/S off a name; a Latin letter before it means it is part of the name (IOS).</summary>
    private static (string Name, bool IsDigital, bool IsGreen) SplitMarker(string name)
    {
        foreach (var (marker, digital, green) in new[] { ("L/S", true, true), ("S", true, false), ("L", false, true) })
        {
            if (name.Length > marker.Length
                && name.EndsWith(marker, StringComparison.Ordinal)
                && !char.IsAsciiLetter(name[^(marker.Length + 1)]))
            {
                return (name[..^marker.Length].TrimEnd(), digital, green);
            }
        }

        return (name, false, false);
    }

    private static ReadOnlyCollection<string> SplitAliases(string aliases, string name)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name };
        foreach (var part in aliases.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var alias = SplitMarker(part).Name;
            if (seen.Add(alias))
            {
                result.Add(alias);
            }
        }

        return result.Count == 0 ? ReadOnlyCollection<string>.Empty : result.AsReadOnly();
    }
}
