using Microsoft.AspNetCore.Identity;

namespace TalentBridge.Platform.Accounts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
}

/// <summary>Password check with lockout after <see cref="AccountStore.MaxFailedLogins"/> failures in a row.</summary>
public sealed class Login(AccountStore accounts, IPasswordHasher<Account> hasher, TimeProvider time)
{
    public async Task<(LoginOutcome Outcome, Account? Account)> VerifyAsync(string userName, string password, CancellationToken ct)
    {
        var account = await accounts.FindByUserNameAsync(userName.Trim(), ct);
        if (account is null)
        {
            // Hash anyway so that the response time does not reveal which user names exist.
            hasher.HashPassword(null!, password);
            return (LoginOutcome.InvalidCredentials, null);
        }
        var now = time.GetUtcNow();
        if (account.LockedUntil > now || !await accounts.TryReserveAttemptAsync(account, now, ct))
        {
            // Hash anyway: a locked account answers as slowly as an open one.
            hasher.HashPassword(account, password);
            return (LoginOutcome.LockedOut, null);
        }
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var locked = await accounts.RecordFailureAsync(account, now, ct);
            return (locked ? LoginOutcome.LockedOut : LoginOutcome.InvalidCredentials, null);
        }
        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await accounts.RecordSuccessAsync(account, rehash, ct);
        return (LoginOutcome.Success, account);
    }
}
