using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>How the analytics pages write the figures of shortage and wage rows.</summary>
public static class PublicationView
{
    public const string Hidden = PublicationExport.Hidden;

    /// <summary>"2-02-10-03 软件工程技术人员" (a 小类 "2-02-10" by its group's name).</summary>
    public static string Occupation(ReferenceData reference, string code) =>
        $"{code} {reference.Occupations.Find(ListQuery.PadOccupation(code))?.Name ?? ""}".TrimEnd();

    public static string Region(ReferenceData reference, string code) => Choices.RegionName(reference, code);

    public static string Percent(double? share) => share is { } s ? s.ToString("P1", CultureInfo.CurrentCulture) : Hidden;

    public static string Number(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : Hidden;

    public static string Yuan(long? value) => value is { } v ? v.ToString("N0", CultureInfo.CurrentCulture) : Hidden;

    public static string Stars(int? stars) => stars is { } n ? new string('★', n) + new string('☆', 5 - n) : Hidden;

    /// <summary>The footnote mark of a hidden cell: 1 for primary suppression, 2 for secondary.</summary>
    public static string Mark(CellDisclosure disclosure) => disclosure == CellDisclosure.Secondary ? "2" : "1";

    /// <summary>The title of a publication: "丽水市 2026 急需紧缺人才目录".</summary>
    public static string Title(Ui t, ReferenceData reference, PublicationKind kind, string region, string period) =>
        t.Format(kind == PublicationKind.Wages ? "Pub.WagesTitleOf" : "Pub.ShortageTitleOf", Region(reference, region), period);

    /// <summary>Rows of one level ("3" 小类, "4" 细类, else both) under an occupation prefix ("2-02").</summary>
    public static IEnumerable<TRow> Filter<TRow>(IEnumerable<TRow> rows, string? level, string? group) where TRow : IPublicationRow =>
        rows.Where(r => level switch
            {
                "3" => r.OccupationCode.Length == WagePrices.GroupCodeLength,
                "4" => r.OccupationCode.Length > WagePrices.GroupCodeLength,
                _ => true,
            })
            .Where(r => string.IsNullOrWhiteSpace(group) || r.OccupationCode.StartsWith(group.Trim(), StringComparison.Ordinal));
}

/// <summary>What the filter form, the draft button and the drafts list of an operator page show.</summary>
public sealed record AnalyticsFilterView(
    PublicationKind Kind, string Path, string? Period, string Home, string? Region, string? Level, string? Group, IReadOnlyList<string> SortKeys, string? Sort,
    ValidationErrors Errors, string? RegionCode, string? PeriodText, IReadOnlyList<PublicationSummary> Drafts, string DraftAction);

/// <summary>The rows of a shortage table as a page shows them; <c>EditLink</c> (drafts) gives each row's edit link.</summary>
public sealed record ShortageTableView(IReadOnlyList<ShortageRow> Rows, string Caption, Func<ShortageRow, string>? EditLink = null);

/// <summary>The rows of a wage-price table as a page shows them; <c>EditLink</c> (drafts) gives each row's edit link.</summary>
public sealed record WageTableView(IReadOnlyList<WagePriceRow> Rows, string Caption, Func<WagePriceRow, string>? EditLink = null);

/// <summary>
/// The operator pages of a kind (<c>/analytics/shortage</c>, <c>/analytics/wages</c>): the table computed for a region
/// and a period (default: the last complete year or quarter of the facts), filtered by level and occupation group,
/// sorted and paged; the region's drafts; creating a draft. Operators and administrators only.
/// </summary>
public abstract class AnalyticsTablePage<TRow>(Publications publications, WagePrices wages, Dashboard home, TimeProvider time) : PageModel
    where TRow : class, IPublicationRow
{
    public const int PageSize = 50;

    [FromQuery(Name = "period")] public string? Period { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "level")] public string? Level { get; set; }
    [FromQuery(Name = "group")] public string? Group { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public ValidationErrors Errors { get; private set; } = new();
    public string Home { get; private set; } = "";
    /// <summary>The region and period computed (null when the filters are invalid).</summary>
    public string? RegionCode { get; private set; }
    public string? PeriodText { get; private set; }
    public int TotalRows { get; private set; }
    public Page<TRow> Rows { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<PublicationSummary> Drafts { get; private set; } = [];

    protected abstract PublicationKind Kind { get; }

    /// <summary>Sort keys and what they sort by; the first is the default.</summary>
    public abstract IReadOnlyDictionary<string, Func<TRow, IComparable?>> SortKeys { get; }

    protected abstract Task<WriteResult<IReadOnlyList<TRow>>> ComputeAsync(Caller caller, string? region, string period, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? home.HomeRegion;
        Period = string.IsNullOrWhiteSpace(Period) ? AnalyticsPeriod.Default(await wages.LastMonthAsync(ct), DateOnly.FromDateTime(time.GetUtcNow().AddHours(8).DateTime)).Text : Period.Trim();
        Errors.When(Sort is { Length: > 0 } s && !SortKeys.ContainsKey(s.TrimStart('-')), "sort", $"must be one of {string.Join(", ", SortKeys.Keys)} (prefix - for descending)")
            .When(PageNumber is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}");
        var result = await ComputeAsync(caller, Region ?? Home, Period, ct);
        if (result.Status == WriteStatus.Forbidden)
        {
            return Forbid();
        }
        Errors.AddMissing(result.Errors);
        Drafts = await publications.DraftsAsync(caller, Kind, ct);
        if (!Errors.IsValid || result.Value is null)
        {
            return Page();
        }
        RegionCode = Reference().Regions.Find(Region ?? Home)!.Code;
        PeriodText = AnalyticsPeriod.Parse(Period, new ValidationErrors())!.Text;
        var rows = PublicationView.Filter(result.Value, Level, Group).ToList();
        var sort = string.IsNullOrEmpty(Sort) ? SortKeys.Keys.First() : Sort;
        var key = SortKeys[sort.TrimStart('-')];
        var sorted = sort.StartsWith('-') ? rows.OrderByDescending(key) : rows.OrderBy(key);
        TotalRows = result.Value.Count;
        Rows = new Page<TRow>([.. sorted.Skip((PageNumber - 1) * PageSize).Take(PageSize)], rows.Count, PageNumber, PageSize);
        return Page();
    }

    /// <summary>Creates a draft of the region and period shown and opens it.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        var result = await publications.CreateDraftAsync(caller, Kind, Request.Form["region"], Request.Form["period"], ct);
        if (this.Refusal(result) is { } refused)
        {
            return refused;
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return await OnGetAsync(ct);
        }
        return Redirect($"/analytics/drafts/{result.Value!.Id}");
    }

    public AnalyticsFilterView Filters => new(Kind, Request.Path, Period, Home, Region, Level, Group, [.. SortKeys.Keys], Sort, Errors, RegionCode, PeriodText,
        Drafts, Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Request.Path + Request.QueryString, "handler", "Draft"));

    private ReferenceData Reference() => HttpContext.RequestServices.GetRequiredService<ReferenceData>();
}
