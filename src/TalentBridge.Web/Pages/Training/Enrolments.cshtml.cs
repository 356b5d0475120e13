using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Pages.Training;

/// <summary>/training/enrolments (operators of the talents' region, administrators): enrolments by status; recording a completion.</summary>
public sealed class EnrolmentsModel(Enrolments enrolments) : PageModel
{
    [FromQuery(Name = "status")] public string? Status { get; set; }

    public IReadOnlyList<Enrolment> List { get; private set; } = [];
    public EnrolmentStatus Shown { get; private set; } = EnrolmentStatus.Enrolled;
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!string.IsNullOrWhiteSpace(Status))
        {
            var reader = new FormReader();
            Shown = reader.Enum<EnrolmentStatus>(Status, "status");
            Errors = reader.Errors.IsValid ? Errors : reader.Errors;
            Shown = reader.Errors.IsValid ? Shown : EnrolmentStatus.Enrolled;
        }
        if (await enrolments.ForRegionAsync(caller, Shown, ct) is not { } list)
        {
            return Forbid();
        }
        List = list;
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(long enrolmentId, string? version, CancellationToken ct)
    {
        var result = await enrolments.CompleteAsync(Caller.From(User), enrolmentId, FormReader.Version(version), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok)
        {
            Done = result.Value!.ProgrammeName;
        }
        else
        {
            Errors = PageRefusals.Problems(result);
        }
        return await OnGetAsync(ct);
    }
}
