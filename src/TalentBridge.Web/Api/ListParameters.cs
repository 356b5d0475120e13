using System.Globalization;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// List filters as they arrive in a query string (API and pages alike). Everything is read as text
/// and parsed here so that a bad value gets a message naming the parameter, not a bare 400.
/// </summary>
public sealed class ListParameters
{
    public string? Region { get; set; }
    public string? Occupation { get; set; }
    public string? Industry { get; set; }
    public string? Education { get; set; }
    public string? Q { get; set; }
    public string? Sort { get; set; }
    public string? Page { get; set; }
    public string? PageSize { get; set; }
    public string? EnterpriseId { get; set; }
    public string? Urgent { get; set; }
    /// <summary>Positions: <c>open</c> (the default: neither closed nor expired), <c>closed</c> (closed or expired) or <see cref="AllStatuses"/>.</summary>
    public string? Status { get; set; }
    /// <summary>Positions: the least monthly salary wanted (the top of the position's range must reach it).</summary>
    public string? MinSalary { get; set; }
    /// <summary>Positions: an engagement mode (FullTime, PartTime, Project, Shared).</summary>
    public string? Mode { get; set; }

    /// <summary>The <see cref="Status"/> value that lists positions whatever their status.</summary>
    public const string AllStatuses = "all";

    public (ListQuery Query, ValidationErrors Errors) Parse(ReferenceData reference, IReadOnlyCollection<string> sortKeys)
    {
        var errors = new ValidationErrors();
        var query = new ListQuery
        {
            Region = Blank(Region),
            Occupation = Blank(Occupation),
            Industry = Blank(Industry),
            Education = ParseEnum<EducationLevel>(Education, "education", errors),
            Text = Blank(Q),
            Sort = Blank(Sort),
            Page = ParseInt(Page, "page", errors) ?? 1,
            PageSize = ParseInt(PageSize, "pageSize", errors) ?? 20,
            EnterpriseId = ParseInt(EnterpriseId, "enterpriseId", errors),
            Urgent = Blank(Urgent) is { } u ? (bool.TryParse(u, out var b) ? b : Invalid<bool>(errors, "urgent", "must be true or false")) : null,
            Status = string.Equals(Blank(Status), AllStatuses, StringComparison.OrdinalIgnoreCase) ? null
                : ParseEnum<PositionStatus>(Blank(Status) ?? nameof(PositionStatus.Open), "status", errors),
            MinSalary = ParseInt(MinSalary, "minSalary", errors),
            Mode = ParseEnum<EngagementModes>(Mode, "mode", errors),
        };
        foreach (var (field, messages) in query.Validate(reference, sortKeys).ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }
        return (query, errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? ParseInt(string? value, string field, ValidationErrors errors) =>
        Blank(value) is not { } v ? null
        : int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : Invalid<int>(errors, field, "must be a whole number");

    private static TEnum? ParseEnum<TEnum>(string? value, string field, ValidationErrors errors) where TEnum : struct, Enum =>
        Blank(value) is not { } v ? null
        : Enum.TryParse<TEnum>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(v, CultureInfo.InvariantCulture, out _) ? e
        : Invalid<TEnum>(errors, field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    private static T? Invalid<T>(ValidationErrors errors, string field, string message) where T : struct
    {
        errors.Add(field, message);
        return null;
    }
}
