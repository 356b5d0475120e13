using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Challenges;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Challenges;

/// <summary>/challenges: the public challenge board — summaries filtered by field words, occupation and state, sorted, paged.</summary>
public sealed class IndexModel(ChallengeBoard board) : PageModel
{
    [FromQuery(Name = "field")] public string? Field { get; set; }
    [FromQuery(Name = "occupation")] public string? Occupation { get; set; }
    [FromQuery(Name = "state")] public string? State { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public Page<Challenge>? List { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    public PagerModel? Pager { get; private set; }
    public bool CanPost { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reader = new FormReader();
        var state = string.IsNullOrWhiteSpace(State) ? (ChallengeState?)null : reader.Enum<ChallengeState>(State, "state");
        var page = reader.OptionalInt(PageNumber, "page") ?? 1;
        var result = await board.ListAsync(new ChallengeQuery(FormReader.Trimmed(Field), FormReader.Trimmed(Occupation), reader.Errors.IsValid ? state : null,
            null, FormReader.Trimmed(Sort), page, 20), ct);
        Errors = reader.Errors.AddMissing(result.Errors);
        List = result.Value;
        Pager = List is null ? null : PagerModel.For(List, Request);
        var caller = Caller.From(User);
        CanPost = caller.IsEnterpriseUser || caller.IsOperator || caller.IsAdmin;
    }
}
