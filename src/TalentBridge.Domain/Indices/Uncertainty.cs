using MathNet.Numerics.Statistics;

namespace TalentBridge.Domain.Indices;

/// <summary>A unit's ranks over the Monte Carlo runs: the nominal rank, the median and the 5 %–95 % band (R's default quantiles, type 7).</summary>
public sealed record RankBand(string Unit, int? Nominal, double Median, double P5, double P95);

/// <summary>How often each option of a varied choice was drawn (for weights: the runs that drew multipliers), so nothing of the specification goes unapplied unseen.</summary>
public sealed record ChoiceApplied(string Choice, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// The first-order sensitivity of the ranks to one input: the share of a unit's rank variance explained by the input
/// (Var(E[rank | input]) / Var(rank), the input's options or five equal bins of a weight multiplier), averaged over
/// the units whose rank varies.
/// </summary>
public sealed record Sensitivity(string Input, double FirstOrder);

public sealed record UncertaintyResult(int Runs, int Seed, IReadOnlyList<RankBand> Units, IReadOnlyList<ChoiceApplied> Applied, IReadOnlyList<Sensitivity> Sensitivity);

/// <summary>Monte Carlo uncertainty analysis over the choices a validated specification varies.</summary>
public static class Uncertainty
{
    private const int WeightBins = 5;

    internal static UncertaintyResult Run(IndexEngine.Prepared prepared, IndexSpecification spec, UncertaintySpec uncertainty, int?[] nominal)
    {
        var tree = prepared.Tree;
        var random = new Random(uncertainty.Seed);
        var runs = uncertainty.Runs;
        var unitCount = prepared.Units.Count;
        var ranks = new double[unitCount][];
        for (var u = 0; u < unitCount; u++)
        {
            ranks[u] = new double[runs];
        }
        // Inputs: one per option choice, one per weight node; levels[input][run].
        var inputs = new List<(string Name, int[] Levels)>();
        var applied = new List<(string Choice, Dictionary<string, int> Counts)>();
        var weightNodes = new List<(VariedChoice Choice, IReadOnlyList<string> Nodes)>();
        foreach (var choice in uncertainty.Vary)
        {
            if (choice.Step == VariedStep.Weights)
            {
                var nodes = choice.Nodes ?? [.. tree.Nodes.Where(n => tree.ChildrenOf(n.Parent).Count > 1).Select(n => n.Code)];
                weightNodes.Add((choice, nodes));
                inputs.AddRange(nodes.Select(n => ($"weights:{n}", new int[runs])));
                applied.Add(("weights", new Dictionary<string, int>(StringComparer.Ordinal) { ["runs"] = 0, ["nodes"] = nodes.Count }));
            }
            else
            {
                inputs.Add((choice.Step.ToString().ToLowerInvariant(), new int[runs]));
                applied.Add((choice.Step.ToString().ToLowerInvariant(), choice.Options!.ToDictionary(o => o, _ => 0, StringComparer.OrdinalIgnoreCase)));
            }
        }
        for (var run = 0; run < runs; run++)
        {
            var choices = MethodChoices.Of(spec);
            var input = 0;
            var a = 0;
            Dictionary<string, double>? multipliers = null;
            foreach (var choice in uncertainty.Vary)
            {
                if (choice.Step == VariedStep.Weights)
                {
                    var (_, nodes) = weightNodes.First(w => ReferenceEquals(w.Choice, choice));
                    multipliers ??= new Dictionary<string, double>(StringComparer.Ordinal);
                    var plusMinus = choice.PlusMinus!.Value;
                    foreach (var node in nodes)
                    {
                        var draw = random.NextDouble();
                        multipliers[node] = 1 + plusMinus * (2 * draw - 1);
                        inputs[input++].Levels[run] = Math.Min(WeightBins - 1, (int)(draw * WeightBins));
                    }
                    applied[a++].Counts["runs"]++;
                    continue;
                }
                var pick = random.Next(choice.Options!.Count);
                var option = choice.Options[pick];
                inputs[input++].Levels[run] = pick;
                applied[a++].Counts[option]++;
                choices = choice.Step switch
                {
                    VariedStep.Normalisation => choices with { Normalisation = IndexSpecification.Option<NormalisationMethod>(option) },
                    VariedStep.Aggregation => choices with { Aggregation = IndexSpecification.Option<AggregationMethod>(option) },
                    VariedStep.Imputation => choices with { Imputation = IndexSpecification.Option<ImputationMethod>(option) },
                    VariedStep.Weighting => choices with { Weighting = IndexSpecification.Option<WeightingMethod>(option) },
                    _ => choices,
                };
            }
            var evaluation = IndexEngine.Evaluate(prepared, choices with { WeightMultipliers = multipliers }, detailed: false);
            for (var u = 0; u < unitCount; u++)
            {
                // A unit without a score in a run (every figure missing after that run's imputation) ranks last.
                ranks[u][run] = evaluation.Ranks[u] ?? unitCount;
            }
        }
        var bands = prepared.Units.Select((unit, u) => new RankBand(unit.Code, nominal[u],
                ranks[u].QuantileCustom(0.5, QuantileDefinition.R7),
                ranks[u].QuantileCustom(0.05, QuantileDefinition.R7),
                ranks[u].QuantileCustom(0.95, QuantileDefinition.R7)))
            .OrderBy(b => b.Nominal ?? int.MaxValue).ThenBy(b => b.Median).ToList();
        var sensitivity = inputs.Select(i => new Sensitivity(i.Name, FirstOrder(ranks, i.Levels))).ToList();
        return new UncertaintyResult(runs, uncertainty.Seed, bands, [.. applied.Select(p => new ChoiceApplied(p.Choice, p.Counts))], sensitivity);
    }

    /// <summary>Var(E[rank | level]) / Var(rank) averaged over the units whose rank varies (0 when none does).</summary>
    internal static double FirstOrder(double[][] ranks, int[] levels)
    {
        double total = 0;
        var counted = 0;
        var groups = levels.Select((level, run) => (level, run)).GroupBy(p => p.level).Select(g => g.Select(p => p.run).ToArray()).ToList();
        foreach (var unit in ranks)
        {
            var variance = unit.PopulationVariance();
            if (variance <= 1e-12)
            {
                continue;
            }
            var mean = unit.Mean();
            var between = groups.Sum(g => g.Length * Math.Pow(g.Average(run => unit[run]) - mean, 2)) / unit.Length;
            total += between / variance;
            counted++;
        }
        return counted == 0 ? 0 : total / counted;
    }
}
