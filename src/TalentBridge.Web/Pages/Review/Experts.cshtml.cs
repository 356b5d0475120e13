using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Pages.Review;

/// <summary>The expert form as posted: numbers as strings, so that a bad value is a field error.</summary>
public sealed class ExpertInput
{
    public string? UserName { get; set; }
    public string? Name { get; set; }
    public string? Specialty { get; set; }
    public string? RegionCode { get; set; }
    public string? TalentId { get; set; }
    public string? EmployerId { get; set; }
    public string? CommitteeId { get; set; }
}

/// <summary>
/// /title-reviews/experts (operators and administrators): the review committees and experts of the caller's region;
/// set up a committee, register an expert on an existing account (with their talent record and employer, which decide
/// their conflicts of interest), and put an expert on a committee or take them off. Every change is audited.
/// </summary>
public sealed class ExpertsModel(ReviewExperts experts, TitleReviews reviews, Dashboard dashboard) : PageModel
{
    [BindProperty] public ExpertInput Input { get; set; } = new();

    public IReadOnlyList<ReviewExpert> Experts { get; private set; } = [];
    public IReadOnlyList<Committee> Committees { get; private set; } = [];
    public string Home { get; private set; } = "";
    public ValidationErrors? Errors { get; private set; }
    public string? Posted { get; private set; }
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public ValidationErrors? ErrorsOf(string form) => Posted == form ? Errors : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var draft = new ReviewExpertDraft
        {
            UserName = Input.UserName, Name = Input.Name, Specialty = Input.Specialty, RegionCode = Input.RegionCode,
            TalentId = reader.OptionalInt(Input.TalentId, "talentId"), EmployerId = reader.OptionalInt(Input.EmployerId, "employerId"),
            CommitteeId = reader.OptionalInt(Input.CommitteeId, "committeeId"),
        };
        var result = reader.Errors.IsValid ? await experts.RegisterAsync(Caller.From(User), draft, ct) : null;
        return await AnswerAsync("expert", "register", result?.Status, result?.Errors ?? reader.Errors, ct);
    }

    public async Task<IActionResult> OnPostCommitteeAsync(string? name, string? regionCode, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = await experts.CreateCommitteeAsync(Caller.From(User), name, regionCode, ct);
        return await AnswerAsync("committee", "committee", result.Status, result.Errors, ct);
    }

    public async Task<IActionResult> OnPostMembershipAsync(long expertId, string? committeeId, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var committee = reader.OptionalInt(committeeId, "committeeId");
        var result = reader.Errors.IsValid ? await experts.SetCommitteeAsync(Caller.From(User), expertId, committee, ct) : null;
        if (result?.Status == WriteStatus.NotFound)
        {
            return NotFound();
        }
        return await AnswerAsync("member-" + expertId, "membership", result?.Status, result?.Errors ?? reader.Errors, ct);
    }

    private async Task<IActionResult> AnswerAsync(string form, string done, WriteStatus? status, ValidationErrors errors, CancellationToken ct)
    {
        if (status == WriteStatus.Ok)
        {
            return Redirect("/title-reviews/experts?done=" + done);
        }
        if (status == WriteStatus.Forbidden)
        {
            return Forbid();
        }
        (Posted, Errors) = (form, errors);
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
        if (!(caller.IsOperator || caller.IsAdmin))
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? dashboard.HomeRegion;
        Experts = await experts.ListAsync(caller, ct);
        Committees = await reviews.CommitteesAsync(caller, ct);
        return null;
    }

    /// <summary>The regions an expert or committee may belong to: the caller's own and those under it.</summary>
    public IReadOnlyList<SelectOption> RegionOptions(ReferenceData reference)
    {
        var regions = FormUi.RegionOptions(reference, Home, null).Where(r => r.Level < RegionLevel.Township).ToList();
        return FormUi.RegionSelectOptions(reference, regions.Any(r => r.Code == Home) || reference.Regions.Find(Home) is not { } home ? regions : [home, .. regions]);
    }
}
