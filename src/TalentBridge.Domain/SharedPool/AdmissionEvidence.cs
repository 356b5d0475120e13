using System.Text.Json;

namespace TalentBridge.Domain.SharedPool;

/// <summary>
/// What a piece of admission evidence is. The set is closed; each kind carries its own fields
/// (see <see cref="EvidenceItem"/>) and admission rules match items of one kind.
/// </summary>
public enum EvidenceKind
{
    /// <summary>职称: <c>titleLevel</c>; optional title (e.g. 高级工程师) and year obtained.</summary>
    ProfessionalTitle = 1,
    /// <summary>职业技能等级 (新八级工): <c>skillLevel</c>; optional title (the trade) and year.</summary>
    SkillLevel = 2,
    /// <summary>学历: <c>education</c>; optional title (school and major) and year.</summary>
    Education = 3,
    /// <summary>A certificate or licence: <c>title</c>; optional issuing <c>level</c> and year.</summary>
    Certificate = 4,
    /// <summary>An award or honorary title (荣誉称号): <c>title</c>, <c>level</c>, <c>year</c>; optional <c>grade</c> (an honorary title has none).</summary>
    Award = 5,
    /// <summary>A competition result (竞赛): <c>title</c>, <c>level</c>, <c>placing</c> (1 = winner), <c>year</c>.</summary>
    Competition = 6,
    /// <summary>A project (项目业绩): <c>title</c>, <c>role</c>, <c>year</c>; optional <c>amountYuan</c> (contract or funding amount).</summary>
    Project = 7,
    /// <summary>Experience in the field: <c>years</c>; optional title (the field).</summary>
    Experience = 8,
    /// <summary>行业评价: a rating by an employer or an association: <c>level</c> (of the reviewer), <c>rating</c>, <c>year</c>; optional title (the reviewer).</summary>
    IndustryReview = 9,
    /// <summary>Patents or other intellectual property of one kind: <c>patentKind</c>, <c>count</c>; optional title.</summary>
    Patent = 10,
}

/// <summary>
/// The level of the body that gives an award, runs a competition, reviews a talent or issues a certificate,
/// lowest first. An industry body (行业协会/学会) ranks between city and province.
/// </summary>
public enum RecognitionLevel
{
    Employer = 1,       // 单位/企业
    County = 2,         // 县级
    City = 3,           // 市级
    Industry = 4,       // 行业协会/学会
    Provincial = 5,     // 省级
    National = 6,       // 国家级
    International = 7,  // 国际
}

/// <summary>The grade of an award, lowest first (金/银/铜奖 are First/Second/Third).</summary>
public enum AwardGrade
{
    Merit = 1,      // 优秀奖/优胜奖
    Third = 2,      // 三等奖
    Second = 3,     // 二等奖
    First = 4,      // 一等奖
    Special = 5,    // 特等奖
}

/// <summary>The rating of an industry review (行业评价), lowest first; a formal recommendation (推荐) ranks above grade A.</summary>
public enum ReviewRating
{
    GradeC = 1,
    GradeB = 2,
    GradeA = 3,
    Recommended = 4,
}

/// <summary>A talent's role in a project, lowest first.</summary>
public enum ProjectRole
{
    Member = 1,     // 参与
    Core = 2,       // 核心成员
    Lead = 3,       // 负责人
}

/// <summary>Kinds of patents and other intellectual property.</summary>
public enum PatentKind
{
    Invention = 1,          // 发明专利
    UtilityModel = 2,       // 实用新型
    Design = 3,             // 外观设计
    SoftwareCopyright = 4,  // 软件著作权
}

/// <summary>
/// One piece of evidence. Only the fields of its <see cref="Kind"/> may be set (see <see cref="EvidenceKind"/>);
/// <see cref="FileIds"/> names uploaded files (certificates, scans) that the platform stores and checks.
/// </summary>
public sealed record EvidenceItem
{
    public EvidenceKind Kind { get; init; }
    /// <summary>Name of the certificate, award, competition or project; the trade, field or reviewer where optional.</summary>
    public string? Title { get; init; }
    public ProfessionalTitleLevel? TitleLevel { get; init; }
    public SkillLevel? SkillLevel { get; init; }
    public EducationLevel? Education { get; init; }
    public RecognitionLevel? Level { get; init; }
    public AwardGrade? Grade { get; init; }
    /// <summary>Competition placing: 1 for the winner.</summary>
    public int? Placing { get; init; }
    public ReviewRating? Rating { get; init; }
    public ProjectRole? Role { get; init; }
    public long? AmountYuan { get; init; }
    /// <summary>The year the title, award, result, project or review dates from.</summary>
    public int? Year { get; init; }
    /// <summary>Years of experience (<see cref="EvidenceKind.Experience"/>).</summary>
    public int? Years { get; init; }
    public PatentKind? PatentKind { get; init; }
    public int? Count { get; init; }
    public IReadOnlyList<string> FileIds { get; init; } = [];
}

/// <summary>The evidence a talent submits with an application for admission to the shared pool.</summary>
public sealed record AdmissionEvidence
{
    public const int MaxItems = 50;
    public const int MaxFilesPerItem = 10;
    public const int MaxTitleLength = 100;
    public const int MaxFileIdLength = 64;
    public const int FirstYear = 1950;

    public IReadOnlyList<EvidenceItem> Items { get; init; } = [];

    // The fields each kind needs and may have; every other field must be left out.
    private static readonly Dictionary<EvidenceKind, (string[] Required, string[] Optional)> Fields = new()
    {
        [EvidenceKind.ProfessionalTitle] = (["titleLevel"], ["title", "year"]),
        [EvidenceKind.SkillLevel] = (["skillLevel"], ["title", "year"]),
        [EvidenceKind.Education] = (["education"], ["title", "year"]),
        [EvidenceKind.Certificate] = (["title"], ["level", "year"]),
        [EvidenceKind.Award] = (["title", "level", "year"], ["grade"]),
        [EvidenceKind.Competition] = (["title", "level", "placing", "year"], []),
        [EvidenceKind.Project] = (["title", "role", "year"], ["amountYuan"]),
        [EvidenceKind.Experience] = (["years"], ["title"]),
        [EvidenceKind.IndustryReview] = (["level", "rating", "year"], ["title"]),
        [EvidenceKind.Patent] = (["patentKind", "count"], ["title"]),
    };

    /// <summary>The fields an item of <paramref name="kind"/> needs, then those it may have (JSON names), for forms that ask only for them.</summary>
    public static (IReadOnlyList<string> Required, IReadOnlyList<string> Optional) FieldsOf(EvidenceKind kind) =>
        Fields.TryGetValue(kind, out var fields) ? (fields.Required, fields.Optional) : ([], []);

    /// <summary>Checks every item against its kind; <paramref name="today"/> bounds the years (nothing from the future).</summary>
    public ValidationErrors Validate(DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.When(Items.Count > MaxItems, "items", $"must have at most {MaxItems} items");
        for (var i = 0; i < Items.Count; i++)
        {
            Check(Items[i], $"items[{i}]", today, errors);
        }
        return errors;
    }

    private static void Check(EvidenceItem item, string path, DateOnly today, ValidationErrors errors)
    {
        if (!Fields.TryGetValue(item.Kind, out var fields))
        {
            errors.Defined(item.Kind, path + ".kind");
            return;
        }
        foreach (var (name, present) in Present(item))
        {
            if (fields.Required.Contains(name, StringComparer.Ordinal))
            {
                errors.When(!present, $"{path}.{name}", "is required");
            }
            else if (present && !fields.Optional.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"{path}.{name}", $"does not apply to {JsonNamingPolicy.CamelCase.ConvertName(item.Kind.ToString())} evidence");
            }
        }
        errors.Optional(item.Title, path + ".title", MaxTitleLength);
        if (item.TitleLevel is { } titleLevel)
        {
            errors.Defined(titleLevel, path + ".titleLevel");
        }
        if (item.SkillLevel is { } skillLevel)
        {
            errors.Defined(skillLevel, path + ".skillLevel");
        }
        if (item.Education is { } education)
        {
            errors.Defined(education, path + ".education");
        }
        if (item.Level is { } level)
        {
            errors.Defined(level, path + ".level");
        }
        if (item.Grade is { } grade)
        {
            errors.Defined(grade, path + ".grade");
        }
        if (item.Rating is { } rating)
        {
            errors.Defined(rating, path + ".rating");
        }
        if (item.Role is { } role)
        {
            errors.Defined(role, path + ".role");
        }
        if (item.PatentKind is { } patentKind)
        {
            errors.Defined(patentKind, path + ".patentKind");
        }
        if (item.Placing is { } placing)
        {
            errors.Range(placing, 1, 1000, path + ".placing");
        }
        if (item.AmountYuan is { } amount)
        {
            errors.Range(amount, 0, 1_000_000_000_000, path + ".amountYuan");
        }
        if (item.Year is { } year)
        {
            errors.Range(year, FirstYear, today.Year, path + ".year");
        }
        if (item.Years is { } years)
        {
            errors.Range(years, 0, 60, path + ".years");
        }
        if (item.Count is { } count)
        {
            errors.Range(count, 0, 1000, path + ".count");
        }
        errors.When(item.FileIds.Count > MaxFilesPerItem, path + ".fileIds", $"must list at most {MaxFilesPerItem} files");
        for (var j = 0; j < item.FileIds.Count; j++)
        {
            errors.Required(item.FileIds[j], $"{path}.fileIds[{j}]", MaxFileIdLength);
        }
    }

    /// <summary>Each kind-specific field by its JSON name, and whether it holds a value (a level of None counts as none).</summary>
    private static IEnumerable<(string Name, bool Present)> Present(EvidenceItem item) =>
    [
        ("title", !string.IsNullOrWhiteSpace(item.Title)),
        ("titleLevel", item.TitleLevel is not null and not ProfessionalTitleLevel.None),
        ("skillLevel", item.SkillLevel is not null and not Domain.SkillLevel.None),
        ("education", item.Education is not null and not EducationLevel.None),
        ("level", item.Level is not null),
        ("grade", item.Grade is not null),
        ("placing", item.Placing is not null),
        ("rating", item.Rating is not null),
        ("role", item.Role is not null),
        ("amountYuan", item.AmountYuan is not null),
        ("year", item.Year is not null),
        ("years", item.Years is not null),
        ("patentKind", item.PatentKind is not null),
        ("count", item.Count is not null),
    ];

    /// <summary>Reads evidence from JSON (shape and names only; call <see cref="Validate"/> for the rules).</summary>
    public static (AdmissionEvidence? Evidence, ValidationErrors Errors) FromJson(string json) =>
        AdmissionJson.Read<AdmissionEvidence>(json, "evidence");

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);
}
