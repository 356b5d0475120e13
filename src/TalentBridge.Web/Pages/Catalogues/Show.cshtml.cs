using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Analytics;

namespace TalentBridge.Web.Pages.Catalogues;

/// <summary>
/// /catalogues/{kind}/{region}/{period}/v{n}: one published version, citable and public, with CSV and Excel downloads
/// (no audit: it is public) and a print stylesheet. Without /v{n} the newest version, saying which one it is.
/// </summary>
public sealed class ShowModel(Publications publications, ReferenceData reference) : PageModel
{
    [FromRoute(Name = "kind")] public string Kind { get; set; } = "";
    [FromRoute(Name = "region")] public string Region { get; set; } = "";
    [FromRoute(Name = "period")] public string Period { get; set; } = "";
    [FromRoute(Name = "version")] public string? VersionSegment { get; set; }

    public Publication Publication { get; private set; } = null!;
    /// <summary>Whether the URL named no version (the newest is shown).</summary>
    public bool Unversioned => VersionSegment is null;
    public string Path => $"/catalogues/{Publications.KindName(Publication.Kind)}/{Publication.RegionCode}/{Publication.Period}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(PublicationExport.Csv(Publication, reference, Label), "text/csv; charset=utf-8", PublicationExport.FileName(Publication, "csv"));

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct) =>
        await LoadAsync(ct) ?? File(PublicationExport.Excel(Publication, reference, Label), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            PublicationExport.FileName(Publication, "xlsx"));

    private static string Label(string key) => Ui.Shared[key];

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        int? n = null;
        if (VersionSegment is { } v)
        {
            if (v.Length < 2 || v[0] != 'v' || !int.TryParse(v.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return NotFound();
            }
            n = number;
        }
        if (await Api.PublicationsApi.Find(publications, Kind, Region, Period, n, ct) is not { } found)
        {
            return NotFound();
        }
        Publication = found;
        return null;
    }
}
