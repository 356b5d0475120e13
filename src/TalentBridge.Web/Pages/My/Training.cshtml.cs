using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Pages.My;

/// <summary>
/// /me/training (我的培训): the signed-in talent's skill gaps, the programmes recommended for them with the positions each
/// would open and why, and their enrolments (enrol, withdraw).
/// </summary>
public sealed class TrainingModel(TrainingAdvisor advisor, Enrolments enrolments) : PageModel
{
    [FromQuery(Name = "enrolled")] public string? Enrolled { get; set; }

    public TrainingAdviceView? Advice { get; private set; }
    public bool Warming { get; private set; }
    public ValidationErrors? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is not { } talentId)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var answer = await advisor.ForTalentAsync(caller, talentId, ct);
        Warming = answer.Status == MatchStatus.Warming;
        Advice = answer.Advice;
        return answer.Status == MatchStatus.NotFound ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostEnrolAsync(long programmeId, CancellationToken ct) =>
        ChangeAsync(caller => enrolments.EnrolAsync(caller, caller.TalentId!.Value, programmeId, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(long enrolmentId, string? version, CancellationToken ct) =>
        ChangeAsync(caller => enrolments.WithdrawAsync(caller, enrolmentId, FormReader.Version(version), ct), ct);

    private async Task<IActionResult> ChangeAsync(Func<Caller, Task<WriteResult<Enrolment>>> change, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is null)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var result = await change(caller);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return RedirectToPage();
        }
        Errors = PageRefusals.Problems(result);
        return await OnGetAsync(ct);
    }
}
