using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentBridge.Domain.Aggregation;

public enum ImportKind
{
    Positions,
    Talents,
    Enterprises,
}

public enum ImportFormat
{
    Auto,
    Csv,
    JsonLines,
    Xlsx,
}

/// <summary>
/// How one outside platform's export maps onto TalentBridge fields: which column (CSV/Excel header, or
/// JSON property) holds what. One profile per source; kept as a JSON file next to the exports.
/// </summary>
/// <example>
/// { "kind": "positions", "format": "csv", "encoding": "gb18030",
///   "columns": { "sourceId": "职位ID", "title": "职位名称", "enterprise": "公司名称", "place": "工作地点", "salary": "薪资" } }
/// </example>
public sealed record ImportProfile
{
    public ImportKind Kind { get; init; } = ImportKind.Positions;
    public ImportFormat Format { get; init; } = ImportFormat.Auto;
    /// <summary>Text encoding of CSV and JSON Lines files (utf-8, gb18030, gbk …).</summary>
    public string Encoding { get; init; } = "utf-8";
    /// <summary>CSV delimiter; a comma unless the source says otherwise.</summary>
    public string Delimiter { get; init; } = ",";
    /// <summary>TalentBridge field → source column.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<ImportKind, string[]> Fields = new Dictionary<ImportKind, string[]>
    {
        [ImportKind.Positions] = ["sourceId", "title", "enterprise", "uscc", "place", "salary", "education", "experience", "headcount", "description", "postedOn"],
        [ImportKind.Talents] = ["sourceId", "name", "phone", "idNumber", "birthYear", "place", "title", "text"],
        [ImportKind.Enterprises] = ["sourceId", "name", "uscc", "place", "industry", "headcount", "description"],
    };

    public static readonly IReadOnlyDictionary<ImportKind, string[]> Required = new Dictionary<ImportKind, string[]>
    {
        [ImportKind.Positions] = ["sourceId", "title"],
        [ImportKind.Talents] = ["sourceId", "name"],
        [ImportKind.Enterprises] = ["sourceId", "name"],
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses and checks a profile; errors name the field and the rule.</summary>
    public static (ImportProfile? Profile, ValidationErrors Errors) Parse(string json)
    {
        ImportProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ImportProfile>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, new ValidationErrors().Add("profile", $"is not valid JSON: {e.Message}"));
        }
        if (profile is null)
        {
            return (null, new ValidationErrors().Add("profile", "is empty"));
        }
        var errors = new ValidationErrors();
        var known = Fields[profile.Kind];
        foreach (var field in profile.Columns.Keys.Where(f => !known.Contains(f, StringComparer.Ordinal)))
        {
            errors.Add("columns", $"'{field}' is not a {profile.Kind} field (known: {string.Join(", ", known)})");
        }
        foreach (var field in Required[profile.Kind].Where(f => !profile.Columns.ContainsKey(f)))
        {
            errors.Add("columns", $"must map the required field '{field}'");
        }
        errors.When(profile.Delimiter.Length != 1, "delimiter", "must be a single character");
        return (errors.IsValid ? profile : null, errors);
    }

    public string? Column(string field) => Columns.TryGetValue(field, out var column) ? column : null;
}
