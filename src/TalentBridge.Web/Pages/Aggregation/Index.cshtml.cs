using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;

namespace TalentBridge.Web.Pages.Aggregation;

/// <summary>
/// Operators and administrators upload an export from an outside platform (positions, talents or enterprises, as the
/// profile's kind says) and follow its import; <see cref="ImportUploads"/> stores it and queues it for whichever node runs it.
/// </summary>
[RequestSizeLimit(ImportLimits.UploadCeilingBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.UploadCeilingBytes + 1024 * 1024)]
public sealed class IndexModel(ImportRuns runs, ImportUploads uploads, Ui ui) : PageModel
{
    public const string ProfileTemplate = """
        {
          "kind": "positions",
          "format": "auto",
          "encoding": "utf-8",
          "columns": {
            "sourceId": "职位ID",
            "title": "职位名称",
            "enterprise": "公司名称",
            "uscc": "统一社会信用代码",
            "place": "工作地点",
            "salary": "薪资",
            "education": "学历",
            "experience": "经验",
            "headcount": "招聘人数",
            "description": "职位描述",
            "postedOn": "发布日期"
          }
        }
        """;

    [BindProperty]
    public string Source { get; set; } = "";

    [BindProperty]
    public string Profile { get; set; } = ProfileTemplate;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ValidationErrors? Errors { get; private set; }
    public IReadOnlyList<ImportRun> Runs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }
        Runs = await runs.RecentAsync(Caller.From(User), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Refused() is { } refused)
        {
            return refused;
        }
        var errors = new ValidationErrors().Required(Source, "source", 50)
            .When(Source.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')), "source", "may use only letters, digits, - and _")
            .When(Upload is null || Upload.Length == 0, "file", "is required")
            .When(Upload is { } big && big.Length > uploads.Limits.MaxUploadBytes, "file",
                $"must be at most {uploads.Limits.MaxUploadBytes / 1024 / 1024} MB (import larger files with the command line)");
        var (profile, profileErrors) = ImportProfile.Parse(Profile);
        errors.AddMissing(profileErrors);
        if (Upload is { } upload && profile is not null && errors.IsValid)
        {
            try
            {
                SourceReader.FormatOf(profile, upload.FileName);
            }
            catch (ImportFileException e)
            {
                errors.Add("file", ui.Format("Imports.Error." + e.Code, [.. e.Args]));
            }
        }
        if (!errors.IsValid || profile is null || Upload is null)
        {
            Errors = errors;
            Runs = await runs.RecentAsync(Caller.From(User), ct);
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        var runId = await uploads.EnqueueAsync(stream, Path.GetFileName(Upload.FileName), Source.Trim(), profile, Profile, Caller.From(User).AccountId, ct);
        return Redirect($"/imports/{runId}");
    }

    private IActionResult? Refused()
    {
        var caller = Caller.From(User);
        return !caller.IsSignedIn ? Challenge() : caller.CanImport ? null : Forbid();
    }
}
