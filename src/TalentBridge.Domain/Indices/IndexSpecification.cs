using System.Text.Json;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Indices;

public enum ImputationMethod
{
    /// <summary>A missing figure stays missing; the aggregation shares its weight among the siblings that are there.</summary>
    None = 1,
    /// <summary>The mean of the indicator over the units of the same group (all units when the unit has none).</summary>
    GroupMean = 2,
    /// <summary>The unit's figure of the latest earlier period that has one.</summary>
    LastPeriod = 3,
}

public enum NormalisationMethod
{
    MinMax = 1,
    ZScore = 2,
    Rank = 3,
    DistanceToTarget = 4,
    Goalposts = 5,
}

public enum WeightingMethod
{
    /// <summary>The weights the tree states (equal among siblings where it states none).</summary>
    Manual = 1,
    Equal = 2,
    /// <summary>Per parent, the squared loadings of the first principal component of the children's correlation matrix.</summary>
    Pca = 3,
}

public enum AggregationMethod
{
    Arithmetic = 1,
    Geometric = 2,
    Harmonic = 3,
    GeneralisedMean = 4,
}

/// <summary>A step of the method whose choice a Monte Carlo run may vary.</summary>
public enum VariedStep
{
    Weights = 1,
    Weighting = 2,
    Normalisation = 3,
    Aggregation = 4,
    Imputation = 5,
}

public sealed record ScreeningSpec
{
    /// <summary>A unit with figures for less than this share of the indicators (before imputation) is left out and listed.</summary>
    public double MinUnitCoverage { get; init; }
}

/// <summary>COINr's default outlier rule: an indicator with |skewness| above <see cref="Skewness"/> and (excess) kurtosis above <see cref="Kurtosis"/> is winsorised, one value at a time, at most <see cref="MaxWinsorised"/> values.</summary>
public sealed record OutlierSpec
{
    public bool Treat { get; init; }
    public double Skewness { get; init; } = 2;
    public double Kurtosis { get; init; } = 3.5;
    public int MaxWinsorised { get; init; } = 5;
}

public sealed record NormalisationSpec
{
    public NormalisationMethod Method { get; init; } = NormalisationMethod.MinMax;
    /// <summary>The range the bounded methods (all but z-score) map onto.</summary>
    public double Low { get; init; }
    public double High { get; init; } = 100;
}

public sealed record AggregationSpec
{
    public AggregationMethod Method { get; init; } = AggregationMethod.Arithmetic;
    /// <summary>The exponent of the generalised mean (not 0; 1 is the arithmetic mean, −1 the harmonic).</summary>
    public double P { get; init; } = 0.5;
    /// <summary>
    /// Added to every value before a geometric, harmonic or generalised mean and taken off the result, so that a
    /// normalised zero (the worst unit of a min-max indicator) does not turn the whole mean into zero.
    /// </summary>
    public double Shift { get; init; } = 1;
}

/// <summary>The final index rescaled onto [<see cref="Low"/>, <see cref="High"/>] (seed 001 B.11 prints 50–100).</summary>
public sealed record RescaleSpec
{
    public double Low { get; init; }
    public double High { get; init; } = 100;
}

/// <summary>
/// One choice that Monte Carlo runs vary: weights by ± <see cref="PlusMinus"/> (of the named <see cref="Nodes"/>, or of
/// every node), or one of the <see cref="Options"/> of a method step, drawn uniformly per run.
/// </summary>
public sealed record VariedChoice
{
    public VariedStep Step { get; init; }
    public double? PlusMinus { get; init; }
    public IReadOnlyList<string>? Nodes { get; init; }
    public IReadOnlyList<string>? Options { get; init; }
}

public sealed record UncertaintySpec
{
    public const int MaxRuns = 5000;

    public int Runs { get; init; } = 500;
    public int Seed { get; init; } = 1;
    public IReadOnlyList<VariedChoice> Vary { get; init; } = [];
}

/// <summary>
/// How an index is computed from a tree and a dataset: the period, screening, imputation, outlier treatment,
/// normalisation, weighting, aggregation, an optional rescaling of the result and what Monte Carlo runs vary. Kept as
/// JSON; <see cref="Parse"/> checks it against the tree and names the JSON path of every error, refusing a variation
/// that names a step, an option or a node that does not exist or that would change nothing.
/// </summary>
public sealed record IndexSpecification
{
    public string Period { get; init; } = "";
    public ScreeningSpec Screening { get; init; } = new();
    public ImputationMethod Imputation { get; init; } = ImputationMethod.None;
    public OutlierSpec Outliers { get; init; } = new();
    public NormalisationSpec Normalisation { get; init; } = new();
    public WeightingMethod Weighting { get; init; } = WeightingMethod.Manual;
    public AggregationSpec Aggregation { get; init; } = new();
    public RescaleSpec? Rescale { get; init; }
    public UncertaintySpec? Uncertainty { get; init; }

    /// <summary>The starting specification (the run form's and the CLI's): min-max, the tree's weights, arithmetic mean, and 1,000 Monte Carlo runs varying weights ± 20 % and the normalisation.</summary>
    public static string Default(string period) => $$"""
        {
          "period": "{{period}}",
          "screening": { "minUnitCoverage": 0.5 },
          "imputation": "none",
          "outliers": { "treat": true },
          "normalisation": { "method": "minMax", "low": 0, "high": 100 },
          "weighting": "manual",
          "aggregation": { "method": "arithmetic" },
          "uncertainty": {
            "runs": 1000, "seed": 1,
            "vary": [
              { "step": "weights", "plusMinus": 0.2 },
              { "step": "normalisation", "options": ["minMax", "rank"] }
            ]
          }
        }
        """;

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);

    public static (IndexSpecification? Spec, ValidationErrors Errors) Parse(string json, IndexTree tree)
    {
        var (spec, errors) = AdmissionJson.Read<IndexSpecification>(json, "specification");
        if (spec is null)
        {
            return (null, errors);
        }
        spec.Validate(tree, errors);
        return (errors.IsValid ? spec : null, errors);
    }

    public ValidationErrors Validate(IndexTree tree, ValidationErrors? into = null)
    {
        var errors = into ?? new ValidationErrors();
        errors.Required(Period, "period", 20)
            .Range((decimal)Screening.MinUnitCoverage, 0, 1, "screening.minUnitCoverage")
            .Defined(Imputation, "imputation").Defined(Weighting, "weighting")
            .Defined(Normalisation.Method, "normalisation.method").Defined(Aggregation.Method, "aggregation.method")
            .When(Outliers.Skewness <= 0, "outliers.skewness", "must be greater than 0")
            .When(Outliers.Kurtosis <= 0, "outliers.kurtosis", "must be greater than 0")
            .Range(Outliers.MaxWinsorised, 1, 50, "outliers.maxWinsorised")
            .When(!(Normalisation.Low < Normalisation.High), "normalisation.high", "must be greater than low")
            .When(Aggregation.P == 0 || !double.IsFinite(Aggregation.P) || Math.Abs(Aggregation.P) > 10, "aggregation.p", "must be a number between −10 and 10 other than 0 (0 is the geometric mean)")
            .When(Aggregation.Shift < 0 || !double.IsFinite(Aggregation.Shift), "aggregation.shift", "must be 0 or more")
            .When(Rescale is { } r && !(r.Low < r.High), "rescale.high", "must be greater than low");
        var normalisations = new List<(NormalisationMethod Method, string Path)> { (Normalisation.Method, "normalisation.method") };
        var aggregations = new List<(AggregationMethod Method, string Path)> { (Aggregation.Method, "aggregation.method") };
        if (Uncertainty is { } u)
        {
            errors.Range(u.Runs, 10, UncertaintySpec.MaxRuns, "uncertainty.runs")
                .When(u.Vary.Count == 0, "uncertainty.vary", "must name at least one choice to vary");
            var steps = new HashSet<VariedStep>();
            for (var i = 0; i < u.Vary.Count; i++)
            {
                var choice = u.Vary[i];
                var path = $"uncertainty.vary[{i}]";
                errors.Defined(choice.Step, path + ".step")
                    .When(!steps.Add(choice.Step), path + ".step", $"'{choice.Step}' is varied twice");
                if (choice.Step == VariedStep.Weights)
                {
                    ValidateWeights(choice, path, tree, errors);
                    continue;
                }
                errors.When(choice.PlusMinus is not null, path + ".plusMinus", "applies to weights only")
                    .When(choice.Nodes is not null, path + ".nodes", "applies to weights only");
                var options = choice.Options ?? [];
                errors.When(options.Count < 2, path + ".options", "must list at least two choices");
                errors.When(options.Distinct(StringComparer.OrdinalIgnoreCase).Count() < options.Count, path + ".options", "lists a choice twice");
                for (var o = 0; o < options.Count; o++)
                {
                    var at = $"{path}.options[{o}]";
                    var known = choice.Step switch
                    {
                        VariedStep.Normalisation => TryOption<NormalisationMethod>(options[o], m => normalisations.Add((m, at))),
                        VariedStep.Aggregation => TryOption<AggregationMethod>(options[o], m => aggregations.Add((m, at))),
                        VariedStep.Imputation => TryOption<ImputationMethod>(options[o], _ => { }),
                        VariedStep.Weighting => TryOption<WeightingMethod>(options[o], _ => { }),
                        _ => false,
                    };
                    errors.When(!known, at, $"'{options[o]}' is not a method of step '{choice.Step.ToString().ToLowerInvariant()}'");
                }
            }
        }
        foreach (var (method, path) in normalisations)
        {
            if (method == NormalisationMethod.DistanceToTarget)
            {
                foreach (var missing in tree.Indicators.Where(n => n.Target is null).Take(3))
                {
                    errors.Add(path, $"needs a target on every indicator; '{missing.Code}' has none");
                }
            }
            else if (method == NormalisationMethod.Goalposts)
            {
                foreach (var missing in tree.Indicators.Where(n => n.Goalposts is null).Take(3))
                {
                    errors.Add(path, $"needs goalposts on every indicator; '{missing.Code}' has none");
                }
            }
        }
        // Geometric, harmonic and generalised means need positive values: z-scores are negative for half the units,
        // and a bounded range needs low + shift > 0.
        foreach (var (aggregation, aPath) in aggregations.Where(a => a.Method != AggregationMethod.Arithmetic))
        {
            foreach (var (normalisation, nPath) in normalisations)
            {
                errors.When(normalisation == NormalisationMethod.ZScore, aPath,
                    $"'{aggregation}' needs positive values, which z-scores ({nPath}) are not; use a bounded normalisation")
                    .When(normalisation != NormalisationMethod.ZScore && Normalisation.Low + Aggregation.Shift <= 0, aPath,
                        $"'{aggregation}' needs normalisation.low + aggregation.shift to be above 0");
            }
        }
        return errors;
    }

    private static void ValidateWeights(VariedChoice choice, string path, IndexTree tree, ValidationErrors errors)
    {
        errors.When(choice.Options is not null, path + ".options", "does not apply to weights (give plusMinus)")
            .When(choice.PlusMinus is not (> 0 and < 1), path + ".plusMinus", "must be above 0 and below 1 (0.25 = ± 25 %)");
        var nodes = choice.Nodes ?? [];
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = tree.Find(nodes[n]);
            var at = $"{path}.nodes[{n}]";
            if (node is null)
            {
                errors.Add(at, $"'{nodes[n]}' is not a node of '{tree.Key}'");
            }
            else
            {
                // A weight renormalised among siblings it does not have is always 1: varying it would change nothing.
                errors.When(tree.ChildrenOf(node.Parent).Count < 2, at, $"'{nodes[n]}' has no siblings, so varying its weight changes nothing");
            }
        }
        errors.When(nodes.Count == 0 && tree.Nodes.All(n => tree.ChildrenOf(n.Parent).Count < 2), path + ".nodes", "no node of the tree has a sibling to trade weight with");
    }

    private static bool TryOption<TEnum>(string text, Action<TEnum> add) where TEnum : struct, Enum
    {
        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            add(value);
            return true;
        }
        return false;
    }

    internal static TEnum Option<TEnum>(string text) where TEnum : struct, Enum => Enum.Parse<TEnum>(text, ignoreCase: true);
}
