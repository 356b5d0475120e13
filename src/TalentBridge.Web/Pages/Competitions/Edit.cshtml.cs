using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>/competitions/edit and /competitions/edit/{id} (operators for their region, administrators): a competition's data with errors per field; a stale save shows the current version.</summary>
public sealed class EditModel(Platform.Competitions.Competitions competitions) : PageModel
{
    public sealed class CompetitionForm
    {
        public string? Name { get; set; }
        public string? Organiser { get; set; }
        public string? RegionCode { get; set; }
        public string? Level { get; set; }
        public string? Description { get; set; }
        public string? EntryFrom { get; set; }
        public string? EntryUntil { get; set; }
        public string? FinalOn { get; set; }
        public string? Version { get; set; }
    }

    [BindProperty] public CompetitionForm Form { get; set; } = new();

    public long? Id { get; private set; }
    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        Id = id;
        if (id is { } competitionId)
        {
            if (await competitions.DetailAsync(caller, competitionId, ct) is not { MayManage: true } detail)
            {
                return NotFound();
            }
            Form = FormOf(detail.Competition);
        }
        else
        {
            Form.RegionCode = caller.RegionCode;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var reader = new FormReader();
        var input = new Competition
        {
            Name = Form.Name?.Trim() ?? "",
            Organiser = Form.Organiser?.Trim() ?? "",
            RegionCode = FormReader.Region(Form.RegionCode),
            Level = reader.Enum<RecognitionLevel>(Form.Level, "level"),
            Description = FormReader.Trimmed(Form.Description),
            EntryFrom = reader.Date(Form.EntryFrom, "entryFrom"),
            EntryUntil = reader.Date(Form.EntryUntil, "entryUntil"),
            FinalOn = reader.Date(Form.FinalOn, "finalOn"),
        };
        var result = id is { } competitionId
            ? await competitions.UpdateAsync(caller, competitionId, FormReader.Version(Form.Version), input, ct)
            : await competitions.CreateAsync(caller, input, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok && reader.Errors.IsValid)
        {
            return Redirect($"/competitions/{result.Value!.Id}/manage");
        }
        Id = id;
        Errors = reader.Errors.AddMissing(PageRefusals.Problems(result));
        if (result.Status == WriteStatus.Conflict)
        {
            Form = FormOf(result.Value!);
        }
        return Page();
    }

    private static CompetitionForm FormOf(Competition c) => new()
    {
        Name = c.Name,
        Organiser = c.Organiser,
        RegionCode = c.RegionCode,
        Level = c.Level.ToString(),
        Description = c.Description,
        EntryFrom = c.EntryFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EntryUntil = c.EntryUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FinalOn = c.FinalOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Version = c.Version.ToString(CultureInfo.InvariantCulture),
    };
}
