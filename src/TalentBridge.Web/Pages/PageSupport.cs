using Microsoft.AspNetCore.WebUtilities;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages;

/// <summary>Paging links that keep the current filters.</summary>
public sealed record PagerModel(int Total, int PageNumber, int PageCount, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public static PagerModel For<T>(Page<T> page, HttpRequest request) => new(page.Total, page.PageNumber, page.PageCount, request.Path,
        request.Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal));

    public string Link(int page) => QueryHelpers.AddQueryString(Path, new Dictionary<string, string?>(Query, StringComparer.Ordinal) { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}

/// <summary>Options for the filter and form selects.</summary>
public static class Choices
{
    /// <summary>Region drill-down: the home region's children, and the children of the selected one.</summary>
    public static IReadOnlyList<Region> RegionOptions(ReferenceData reference, string home, string? selected)
    {
        var list = new List<Region>();
        foreach (var child in reference.Regions.Children(home))
        {
            list.Add(child);
            if (selected is not null && reference.Regions.IsInSubtree(selected, child.Code))
            {
                list.AddRange(reference.Regions.Children(child.Code));
            }
        }
        return list;
    }

    public static string Salary(int min, int max) =>
        min == max ? $"¥{min:N0}" : $"¥{min:N0}–{max:N0}";

    /// <summary>
    /// The label of a region option: a township indented under its county, any other region by its name, or by its
    /// name under its city when <paramref name="fullName"/> (the forms, which list the regions of several cities).
    /// </summary>
    public static string RegionLabel(ReferenceData reference, Region region, bool fullName = false) =>
        region.Level >= RegionLevel.Township ? "\u3000" + region.Name
        : fullName ? RegionName(reference, region.Code)
        : region.Name;

    public static string RegionName(ReferenceData reference, string code)
    {
        var region = reference.Regions.Find(code);
        if (region is null)
        {
            return code;
        }
        var names = reference.Regions.Ancestors(region.Code).Where(a => a.Level >= RegionLevel.City).Select(a => a.Name).Append(region.Name);
        return string.Concat(names);
    }

    public static string OccupationName(ReferenceData reference, string code) => reference.Occupations.Find(code)?.Name ?? code;

    public static string IndustryName(ReferenceData reference, string? code) => code is null ? "" : reference.Industries.Find(code)?.Name ?? code;
}

/// <summary>What the shared filter form shows for one list.</summary>
public sealed record FilterModel(
    TalentBridge.Web.Api.ListParameters Parameters,
    ValidationErrors Errors,
    string Home,
    IReadOnlyList<string> SortKeys,
    bool ShowOccupation = true,
    bool ShowIndustry = false,
    bool ShowEducation = true,
    string EducationLabel = "Field.education",
    bool ShowStatus = false,
    bool ShowPay = false)
{
    /// <summary>Whether a filter (not the sort) is set or wrong: the folded filter form then shows open.</summary>
    public bool Active =>
        !Errors.IsValid || new[] { Parameters.Region, Parameters.Occupation, Parameters.Industry, Parameters.Education, Parameters.Q, Parameters.Status,
            Parameters.MinSalary, Parameters.Mode }
            .Any(v => !string.IsNullOrWhiteSpace(v));
}
