using System.Text.Encodings.Web;
using System.Text.Json;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge normalize title|place|salary</c>: batch normalisation for checks and pipelines. One
/// text per input line, one JSON object per output line, in order; unknown fields are null.
/// </summary>
internal static class Normalize
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private static readonly string[] OccupationLevels = ["", "major", "middle", "minor", "unit"];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var kind = args.FirstOrDefault();
        Func<string, object>? normalise = kind switch
        {
            "title" => Titles(),
            "place" => Places(),
            "salary" => Salaries,
            _ => null,
        };
        if (normalise is null || args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge normalize title|place|salary < lines");
            return 2;
        }
        while (await input.ReadLineAsync() is { } line)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(normalise(line), Json));
        }
        await output.FlushAsync();
        return 0;
    }

    private static Func<string, object> Places()
    {
        var places = new PlaceNormaliser(ReferenceData.Load().Regions);
        return line =>
        {
            var result = places.Parse(line);
            return new
            {
                input = line,
                code = result.Value?.Code,
                name = result.Value?.Name,
                level = result.Value?.Level.ToString().ToLowerInvariant(),
                confidence = Math.Round(result.Confidence, 2),
                candidates = result.Value is null && result.Alternatives.Count > 0 ? result.Alternatives.Select(r => r.Code).ToArray() : null,
            };
        };
    }

    private static object Salaries(string line)
    {
        var result = SalaryNormaliser.Parse(line);
        var s = result.Value;
        return new
        {
            input = line,
            monthlyMin = s?.MonthlyMin,
            monthlyMax = s?.MonthlyMax,
            monthsPerYear = s?.MonthsPerYear,
            period = s is null || s.Period == SalaryPeriod.Unknown ? null : s.Period.ToString().ToLowerInvariant(),
            negotiable = s?.Negotiable,
            commission = s?.Commission,
            confidence = Math.Round(result.Confidence, 2),
        };
    }

    private static Func<string, object> Titles()
    {
        var classifier = new TitleClassifier(ReferenceData.Load().Occupations);
        return line =>
        {
            var result = classifier.Classify(line);
            return new
            {
                input = line,
                code = result.Value?.Code,
                name = result.Value?.Name,
                level = result.Value is { } o ? OccupationLevels[o.Level] : null,
                confidence = Math.Round(result.Confidence, 2),
            };
        };
    }

    /// <summary>
    /// <c>talentbridge eval titles [--file F] [--half dev|test]</c>: accuracy of the title classifier on a
    /// labelled set; with <c>--half</c>, on its development (even) or test (odd) rows only, so that vocabulary
    /// work can list the development misses without seeing the test ones.
    /// </summary>
    public static async Task<int> EvaluateTitlesAsync(string[] args, TextWriter output)
    {
        string? file = Path.Combine("data", "evaluation", "job-titles.tsv");
        string? half = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--file" when i + 1 < args.Length:
                    file = args[++i];
                    break;
                case "--half" when i + 1 < args.Length && args[i + 1] is "dev" or "test":
                    half = args[++i];
                    break;
                default:
                    file = null;
                    break;
            }
        }
        if (args.FirstOrDefault() != "titles" || file is null)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge eval titles [--file data/evaluation/job-titles.tsv] [--half dev|test]");
            return 2;
        }
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"error: {file} not found");
            return 2;
        }
        var occupations = ReferenceData.Load().Occupations;
        var classifier = new TitleClassifier(occupations);
        using var reader = new StreamReader(file);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = TitleEvaluation.ReadTsv(reader).ToList();
        if (half is not null)
        {
            rows = [.. rows.Where((_, i) => i % 2 == (half == "dev" ? 0 : 1))];
        }
        var report = TitleEvaluation.Evaluate(classifier, occupations, rows);
        clock.Stop();
        // Vocabulary work may look at the development half (even rows) only; the test half (odd rows)
        // is the figure to report.
        var dev = TitleEvaluation.Evaluate(classifier, occupations, rows.Where((_, i) => i % 2 == 0));
        var test = TitleEvaluation.Evaluate(classifier, occupations, rows.Where((_, i) => i % 2 == 1));
        foreach (var miss in report.Misses)
        {
            var predicted = miss.Predicted is null ? "-" : $"{miss.Predicted} {occupations.Find(miss.Predicted)?.Name}";
            var expected = miss.Expected.Length == 0 ? "(none)" : $"{miss.Expected} {occupations.Find(miss.Expected)?.Name}";
            await output.WriteLineAsync($"miss\t{miss.Title}\texpected {expected}\tgot {predicted}");
        }
        foreach (var (group, (groupRows, correct)) in report.ByMajorGroup)
        {
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"group {group}: {correct}/{groupRows} = {100.0 * correct / groupRows:F1}%"));
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            file,
            half = half ?? "all",
            rows = report.Rows,
            correct = report.Correct,
            accuracy = Math.Round(report.Accuracy, 4),
            devAccuracy = half is null ? Math.Round(dev.Accuracy, 4) : (double?)null,
            testAccuracy = half is null ? Math.Round(test.Accuracy, 4) : (double?)null,
            titlesPerSecond = Math.Round(report.Rows / clock.Elapsed.TotalSeconds),
        }, Json));
        return 0;
    }
}
