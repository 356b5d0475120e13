using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TalentBridge.Web.Pages;

/// <summary>
/// The page shown for an error status of a page request (the API answers ProblemDetails instead): the status
/// code stays the original one, the text is in the reader's language.
/// </summary>
/// <remarks>An error is re-executed with the method of the failed request: a failed form post arrives here as a POST, without
/// a form token of its own.</remarks>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Key { get; private set; } = "Error.Other";

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    private void Show(int code) => Key = code switch
    {
        404 => "Error.NotFound",
        403 => "Error.Forbidden",
        429 => "Error.TooMany",
        >= 500 => "Error.Server",
        _ => "Error.Other",
    };
}
