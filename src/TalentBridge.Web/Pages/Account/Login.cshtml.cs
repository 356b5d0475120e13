using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Pages.Account;

public sealed class LoginModel(Login login, AccountStore accounts, TimeProvider time, Ui text) : PageModel
{
    [BindProperty, Required, StringLength(100)]
    public string UserName { get; set; } = "";

    [BindProperty, Required, StringLength(200), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Arrived from a successful password reset.</summary>
    [FromQuery(Name = "reset")]
    public bool ResetDone { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["Login.Missing"];
            return Page();
        }
        var (outcome, account, retryAfter) = await login.VerifyAsync(UserName, Password, ClientAddress.Of(HttpContext), ct);
        if (outcome == LoginOutcome.Throttled)
        {
            // The login page itself, in the user's language, says when to come back; the status and header say it to machines.
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ClientAddress.Seconds(retryAfter);
            Error = text.Format("Login.Throttled", (int)Math.Ceiling(retryAfter.TotalMinutes));
            return Page();
        }
        if (outcome != LoginOutcome.Success)
        {
            // One answer for an unknown name, a wrong password and a locked account: none tells whether the name exists.
            Error = text["Login.Invalid"];
            return Page();
        }
        var session = await accounts.StartSessionAsync(account!.Id, time.GetUtcNow(), ct);
        await SignInCookie.IssueAsync(HttpContext, account!, session);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
