using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Pages.Account;

/// <summary>/account/tokens: the signed-in user's API tokens — list, issue one (shown once), revoke.</summary>
[Authorize]
public sealed class TokensModel(AccountStore accounts, TimeProvider time) : PageModel
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public ValidationErrors Errors { get; private set; } = new();
    public string? NewToken { get; private set; }
    public DateTimeOffset Now { get; } = time.GetUtcNow();

    private long AccountId => Caller.From(User).AccountId!.Value;

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await accounts.ListTokensAsync(AccountId, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        Errors = new ValidationErrors().Required(Name, "name", 100);
        if (Errors.IsValid)
        {
            NewToken = await accounts.CreateTokenAsync(AccountId, Name!.Trim(), Now, Now + Lifetime, ct);
            Name = null;
        }
        Tokens = await accounts.ListTokensAsync(AccountId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        await accounts.RevokeTokenAsync(AccountId, id, Now, ct);
        return RedirectToPage();
    }
}
