using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

public sealed record TitleMiss(string Title, string Expected, string? Predicted);

public sealed record TitleEvaluationReport(int Rows, int Correct, IReadOnlyDictionary<string, (int Rows, int Correct)> ByMajorGroup, IReadOnlyList<TitleMiss> Misses)
{
    public double Accuracy => Rows == 0 ? 0 : (double)Correct / Rows;
}

/// <summary>
/// Scores the title classifier on a labelled set. A prediction is right when it falls inside the labelled
/// code's subtree (a finer code under a coarse label counts; a coarser one under a fine label does not);
/// an empty label means the title names no occupation and the classifier must return none.
/// </summary>
public static class TitleEvaluation
{
    public static TitleEvaluationReport Evaluate(TitleClassifier classifier, OccupationCatalogue occupations, IEnumerable<(string Title, string Code)> rows)
    {
        var total = 0;
        var correct = 0;
        var groups = new SortedDictionary<string, (int Rows, int Correct)>(StringComparer.Ordinal);
        var misses = new List<TitleMiss>();
        foreach (var (title, code) in rows)
        {
            var predicted = classifier.Classify(title).Value?.Code;
            var right = code.Length == 0 ? predicted is null : predicted is not null && occupations.IsInSubtree(predicted, code);
            var group = code.Length == 0 ? "none" : code[..1];
            var (groupRows, groupCorrect) = groups.GetValueOrDefault(group);
            groups[group] = (groupRows + 1, groupCorrect + (right ? 1 : 0));
            total++;
            if (right)
            {
                correct++;
            }
            else
            {
                misses.Add(new TitleMiss(title, code, predicted));
            }
        }
        return new TitleEvaluationReport(total, correct, groups, misses);
    }

    /// <summary>Reads <c>title&lt;TAB&gt;code[&lt;TAB&gt;note]</c> lines after a header line.</summary>
    public static IEnumerable<(string Title, string Code)> ReadTsv(TextReader reader)
    {
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split('\t');
            yield return (parts[0], parts.Length > 1 ? parts[1].Trim() : "");
        }
    }
}
