using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Privacy;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>
/// One application (投档) for both sides: its state in plain words, its history, the profile as sent (to the
/// enterprise), and the steps the caller's side may take now. The enterprise's first look marks it viewed.
/// Its conversation (一键沟通) is a section of the page.
/// </summary>
[RequestSizeLimit(ConversationPages.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ConversationPages.MaxRequestBytes)]
public sealed class ApplicationModel(Applications applications, Conversations conversations, PersonalData personalData, TimeProvider time, Ui ui) : PageModel
{
    public Application Item { get; private set; } = null!;
    public FlowActor Side { get; private set; }
    public IReadOnlyList<ApplicationStep> History { get; private set; } = [];
    public IReadOnlyList<ApplicationAction> Actions { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }

    /// <summary>The profile as it was sent (for the enterprise); null once deleted under the retention rule.</summary>
    public SentProfile? Snapshot { get; private set; }

    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? InterviewAt { get; set; }
    [BindProperty] public string? InterviewPlace { get; set; }
    [BindProperty] public string? ReasonTemplate { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public OfferInput Offer { get; set; } = new();
    [BindProperty] public bool Confirm { get; set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    /// <summary>Older messages: those before this message id.</summary>
    [FromQuery(Name = "before")]
    public long? Before { get; set; }

    /// <summary>The application's conversation (一键沟通).</summary>
    public ConversationView? Conversation { get; private set; }

    /// <summary>The reasons an enterprise picks from when it refuses (the text is stored in the page's language).</summary>
    public static readonly IReadOnlyList<string> RefusalTemplates = ["Full", "Experience", "Skills", "Salary", "Other"];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (Side == FlowActor.Enterprise && Item.State == ApplicationState.Applied)
        {
            // 一键查档: the enterprise opening the application is its "viewed" step.
            var viewed = await applications.ActAsync(Caller.From(User), id, new StepRequest(ApplicationAction.View, Item.Version), ct);
            if (viewed.Status == WriteStatus.Ok)
            {
                Version = null; // the forms act on the viewed version
                await LoadAsync(id, ct);
            }
        }
        return Page();
    }

    /// <summary>The talent's full phone number, after a reveal on this request (never kept in the page's state).</summary>
    public string? RevealedPhone { get; private set; }

    [BindProperty] public string? RevealReason { get; set; }

    /// <summary>查看联系方式: the enterprise asks for the full number with a reason; the reveal is audited.</summary>
    public async Task<IActionResult> OnPostRevealAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var (status, phone, errors) = await personalData.RevealContactAsync(Caller.From(User), id, RevealReason, ct);
        if (status == WriteStatus.Forbidden)
        {
            return Forbid();
        }
        // The number is shown on this response only: no cache keeps it.
        Response.Headers.CacheControl = "no-store";
        RevealedPhone = phone;
        if (!errors.IsValid)
        {
            // The page's own reason field is the step form's; the reveal has its own.
            Errors = new ValidationErrors();
            foreach (var message in errors.ToDictionary().Values.SelectMany(m => m))
            {
                Errors.Add("revealReason", message);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string step, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        if (!Enum.TryParse<ApplicationAction>(step, out var action) || !Enum.IsDefined(action) || action is ApplicationAction.Expire or ApplicationAction.View)
        {
            return BadRequest();
        }
        var request = new StepRequest(action, FormReader.Version(Version));
        switch (action)
        {
            case ApplicationAction.ScheduleInterview:
                request = request with { InterviewAt = ParseLocal(InterviewAt, "interviewAt", errors), InterviewPlace = InterviewPlace };
                errors.When(string.IsNullOrWhiteSpace(InterviewAt), "interviewAt", "is required");
                break;
            case ApplicationAction.Refuse:
                request = request with { Reason = RefusalText() };
                break;
            case ApplicationAction.Offer:
                var (terms, offerErrors) = Offer.Read(Item);
                errors.AddMissing(offerErrors);
                request = request with { Offer = terms };
                break;
            case ApplicationAction.Sign:
                errors.When(!Confirm, "confirm", "confirm the terms to sign");
                break;
        }
        var result = errors.IsValid ? await applications.ActAsync(Caller.From(User), id, request, ct) : WriteResult.Invalid<Application>(errors);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/applications/{id}?done={Applications.Action(action)}");
        }
        Errors = PageRefusals.Problems(result);
        if (result.Status == WriteStatus.Conflict)
        {
            Version = null;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Sends a message in the application's conversation (the form, or the page's script asking for JSON).</summary>
    public async Task<IActionResult> OnPostMessageAsync(long id, string? body, IFormFile? attachment, CancellationToken ct)
    {
        var key = new ConversationKey(ConversationKind.Application, id);
        var (result, errors) = await ConversationPages.PostAsync(this, conversations, key, body, attachment, ui, ct);
        if (result is not null)
        {
            return result;
        }
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        Conversation = Conversation! with { Errors = errors, Body = body };
        return Page();
    }

    private string? RefusalText()
    {
        var template = RefusalTemplates.Contains(ReasonTemplate ?? "") && ReasonTemplate != "Other" ? ui["Refuse." + ReasonTemplate] : null;
        var extra = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        return template is null ? extra : extra is null ? template : $"{template} {extra}";
    }

    /// <summary>A datetime-local value (China time) as an instant; a field error when it does not parse.</summary>
    private static DateTimeOffset? ParseLocal(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, ChinaTime.Offset);
        }
        errors.Add(field, "must be a date and time");
        return null;
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await applications.FindAsync(caller, id, ct) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        Side = applications.SideOf(caller, item)!.Value;
        History = await applications.HistoryAsync(id, ct);
        Actions = [.. Flows.Application.Actions(item.State, Side).Where(a => a != ApplicationAction.View)];
        Snapshot = Side == FlowActor.Enterprise ? await applications.SentProfileAsync(id, ct) : null;
        Version ??= item.Version.ToString(CultureInfo.InvariantCulture);
        Conversation = await ConversationPages.LoadAsync(conversations, caller, new ConversationKey(ConversationKind.Application, id), Before, null, null, ct);
        if (Offer.MonthlySalary is null && item.Offer is null)
        {
            Offer = OfferInput.Default(item, ChinaTime.Today(time));
        }
        return null;
    }
}

/// <summary>The offer form as posted: numbers and dates as strings, so that a bad value is a field error.</summary>
public sealed class OfferInput
{
    public string? MonthlySalary { get; set; }
    public string? MonthsPerYear { get; set; } = "12";
    public string? StartOn { get; set; }
    public string? EngagementMode { get; set; } = nameof(EngagementModes.FullTime);
    public string? RegionCode { get; set; }
    public string? ProbationMonths { get; set; } = "0";
    public string? SignBy { get; set; }

    /// <summary>Start in two weeks, sign within a week, in the position's region.</summary>
    public static OfferInput Default(Application item, DateOnly today) => new()
    {
        RegionCode = item.RegionCode,
        StartOn = today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SignBy = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public (OfferTerms Terms, ValidationErrors Errors) Read(Application item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var reader = new FormReader();
        var terms = new OfferTerms
        {
            PositionTitle = item.PositionTitle,
            OccupationCode = item.OccupationCode,
            MonthlySalary = reader.Number(MonthlySalary, "monthlySalary"),
            MonthsPerYear = reader.Number(MonthsPerYear, "monthsPerYear"),
            StartOn = reader.Date(StartOn, "startOn"),
            EngagementMode = reader.Enum<EngagementModes>(EngagementMode, "engagementMode"),
            RegionCode = FormReader.Region(RegionCode),
            ProbationMonths = reader.Number(ProbationMonths, "probationMonths"),
            SignBy = reader.Date(SignBy, "signBy"),
        };
        return (terms, reader.Errors);
    }
}
