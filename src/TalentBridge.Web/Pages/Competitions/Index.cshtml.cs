using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>/competitions: the competitions (keyword, region, level, state, year, sort, paged) and those the caller judges.</summary>
public sealed class IndexModel(Platform.Competitions.Competitions competitions, ReferenceData reference) : PageModel
{
    // From the query only: the route value "page" of Razor Pages would otherwise fill Filter.Page.
    [FromQuery] public CompetitionsApi.CompetitionParameters Filter { get; set; } = new();

    public Page<Competition>? Results { get; private set; }
    public IReadOnlyList<Competition> Judged { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public PagerModel? Pager { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        Judged = await competitions.JudgedByAsync(caller, ct);
        var (query, errors) = Filter.Parse(reference);
        if (!errors.IsValid)
        {
            Errors = errors;
            return;
        }
        var result = await competitions.ListAsync(caller, query with { List = query.List with { PageSize = 20 } }, ct);
        Errors = result.Errors;
        Results = result.Value;
        if (Results is not null)
        {
            Pager = PagerModel.For(Results, Request);
        }
    }
}
