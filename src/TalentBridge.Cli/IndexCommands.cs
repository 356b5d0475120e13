using System.Globalization;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Indices;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge index run</c>: computes a composite index from files, without a database — the tree (a shipped key
/// or a tree document), the figures (CSV or .xlsx, the upload page's layout) and a specification (the run form's
/// default when none is given) — and prints the ranking with the Monte Carlo rank bands, the coverage and the
/// coherence; <c>--out</c> writes the upload page's exports (.csv ranking or .xlsx workbook).
/// <c>talentbridge index reproduce</c> prints the agreement of the seed-001 tables the engine reproduces.
/// </summary>
internal static class IndexCommands
{
    public static async Task<int> RunAsync(string? mode, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        switch (mode)
        {
            case "reproduce":
                Reproduce(output);
                return 0;
            case "run":
                return await ComputeAsync(options, output, error);
            default:
                error.WriteLine("usage: talentbridge index run --tree KEY|TREE.json --data FIGURES.csv|.xlsx [--spec SPEC.json] [--period P] [--out FILE.csv|.xlsx]" +
                    " | index reproduce");
                return 2;
        }
    }

    private static void Reproduce(TextWriter output)
    {
        foreach (var r in SeedReproduction.All())
        {
            var difference = r.MaxScoreDifference is { } d ? string.Create(CultureInfo.InvariantCulture, $", largest score difference {d:0.00}") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Key}: {r.Table} ({r.Method}): Spearman {r.Spearman:0.0000}, exact ranks {r.ExactRanks} / {r.Rows.Count}{difference}"));
        }
    }

    private static async Task<int> ComputeAsync(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (CheckOptions(options) is { } problem)
        {
            return Fail(error, problem);
        }
        var treeOption = options["tree"];
        IndexTree tree;
        if (IndexTree.EmbeddedKeys.Contains(treeOption, StringComparer.Ordinal))
        {
            tree = IndexTree.Embedded(treeOption);
        }
        else if (File.Exists(treeOption))
        {
            var (parsed, treeErrors) = IndexTree.Parse(await File.ReadAllTextAsync(treeOption));
            if (parsed is null)
            {
                return Fail(error, $"--tree {treeOption}", treeErrors);
            }
            tree = parsed;
        }
        else
        {
            return Fail(error, $"error: --tree must be a shipped tree ({string.Join(", ", IndexTree.EmbeddedKeys)}) or a tree file, not '{treeOption}'");
        }

        var dataPath = options["data"];
        if (IndexRuns.TableType(dataPath) is not { } type)
        {
            return Fail(error, "error: --data must be a .csv or .xlsx file");
        }
        if (!File.Exists(dataPath))
        {
            return Fail(error, $"error: --data {dataPath} does not exist");
        }
        IndexDataset? data;
        await using (var file = File.OpenRead(dataPath))
        {
            var (read, dataErrors) = IndexRuns.ReadDataset(file, type, tree);
            if (read is null)
            {
                return Fail(error, $"--data {dataPath}", dataErrors);
            }
            data = read;
        }

        var specText = options.TryGetValue("spec", out var specPath)
            ? await File.ReadAllTextAsync(specPath)
            : IndexSpecification.Default(options.GetValueOrDefault("period") ?? data.Periods.Max(StringComparer.Ordinal) ?? "");
        var (spec, specErrors) = IndexSpecification.Parse(specText, tree);
        if (spec is null)
        {
            return Fail(error, options.ContainsKey("spec") ? $"--spec {specPath}" : "the default specification", specErrors);
        }
        if (options.TryGetValue("period", out var period) && options.ContainsKey("spec") && period != spec.Period)
        {
            return Fail(error, $"error: --period {period} differs from the specification's period {spec.Period}; give one of them");
        }
        if (!data.Periods.Contains(spec.Period, StringComparer.Ordinal))
        {
            return Fail(error, $"error: period '{spec.Period}' has no figures (the figures hold {string.Join(", ", data.Periods)})");
        }

        var result = IndexEngine.Compute(tree, data, spec);
        Print(tree, data, result, output);
        if (options.TryGetValue("out", out var outPath))
        {
            await File.WriteAllBytesAsync(outPath, IndexRuns.TableType(outPath) == MiniExcelLibs.ExcelType.CSV ? IndexExport.Csv(tree, result) : IndexExport.Excel(tree, result));
            output.WriteLine($"written: {outPath}");
        }
        return 0;
    }

    /// <summary>The options' own rules, checked before any file is read.</summary>
    private static string? CheckOptions(Dictionary<string, string> options)
    {
        var unknown = options.Keys.Except(["tree", "data", "spec", "period", "out"], StringComparer.Ordinal).ToList();
        return unknown.Count > 0 ? $"error: unknown option --{unknown[0]} (index run takes --tree, --data, --spec, --period, --out)"
            : !options.ContainsKey("tree") ? "error: --tree is required (a shipped tree's key or a tree file)"
            : !options.ContainsKey("data") ? "error: --data is required (a .csv or .xlsx file of figures)"
            : options.TryGetValue("spec", out var spec) && !File.Exists(spec) ? $"error: --spec {spec} does not exist"
            : options.TryGetValue("out", out var output) && IndexRuns.TableType(output) is null ? "error: --out must end in .csv or .xlsx"
            : null;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }

    private static int Fail(TextWriter error, string what, TalentBridge.Domain.ValidationErrors errors)
    {
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                error.WriteLine($"error: {what}: {field} {message}");
            }
        }
        return 2;
    }

    private static void Print(IndexTree tree, IndexDataset data, IndexResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"tree: {tree.Key} ({tree.NameEn}), {tree.Indicators.Count} indicators; figures: {data.Units.Count} units, periods {string.Join(", ", data.Periods)}; period {result.Period}"));
        if (result.Coverage.UnitsLeftOut.Count > 0)
        {
            output.WriteLine($"left out by screening: {string.Join(", ", result.Coverage.UnitsLeftOut)}");
        }
        foreach (var (label, list) in new[] { ("without figures", result.Coverage.EmptyIndicators), ("constant", result.Coverage.ConstantIndicators) })
        {
            if (list.Count > 0)
            {
                output.WriteLine($"indicators {label}: {string.Join(", ", list)}");
            }
        }
        var bands = result.Uncertainty?.Units.ToDictionary(b => b.Unit, StringComparer.Ordinal);
        output.WriteLine(bands is null ? "rank  score    unit" : string.Create(c, $"rank  score    median  5–95 %    unit   ({result.Uncertainty!.Runs} Monte Carlo runs, seed {result.Uncertainty.Seed})"));
        foreach (var unit in result.Units)
        {
            var score = unit.Score is { } s ? s.ToString("0.00", c).PadLeft(7) : "      —";
            var rank = (unit.Rank?.ToString(c) ?? "—").PadLeft(4);
            var band = bands?.GetValueOrDefault(unit.Unit) is { } b ? string.Create(c, $"  {b.Median,6:0.#}  {b.P5,4:0.#}–{b.P95,-4:0.#}") : "";
            output.WriteLine($"{rank}  {score}{band}  {unit.Unit} {unit.Name}");
        }
        foreach (var dimension in result.Coherence.Dimensions.Where(d => d.CronbachAlpha is not null))
        {
            output.WriteLine(string.Create(c, $"Cronbach's alpha {dimension.Dimension}: {dimension.CronbachAlpha:0.000} ({dimension.Children} children)"));
        }
        foreach (var note in result.Notes)
        {
            output.WriteLine($"note: {note.Kind} {note.Subject}");
        }
    }
}
