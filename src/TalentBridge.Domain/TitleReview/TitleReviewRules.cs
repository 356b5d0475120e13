using System.Text;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.TitleReview;

/// <summary>A name in both UI languages.</summary>
public sealed record LocalisedName(string Zh, string En);

/// <summary>A public period (公示) of so many working days, with the rule it comes from.</summary>
public sealed record PeriodRule
{
    public int WorkingDays { get; init; }
    public RuleSource Source { get; init; } = new();
}

/// <summary>
/// A share of a whole as an exact fraction: <see cref="Met"/> compares <c>part / whole</c> with
/// <c>numerator / denominator</c> by integer cross-multiplication (never floating point), including the boundary
/// when <see cref="Inclusive"/> (三分之二以上: 以上 includes the figure itself in Chinese legal usage).
/// </summary>
public sealed record FractionRule
{
    public int Numerator { get; init; }
    public int Denominator { get; init; }
    public bool Inclusive { get; init; }
    public RuleSource Source { get; init; } = new();

    /// <summary>Whether <paramref name="part"/> of <paramref name="whole"/> reaches the fraction (false when the whole is 0).</summary>
    public bool Met(int part, int whole)
    {
        if (whole <= 0)
        {
            return false;
        }
        var left = (long)part * Denominator;
        var right = (long)Numerator * whole;
        return Inclusive ? left >= right : left > right;
    }

    /// <summary>The smallest part of <paramref name="whole"/> that meets the fraction (may exceed the whole: then none can).</summary>
    public int Needed(int whole)
    {
        var floor = (int)((long)Numerator * whole / Denominator);
        return Met(floor, whole) ? floor : floor + 1;
    }
}

/// <summary>The expert panel (评议组): how many experts at least, and the range of a score.</summary>
public sealed record PanelRule
{
    public int MinExperts { get; init; }
    public int MinScore { get; init; }
    public int MaxScore { get; init; }
    public RuleSource Source { get; init; } = new();
}

/// <summary>
/// The numbers of the 职称 review procedure as data (ADR 0019): the employer's publicity and the result notice in
/// working days, the committee's quorum and the pass rule of its secret ballot, the panel's size and scale — each with
/// the document it comes from and whether that was checked. An application keeps the <see cref="Key"/> it started under.
/// </summary>
public sealed record TitleReviewRules
{
    private const string ResourceName = "reference/title-review/national-2019.json";
    private static readonly Lazy<TitleReviewRules> EmbeddedRules = new(LoadEmbedded);

    public string Key { get; init; } = "";
    public LocalisedName Name { get; init; } = new("", "");
    public DateOnly EffectiveFrom { get; init; }
    public PeriodRule EmployerPublicity { get; init; } = new();
    public PeriodRule ResultNotice { get; init; } = new();
    public FractionRule Quorum { get; init; } = new();
    public FractionRule Pass { get; init; } = new();
    public PanelRule Panel { get; init; } = new();

    /// <summary>The shipped rules (data/reference/title-review/national-2019.json).</summary>
    public static TitleReviewRules National => EmbeddedRules.Value;

    /// <summary>Reads and checks a rules document; errors name the JSON path (<c>quorum.denominator</c>).</summary>
    public static (TitleReviewRules? Rules, ValidationErrors Errors) Parse(string json)
    {
        var (rules, errors) = AdmissionJson.Read<TitleReviewRules>(json, "rules");
        if (rules is null)
        {
            return (null, errors);
        }
        errors.Required(rules.Key, "key", 60)
            .Required(rules.Name.Zh, "name.zh", 200).Required(rules.Name.En, "name.en", 200);
        CheckPeriod(rules.EmployerPublicity, "employerPublicity", errors);
        CheckPeriod(rules.ResultNotice, "resultNotice", errors);
        CheckFraction(rules.Quorum, "quorum", errors);
        CheckFraction(rules.Pass, "pass", errors);
        errors.Range(rules.Panel.MinExperts, 1, 50, "panel.minExperts")
            .Range(rules.Panel.MinScore, 0, 1000, "panel.minScore")
            .Range(rules.Panel.MaxScore, 1, 1000, "panel.maxScore")
            .When(rules.Panel.MaxScore <= rules.Panel.MinScore, "panel.maxScore", "must be above panel.minScore");
        rules.Panel.Source.Validate("panel.source", errors);
        return errors.IsValid ? (rules, errors) : (null, errors);
    }

    private static void CheckPeriod(PeriodRule period, string path, ValidationErrors errors)
    {
        errors.Range(period.WorkingDays, 1, 60, path + ".workingDays");
        period.Source.Validate(path + ".source", errors);
    }

    private static void CheckFraction(FractionRule fraction, string path, ValidationErrors errors)
    {
        errors.Range(fraction.Denominator, 1, 100, path + ".denominator")
            .Range(fraction.Numerator, 1, 100, path + ".numerator")
            .When(fraction.Numerator > fraction.Denominator, path + ".numerator", "must not be above the denominator");
        fraction.Source.Validate(path + ".source", errors);
    }

    private static TitleReviewRules LoadEmbedded() => LoadEmbedded(ResourceName, Parse);

    /// <summary>Reads an embedded rules document; a shipped document that does not parse is a build error, reported with its errors.</summary>
    internal static T LoadEmbedded<T>(string resourceName, Func<string, (T? Value, ValidationErrors Errors)> parse) where T : class
    {
        using var stream = typeof(TitleReviewRules).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (value, errors) = parse(reader.ReadToEnd());
        return value ?? throw new InvalidDataException($"{resourceName}: {errors}");
    }
}
