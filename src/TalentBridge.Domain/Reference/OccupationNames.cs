using TalentBridge.Domain.Search;

namespace TalentBridge.Domain.Reference;

/// <summary>
/// What a person typed into an occupation field, resolved: <paramref name="Found"/> when the text names exactly one
/// entry; otherwise the <paramref name="Candidates"/> it could mean, and whether it named several (<paramref name="Ambiguous"/>)
/// or none (then the candidates are suggestions).
/// </summary>
public sealed record OccupationMatch(Occupation? Found, IReadOnlyList<Occupation> Candidates, bool Ambiguous);

/// <summary>
/// Occupation entry by code or name: a code with or without dashes (4-10-01-05, 4100105), "code name" as the
/// suggestion list fills it in (4-10-01-05 养老护理员), an exact name (养老护理员) or an exact alias (厨师长) of a
/// 小类 or 细类. Immutable and thread-safe.
/// </summary>
public sealed class OccupationNames
{
    private readonly OccupationCatalogue _catalogue;
    private readonly Dictionary<string, List<Occupation>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Occupation>> _byAlias = new(StringComparer.Ordinal);

    public OccupationNames(OccupationCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
        void Add(Dictionary<string, List<Occupation>> map, string key, Occupation o)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }
            if (!list.Contains(o))
            {
                list.Add(o);
            }
        }
        foreach (var o in Detailed(catalogue))
        {
            Add(_byName, TextSearch.Fold(o.Name), o);
            foreach (var alias in o.Aliases)
            {
                Add(_byAlias, TextSearch.Fold(alias), o);
            }
        }
    }

    /// <summary>Every 小类 and 细类 in catalogue order: what an occupation field of a position or talent may hold.</summary>
    public static IEnumerable<Occupation> Detailed(OccupationCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var pending = new Stack<Occupation>(catalogue.MajorGroups.Reverse());
        while (pending.TryPop(out var next))
        {
            if (next.Level >= 3)
            {
                yield return next;
            }
            foreach (var child in catalogue.Children(next.Code).Reverse())
            {
                pending.Push(child);
            }
        }
    }

    public OccupationMatch Resolve(string? text)
    {
        var typed = text?.Trim() ?? "";
        if (typed.Length == 0)
        {
            return new OccupationMatch(null, [], false);
        }
        var firstWord = typed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        if ((_catalogue.Find(typed) ?? _catalogue.Find(firstWord)) is { } byCode)
        {
            return new OccupationMatch(byCode, [], false);
        }
        var folded = TextSearch.Fold(typed);
        foreach (var map in new[] { _byName, _byAlias })
        {
            if (map.TryGetValue(folded, out var named))
            {
                return named.Count == 1 ? new OccupationMatch(named[0], [], false) : new OccupationMatch(null, named, true);
            }
        }
        return new OccupationMatch(null, Suggest(typed, 5), false);
    }

    /// <summary>小类 and 细类 by code prefix, name or alias, best first (for suggestions).</summary>
    public IReadOnlyList<Occupation> Suggest(string text, int take) =>
        _catalogue.Search(text, take * 4).Where(o => o.Level >= 3).Take(take).ToList();
}
