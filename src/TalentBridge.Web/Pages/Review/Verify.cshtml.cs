using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.TitleReview;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Pages.Review;

/// <summary>
/// /verify and /verify/{code}: the public check of a 职称 e-certificate, without sign-in — the holder's name masked, the
/// series, title, level, date issued and status (valid or revoked), or "unknown code". Failed checks count per client
/// address like the API's (429 with Retry-After past the limit, the wait said in the page's language).
/// </summary>
public sealed class VerifyModel(TitleReviews reviews, Ui text) : PageModel
{
    [FromRoute(Name = "code")] public string? Code { get; set; }

    public CertificateCheck? Certificate { get; private set; }
    /// <summary>A code was checked and names no certificate.</summary>
    public bool Unknown { get; private set; }
    public string? Throttled { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "code")] string? typed, CancellationToken ct)
    {
        if (Code is null && !string.IsNullOrWhiteSpace(typed))
        {
            return Redirect("/verify/" + Uri.EscapeDataString(typed.Trim()));
        }
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }
        var (certificate, wait) = await reviews.VerifyAsync(Code, ClientAddress.Of(HttpContext), ct);
        if (wait is { } retryAfter)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ClientAddress.Seconds(retryAfter);
            Throttled = text.Format("Review.VerifyThrottled", (int)Math.Ceiling(retryAfter.TotalMinutes));
            return Page();
        }
        Certificate = certificate;
        Unknown = certificate is null;
        return Page();
    }
}
