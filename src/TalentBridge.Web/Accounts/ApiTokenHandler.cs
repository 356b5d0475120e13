using TalentBridge.Platform.Accounts;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TalentBridge.Web.Accounts;

/// <summary>Authenticates integrations by <c>Authorization: Bearer tb_…</c> tokens issued to an account.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountStore accounts,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var account = await accounts.FindByTokenAsync(header["Bearer ".Length..].Trim(), time.GetUtcNow(), Context.RequestAborted);
        // The password lockout does not apply: a token is not a password guess, and honouring it would
        // let anyone who knows a user name switch that account's integrations off.
        if (account is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(account, SchemeName), SchemeName));
    }
}
