using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Pools;

/// <summary>Validation rules shared by the three pools.</summary>
internal static class PoolRules
{
    public const EngagementModes AllModes = EngagementModes.FullTime | EngagementModes.PartTime | EngagementModes.Project | EngagementModes.Shared;

    /// <summary>A place of work or registration: a known region at county level or below.</summary>
    public static void CheckRegion(ValidationErrors errors, ReferenceData reference, string? code, string field)
    {
        var region = string.IsNullOrEmpty(code) ? null : reference.Regions.Find(code);
        errors.When(region is null, field, "must be a known region code (统计用区划代码)")
              .When(region is { Level: < RegionLevel.County }, field, "must be a county, township or village, not a province or city");
    }

    public static void CheckSkills(ValidationErrors errors, IReadOnlyList<string>? skills, string field, int max)
    {
        if (skills is null)
        {
            return;
        }
        errors.When(skills.Count > max, field, $"must list at most {max} skills")
              .When(skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 50), field, "each skill must be 1 to 50 characters")
              .When(skills.Distinct(StringComparer.OrdinalIgnoreCase).Count() != skills.Count, field, "must not repeat a skill");
    }
}
