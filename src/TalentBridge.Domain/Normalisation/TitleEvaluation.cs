using System.Text.RegularExpressions;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

/// <summary>How one prediction compares with its label.</summary>
public enum TitleOutcome
{
    /// <summary>Inside the labelled code's subtree, or no code for a title that names no occupation.</summary>
    Right,

    /// <summary>Not right, but inside the subtree of a code the label's note also accepts (<c>also: CODE</c>).</summary>
    Defensible,

    /// <summary>A code outside both, or any code for a title that names no occupation.</summary>
    Wrong,

    /// <summary>No code for a title that names an occupation.</summary>
    Abstained,
}

/// <summary>A labelled title: its code (empty when it names no occupation) and the codes its note also accepts.</summary>
public sealed record TitleRow(string Title, string Code, IReadOnlyList<string> Also);

public sealed record TitleMiss(string Title, string Expected, string? Predicted, TitleOutcome Outcome);

public sealed record TitleEvaluationReport(
    int Rows, int Correct, int Defensible, int Wrong, int Abstained,
    IReadOnlyDictionary<string, (int Rows, int Correct)> ByMajorGroup, IReadOnlyList<TitleMiss> Misses)
{
    public double Accuracy => Rows == 0 ? 0 : (double)Correct / Rows;

    /// <summary>Right or defensible.</summary>
    public double DefensibleAccuracy => Rows == 0 ? 0 : (double)(Correct + Defensible) / Rows;
}

/// <summary>
/// Scores a title classifier on a labelled set. A prediction is right when it falls inside the labelled
/// code's subtree (a finer code under a coarse label counts; a coarser one under a fine label does not);
/// an empty label means the title names no occupation and the classifier must return none. A miss is
/// defensible when it falls inside the subtree of a code the note names with <c>also:</c>, an abstention
/// when the classifier gave no code, and wrong otherwise. Accuracy counts right rows only.
/// </summary>
public static partial class TitleEvaluation
{
    public static TitleEvaluationReport Evaluate(TitleClassifier classifier, OccupationCatalogue occupations, IEnumerable<TitleRow> rows) =>
        Evaluate(title => classifier.Classify(title).Value?.Code, occupations, rows);

    public static TitleEvaluationReport Evaluate(Func<string, string?> classify, OccupationCatalogue occupations, IEnumerable<TitleRow> rows)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(occupations);
        ArgumentNullException.ThrowIfNull(rows);
        var total = 0;
        var counts = new int[4];
        var groups = new SortedDictionary<string, (int Rows, int Correct)>(StringComparer.Ordinal);
        var misses = new List<TitleMiss>();
        foreach (var row in rows)
        {
            var predicted = classify(row.Title);
            var outcome = Judge(occupations, row, predicted);
            var group = row.Code.Length == 0 ? "none" : row.Code[..1];
            var (groupRows, groupCorrect) = groups.GetValueOrDefault(group);
            groups[group] = (groupRows + 1, groupCorrect + (outcome == TitleOutcome.Right ? 1 : 0));
            total++;
            counts[(int)outcome]++;
            if (outcome != TitleOutcome.Right)
            {
                misses.Add(new TitleMiss(row.Title, row.Code, predicted, outcome));
            }
        }
        return new TitleEvaluationReport(total, counts[(int)TitleOutcome.Right], counts[(int)TitleOutcome.Defensible],
            counts[(int)TitleOutcome.Wrong], counts[(int)TitleOutcome.Abstained], groups, misses);
    }

    /// <summary>
    /// Rows whose prediction is right by their label or by a second, independent labelling of the same titles
    /// (<paramref name="second"/>, by title); a row without a second label counts by its own label only. Two
    /// careful labellers disagree on some titles, so this is the figure to hold beside the labellers' own agreement.
    /// </summary>
    public static int RightByEither(Func<string, string?> classify, OccupationCatalogue occupations, IEnumerable<TitleRow> rows,
        IReadOnlyDictionary<string, TitleRow> second)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(second);
        var right = 0;
        foreach (var row in rows)
        {
            var predicted = classify(row.Title);
            if (Judge(occupations, row, predicted) == TitleOutcome.Right
                || (second.TryGetValue(row.Title, out var other) && Judge(occupations, other, predicted) == TitleOutcome.Right))
            {
                right++;
            }
        }
        return right;
    }

    /// <summary>The outcome of <paramref name="predicted"/> (null: no code) for <paramref name="row"/>.</summary>
    public static TitleOutcome Judge(OccupationCatalogue occupations, TitleRow row, string? predicted)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Code.Length == 0)
        {
            return predicted is null ? TitleOutcome.Right : TitleOutcome.Wrong;
        }
        if (predicted is null)
        {
            return TitleOutcome.Abstained;
        }
        if (occupations.IsInSubtree(predicted, row.Code))
        {
            return TitleOutcome.Right;
        }
        foreach (var also in row.Also)
        {
            if (occupations.IsInSubtree(predicted, also))
            {
                return TitleOutcome.Defensible;
            }
        }
        return TitleOutcome.Wrong;
    }

    [GeneratedRegex(@"also:\s*((?:\d-\d\d-\d\d-\d\d[,;\s]*)+)")]
    private static partial Regex AlsoPattern();

    [GeneratedRegex(@"\d-\d\d-\d\d-\d\d")]
    private static partial Regex CodePattern();

    /// <summary>The codes a note accepts besides the label: every code after <c>also:</c>.</summary>
    public static IReadOnlyList<string> AlsoCodes(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var codes = new List<string>();
        foreach (Match also in AlsoPattern().Matches(note))
        {
            foreach (Match code in CodePattern().Matches(also.Groups[1].Value))
            {
                codes.Add(code.Value);
            }
        }
        return codes;
    }

    /// <summary>Reads <c>title&lt;TAB&gt;code[&lt;TAB&gt;note]</c> lines after a header line.</summary>
    public static IEnumerable<TitleRow> ReadTsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split('\t');
            var note = parts.Length > 2 ? parts[2] : "";
            yield return new TitleRow(parts[0], parts.Length > 1 ? parts[1].Trim() : "", AlsoCodes(note));
        }
    }
}
