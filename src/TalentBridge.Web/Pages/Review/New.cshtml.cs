using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Pages.Review;

/// <summary>The application form as posted: numbers as strings, so that a bad value is a field error.</summary>
public sealed class ApplicationInput
{
    public string? TalentId { get; set; }
    /// <summary>The employer's 统一社会信用代码, or its number on the platform.</summary>
    public string? EmployerId { get; set; }
    public string? Series { get; set; }
    public string? TitleName { get; set; }
    public string? TitleLevel { get; set; }
    public string? Summary { get; set; }
    public List<long> RefereeExpertIds { get; set; } = [];
    public List<long> RelatedExpertIds { get; set; } = [];
}

/// <summary>
/// /title-reviews/new: a talent applies for a professional title (职称评审申报) — employer, series, title and level, a
/// summary of their work, the review experts they name as referees or declare a relation with (both excluded from
/// their panel and ballot); an operator applies for a talent of their region. Errors are shown at their fields.
/// </summary>
public sealed class NewModel(TitleReviews reviews, ReviewExperts experts, EnterpriseStore enterprises) : PageModel
{
    /// <summary>The 职称 series offered as suggestions (any other may be typed).</summary>
    public static readonly IReadOnlyList<string> Series = ["工程技术", "经济", "会计", "卫生", "教育", "农业技术", "工艺美术", "统计", "翻译"];

    [BindProperty] public ApplicationInput Input { get; set; } = new();

    public ValidationErrors? Errors { get; private set; }
    public IReadOnlyList<ExpertName> Experts { get; private set; } = [];
    public Caller Caller { get; private set; } = Caller.Anonymous;

    /// <summary>Operators and administrators apply for a talent they name; a talent for themself.</summary>
    public bool ForSomeone => Caller.IsOperator || Caller.IsAdmin;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var talentId = ForSomeone ? reader.OptionalInt(Input.TalentId, "talentId") : null;
        reader.Errors.When(ForSomeone && talentId is null && string.IsNullOrWhiteSpace(Input.TalentId), "talentId", "is required");
        var level = string.IsNullOrWhiteSpace(Input.TitleLevel) ? (ProfessionalTitleLevel?)null : reader.Enum<ProfessionalTitleLevel>(Input.TitleLevel, "titleLevel");
        var employerId = await EmployerAsync(Input.EmployerId, reader.Errors, ct);
        var draft = new TitleReviewDraft
        {
            TalentId = talentId, EmployerId = employerId, Series = Input.Series, TitleName = Input.TitleName, TitleLevel = level, Summary = Input.Summary,
            RefereeExpertIds = Input.RefereeExpertIds, RelatedExpertIds = Input.RelatedExpertIds,
        };
        if (!reader.Errors.IsValid)
        {
            Errors = reader.Errors.AddMissing(draft.Validate());
            return Page();
        }
        var applied = await reviews.ApplyAsync(Caller, draft, ct);
        if (applied.Status == WriteStatus.NotFound && ForSomeone)
        {
            Errors = new ValidationErrors().Add("talentId", "is not a talent of your region");
            return Page();
        }
        if (this.Refusal(applied) is { } denied)
        {
            return denied;
        }
        if (applied.Status == WriteStatus.Ok)
        {
            return Redirect($"/title-reviews/{applied.Value!.Application.Id.ToString(CultureInfo.InvariantCulture)}?done=apply");
        }
        Errors = applied.Errors;
        return Page();
    }

    /// <summary>The employer named by its 统一社会信用代码 or its number; an error at the field when it names none.</summary>
    private async Task<long?> EmployerAsync(string? typed, ValidationErrors errors, CancellationToken ct)
    {
        var text = FormReader.Trimmed(typed);
        if (text is null)
        {
            errors.Add("employerId", "is required");
            return null;
        }
        if (text.Length <= 12 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        if (await enterprises.FindByUsccAsync(text.ToUpperInvariant(), ct) is { } found)
        {
            return found.Id;
        }
        errors.Add("employerId", "is not a registered enterprise");
        return null;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Caller = Caller.From(User);
        if (!Caller.IsSignedIn)
        {
            return Challenge();
        }
        if (Caller.TalentId is null && !ForSomeone)
        {
            return Forbid();
        }
        Experts = await experts.NamesAsync(ct);
        return null;
    }
}
