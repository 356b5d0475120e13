using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Accounts;

/// <summary>What a person fills in to register: phone or e-mail, a display name, a password and the notice accepted.</summary>
public sealed record RegistrationRequest(string? Identifier, string? DisplayName, string? Password, string? AcceptedNoticeVersion, string? Language);

/// <summary>The outcome of a self-service step that the client address's limit may hold back.</summary>
public sealed record SelfServiceResult(WriteResult<Account> Result, TimeSpan? RetryAfter = null);

/// <summary>
/// The public's accounts (issue 6, item 1): a talent registers with a phone number or e-mail address, a password and
/// consent to the current privacy notice (version and time kept, audited), and resets a forgotten password with a
/// six-digit code sent through the <see cref="INotificationSender"/>. The contact is stored as a keyed hash (look-up),
/// a mask (display) and a sealed copy (the sender), never in the clear. Registrations and reset requests per client
/// address share the sign-in limit's table under their own keys; a code allows <see cref="MaxCodeAttempts"/> guesses.
/// </summary>
public sealed class PublicAccounts(Database db, AccountStore accounts, ContactProtector protector, SignInThrottle throttle,
    IPasswordHasher<Account> hasher, TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);
    public const int MaxCodeAttempts = 5;
    /// <summary>Codes one account may be sent per hour (a flood of SMS costs the region money and annoys the person).</summary>
    public const int MaxCodesPerHour = 3;

    public async Task<SelfServiceResult> RegisterAsync(RegistrationRequest request, string address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Registration.Validate(request.Identifier, request.DisplayName, request.Password, request.AcceptedNoticeVersion);
        if (!errors.IsValid)
        {
            return new SelfServiceResult(WriteResult.Invalid<Account>(errors));
        }
        var now = time.GetUtcNow();
        if (await throttle.TryTakeAsync("register:" + address, now, ct) is { } wait)
        {
            return new SelfServiceResult(WriteResult.Forbidden<Account>(), wait);
        }
        var contact = ContactIdentifier.Parse(request.Identifier)!;
        var hash = protector.HashExact(contact.HashInput);
        try
        {
            var id = await db.InTransactionAsync(async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO accounts (user_name, display_name, password_hash, role, failed_logins, created_at, contact_kind, contact_hash, contact_masked, " +
                    "contact_sealed, consent_version, consent_at, language) VALUES (@userName, @displayName, @passwordHash, @role, 0, @now, @kind, @hash, " +
                    "@masked, @sealed, @version, @now, @language) RETURNING id",
                    new
                    {
                        userName = "~" + hash[..32],
                        displayName = request.DisplayName!.Trim(),
                        passwordHash = hasher.HashPassword(null!, request.Password!),
                        role = (int)Role.Talent,
                        now = Database.Utc(now),
                        kind = (int)contact.Kind,
                        hash,
                        masked = contact.Masked,
                        @sealed = protector.Seal(contact.Value),
                        version = request.AcceptedNoticeVersion,
                        language = request.Language == "en" ? "en" : "zh-CN",
                    }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, id, AuditAction.Create, "account", id, null, "register",
                    Row.ToJson(new Dictionary<string, object?> { ["contact"] = contact.Masked, ["consentVersion"] = request.AcceptedNoticeVersion })),
                    "account.register");
                return id;
            }, ct);
            return new SelfServiceResult(WriteResult.Ok((await accounts.FindAsync(id, ct))!));
        }
        catch (System.Data.Common.DbException e) when (Database.IsUniqueViolation(e))
        {
            // Saying so tells a stranger that the number is registered; the alternative (silence) leaves the person
            // unable to tell a typo from an existing account. We say it, as most sites do, and point to the reset.
            return new SelfServiceResult(WriteResult.Invalid<Account>(new ValidationErrors().Add("identifier",
                "is registered already; sign in or reset the password")));
        }
    }

    /// <summary>The account of a phone number or e-mail address, if one registered with it.</summary>
    public async Task<Account?> FindByContactAsync(string? identifier, CancellationToken ct) =>
        ContactIdentifier.Parse(identifier) is { } contact ? await accounts.FindByContactHashAsync(protector.HashExact(contact.HashInput), ct) : null;

    /// <summary>
    /// Sends a reset code to the account of the identifier. The answer is the same whether or not the account exists
    /// (only the address limit shows): the page must not tell who is registered.
    /// </summary>
    public async Task<TimeSpan?> RequestResetAsync(string? identifier, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await throttle.TryTakeAsync("reset:" + address, now, ct) is { } wait)
        {
            return wait;
        }
        if (await FindByContactAsync(identifier, ct) is not { } account)
        {
            return null;
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await db.InTransactionAsync(async (c, tx) =>
        {
            var recent = await c.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM password_resets WHERE account_id = @id AND created_at > @since", new { id = account.Id, since = Database.Utc(now.AddHours(-1)) }, tx);
            if (recent >= MaxCodesPerHour)
            {
                return 0;
            }
            await c.ExecuteAsync(
                "INSERT INTO password_resets (account_id, code_hash, created_at, expires_at, attempts) VALUES (@id, @hash, @now, @expires, 0)",
                new { id = account.Id, hash = CodeHash(account.Id, code), now = Database.Utc(now), expires = Database.Utc(now + CodeLifetime) }, tx);
            await JobTable.EnqueueAsync(c, tx, Outbox.SendJobKind, new OutgoingPayload(null, account.Id, protector.Seal(code)), now, now, maxAttempts: 3);
            return 1;
        }, ct);
        return null;
    }

    /// <summary>
    /// Sets a new password with the newest unused code of the account. A wrong code uses one of its guesses; on success
    /// the code is spent, the lockout cleared and every session of the account ended (a thief's cookie stops working).
    /// </summary>
    public async Task<WriteResult<Account>> ResetAsync(string? identifier, string? code, string? newPassword, CancellationToken ct)
    {
        var errors = Registration.CheckPassword(newPassword, new ValidationErrors());
        var account = await FindByContactAsync(identifier, ct);
        var now = time.GetUtcNow();
        var invalid = new ValidationErrors().Add("code", "is wrong or has expired; ask for a new code");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Account>(errors);
        }
        if (account is null || string.IsNullOrWhiteSpace(code))
        {
            return WriteResult.Invalid<Account>(invalid);
        }
        var done = await db.InTransactionAsync(async (c, tx) =>
        {
            var reset = await c.QuerySingleOrDefaultAsync<(long Id, string Hash, int Attempts)>(
                "SELECT id, code_hash, attempts FROM password_resets WHERE account_id = @id AND used_at IS NULL AND expires_at > @now ORDER BY id DESC LIMIT 1",
                new { id = account.Id, now = Database.Utc(now) }, tx);
            if (reset.Id == 0 || reset.Attempts >= MaxCodeAttempts)
            {
                return false;
            }
            if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(reset.Hash), Convert.FromHexString(CodeHash(account.Id, code.Trim()))))
            {
                await c.ExecuteAsync("UPDATE password_resets SET attempts = attempts + 1 WHERE id = @Id", new { reset.Id }, tx);
                return false;
            }
            await c.ExecuteAsync("UPDATE password_resets SET used_at = @now WHERE account_id = @id AND used_at IS NULL",
                new { id = account.Id, now = Database.Utc(now) }, tx);
            await c.ExecuteAsync("UPDATE accounts SET password_hash = @hash, failed_logins = 0, locked_until = NULL WHERE id = @id",
                new { hash = hasher.HashPassword(account, newPassword!), id = account.Id }, tx);
            await c.ExecuteAsync("UPDATE sessions SET ended_at = @now WHERE account_id = @id AND ended_at IS NULL", new { id = account.Id, now = Database.Utc(now) }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, account.Id, AuditAction.Update, "account", account.Id, null, "password reset"),
                "account.passwordReset");
            return true;
        }, ct);
        return done ? WriteResult.Ok(account) : WriteResult.Invalid<Account>(invalid);
    }

    private string CodeHash(long accountId, string code) => protector.HashExact($"reset:{accountId}:{code}");
}
