using System.Text.Json;
using System.Text.RegularExpressions;

namespace TalentBridge.Domain.SharedPool;

/// <summary>How a rule turns matching evidence into points.</summary>
public enum PointsBasis
{
    /// <summary>The points once when at least one item matches.</summary>
    Once = 0,
    /// <summary>The points for every matching item, up to the rule's cap.</summary>
    PerItem = 1,
}

/// <summary>
/// Conditions an evidence item must meet to match a rule; every condition given must hold, and a condition on a
/// field the item leaves out does not hold. "Min" conditions pass at the level named; <see cref="WithinYears"/> N
/// passes items from today's year − N onwards; <see cref="MaxPlacing"/> passes that placing and better.
/// </summary>
public sealed record RuleConditions
{
    public ProfessionalTitleLevel? MinTitleLevel { get; init; }
    public SkillLevel? MinSkillLevel { get; init; }
    public EducationLevel? MinEducation { get; init; }
    public RecognitionLevel? MinLevel { get; init; }
    public AwardGrade? MinGrade { get; init; }
    public int? MaxPlacing { get; init; }
    public ReviewRating? MinRating { get; init; }
    public ProjectRole? MinRole { get; init; }
    public long? MinAmountYuan { get; init; }
    public int? WithinYears { get; init; }
    public int? MinYears { get; init; }
    public PatentKind? PatentKind { get; init; }
    public int? MinCount { get; init; }

    /// <summary>The conditions that may be used for each kind of evidence (JSON names).</summary>
    internal static readonly Dictionary<EvidenceKind, string[]> Applicable = new()
    {
        [EvidenceKind.ProfessionalTitle] = ["minTitleLevel", "withinYears"],
        [EvidenceKind.SkillLevel] = ["minSkillLevel", "withinYears"],
        [EvidenceKind.Education] = ["minEducation"],
        [EvidenceKind.Certificate] = ["minLevel", "withinYears"],
        [EvidenceKind.Award] = ["minLevel", "minGrade", "withinYears"],
        [EvidenceKind.Competition] = ["minLevel", "maxPlacing", "withinYears"],
        [EvidenceKind.Project] = ["minRole", "minAmountYuan", "withinYears"],
        [EvidenceKind.Experience] = ["minYears"],
        [EvidenceKind.IndustryReview] = ["minLevel", "minRating", "withinYears"],
        [EvidenceKind.Patent] = ["patentKind", "minCount"],
    };

    /// <summary>The conditions given, by JSON name.</summary>
    internal IEnumerable<string> Given()
    {
        (string Name, bool Set)[] all =
        [
            ("minTitleLevel", MinTitleLevel is not null), ("minSkillLevel", MinSkillLevel is not null), ("minEducation", MinEducation is not null),
            ("minLevel", MinLevel is not null), ("minGrade", MinGrade is not null), ("maxPlacing", MaxPlacing is not null),
            ("minRating", MinRating is not null), ("minRole", MinRole is not null), ("minAmountYuan", MinAmountYuan is not null),
            ("withinYears", WithinYears is not null), ("minYears", MinYears is not null), ("patentKind", PatentKind is not null),
            ("minCount", MinCount is not null),
        ];
        return all.Where(c => c.Set).Select(c => c.Name);
    }

    public bool Matches(EvidenceItem item, DateOnly today) =>
        AtLeast(item.TitleLevel, MinTitleLevel)
        && AtLeast(item.SkillLevel, MinSkillLevel)
        && AtLeast(item.Education, MinEducation)
        && AtLeast(item.Level, MinLevel)
        && AtLeast(item.Grade, MinGrade)
        && AtLeast(item.Rating, MinRating)
        && AtLeast(item.Role, MinRole)
        && (MaxPlacing is not { } maxPlacing || item.Placing <= maxPlacing)
        && (MinAmountYuan is not { } minAmount || item.AmountYuan >= minAmount)
        && (WithinYears is not { } within || item.Year >= today.Year - within)
        && (MinYears is not { } minYears || item.Years >= minYears)
        && (PatentKind is not { } patentKind || item.PatentKind == patentKind)
        && (MinCount is not { } minCount || item.Count >= minCount);

    private static bool AtLeast<T>(T? value, T? minimum) where T : struct, Enum =>
        minimum is not { } min || (value is { } v && Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) >= Convert.ToInt32(min, System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A rule of a dimension: evidence items of <see cref="Kind"/> that meet <see cref="When"/> earn <see cref="Points"/>,
/// once or per item (at most <see cref="Cap"/> in all). <see cref="Key"/> names the rule to the pages that explain it.
/// </summary>
public sealed record AdmissionRule
{
    public string Key { get; init; } = "";
    public EvidenceKind Kind { get; init; }
    public RuleConditions When { get; init; } = new();
    public int Points { get; init; }
    public PointsBasis Basis { get; init; }
    /// <summary>The most a per-item rule gives in all; none means points × the number of items.</summary>
    public int? Cap { get; init; }

    /// <summary>The most this rule can give (a per-item rule without a cap: for <see cref="AdmissionEvidence.MaxItems"/> items).</summary>
    public int MaxPoints => Basis == PointsBasis.Once ? Points : Math.Min(Cap ?? int.MaxValue, Points * AdmissionEvidence.MaxItems);
}

/// <summary>One of the five dimensions; it is met when its points reach <see cref="Threshold"/>.</summary>
public sealed record AdmissionDimension
{
    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public int Threshold { get; init; }
    public IReadOnlyList<AdmissionRule> Rules { get; init; } = [];

    public int MaxPoints => Rules.Sum(r => r.MaxPoints);
}

/// <summary>
/// When a talent passes: every required dimension is met, and at least one clause holds — at least
/// <see cref="MinDimensionsMet"/> dimensions met, or a total of at least <see cref="MinTotal"/> points.
/// </summary>
public sealed record PassRule
{
    public int? MinDimensionsMet { get; init; }
    public int? MinTotal { get; init; }
    public IReadOnlyList<string> RequiredDimensions { get; init; } = [];
}

/// <summary>
/// A versioned admission standard of the shared talent pool (共享人才准入标准), kept as data: five dimensions —
/// 行业评价 (<c>industryReview</c>), 专业能力 (<c>professionalAbility</c>), 竞赛荣誉 (<c>honours</c>) and two the
/// operator names — each scoring evidence by rules, and a pass rule. Storage assigns <see cref="Version"/>; a
/// decision keeps the version it was made under, so a later standard never changes it.
/// </summary>
public sealed partial record AdmissionStandard
{
    public const int DimensionCount = 5;
    public const int MaxRulesPerDimension = 50;
    public static readonly IReadOnlyList<string> FixedDimensions = ["industryReview", "professionalAbility", "honours"];

    public string Name { get; init; } = "";
    /// <summary>Assigned by storage: 1 for the first stored version; 0 before the standard is stored.</summary>
    public int Version { get; init; }
    /// <summary>Months an admission lasts from the decision.</summary>
    public int ValidityMonths { get; init; } = 36;
    /// <summary>Days before expiry from which the expert is asked to reconfirm.</summary>
    public int ReconfirmDaysBefore { get; init; } = 60;
    /// <summary>Where the standard comes from (a policy document, an operator's decision).</summary>
    public string? Source { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<AdmissionDimension> Dimensions { get; init; } = [];
    public PassRule Pass { get; init; } = new();

    /// <summary>The most points the rules can give in all.</summary>
    public int MaxTotal => Dimensions.Sum(d => d.MaxPoints);

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex KeyPattern();

    private static readonly Lazy<AdmissionStandard> Lishui = new(LoadLishui);

    /// <summary>
    /// The illustrative default for the Lishui demo (embedded <c>shared-pool/lishui-admission-standard.json</c>):
    /// the seed names the dimensions, not the rules, which are the project's own plausible choice.
    /// </summary>
    public static AdmissionStandard LishuiDefault => Lishui.Value;

    private static AdmissionStandard LoadLishui()
    {
        const string name = "reference/shared-pool/lishui-admission-standard.json";
        using var stream = typeof(AdmissionStandard).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var (standard, errors) = Parse(reader.ReadToEnd());
        return standard ?? throw new InvalidDataException($"{name}: {errors}");
    }

    /// <summary>Reads and checks a standard; errors name the field path (<c>dimensions[2].rules[0].points</c>) and the rule.</summary>
    public static (AdmissionStandard? Standard, ValidationErrors Errors) Parse(string json)
    {
        var (standard, errors) = AdmissionJson.Read<AdmissionStandard>(json, "standard");
        if (standard is null)
        {
            return (null, errors);
        }
        errors = standard.Validate();
        return (errors.IsValid ? standard : null, errors);
    }

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .Required(Name, "name", 100)
            .Optional(Source, "source", 1000)
            .Optional(Note, "note", 1000)
            .Range(Version, 0, int.MaxValue, "version")
            .Range(ValidityMonths, 1, 120, "validityMonths")
            .Range(ReconfirmDaysBefore, 0, 365, "reconfirmDaysBefore")
            .When(Dimensions.Count != DimensionCount, "dimensions", $"must have exactly {DimensionCount} dimensions");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var ruleKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < Dimensions.Count; d++)
        {
            var dimension = Dimensions[d];
            var path = $"dimensions[{d}]";
            CheckKey(dimension.Key, path + ".key", keys, errors);
            errors.Required(dimension.NameZh, path + ".nameZh", 20)
                .Required(dimension.NameEn, path + ".nameEn", 50)
                .When(dimension.Rules.Count == 0, path + ".rules", "must have at least one rule")
                .When(dimension.Rules.Count > MaxRulesPerDimension, path + ".rules", $"must have at most {MaxRulesPerDimension} rules");
            for (var r = 0; r < dimension.Rules.Count; r++)
            {
                CheckRule(dimension.Rules[r], $"{path}.rules[{r}]", ruleKeys, errors);
            }
            if (dimension.Threshold < 1)
            {
                errors.Add(path + ".threshold", "must be at least 1");
            }
            // Reachability is checked only while everything so far is valid (the maximum needs valid points and caps).
            else if (errors.IsValid && dimension.Threshold > dimension.MaxPoints)
            {
                errors.Add(path + ".threshold", $"can never be met: the rules give at most {dimension.MaxPoints} points");
            }
        }
        foreach (var key in FixedDimensions.Where(k => !keys.Contains(k)))
        {
            errors.Add("dimensions", $"must include the dimension '{key}'");
        }
        CheckPass(keys, errors);
        return errors;
    }

    private static void CheckKey(string key, string field, HashSet<string> seen, ValidationErrors errors)
    {
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add(field, "must be a camelCase name of at most 40 letters and digits");
        }
        else if (!seen.Add(key))
        {
            errors.Add(field, "is used twice");
        }
    }

    private static void CheckRule(AdmissionRule rule, string path, HashSet<string> ruleKeys, ValidationErrors errors)
    {
        CheckKey(rule.Key, path + ".key", ruleKeys, errors);
        errors.Range(rule.Points, 0, 1000, path + ".points")
            .Defined(rule.Basis, path + ".basis");
        if (rule.Cap is { } cap)
        {
            errors.Range(cap, 1, 100_000, path + ".cap")
                .When(rule.Basis != PointsBasis.PerItem, path + ".cap", "applies only when points are given per item");
        }
        if (!RuleConditions.Applicable.TryGetValue(rule.Kind, out var applicable))
        {
            errors.Defined(rule.Kind, path + ".kind");
            return;
        }
        var kind = JsonNamingPolicy.CamelCase.ConvertName(rule.Kind.ToString());
        foreach (var name in rule.When.Given().Where(n => !applicable.Contains(n, StringComparer.Ordinal)))
        {
            errors.Add($"{path}.when.{name}", $"does not apply to {kind} evidence");
        }
        var when = rule.When;
        var at = path + ".when.";
        if (when.MaxPlacing is { } maxPlacing)
        {
            errors.Range(maxPlacing, 1, 1000, at + "maxPlacing");
        }
        if (when.MinAmountYuan is { } minAmount)
        {
            errors.Range(minAmount, 0, 1_000_000_000_000, at + "minAmountYuan");
        }
        if (when.WithinYears is { } within)
        {
            errors.Range(within, 0, 100, at + "withinYears");
        }
        if (when.MinYears is { } minYears)
        {
            errors.Range(minYears, 0, 60, at + "minYears");
        }
        if (when.MinCount is { } minCount)
        {
            errors.Range(minCount, 0, 1000, at + "minCount");
        }
    }

    private void CheckPass(HashSet<string> keys, ValidationErrors errors)
    {
        errors.When(Pass.MinDimensionsMet is null && Pass.MinTotal is null, "pass", "needs minDimensionsMet or minTotal");
        if (Pass.MinDimensionsMet is { } minMet)
        {
            errors.Range(minMet, 1, DimensionCount, "pass.minDimensionsMet");
        }
        if (Pass.MinTotal is { } minTotal)
        {
            if (minTotal < 1)
            {
                errors.Add("pass.minTotal", "must be at least 1");
            }
            else if (errors.IsValid && minTotal > MaxTotal)
            {
                errors.Add("pass.minTotal", $"can never be reached: the rules give at most {MaxTotal} points");
            }
        }
        var required = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Pass.RequiredDimensions.Count; i++)
        {
            var key = Pass.RequiredDimensions[i];
            var field = $"pass.requiredDimensions[{i}]";
            if (!keys.Contains(key))
            {
                errors.Add(field, "is not a dimension of this standard");
            }
            else if (!required.Add(key))
            {
                errors.Add(field, "is used twice");
            }
        }
    }

    /// <summary>When an admission decided on <paramref name="decidedOn"/> under this standard expires and asks for reconfirmation.</summary>
    public AdmissionTerm TermFrom(DateOnly decidedOn) => new(decidedOn, ValidityMonths, ReconfirmDaysBefore);

    /// <summary>
    /// Scores <paramref name="evidence"/> against this standard as of <paramref name="today"/>: pure and deterministic.
    /// Validate the evidence first; an item that lacks a field a condition needs does not match.
    /// </summary>
    public AdmissionAssessment Assess(AdmissionEvidence evidence, DateOnly today)
    {
        var dimensions = Dimensions.Select(d => AssessDimension(d, evidence, today)).ToList();
        var total = dimensions.Sum(d => d.Points);
        var met = dimensions.Count(d => d.Met);
        var missingRequired = Pass.RequiredDimensions.Where(k => !dimensions.Any(d => d.Key == k && d.Met)).ToList();
        var clauses = new List<PassClause>();
        if (Pass.MinDimensionsMet is { } minMet && met >= minMet)
        {
            clauses.Add(PassClause.DimensionsMet);
        }
        if (Pass.MinTotal is { } minTotal && total >= minTotal)
        {
            clauses.Add(PassClause.Total);
        }
        return new AdmissionAssessment
        {
            StandardName = Name,
            StandardVersion = Version,
            AssessedOn = today,
            Dimensions = dimensions,
            Total = total,
            MinTotal = Pass.MinTotal,
            DimensionsMet = met,
            MinDimensionsMet = Pass.MinDimensionsMet,
            ClausesMet = clauses,
            MissingRequired = missingRequired,
            Passed = missingRequired.Count == 0 && clauses.Count > 0,
        };
    }

    private DimensionAssessment AssessDimension(AdmissionDimension dimension, AdmissionEvidence evidence, DateOnly today)
    {
        var rules = dimension.Rules.Select(r => AssessRule(r, evidence, today)).ToList();
        var points = rules.Sum(r => r.Points);
        return new DimensionAssessment(dimension.Key, dimension.NameZh, dimension.NameEn, points, dimension.Threshold,
            points >= dimension.Threshold, Pass.RequiredDimensions.Contains(dimension.Key, StringComparer.Ordinal), rules);
    }

    private static RuleAssessment AssessRule(AdmissionRule rule, AdmissionEvidence evidence, DateOnly today)
    {
        var matches = new List<RuleMatch>();
        var left = rule.Basis == PointsBasis.Once ? rule.Points : rule.Cap ?? int.MaxValue;
        for (var i = 0; i < evidence.Items.Count; i++)
        {
            var item = evidence.Items[i];
            if (item.Kind == rule.Kind && rule.When.Matches(item, today))
            {
                var points = Math.Min(rule.Points, left);
                left -= points;
                matches.Add(new RuleMatch(i, points));
            }
        }
        var uncapped = rule.Basis == PointsBasis.Once ? (matches.Count > 0 ? rule.Points : 0) : rule.Points * matches.Count;
        var awarded = matches.Sum(m => m.Points);
        return new RuleAssessment(rule, matches, awarded, rule.Basis == PointsBasis.PerItem && awarded < uncapped);
    }
}
