using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/drafts/{id}: a draft shortage catalogue or wage-price table — its frozen rows, the edit form of one row
/// (reason required), the history of edits, the audited download (with a reason) and publishing with a confirmation.
/// A published version redirects to its public page.
/// </summary>
public sealed class DraftModel(Publications publications, ReferenceData reference) : PageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "edit")] public string? Edit { get; set; }
    [FromQuery(Name = "done")] public string? Done { get; set; }

    [BindProperty] public string? OccupationCode { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? Included { get; set; }
    [BindProperty] public string? Stars { get; set; }
    [BindProperty] public string? Driver { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public Publication Draft { get; private set; } = null!;
    public IReadOnlyList<PublicationEditRecord> History { get; private set; } = [];
    public ValidationErrors Errors { get; private set; } = new();
    /// <summary>Which form the errors belong to: "edit", "publish" or "export".</summary>
    public string? ErrorsOf { get; private set; }

    /// <summary>The row being edited (from <c>?edit=</c> or the posted form).</summary>
    public IPublicationRow? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var stars = reader.OptionalInt(Stars, "stars");
        ShortageDriver? driver = Enum.TryParse<ShortageDriver>(Driver, out var d) && Enum.IsDefined(d) ? d : null;
        var edit = new PublicationEdit(OccupationCode, RegionCode, Included switch { "true" => true, "false" => false, _ => null }, stars, driver, Note ?? "", Reason);
        var result = reader.Errors.IsValid
            ? await publications.EditAsync(Caller.From(User), Id, FormReader.Version(Version), edit, ct)
            : WriteResult.Invalid<Publication>(reader.Errors);
        return await AnswerAsync(result, "edit", ct) ?? Redirect($"/analytics/drafts/{Id}?done=edit");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = Confirm
            ? await publications.PublishAsync(Caller.From(User), Id, FormReader.Version(Version), ct)
            : WriteResult.Invalid<Publication>(new ValidationErrors().Add("confirm", "is required"));
        if (await AnswerAsync(result, "publish", ct) is { } answer)
        {
            return answer;
        }
        var p = result.Value!;
        return Redirect($"/catalogues/{Publications.KindName(p.Kind)}/{p.RegionCode}/{p.Period}/v{p.PublishedVersion}");
    }

    /// <summary>The draft as CSV or Excel: audited with who and why.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var csv = format == "csv";
        var result = await publications.ExportDraftAsync(Caller.From(User), Id, reason, csv ? "csv" : "xlsx", ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok)
        {
            (Errors, ErrorsOf) = (result.Errors, "export");
            return Page();
        }
        string Label(string key) => Ui.Shared[key];
        return csv
            ? File(PublicationExport.Csv(Draft, reference, Label), "text/csv; charset=utf-8", PublicationExport.FileName(Draft, "csv"))
            : File(PublicationExport.Excel(Draft, reference, Label), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PublicationExport.FileName(Draft, "xlsx"));
    }

    /// <summary>Null when the write went through; otherwise the page with the errors (a conflict shows the current draft).</summary>
    private async Task<IActionResult?> AnswerAsync(WriteResult<Publication> result, string form, CancellationToken ct)
    {
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return null;
        }
        (Errors, ErrorsOf) = (PageRefusals.Problems(result), form);
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await publications.FindAsync(caller, Id, ct) is not { } found)
        {
            return NotFound();
        }
        if (found.State != PublicationState.Draft)
        {
            return Redirect($"/catalogues/{Publications.KindName(found.Kind)}/{found.RegionCode}/{found.Period}/v{found.PublishedVersion}");
        }
        Draft = found;
        History = await publications.HistoryAsync(caller, Id, ct);
        Version = found.Version.ToString(CultureInfo.InvariantCulture);
        var key = Request.Method == "POST" && OccupationCode is not null ? $"{OccupationCode}|{RegionCode}" : Edit;
        IEnumerable<IPublicationRow> rows = found.Kind == PublicationKind.Shortage ? found.ShortageRows : found.WageRows;
        Editing = rows.FirstOrDefault(r => $"{r.OccupationCode}|{r.RegionCode}" == key);
        if (Request.Method == "GET")
        {
            // The edit form starts from the row as stored; after a refused post it shows what was posted.
            (Included, Stars, Driver, Note) = Editing switch
            {
                ShortageRow s => (s.Included ? "true" : "false", s.Stars?.ToString(CultureInfo.InvariantCulture), s.Driver.ToString(), s.Note),
                WagePriceRow w => (w.Excluded ? "false" : "true", null, null, w.Note),
                _ => (null, null, null, null),
            };
        }
        return null;
    }

    /// <summary>The link that opens a row's edit form.</summary>
    public string EditLink(IPublicationRow row) => $"/analytics/drafts/{Id}?edit={Uri.EscapeDataString($"{row.OccupationCode}|{row.RegionCode}")}#edit";
}
