using System.Collections.ObjectModel;
using System.Globalization;

namespace TalentBridge.Domain.Reference;

/// <summary>The industrial classification GB/T 4754-2017. Immutable once loaded.</summary>
public sealed class IndustryCatalogue
{
    private const int SearchRanks = 5;

    private static readonly ReadOnlyCollection<Industry> None = ReadOnlyCollection<Industry>.Empty;

    private readonly ReadOnlyCollection<Industry> _all;
    private readonly Dictionary<string, Industry> _byCode;
    private readonly Dictionary<string, ReadOnlyCollection<Industry>> _children;

    private IndustryCatalogue(List<Industry> industries)
    {
        _all = industries.AsReadOnly();
        _byCode = industries.ToDictionary(i => i.Code, StringComparer.Ordinal);

        var children = new Dictionary<string, List<Industry>>(StringComparer.Ordinal);
        foreach (var industry in industries)
        {
            if (industry.ParentCode is not { } parentCode)
            {
                continue;
            }

            if (!children.TryGetValue(parentCode, out var list))
            {
                list = [];
                children.Add(parentCode, list);
            }

            list.Add(industry);
        }

        // The source is in standard order (sections A-T, codes ascending), which is kept.
        _children = children.ToDictionary(p => p.Key, p => p.Value.AsReadOnly(), StringComparer.Ordinal);
        Sections = industries.Where(i => i.Level == 1).ToList().AsReadOnly();
    }

    /// <summary>Number of sections, divisions, groups and classes.</summary>
    public int Count => _all.Count;

    /// <summary>The 20 sections A to T.</summary>
    public IReadOnlyList<Industry> Sections { get; }

    /// <summary>Parses the embedded CSV file.</summary>
    public static IndustryCatalogue Load()
    {
        const string resource = "reference/industries/gbt4754-2017.csv";
        var table = EmbeddedCsv.Load(resource);
        var levelColumn = table.Column("level");
        var sectionColumn = table.Column("section");
        var divisionColumn = table.Column("division");
        var groupColumn = table.Column("group");
        var classColumn = table.Column("class");
        var nameColumn = table.Column("name");

        var industries = new List<Industry>(table.Records.Count);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in table.Records)
        {
            var section = record[sectionColumn].Trim();
            var division = record[divisionColumn].Trim();
            var group = record[groupColumn].Trim();
            var @class = record[classColumn].Trim();
            var name = record[nameColumn].Trim();
            if (!int.TryParse(record[levelColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                throw new InvalidDataException($"{resource}: invalid level '{record[levelColumn]}' for {name}.");
            }

            var (code, parentCode) = level switch
            {
                1 => (section, null),
                2 => (division, section),
                3 => (group, division),
                4 => (@class, known.Contains(group) ? group : division),
                _ => throw new InvalidDataException($"{resource}: invalid level {level} for {name}."),
            };

            var valid = level switch
            {
                1 => section.Length == 1 && char.IsAsciiLetterUpper(section[0]),
                2 => IsDigits(division, 2),
                3 => IsDigits(group, 3) && group.StartsWith(division, StringComparison.Ordinal),
                _ => IsDigits(@class, 4) && @class.StartsWith(group, StringComparison.Ordinal)
                     && group.StartsWith(division, StringComparison.Ordinal),
            };
            if (!valid || name.Length == 0 || (parentCode is not null && !known.Contains(parentCode)))
            {
                throw new InvalidDataException($"{resource}: invalid or out-of-order row {level},{section},{division},{group},{@class},{name}.");
            }

            if (!known.Add(code))
            {
                throw new InvalidDataException($"{resource}: code {code} occurs twice.");
            }

            industries.Add(new Industry(code, level, name, section, parentCode));
        }

        return new IndustryCatalogue(industries);
    }

    /// <summary>Finds an entry by code ("C", "c", "13", "131", "1311"); null if unknown.</summary>
    public Industry? Find(string code) =>
        string.IsNullOrWhiteSpace(code) ? null : _byCode.GetValueOrDefault(code.Trim().ToUpperInvariant());

    /// <summary>The direct children in standard order; empty for unknown codes and classes.</summary>
    public IReadOnlyList<Industry> Children(string code) =>
        Find(code) is { } industry && _children.TryGetValue(industry.Code, out var children) ? children : None;

    /// <summary>The enclosing entries, section first, without the entry itself; empty for unknown codes.</summary>
    public IReadOnlyList<Industry> Ancestors(string code)
    {
        var industry = Find(code);
        if (industry?.ParentCode is null)
        {
            return None;
        }

        var ancestors = new List<Industry>(3);
        for (var parentCode = industry.ParentCode; parentCode is not null; parentCode = _byCode[parentCode].ParentCode)
        {
            ancestors.Add(_byCode[parentCode]);
        }

        ancestors.Reverse();
        return ancestors.AsReadOnly();
    }

    /// <summary>True if <paramref name="code"/> is <paramref name="rootCode"/> or lies below it; false for unknown codes.</summary>
    public bool IsInSubtree(string code, string rootCode)
    {
        var root = Find(rootCode);
        for (var current = root is null ? null : Find(code);
             current is not null;
             current = current.ParentCode is null ? null : _byCode[current.ParentCode])
        {
            if (ReferenceEquals(current, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Searches by code and name. Results are ranked: exact code, code prefix (digits: "13" also finds 131, 1311;
    /// a section letter also finds its divisions, groups and classes), exact name, name starts with, name contains;
    /// within a rank in standard order.
    /// </summary>
    public IReadOnlyList<Industry> Search(string query, int take = 20)
    {
        if (string.IsNullOrWhiteSpace(query) || take <= 0)
        {
            return None;
        }

        query = query.Trim();
        var upper = query.ToUpperInvariant();
        var isSection = upper.Length == 1 && char.IsAsciiLetterUpper(upper[0]);
        var isNumber = upper.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

        var ranked = new List<Industry>[SearchRanks];
        for (var r = 0; r < SearchRanks; r++)
        {
            ranked[r] = [];
        }

        foreach (var industry in _all)
        {
            int rank;
            if (string.Equals(industry.Code, upper, StringComparison.Ordinal))
            {
                rank = 0;
            }
            else if ((isNumber && industry.Code.StartsWith(upper, StringComparison.Ordinal))
                     || (isSection && string.Equals(industry.Section, upper, StringComparison.Ordinal)))
            {
                rank = 1;
            }
            else if (string.Equals(industry.Name, query, StringComparison.OrdinalIgnoreCase))
            {
                rank = 2;
            }
            else if (industry.Name.StartsWith(query, StringComparison.OrdinalIgnoreCase))
            {
                rank = 3;
            }
            else if (industry.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                rank = 4;
            }
            else
            {
                continue;
            }

            ranked[rank].Add(industry);
        }

        return ranked.SelectMany(r => r).Take(take).ToList().AsReadOnly();
    }

    private static bool IsDigits(string value, int length) =>
        value.Length == length && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
