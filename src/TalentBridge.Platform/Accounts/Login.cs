using Microsoft.AspNetCore.Identity;

namespace TalentBridge.Platform.Accounts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
    /// <summary>Too many failed sign-ins from the client's address: try again after <see cref="LoginResult.RetryAfter"/>.</summary>
    Throttled,
}

public sealed record LoginResult(LoginOutcome Outcome, Account? Account = null, TimeSpan RetryAfter = default);

/// <summary>
/// Password check with lockout after <see cref="AccountStore.MaxFailedLogins"/> failures in a row, and a limit of
/// failed sign-ins per client address (<see cref="SignInThrottle"/>), both kept in the database.
/// </summary>
public sealed class Login(AccountStore accounts, SignInThrottle throttle, IPasswordHasher<Account> hasher, PublicAccounts publicAccounts,
    TimeProvider time)
{
    public async Task<LoginResult> VerifyAsync(string userName, string password, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await throttle.TryTakeAsync(address, now, ct) is { } wait)
        {
            return new LoginResult(LoginOutcome.Throttled, RetryAfter: wait);
        }
        var result = await CheckAsync(userName, password, now, ct);
        if (result.Outcome == LoginOutcome.Success)
        {
            await throttle.GiveBackAsync(address, ct);
        }
        return result;
    }

    private async Task<LoginResult> CheckAsync(string userName, string password, DateTimeOffset now, CancellationToken ct)
    {
        // A user name, or the phone number or e-mail address a talent registered with.
        var account = await accounts.FindByUserNameAsync(userName.Trim(), ct)
            ?? await publicAccounts.FindByContactAsync(userName, ct);
        if (account is null)
        {
            // Hash anyway so that the response time does not reveal which user names exist.
            hasher.HashPassword(null!, password);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }
        if (account.LockedUntil > now || !await accounts.TryReserveAttemptAsync(account, now, ct))
        {
            // Hash anyway: a locked account answers as slowly as an open one.
            hasher.HashPassword(account, password);
            return new LoginResult(LoginOutcome.LockedOut);
        }
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var locked = await accounts.RecordFailureAsync(account, now, ct);
            return new LoginResult(locked ? LoginOutcome.LockedOut : LoginOutcome.InvalidCredentials);
        }
        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await accounts.RecordSuccessAsync(account, rehash, ct);
        return new LoginResult(LoginOutcome.Success, account);
    }
}
