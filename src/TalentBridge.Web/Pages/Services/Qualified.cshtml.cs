using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Services;

/// <summary>
/// /services/qualified (operators: their region's subtree; administrators): who qualifies for which policy in a year,
/// filtered by region and policy, paged, with CSV and Excel downloads audited as exports.
/// </summary>
public sealed class QualifiedModel(PolicyMatching matching, PolicyDocuments policies, ReferenceData reference) : PageModel
{
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "policy")] public string? Policy { get; set; }
    [FromQuery(Name = "year")] public string? Year { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public QualifiedList? List { get; private set; }
    public IReadOnlyList<StoredPolicy> Policies { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public PagerModel? Pager { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (query, reader) = Query();
        Policies = await policies.CurrentAsync(ct);
        var result = await matching.QualifiedAsync(Caller.From(User), query, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        Errors = reader.Errors.AddMissing(result.Errors);
        List = result.Value;
        if (List is not null)
        {
            Pager = PagerModel.For(List.Rows, Request);
        }
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => ExportAsync("csv", ct);

    public Task<IActionResult> OnGetExcelAsync(CancellationToken ct) => ExportAsync("xlsx", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        var (query, _) = Query();
        var result = await matching.ExportAsync(Caller.From(User), query, format, code => Choices.RegionName(reference, code), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            return BadRequest();
        }
        var (type, name) = EnterpriseServicesApi.FileType(format);
        return File(result.Value!, type, name);
    }

    private (QualifiedQuery Query, FormReader Reader) Query()
    {
        var reader = new FormReader();
        var year = reader.OptionalInt(Year, "year");
        var page = reader.OptionalInt(PageNumber, "page");
        return (new QualifiedQuery(FormReader.Trimmed(Region), FormReader.Trimmed(Policy), year, page, 50), reader);
    }
}
