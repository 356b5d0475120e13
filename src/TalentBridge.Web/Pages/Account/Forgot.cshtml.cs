using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Accounts;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Pages.Account;

/// <summary>
/// 找回密码: step one asks for the phone number or e-mail address and sends a code (the same answer whether or not it is
/// registered); step two takes the code and the new password.
/// </summary>
public sealed class ForgotModel(PublicAccounts publicAccounts, Ui text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Identifier { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Step two: a code was sent (or would have been), the form for it is shown.</summary>
    public bool CodeSent { get; private set; }

    public ValidationErrors? Errors { get; private set; }

    public string? Throttled { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (ContactIdentifier.Parse(Identifier) is null)
        {
            Errors = new ValidationErrors().Add("identifier", "must be an 11-digit mainland mobile number or an e-mail address");
            return Page();
        }
        if (await publicAccounts.RequestResetAsync(Identifier, ClientAddress.Of(HttpContext), ct) is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ClientAddress.Seconds(wait);
            Throttled = text.Format("Register.Throttled", (int)Math.Ceiling(wait.TotalMinutes));
            return Page();
        }
        CodeSent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var result = await publicAccounts.ResetAsync(Identifier, Code, Password, ct);
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect("/account/login?reset=1");
        }
        CodeSent = true;
        Errors = result.Errors;
        return Page();
    }
}
