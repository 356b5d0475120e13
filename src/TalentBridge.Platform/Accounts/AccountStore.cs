using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Accounts;

public enum Role
{
    Talent = 1,
    EnterpriseAdmin = 2,
    EnterpriseRecruiter = 3,
    Operator = 4,
    PlatformAdmin = 5,
}

public sealed record Account(
    long Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    Role Role,
    long? EnterpriseId,
    string? RegionCode,
    long? TalentId,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    string? ContactMasked = null,
    string? Language = null,
    string? ConsentVersion = null,
    DateTimeOffset? ConsentAt = null);

/// <summary>Accounts, login failures and lockout, API tokens, and the audit log of personal-data access.</summary>
/// <summary>An API token as its owner sees it: in force until it expires or is revoked.</summary>
public sealed record ApiToken(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool InForce(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } e || e > now);
}

public sealed class AccountStore(Database db)
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private const string Columns =
        "id, user_name, display_name, password_hash, role, enterprise_id, region_code, talent_id, failed_logins, locked_until, " +
        "contact_masked, language, consent_version, consent_at";

    private static readonly int ColumnCount = Columns.Split(',').Length;

    /// <summary>The columns of <see cref="Read"/> with a table alias, for a join.</summary>
    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

    public async Task<Account?> FindByUserNameAsync(string userName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE user_name = @userName", new { userName }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The account registered with a contact (its keyed hash, see <see cref="PublicAccounts"/>).</summary>
    public async Task<Account?> FindByContactHashAsync(string hash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE contact_hash = @hash", new { hash }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<Account?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE id = @id", new { id }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<long> CreateAsync(string userName, string displayName, string passwordHash, Role role, long? enterpriseId,
        string? regionCode, long? talentId, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteScalarAsync<long>(
            "INSERT INTO accounts (user_name, display_name, password_hash, role, enterprise_id, region_code, talent_id, failed_logins, created_at) " +
            "VALUES (@userName, @displayName, @passwordHash, @role, @enterpriseId, @regionCode, @talentId, 0, @now) RETURNING id",
            new
            {
                userName,
                displayName,
                passwordHash,
                role = (int)role,
                enterpriseId,
                regionCode = regionCode is null ? null : RegionCatalogue.Pad(regionCode),
                talentId,
                now = Database.Utc(now),
            }, tx), ct);

    /// <summary>
    /// Counts a failed login atomically (parallel guesses all count); the fifth in a row locks the
    /// account for <see cref="LockoutDuration"/>. Returns whether the account is now locked.
    /// </summary>
    /// <summary>
    /// Takes one of the account's <see cref="MaxFailedLogins"/> attempts before the password is checked, in one
    /// statement: of any number of concurrent guesses at most that many are checked at all. False when none is left
    /// (the account is locked, or the other guesses took the rest).
    /// </summary>
    public async Task<bool> TryReserveAttemptAsync(Account account, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = @id AND failed_logins < @max AND (locked_until IS NULL OR locked_until <= @now)",
            new { id = account.Id, max = MaxFailedLogins, now = Database.Utc(now) }, tx) == 1, ct);

    /// <summary>After a wrong password: locks the account once its attempts are used up; true if it is locked now.</summary>
    public async Task<bool> RecordFailureAsync(Account account, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE accounts SET failed_logins = 0, locked_until = @until WHERE id = @id AND failed_logins >= @max",
            new { id = account.Id, until = Database.Utc(now + LockoutDuration), max = MaxFailedLogins }, tx) > 0, ct);

    public async Task RecordSuccessAsync(Account account, string? rehashedPassword, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE accounts SET failed_logins = 0, locked_until = NULL, password_hash = @hash WHERE id = @id",
            new { hash = rehashedPassword ?? account.PasswordHash, id = account.Id }, tx), ct);

    /// <summary>Starts a sign-in session and returns its id (random, 128 bits), which the cookie carries.</summary>
    public async Task<string> StartSessionAsync(long accountId, DateTimeOffset now, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "INSERT INTO sessions (id, account_id, created_at) VALUES (@id, @accountId, @now)", new { id, accountId, now = Database.Utc(now) }, tx), ct);
        return id;
    }

    /// <summary>The account of a sign-in cookie, if its session is the account's and has not ended (one query per request).</summary>
    public async Task<Account?> FindForSessionAsync(long accountId, string sessionId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE id = @accountId " +
            "AND EXISTS (SELECT 1 FROM sessions WHERE id = @sessionId AND account_id = @accountId AND ended_at IS NULL)",
            new { accountId, sessionId }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task EndSessionAsync(string sessionId, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE sessions SET ended_at = @now WHERE id = @sessionId AND ended_at IS NULL", new { sessionId, now = Database.Utc(now) }, tx), ct);

    /// <summary>Issues an API token; only its SHA-256 is stored, the caller shows the raw token once.</summary>
    public async Task<string> CreateTokenAsync(long accountId, string name, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var token = "tb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO api_tokens (account_id, name, token_hash, created_at, expires_at) VALUES (@accountId, @name, @hash, @now, @expiresAt) RETURNING id",
                new { accountId, name, hash = HashToken(token), now = Database.Utc(now), expiresAt = expiresAt is { } e ? Database.Utc(e) : (DateTimeOffset?)null }, tx);
            await Audit.AuditTrail.WriteAsync(c, tx, new Audit.AuditEntry(now, accountId, Audit.AuditAction.Create, "api_token", id, null, name));
            return id;
        }, ct);
        return token;
    }

    /// <summary>The account of an API token still in force; one query on one connection (it runs on every API request with a token).</summary>
    public async Task<Account?> FindByTokenAsync(string token, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Prefixed("a")}, t.expires_at, t.revoked_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = @hash",
            new { hash = HashToken(token) }, cancellationToken: ct));
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var expiresAt = reader.NullableTimestamp(ColumnCount);
        var revoked = !reader.IsDBNull(ColumnCount + 1);
        return revoked || (expiresAt is { } e && e <= now) ? null : Read(reader);
    }

    /// <summary>An account's API tokens, newest first (never the token itself: only its hash is stored).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, name, created_at, expires_at, revoked_at FROM api_tokens WHERE account_id = @accountId ORDER BY id DESC",
            new { accountId }, cancellationToken: ct));
        var tokens = new List<ApiToken>();
        while (await reader.ReadAsync(ct))
        {
            tokens.Add(new ApiToken(reader.Long(0), reader.GetString(1), reader.Timestamp(2), reader.NullableTimestamp(3), reader.NullableTimestamp(4)));
        }
        return tokens;
    }

    /// <summary>Revokes one of the account's own tokens (audited); false if the account has no such token still in force.</summary>
    public async Task<bool> RevokeTokenAsync(long accountId, long tokenId, DateTimeOffset now, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            var revoked = await c.ExecuteAsync(
                "UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND account_id = @accountId AND revoked_at IS NULL",
                new { tokenId, accountId, now = Database.Utc(now) }, tx) == 1;
            if (revoked)
            {
                await Audit.AuditTrail.WriteAsync(c, tx, new Audit.AuditEntry(now, accountId, Audit.AuditAction.Delete, "api_token", tokenId, null, "revoked"));
            }
            return revoked;
        }, ct);

    internal static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static Account Read(DbDataReader r) => new(
        r.Long(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.Enum<Role>(4),
        r.NullableLong(5),
        r.IsDBNull(6) ? null : RegionCatalogue.Significant(r.GetString(6)),
        r.NullableLong(7),
        r.Int(8),
        r.NullableTimestamp(9),
        r.NullableString(10),
        r.NullableString(11),
        r.NullableString(12),
        r.NullableTimestamp(13));
}
