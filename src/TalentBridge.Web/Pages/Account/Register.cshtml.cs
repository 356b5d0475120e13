using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Accounts;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Pages.Account;

/// <summary>注册: a talent registers with a phone number or e-mail address, a password and consent to the privacy notice.</summary>
public sealed class RegisterModel(PublicAccounts publicAccounts, AccountStore accounts, TimeProvider time, Ui text) : PageModel
{
    [BindProperty]
    public string? Identifier { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    public ValidationErrors? Errors { get; private set; }

    public string? Throttled { get; private set; }

    public IActionResult OnGet() => Caller.From(User).IsSignedIn ? Redirect("/me") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new RegistrationRequest(Identifier, DisplayName, Password, Consent ? Registration.PrivacyNoticeVersion : null,
            Localization.IsEnglish ? "en" : "zh-CN");
        if (Password != ConfirmPassword)
        {
            Errors = Registration.Validate(Identifier, DisplayName, Password, request.AcceptedNoticeVersion).Add("confirmPassword", "must repeat the password");
            return Page();
        }
        var (result, retryAfter) = await publicAccounts.RegisterAsync(request, ClientAddress.Of(HttpContext), ct);
        if (retryAfter is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ClientAddress.Seconds(wait);
            Throttled = text.Format("Register.Throttled", (int)Math.Ceiling(wait.TotalMinutes));
            return Page();
        }
        if (result.Status != WriteStatus.Ok)
        {
            Errors = result.Errors;
            return Page();
        }
        var session = await accounts.StartSessionAsync(result.Value!.Id, time.GetUtcNow(), ct);
        await SignInCookie.IssueAsync(HttpContext, result.Value!, session);
        return Redirect("/me?done=register");
    }
}
