using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Domain.TitleReview;

namespace TalentBridge.Domain.Recognition;

/// <summary>How a criterion recognises a talent (seed 003: 薪酬认定、项目认定、区域互认, and 职称 from any region).</summary>
public enum RecognitionMethod
{
    /// <summary>薪酬认定: the annual salary paid by the employer.</summary>
    Salary = 1,
    /// <summary>项目认定: a project of at least a level, in at least a role.</summary>
    Project = 2,
    /// <summary>An award of at least a level and grade.</summary>
    Award = 3,
    /// <summary>区域互认: a talent class recognised by another region.</summary>
    CrossRegion = 4,
    /// <summary>A professional title (职称), wherever it was granted (职称互认).</summary>
    ProfessionalTitle = 5,
}

/// <summary>One class of talent, highest first in <see cref="RecognitionRules.Levels"/>.</summary>
public sealed record RecognitionLevelDefinition(string Key, LocalisedName Name);

/// <summary>One way to reach a class: a method and its thresholds; only the fields of its method may be set.</summary>
public sealed record RecognitionCriterion
{
    public string Key { get; init; } = "";
    public RecognitionMethod Method { get; init; }
    /// <summary>The class this criterion recognises.</summary>
    public string Level { get; init; } = "";
    public long? MinAnnualSalaryYuan { get; init; }
    public RecognitionLevel? MinProjectLevel { get; init; }
    public ProjectRole? MinRole { get; init; }
    public RecognitionLevel? MinAwardLevel { get; init; }
    public AwardGrade? MinGrade { get; init; }
    /// <summary>The lowest class of another region that counts.</summary>
    public string? MinForeignLevel { get; init; }
    public ProfessionalTitleLevel? MinTitleLevel { get; init; }
}

/// <summary>
/// A region's talent recognition scheme as data (ADR 0019): classes, highest first, and criteria that each recognise one
/// class by one method. <see cref="Evaluate"/> is pure and explains every criterion; the talent's class is the highest
/// class any criterion reaches.
/// </summary>
public sealed record RecognitionRules
{
    private const string ResourceName = "reference/recognition/qingtian-digital-2024.json";
    private static readonly Lazy<RecognitionRules> EmbeddedRules = new(LoadEmbedded);

    private static readonly Dictionary<RecognitionMethod, string[]> FieldsOf = new()
    {
        [RecognitionMethod.Salary] = ["minAnnualSalaryYuan"],
        [RecognitionMethod.Project] = ["minProjectLevel", "minRole"],
        [RecognitionMethod.Award] = ["minAwardLevel", "minGrade"],
        [RecognitionMethod.CrossRegion] = ["minForeignLevel"],
        [RecognitionMethod.ProfessionalTitle] = ["minTitleLevel"],
    };

    public string Key { get; init; } = "";
    public LocalisedName Name { get; init; } = new("", "");
    /// <summary>The region whose scheme this is (its operators decide recognitions).</summary>
    public string Region { get; init; } = "";
    /// <summary>The level of the body that recognises, as shared-pool evidence (<see cref="RecognitionLevel.County"/> for a county).</summary>
    public RecognitionLevel IssuerLevel { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    /// <summary>Projects, awards and other regions' recognitions count when at most this many years old.</summary>
    public int WithinYears { get; init; }
    public RuleSource Source { get; init; } = new();
    public IReadOnlyList<RecognitionLevelDefinition> Levels { get; init; } = [];
    public IReadOnlyList<RecognitionCriterion> Criteria { get; init; } = [];

    /// <summary>The scheme shipped for 青田 (data/reference/recognition/qingtian-digital-2024.json).</summary>
    public static RecognitionRules Qingtian => EmbeddedRules.Value;

    /// <summary>0 for the highest class; -1 when the key names none.</summary>
    public int Rank(string? level) => Levels.ToList().FindIndex(l => l.Key == level);

    public RecognitionLevelDefinition? LevelOf(string? key) => Levels.FirstOrDefault(l => l.Key == key);

    /// <summary>Reads and checks a scheme; errors name the JSON path (<c>criteria[3].minGrade</c>).</summary>
    public static (RecognitionRules? Rules, ValidationErrors Errors) Parse(string json)
    {
        var (rules, errors) = AdmissionJson.Read<RecognitionRules>(json, "rules");
        if (rules is null)
        {
            return (null, errors);
        }
        errors.Required(rules.Key, "key", 60).Required(rules.Name.Zh, "name.zh", 200).Required(rules.Name.En, "name.en", 200)
            .Required(rules.Region, "region", 12).Defined(rules.IssuerLevel, "issuerLevel").Range(rules.WithinYears, 1, 50, "withinYears")
            .When(rules.Levels.Count == 0, "levels", "must have at least one level");
        rules.Source.Validate("source", errors);
        for (var i = 0; i < rules.Levels.Count; i++)
        {
            errors.Required(rules.Levels[i].Key, $"levels[{i}].key", 20)
                .When(rules.Levels.Take(i).Any(l => l.Key == rules.Levels[i].Key), $"levels[{i}].key", "is used twice");
        }
        for (var i = 0; i < rules.Criteria.Count; i++)
        {
            var c = rules.Criteria[i];
            var path = $"criteria[{i}]";
            errors.Required(c.Key, path + ".key", 60)
                .When(rules.Criteria.Take(i).Any(o => o.Key == c.Key), path + ".key", "is used twice")
                .When(rules.Rank(c.Level) < 0, path + ".level", "is not one of the levels");
            if (!FieldsOf.TryGetValue(c.Method, out var fields))
            {
                errors.Defined(c.Method, path + ".method");
                continue;
            }
            foreach (var (name, present) in Present(c))
            {
                errors.When(present && !fields.Contains(name, StringComparer.Ordinal), $"{path}.{name}", "does not apply to this method")
                    .When(!present && fields.Contains(name, StringComparer.Ordinal), $"{path}.{name}", "is required");
            }
            errors.When(c.MinAnnualSalaryYuan is < 1, path + ".minAnnualSalaryYuan", "must be above 0")
                .When(c.MinForeignLevel is not null && rules.Rank(c.MinForeignLevel) < 0, path + ".minForeignLevel", "is not one of the levels");
        }
        return errors.IsValid ? (rules, errors) : (null, errors);
    }

    private static IEnumerable<(string Name, bool Present)> Present(RecognitionCriterion c) =>
    [
        ("minAnnualSalaryYuan", c.MinAnnualSalaryYuan is not null),
        ("minProjectLevel", c.MinProjectLevel is not null),
        ("minRole", c.MinRole is not null),
        ("minAwardLevel", c.MinAwardLevel is not null),
        ("minGrade", c.MinGrade is not null),
        ("minForeignLevel", c.MinForeignLevel is not null),
        ("minTitleLevel", c.MinTitleLevel is not null and not ProfessionalTitleLevel.None),
    ];

    /// <summary>
    /// Every criterion against the claim on <paramref name="on"/>: met or not, with the claim item that met it; the
    /// recognised class is the highest class a met criterion gives (null: none). Salaries count from the last
    /// completed year on; projects, awards and other regions' recognitions when at most <see cref="WithinYears"/> old.
    /// </summary>
    public RecognitionResult Evaluate(RecognitionClaim claim, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var results = new List<CriterionResult>(Criteria.Count);
        var oldest = on.Year - WithinYears;
        foreach (var c in Criteria)
        {
            int? matched = c.Method switch
            {
                RecognitionMethod.Salary => claim.AnnualSalaryFen is { } fen && claim.SalaryYear >= on.Year - 1 && fen >= c.MinAnnualSalaryYuan!.Value * 100 ? 0 : null,
                RecognitionMethod.Project => Index(claim.Projects, p => p.Year >= oldest && p.Level >= c.MinProjectLevel && p.Role >= c.MinRole),
                RecognitionMethod.Award => Index(claim.Awards, a => a.Year >= oldest && a.Level >= c.MinAwardLevel && (a.Grade ?? AwardGrade.Merit) >= c.MinGrade),
                RecognitionMethod.CrossRegion => Index(claim.CrossRegion, r => r.Year >= oldest && Rank(r.Level) >= 0 && Rank(r.Level) <= Rank(c.MinForeignLevel)),
                RecognitionMethod.ProfessionalTitle => claim.TitleLevel is { } t && t >= c.MinTitleLevel ? 0 : null,
                _ => null,
            };
            results.Add(new CriterionResult(c.Key, c.Method, c.Level, matched is not null, matched));
        }
        var level = results.Where(r => r.Met).MinBy(r => Rank(r.Level))?.Level;
        return new RecognitionResult(Key, level, results);
    }

    private static int? Index<T>(IReadOnlyList<T> items, Func<T, bool> test)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (test(items[i]))
            {
                return i;
            }
        }
        return null;
    }

    private static RecognitionRules LoadEmbedded() => TitleReviewRules.LoadEmbedded(ResourceName, Parse);
}

/// <summary>A project the talent names: its level (of the body that funds it), the talent's role and the year.</summary>
public sealed record ProjectClaim(string Title, RecognitionLevel Level, ProjectRole Role, int Year);

/// <summary>An award: level, grade (none for an honorary title) and year.</summary>
public sealed record AwardClaim(string Title, RecognitionLevel Level, AwardGrade? Grade, int Year);

/// <summary>A class another region recognised the talent at (区域互认), by that region's name and the class key.</summary>
public sealed record CrossRegionClaim(string Region, string Level, int Year);

/// <summary>What a talent (or an operator for them) puts forward for recognition. Money in fen.</summary>
public sealed record RecognitionClaim
{
    public const int MaxItems = 20;
    public const int MaxTitle = 100;

    public long? AnnualSalaryFen { get; init; }
    public int? SalaryYear { get; init; }
    public IReadOnlyList<ProjectClaim> Projects { get; init; } = [];
    public IReadOnlyList<AwardClaim> Awards { get; init; } = [];
    public IReadOnlyList<CrossRegionClaim> CrossRegion { get; init; } = [];
    public ProfessionalTitleLevel? TitleLevel { get; init; }

    /// <summary>Checks the claim's shape; <paramref name="today"/> bounds the years.</summary>
    public ValidationErrors Validate(DateOnly today)
    {
        var errors = new ValidationErrors()
            .When(AnnualSalaryFen is < 0 or > 100_000_000_000L, "annualSalaryFen", "must be between 0 and 100000000000")
            .When(AnnualSalaryFen is not null && SalaryYear is null, "salaryYear", "is required")
            .When(SalaryYear is { } y && (y < AdmissionEvidence.FirstYear || y > today.Year), "salaryYear", $"must be between {AdmissionEvidence.FirstYear} and {today.Year}")
            .When(Projects.Count > MaxItems, "projects", $"must have at most {MaxItems} items")
            .When(Awards.Count > MaxItems, "awards", $"must have at most {MaxItems} items")
            .When(CrossRegion.Count > MaxItems, "crossRegion", $"must have at most {MaxItems} items")
            .When(AnnualSalaryFen is null && Projects.Count == 0 && Awards.Count == 0 && CrossRegion.Count == 0 && TitleLevel is null or ProfessionalTitleLevel.None,
                "claim", "must name at least one salary, project, award, recognition or title");
        if (TitleLevel is { } t)
        {
            errors.Defined(t, "titleLevel");
        }
        for (var i = 0; i < Projects.Count; i++)
        {
            var p = Projects[i];
            errors.Required(p.Title, $"projects[{i}].title", MaxTitle).Defined(p.Level, $"projects[{i}].level").Defined(p.Role, $"projects[{i}].role")
                .Range(p.Year, AdmissionEvidence.FirstYear, today.Year, $"projects[{i}].year");
        }
        for (var i = 0; i < Awards.Count; i++)
        {
            var a = Awards[i];
            errors.Required(a.Title, $"awards[{i}].title", MaxTitle).Defined(a.Level, $"awards[{i}].level")
                .Range(a.Year, AdmissionEvidence.FirstYear, today.Year, $"awards[{i}].year");
            if (a.Grade is { } g)
            {
                errors.Defined(g, $"awards[{i}].grade");
            }
        }
        for (var i = 0; i < CrossRegion.Count; i++)
        {
            var r = CrossRegion[i];
            errors.Required(r.Region, $"crossRegion[{i}].region", MaxTitle).Required(r.Level, $"crossRegion[{i}].level", 20)
                .Range(r.Year, AdmissionEvidence.FirstYear, today.Year, $"crossRegion[{i}].year");
        }
        return errors;
    }
}

/// <summary>One criterion's answer: met or not, and which claim item met it (the index in its list; 0 for salary and title).</summary>
public sealed record CriterionResult(string Key, RecognitionMethod Method, string Level, bool Met, int? MatchedIndex);

/// <summary>The recognised class (null: none) and every criterion's answer, under the scheme <see cref="RulesKey"/>.</summary>
public sealed record RecognitionResult(string RulesKey, string? Level, IReadOnlyList<CriterionResult> Criteria);
