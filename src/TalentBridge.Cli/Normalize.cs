using System.Text.Encodings.Web;
using System.Text.Json;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Titles;

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
        // The classifier imports use: the vocabulary with the learned model (ADR 0022).
        var occupations = ReferenceData.Load().Occupations;
        var classifier = new CombinedTitleClassifier(new TitleClassifier(occupations), TitleModel.LoadEmbedded(), occupations);
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
    /// <c>talentbridge eval titles [--file F] [--half dev|test] [--model M.zip] [--second-labels F] [--sweep]</c>: accuracy of the
    /// title classifier on a labelled set, vocabulary only and combined with the learned model (the embedded
    /// one, or <c>--model</c>); right, defensible (<c>also:</c> codes), wrong and abstained rows, and titles per
    /// second. With <c>--half</c>, on its development (even) or test (odd) rows only, so that vocabulary work can
    /// list the development misses without seeing the test ones. <c>--sweep</c> prints the combined accuracy
    /// over a grid of thresholds, for development sets that the model was not trained on. <c>--second-labels</c>
    /// counts the rows right by the file's label or by a second labelling of the same titles.
    /// </summary>
    public static async Task<int> EvaluateTitlesAsync(string[] args, TextWriter output)
    {
        string? file = Path.Combine("data", "evaluation", "job-titles.tsv");
        string? half = null;
        string? modelFile = null;
        string? secondFile = null;
        var sweep = false;
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
                case "--model" when i + 1 < args.Length:
                    modelFile = args[++i];
                    break;
                case "--second-labels" when i + 1 < args.Length:
                    secondFile = args[++i];
                    break;
                case "--sweep":
                    sweep = true;
                    break;
                default:
                    file = null;
                    break;
            }
        }
        if (args.FirstOrDefault() != "titles" || file is null)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge eval titles [--file data/evaluation/job-titles.tsv] [--half dev|test] [--model M.zip] [--second-labels F] [--sweep]");
            return 2;
        }
        foreach (var path in new[] { file, secondFile })
        {
            if (path is not null && !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"error: {path} not found");
                return 2;
            }
        }
        // Held-out labels are scored, never read with the classifier's answers: no misses, no sweep.
        var heldOut = new[] { file, secondFile }.Any(p => p is not null && Path.GetFileName(p).Contains("heldout", StringComparison.OrdinalIgnoreCase));
        if (heldOut && sweep)
        {
            await Console.Error.WriteLineAsync("error: --sweep tunes thresholds; it is refused on a held-out file");
            return 2;
        }
        Dictionary<string, TitleRow>? second = null;
        if (secondFile is not null)
        {
            using var reader = new StreamReader(secondFile);
            second = new Dictionary<string, TitleRow>(StringComparer.Ordinal);
            foreach (var row in TitleEvaluation.ReadTsv(reader))
            {
                if (!second.TryAdd(row.Title, row))
                {
                    await Console.Error.WriteLineAsync($"error: {secondFile}: the title \"{row.Title}\" is labelled twice");
                    return 2;
                }
            }
        }
        var occupations = ReferenceData.Load().Occupations;
        var classifier = new TitleClassifier(occupations);
        TitleModel? model;
        if (modelFile is not null)
        {
            await using var stream = File.OpenRead(modelFile);
            model = TitleModel.Load(stream);
        }
        else
        {
            model = TitleModel.LoadEmbedded();
        }
        var combined = new CombinedTitleClassifier(classifier, model, occupations);
        List<TitleRow> rows;
        using (var reader = new StreamReader(file))
        {
            rows = [.. TitleEvaluation.ReadTsv(reader)];
        }
        if (half is not null)
        {
            rows = [.. rows.Where((_, i) => i % 2 == (half == "dev" ? 0 : 1))];
        }
        Func<string, string?> vocabularyOnly = title => classifier.Classify(title).Value?.Code;
        Func<string, string?> both = title => combined.Classify(title).Value?.Code;
        var (report, vocabularyRate) = Timed(vocabularyOnly, occupations, rows);
        var (combinedReport, combinedRate) = Timed(both, occupations, rows);
        // Vocabulary work may look at the development half (even rows) only; the test half (odd rows)
        // is the figure to report.
        object? eitherLabeller = null;
        if (second is not null)
        {
            eitherLabeller = new
            {
                secondLabels = rows.Count(r => second.ContainsKey(r.Title)),
                vocabulary = TitleEvaluation.RightByEither(vocabularyOnly, occupations, rows, second),
                combined = TitleEvaluation.RightByEither(both, occupations, rows, second),
            };
        }
        var dev = TitleEvaluation.Evaluate(classifier, occupations, rows.Where((_, i) => i % 2 == 0));
        var test = TitleEvaluation.Evaluate(classifier, occupations, rows.Where((_, i) => i % 2 == 1));
        foreach (var (prefix, misses) in heldOut ? [] : new (string, IReadOnlyList<TitleMiss>)[] { ("miss", report.Misses), ("miss+model", combinedReport.Misses) })
        {
            foreach (var miss in misses)
            {
                var predicted = miss.Predicted is null ? "-" : $"{miss.Predicted} {occupations.Find(miss.Predicted)?.Name}";
                var expected = miss.Expected.Length == 0 ? "(none)" : $"{miss.Expected} {occupations.Find(miss.Expected)?.Name}";
                await output.WriteLineAsync($"{prefix}\t{miss.Outcome.ToString().ToLowerInvariant()}\t{miss.Title}\texpected {expected}\tgot {predicted}");
            }
        }
        foreach (var (group, (groupRows, correct)) in report.ByMajorGroup)
        {
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"group {group}: {correct}/{groupRows} = {100.0 * correct / groupRows:F1}%"));
        }
        if (sweep)
        {
            // Each classifier once per title; the combination is a pure function of their answers.
            var answers = rows.Select(r => (Row: r, Found: classifier.Classify(r.Title), Learned: model.Predict(r.Title))).ToList();
            foreach (var trust in new[] { 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01 })
            {
                foreach (var code in new[] { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01 })
                {
                    foreach (var none in new[] { 0.4, 0.5, 0.6, 0.7, 0.8, 1.01 })
                    {
                        foreach (var silent in new[] { 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 1.01 })
                        {
                            var limits = new CombinedTitleClassifier.Thresholds(trust, code, none, silent);
                            var right = answers.Count(a => TitleEvaluation.Judge(occupations, a.Row,
                                CombinedTitleClassifier.Combine(a.Found, a.Learned, limits, occupations).Value?.Code) == TitleOutcome.Right);
                            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sweep\t{trust}\t{code}\t{none}\t{silent}\t{right}"));
                        }
                    }
                }
            }
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
            titlesPerSecond = vocabularyRate,
            vocabulary = Summary(report, vocabularyRate),
            combined = Summary(combinedReport, combinedRate),
            rightByEitherLabeller = eitherLabeller,
        }, Json));
        return 0;
    }

    private static (TitleEvaluationReport Report, double TitlesPerSecond) Timed(Func<string, string?> classify, OccupationCatalogue occupations, List<TitleRow> rows)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = TitleEvaluation.Evaluate(classify, occupations, rows);
        clock.Stop();
        return (report, Math.Round(report.Rows / clock.Elapsed.TotalSeconds));
    }

    private static object Summary(TitleEvaluationReport report, double titlesPerSecond) => new
    {
        right = report.Correct,
        defensible = report.Defensible,
        wrong = report.Wrong,
        abstained = report.Abstained,
        accuracy = Math.Round(report.Accuracy, 4),
        rightOrDefensible = Math.Round(report.DefensibleAccuracy, 4),
        titlesPerSecond,
    };

    /// <summary>
    /// <c>talentbridge train titles [--out data/reference/titles/title-model.zip] [--without FILE]…</c>: trains the
    /// title model on the catalogue, the curated lists and the labelled development sets (the development half
    /// of job-titles.tsv, job-titles-dev2 to dev5, board-titles-dev and board-titles-dev2; never job-titles-dev6,
    /// the test half or board-titles-heldout). <c>--without</c> leaves a set out, to tune the combination on it.
    /// </summary>
    public static async Task<int> TrainTitlesAsync(string[] args, TextWriter output)
    {
        var target = Path.Combine("data", "reference", "titles", "title-model.zip");
        var without = new HashSet<string>(StringComparer.Ordinal);
        var options = new TitleModel.Options();
        var ok = args.FirstOrDefault() == "titles";
        for (var i = 1; i < args.Length && ok; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    target = args[++i];
                    break;
                case "--without" when i + 1 < args.Length:
                    without.Add(Path.GetFileName(args[++i]));
                    break;
                case "--bits" when i + 1 < args.Length && int.TryParse(args[i + 1], out var bits) && bits is >= 10 and <= 20:
                    options = options with { HashBits = bits };
                    i++;
                    break;
                case "--l1" when i + 1 < args.Length && float.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var l1) && l1 >= 0:
                    options = options with { L1 = l1 };
                    i++;
                    break;
                default:
                    ok = false;
                    break;
            }
        }
        if (!ok)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge train titles [--out data/reference/titles/title-model.zip] [--without FILE]… [--bits N] [--l1 X]");
            return 2;
        }
        var occupations = ReferenceData.Load().Occupations;
        var examples = new List<(string Title, string Code, float Weight)>(TitleTrainingSet.FromCatalogue(occupations));
        var titles = Path.Combine("data", "reference", "titles");
        foreach (var list in Directory.GetFiles(titles, "curated-*.tsv").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(list);
            examples.AddRange(TitleTrainingSet.FromCuratedList(reader));
        }
        var evaluation = Path.Combine("data", "evaluation");
        foreach (var (name, weight, evenRowsOnly) in TrainingSets)
        {
            if (without.Contains(name))
            {
                continue;
            }
            using var reader = new StreamReader(Path.Combine(evaluation, name));
            var rows = TitleEvaluation.ReadTsv(reader).ToList();
            examples.AddRange(TitleTrainingSet.FromLabelled(evenRowsOnly ? rows.Where((_, i) => i % 2 == 0) : rows, weight));
        }
        examples = TitleTrainingSet.Restrict(examples, occupations, MinimumLabelledUses);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var stream = File.Create(target))
        {
            TitleModel.Train(examples, stream, options);
        }
        await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"trained on {examples.Count} examples in {clock.Elapsed.TotalSeconds:F0} s; wrote {target} ({new FileInfo(target).Length / 1024} KiB)"));
        return 0;
    }

    /// <summary>A code becomes a class of the model when labelled titles use it this often.</summary>
    private const int MinimumLabelledUses = 2;

    /// <summary>The labelled sets the model learns from; held-out sets (dev6, the test half, board held-out) are not here.</summary>
    private static readonly (string Name, float Weight, bool EvenRowsOnly)[] TrainingSets =
    [
        ("job-titles.tsv", TitleTrainingSet.WrittenWeight, true),
        ("job-titles-dev2.tsv", TitleTrainingSet.WrittenWeight, false),
        ("job-titles-dev3.tsv", TitleTrainingSet.WrittenWeight, false),
        ("job-titles-dev4.tsv", TitleTrainingSet.WrittenWeight, false),
        ("job-titles-dev5.tsv", TitleTrainingSet.WrittenWeight, false),
        ("board-titles-dev.tsv", TitleTrainingSet.BoardWeight, false),
        ("board-titles-dev2.tsv", TitleTrainingSet.BoardWeight, false),
    ];
}
