using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Platform.Titles;

/// <summary>
/// The examples the title model learns from (ADR 0010): every occupation's name and job-board aliases,
/// the curated keyword lists, and labelled titles. Labelled titles are real postings or written like
/// them, so they weigh more than a bare name; a title or keyword that names no occupation is an example
/// of <see cref="TitleModel.NoOccupation"/>.
/// </summary>
public static class TitleTrainingSet
{
    /// <summary>Weight of a catalogue name or alias and of a curated keyword.</summary>
    public const float VocabularyWeight = 1;

    /// <summary>Weight of a hand-written labelled title.</summary>
    public const float WrittenWeight = 2;

    /// <summary>Weight of a labelled title as posted on a real job board.</summary>
    public const float BoardWeight = 4;

    /// <summary>Catalogue names (occupations, 细类) and aliases (every level) with their codes.</summary>
    public static IEnumerable<(string Title, string Code, float Weight)> FromCatalogue(OccupationCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var stack = new Stack<Occupation>(catalogue.MajorGroups);
        var all = new List<Occupation>();
        while (stack.Count > 0)
        {
            var occupation = stack.Pop();
            all.Add(occupation);
            foreach (var child in catalogue.Children(occupation.Code))
            {
                stack.Push(child);
            }
        }
        foreach (var occupation in all.OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            if (occupation.Level == 4)
            {
                yield return (occupation.Name, occupation.Code, VocabularyWeight);
            }
            foreach (var alias in occupation.Aliases)
            {
                yield return (alias, occupation.Code, VocabularyWeight);
            }
        }
    }

    /// <summary>
    /// A curated list (<c>keyword&lt;TAB&gt;code[&lt;TAB&gt;kind]</c>, '#' comments); code <c>-</c> marks a word
    /// that names no occupation.
    /// </summary>
    public static IEnumerable<(string Title, string Code, float Weight)> FromCuratedList(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                yield return (parts[0], parts[1] == "-" ? TitleModel.NoOccupation : parts[1], VocabularyWeight);
            }
        }
    }

    /// <summary>Labelled titles; an empty code is <see cref="TitleModel.NoOccupation"/>.</summary>
    public static IEnumerable<(string Title, string Code, float Weight)> FromLabelled(IEnumerable<TitleRow> rows, float weight)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            yield return (row.Title, row.Code.Length == 0 ? TitleModel.NoOccupation : row.Code, weight);
        }
    }

    /// <summary>
    /// Keeps the classes that labelled titles use at least <paramref name="minimum"/> times (and
    /// <see cref="TitleModel.NoOccupation"/>): the model learns how postings name those jobs, and the
    /// vocabulary keeps the long tail of the catalogue. A vocabulary example of another code moves to its
    /// nearest enclosing group among the kept classes, or is dropped. Training time grows with the number
    /// of classes, which is what this bounds.
    /// </summary>
    public static List<(string Title, string Code, float Weight)> Restrict(
        IReadOnlyList<(string Title, string Code, float Weight)> examples, OccupationCatalogue catalogue, int minimum)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(catalogue);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, code, weight) in examples)
        {
            if (weight > VocabularyWeight)
            {
                uses[code] = uses.GetValueOrDefault(code) + 1;
            }
        }
        var kept = new HashSet<string>(uses.Where(u => u.Value >= minimum).Select(u => u.Key), StringComparer.Ordinal) { TitleModel.NoOccupation };
        var result = new List<(string Title, string Code, float Weight)>(examples.Count);
        foreach (var (title, code, weight) in examples)
        {
            if (kept.Contains(code))
            {
                result.Add((title, code, weight));
                continue;
            }
            // Ancestors are listed from the major group down: the nearest kept one is the last.
            var group = catalogue.Ancestors(code).LastOrDefault(a => kept.Contains(a.Code));
            if (group is not null)
            {
                result.Add((title, group.Code, weight));
            }
        }
        return result;
    }
}
