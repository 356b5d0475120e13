using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.Training;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Training;

/// <summary>/training: the programme catalogue for everyone — keyword, region, occupation, subsidised, level, sort, paged; a talent enrols from here.</summary>
public sealed class IndexModel(Programmes programmes, Enrolments enrolments, ReferenceData reference) : PageModel
{
    // From the query only: the route value "page" of Razor Pages would otherwise fill Filter.Page.
    [FromQuery] public TrainingApi.ProgrammeParameters Filter { get; set; } = new();

    public Page<Programme>? Results { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public PagerModel? Pager { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (query, errors) = Filter.Parse(reference);
        if (!errors.IsValid)
        {
            Errors = errors;
            return;
        }
        var result = await programmes.ListAsync(query with { List = query.List with { PageSize = 20 } }, ct);
        Errors = result.Errors;
        Results = result.Value;
        if (Results is not null)
        {
            Pager = PagerModel.For(Results, Request);
        }
    }

    public async Task<IActionResult> OnPostEnrolAsync(long programmeId, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (caller.TalentId is not { } talentId)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        var result = await enrolments.EnrolAsync(caller, talentId, programmeId, ct);
        return this.Refusal(result) ?? Redirect(result.Status == Platform.Pools.WriteStatus.Ok ? "/me/training?enrolled=1" : "/me/training?enrolled=0");
    }
}
