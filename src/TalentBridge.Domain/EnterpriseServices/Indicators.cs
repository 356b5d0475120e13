namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>How an indicator turns facts into points.</summary>
public enum IndicatorKind
{
    /// <summary>A quantity falls in one of <see cref="Indicator.Bands"/> (A. 5%以上 20分, B. 3%-5% 15分 …).</summary>
    Bands,
    /// <summary>The first of <see cref="Indicator.Choices"/> whose condition holds (A. Ⅰ类高价值知识产权1项以上 …, E. 无).</summary>
    Choices,
    /// <summary><see cref="Indicator.PointsPerStep"/> for every full <see cref="Indicator.Step"/> of the quantity, up to <see cref="Indicator.MaxPoints"/> (每满2年得1分，最高不超过5分).</summary>
    PerStep,
    /// <summary><see cref="Indicator.PointsEach"/> for every item that holds, up to <see cref="Indicator.MaxPoints"/> (每满足一项加3分，最高不超过5分).</summary>
    CountOf,
}

/// <summary>
/// A band of a banded indicator with its ends exactly as the text says: "5%以上" is min 5 inclusive; "高于5%" min 5
/// exclusive; an absent end is open. <see cref="TextZh"/> quotes the band.
/// </summary>
public sealed record Band
{
    public string Key { get; init; } = "";
    public string TextZh { get; init; } = "";
    public int Points { get; init; }
    public NumberOrParameter? Min { get; init; }
    public bool MinInclusive { get; init; }
    public NumberOrParameter? Max { get; init; }
    public bool MaxInclusive { get; init; }

    internal bool Contains(decimal value, ParameterValues values) =>
        (Min is not { } min || (MinInclusive ? value >= min.Resolve(values) : value > min.Resolve(values)))
        && (Max is not { } max || (MaxInclusive ? value <= max.Resolve(values) : value < max.Resolve(values)));
}

/// <summary>An option of a choices indicator; the last one has no condition (无, 不属于以上情况).</summary>
public sealed record Choice
{
    public string Key { get; init; } = "";
    public string TextZh { get; init; } = "";
    public int Points { get; init; }
    public Condition? When { get; init; }
}

/// <summary>One scored indicator (评价指标) of a dimension, in the closed vocabulary of <see cref="IndicatorKind"/>.</summary>
public sealed record Indicator
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public IndicatorKind Kind { get; init; }
    public Quantity? Quantity { get; init; }
    public IReadOnlyList<Band>? Bands { get; init; }
    public IReadOnlyList<Choice>? Choices { get; init; }
    public NumberOrParameter? Step { get; init; }
    public int? PointsPerStep { get; init; }
    public IReadOnlyList<Condition>? Items { get; init; }
    public int? PointsEach { get; init; }
    /// <summary>满分 of a per-step or count-of indicator (for the others it is the best band or option).</summary>
    public int? MaxPoints { get; init; }
    /// <summary>How the band ends were read where the text leaves them open to interpretation.</summary>
    public string? BoundaryNote { get; init; }
    public RuleSource? Source { get; init; }

    /// <summary>The most points this indicator can give.</summary>
    public int Max => Kind switch
    {
        IndicatorKind.Bands => Bands?.Count > 0 ? Bands.Max(b => b.Points) : 0,
        IndicatorKind.Choices => Choices?.Count > 0 ? Choices.Max(c => c.Points) : 0,
        _ => MaxPoints ?? 0,
    };

    internal void Validate(string path, ValidationErrors errors, Func<string, string?> checkTier, ISet<string> parameters)
    {
        errors.Required(NameZh, path + ".nameZh", 100).Required(NameEn, path + ".nameEn", 200)
            .Optional(BoundaryNote, path + ".boundaryNote", 1000)
            .Defined(Kind, path + ".kind");
        Source?.Validate(path + ".source", errors);
        var given = new (string Name, bool Set)[]
        {
            ("quantity", Quantity is not null), ("bands", Bands is not null), ("choices", Choices is not null), ("step", Step is not null),
            ("pointsPerStep", PointsPerStep is not null), ("items", Items is not null), ("pointsEach", PointsEach is not null), ("maxPoints", MaxPoints is not null),
        };
        string[] needed = Kind switch
        {
            IndicatorKind.Bands => ["quantity", "bands"],
            IndicatorKind.Choices => ["choices"],
            IndicatorKind.PerStep => ["quantity", "step", "pointsPerStep", "maxPoints"],
            _ => ["items", "pointsEach", "maxPoints"],
        };
        foreach (var (name, set) in given)
        {
            var applies = needed.Contains(name, StringComparer.Ordinal);
            errors.When(set && !applies, $"{path}.{name}", $"does not apply to a {Kind.ToString().ToLowerInvariant()} indicator")
                .When(!set && applies, $"{path}.{name}", "is required");
        }
        Quantity?.Validate(path + ".quantity", errors);
        if (Bands is not null)
        {
            errors.When(Bands.Count < 2, path + ".bands", "must have at least two bands");
            for (var i = 0; i < Bands.Count; i++)
            {
                var band = Bands[i];
                var at = $"{path}.bands[{i}]";
                CheckOption(band.Key, band.TextZh, band.Points, at, errors);
                Condition.CheckParameter(band.Min, at + ".min", errors, parameters);
                Condition.CheckParameter(band.Max, at + ".max", errors, parameters);
            }
        }
        if (Choices is not null)
        {
            errors.When(Choices.Count < 2, path + ".choices", "must have at least two options");
            for (var i = 0; i < Choices.Count; i++)
            {
                var choice = Choices[i];
                var at = $"{path}.choices[{i}]";
                CheckOption(choice.Key, choice.TextZh, choice.Points, at, errors);
                var last = i == Choices.Count - 1;
                errors.When(last && choice.When is not null, at + ".when", "must be left out on the last option (the one that applies otherwise)")
                    .When(!last && choice.When is null, at + ".when", "is required on every option but the last");
                choice.When?.Validate(at + ".when", errors, checkTier, false, parameters);
            }
        }
        if (Step is { } step)
        {
            Condition.CheckParameter(step, path + ".step", errors, parameters);
            errors.When(step.Parameter is null && step.Literal <= 0, path + ".step", "must be more than 0");
        }
        if (PointsPerStep is { } perStep)
        {
            errors.Range(perStep, 1, 1000, path + ".pointsPerStep");
        }
        if (PointsEach is { } each)
        {
            errors.Range(each, 1, 1000, path + ".pointsEach");
        }
        if (MaxPoints is { } maxPoints)
        {
            errors.Range(maxPoints, 1, 1000, path + ".maxPoints");
        }
        if (Items is not null)
        {
            errors.When(Items.Count == 0, path + ".items", "must have at least one item");
            for (var i = 0; i < Items.Count; i++)
            {
                Items[i].Validate($"{path}.items[{i}]", errors, checkTier, false, parameters);
            }
        }
    }

    private static void CheckOption(string key, string textZh, int points, string path, ValidationErrors errors) =>
        errors.Required(key, path + ".key", 10).Required(textZh, path + ".textZh", 200).Range(points, 0, 1000, path + ".points");

    /// <summary>Checks that the bands, with the parameter values of one date, cover every value exactly once.</summary>
    internal void CheckBands(string path, ValidationErrors errors, ParameterValues values)
    {
        if (Bands is not { Count: >= 2 })
        {
            return;
        }
        var ordered = Bands.Select((band, index) => (Band: band, Index: index, Min: band.Min?.Resolve(values), Max: band.Max?.Resolve(values)))
            .OrderBy(b => b.Min ?? decimal.MinValue).ToList();
        var on = $" (parameters of {values.On:yyyy-MM-dd})";
        var suffix = ordered.Any(b => b.Band.Min?.Parameter is not null || b.Band.Max?.Parameter is not null) ? on : "";
        if (ordered[0].Min is not null)
        {
            errors.Add($"{path}.bands[{ordered[0].Index}].min", $"leaves values below {ordered[0].Min} without a band: the lowest band must have no lower end{suffix}");
        }
        if (ordered[^1].Max is not null)
        {
            errors.Add($"{path}.bands[{ordered[^1].Index}].max", $"leaves values above {ordered[^1].Max} without a band: the highest band must have no upper end{suffix}");
        }
        for (var i = 0; i < ordered.Count; i++)
        {
            var band = ordered[i];
            var at = $"{path}.bands[{band.Index}]";
            errors.When(band.Min is { } low && band.Max is { } high && low >= high, at, $"must have its lower end below its upper end{suffix}");
            if (i == 0)
            {
                continue;
            }
            var previous = ordered[i - 1];
            if (previous.Max != band.Min)
            {
                errors.Add(at + ".min", $"must start where bands[{previous.Index}] ends ({previous.Max}){suffix}");
            }
            else if (previous.Band.MaxInclusive == band.Band.MinInclusive)
            {
                errors.Add(at + ".minInclusive", previous.Band.MaxInclusive
                    ? $"{band.Min} is in both bands[{previous.Index}] and bands[{band.Index}]{suffix}"
                    : $"{band.Min} is in neither bands[{previous.Index}] nor bands[{band.Index}]{suffix}");
            }
        }
    }
}

/// <summary>A dimension (一级指标) of a tier's score, with its 满分 and the minimum the text asks of it, if any.</summary>
public sealed record Dimension
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public int MaxPoints { get; init; }
    public NumberOrParameter? MinPoints { get; init; }
    public IReadOnlyList<Indicator> Indicators { get; init; } = [];
}
