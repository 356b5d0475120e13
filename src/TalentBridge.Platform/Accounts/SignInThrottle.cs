using Dapper;
using TalentBridge.Domain;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Accounts;

/// <summary>
/// Failed sign-ins per client address, counted in the database so that every node sees the same guesses
/// (the per-account lockout is <see cref="AccountStore.TryReserveAttemptAsync"/>). Each sign-in post takes
/// one attempt before the password is checked, so a concurrent burst gets no more than the limit; a
/// successful sign-in gives its attempt back, so only failures count. Page views never count.
/// </summary>
public sealed class SignInThrottle(Database db, ContactProtector keys, int failuresPerWindow, TimeSpan window)
{
    public int FailuresPerWindow => failuresPerWindow;

    /// <summary>Takes one attempt for <paramref name="address"/>; null if taken, else how long until the window ends.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string address, DateTimeOffset now, CancellationToken ct)
    {
        var key = Key(address);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var floor = Database.Utc(now - window);
            await c.ExecuteAsync("DELETE FROM sign_in_failures WHERE window_start <= @floor", new { floor }, tx);
            // A new window starts when the old one has passed; within a window the count rises to the limit and no further.
            var taken = await c.ExecuteAsync(
                "INSERT INTO sign_in_failures (address_key, window_start, failures) VALUES (@key, @now, 1) " +
                "ON CONFLICT (address_key) DO UPDATE SET failures = sign_in_failures.failures + 1 " +
                "WHERE sign_in_failures.failures < @limit",
                new { key, now = Database.Utc(now), limit = failuresPerWindow }, tx);
            if (taken == 1)
            {
                return (TimeSpan?)null;
            }
            await using var reader = await c.ExecuteReaderAsync("SELECT window_start FROM sign_in_failures WHERE address_key = @key", new { key }, tx);
            await reader.ReadAsync(ct);
            var start = reader.Timestamp(0);
            var left = start + window - now;
            return left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
        }, ct);
    }

    /// <summary>A successful sign-in: its attempt was no failure.</summary>
    public async Task GiveBackAsync(string address, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE sign_in_failures SET failures = failures - 1 WHERE address_key = @key AND failures > 0", new { key = Key(address) }, tx), ct);

    private string Key(string address) => keys.HashExact("sign-in:" + address);
}
