using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Pages.SharedPool;

/// <summary>
/// The administration of a city's shared pool: the response clock's settings (optimistic concurrency), the tags, the
/// admission standard's versions (view, publish from edited JSON) and the working calendars (upload, re-evaluation).
/// County operators see it read-only: the platform refuses their changes.
/// </summary>
public sealed class AdminModel(SharedPools pools, AdmissionStandards standards, WorkCalendars calendars) : PageModel
{
    public PoolViewer Viewer { get; private set; } = null!;
    public IReadOnlyList<TagNode> Tags { get; private set; } = [];
    public IReadOnlyList<StoredStandard> Standards { get; private set; } = [];
    public StoredStandard? Shown { get; private set; }
    public IReadOnlyList<WorkCalendarVersion> Calendars { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    [FromQuery(Name = "standard")] public long? StandardId { get; set; }
    [FromQuery(Name = "city")] public string? City { get; set; }

    [BindProperty] public string? ClockMode { get; set; }
    [BindProperty] public string? TargetHours { get; set; }
    [BindProperty] public string? WarnHours { get; set; }
    [BindProperty] public string? ReplyHours { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? TagKindValue { get; set; }
    [BindProperty] public string? TagName { get; set; }
    [BindProperty] public string? TagNameEn { get; set; }
    [BindProperty] public string? TagCode { get; set; }
    [BindProperty] public long? TagParent { get; set; }
    [BindProperty] public long? TagId { get; set; }
    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public IFormFile? Calendar { get; set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var mode = reader.Enum<ClockMode>(ClockMode, "clockMode");
        var settings = new PoolSettings(mode, reader.Number(TargetHours, "targetHours"), reader.Number(WarnHours, "warnHours"), reader.Number(ReplyHours, "replyHours"));
        if (!reader.Errors.IsValid)
        {
            Errors = reader.Errors.AddMissing(settings.Validate());
            return Page();
        }
        var result = await pools.SetSettingsAsync(Caller.From(User), Viewer.City!.Id, settings, FormReader.Version(Version), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Conflict)
        {
            Errors = new ValidationErrors().Add("version", Ui.Shared["Form.Conflict"]);
            Version = result.Value!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        return Finish(result.Status == WriteStatus.Ok, result.Errors, "settings");
    }

    public async Task<IActionResult> OnPostAddTagAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var kind = Enum.TryParse<TagKind>(TagKindValue, out var k) && Enum.IsDefined(k) ? k : 0;
        var result = await pools.AddTagAsync(Caller.From(User), Viewer.City!.Id, kind, TagName, TagNameEn, TagCode, TagParent, ct);
        return this.Refusal(result) ?? Finish(result.Status == WriteStatus.Ok, result.Errors, "tag");
    }

    public async Task<IActionResult> OnPostRemoveTagAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = await pools.RemoveTagAsync(Caller.From(User), Viewer.City!.Id, TagId ?? 0, ct);
        return this.Refusal(result) ?? Finish(result.Status == WriteStatus.Ok, result.Errors, "tag");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var (stored, errors) = await standards.PublishAsync(Caller.From(User), Viewer.City!.Id, Definition, Note, ct);
        return Finish(stored is not null, errors, "standard");
    }

    public async Task<IActionResult> OnPostCalendarAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Calendar is null)
        {
            Errors = new ValidationErrors().Add("calendar", "is required");
            return Page();
        }
        using var reader = new StreamReader(Calendar.OpenReadStream());
        var (errors, count) = await calendars.UploadAsync(Caller.From(User), await reader.ReadToEndAsync(ct), ct);
        return Finish(errors.IsValid, errors, "calendar:" + count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private IActionResult Finish(bool ok, ValidationErrors errors, string what)
    {
        if (ok)
        {
            return Redirect("/shared/admin?done=" + Uri.EscapeDataString(what));
        }
        Errors = errors;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        Viewer = await PoolViewer.ForAsync(caller, City, HttpContext.RequestServices, ct);
        if (Viewer.City is not { } city || !Viewer.MayAdminister)
        {
            return Forbid();
        }
        Tags = TagNode.Build(await pools.TagsAsync(city.Id, ct));
        Standards = await standards.VersionsAsync(city.Id, ct);
        Shown = StandardId is { } id ? Standards.FirstOrDefault(s => s.Id == id) : Standards.Count > 0 ? Standards[0] : null;
        Calendars = await calendars.VersionsAsync(ct);
        if (Request.Method == "GET")
        {
            ClockMode = city.ClockMode.ToString();
            TargetHours = city.TargetHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
            WarnHours = city.WarnHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ReplyHours = city.ReplyHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Version = city.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Definition = Shown?.Standard.ToJson();
        }
        return null;
    }
}
