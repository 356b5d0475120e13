using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.Training;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Training;

/// <summary>
/// /training/demand (operators: their region's subtree; administrators): the training-demand table — the region's most
/// frequent skill gaps against the shortage catalogue — with a chart of the top rows, sorting, paging, CSV and Excel
/// downloads (audited) and a button that queues the gap run again.
/// </summary>
public sealed class DemandModel(TrainingGaps gaps, ReferenceData reference) : PageModel
{
    public const int PageSize = 50;

    private static readonly Dictionary<string, Func<TrainingDemandRow, IComparable>> Sorts = new(StringComparer.Ordinal)
    {
        ["priority"] = r => r.Priority,
        ["talents"] = r => r.Talents,
        ["index"] = r => r.ShortageIndex ?? -1,
        ["programmes"] = r => r.Programmes,
        ["skill"] = r => r.Skill,
    };

    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "period")] public string? Period { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }
    [FromQuery(Name = "queued")] public string? Queued { get; set; }

    public TrainingDemandTable? Table { get; private set; }
    public Page<TrainingDemandRow>? Rows { get; private set; }
    public PagerModel? Pager { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public static IReadOnlyCollection<string> SortKeys => Sorts.Keys;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var reader = new FormReader();
        var page = reader.OptionalInt(PageNumber, "page") ?? 1;
        reader.Errors.When(page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
            .When(Sort is not null && !Sorts.ContainsKey(Sort.TrimStart('-')), "sort", $"must be one of {string.Join(", ", Sorts.Keys)} (prefix - for descending)");
        var result = await gaps.TableAsync(Caller.From(User), FormReader.Trimmed(Region), FormReader.Trimmed(Period), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        Errors = reader.Errors.AddMissing(result.Errors);
        Table = result.Value;
        if (Table is not null && Errors.IsValid)
        {
            IEnumerable<TrainingDemandRow> rows = Table.Rows;
            if (Sort is { } sort)
            {
                var key = Sorts[sort.TrimStart('-')];
                rows = sort.StartsWith('-') ? rows.OrderByDescending(key) : rows.OrderBy(key);
            }
            Rows = new Page<TrainingDemandRow>([.. rows.Skip((page - 1) * PageSize).Take(PageSize)], Table.Rows.Count, page, PageSize);
            Pager = PagerModel.For(Rows, Request);
        }
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        var result = await gaps.QueueAsync(Caller.From(User), ct);
        return this.Refusal(result) ?? Redirect("/training/demand?queued=1");
    }

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        var result = await gaps.ExportAsync(Caller.From(User), FormReader.Trimmed(Region), FormReader.Trimmed(Period), format,
            code => Choices.OccupationName(reference, code), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        return result.Status != WriteStatus.Ok
            ? BadRequest()
            : File(result.Value!, format == "csv" ? "text/csv; charset=utf-8" : EnterpriseServicesApi.FileType(format).ContentType, $"training-demand.{format}");
    }
}
