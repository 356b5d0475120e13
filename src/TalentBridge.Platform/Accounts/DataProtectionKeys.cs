using Dapper;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Accounts;

/// <summary>
/// The stored key ring of the web host's data protection (cookies, anti-forgery tokens), in the database so
/// that every node shares it. The framework's repository interface is synchronous; it is called only when
/// the key ring is loaded or a key is created, so these calls block on the database briefly.
/// </summary>
public sealed class DataProtectionKeys(Database db, TimeProvider time)
{
    public IReadOnlyList<string> All() => Run(async c =>
        (IReadOnlyList<string>)(await c.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY id")).ToList());

    /// <summary>Stores a new key; a key of that name stored already (by another node) is kept as it is.</summary>
    public void Add(string friendlyName, string xml) => Run(async c =>
        await c.ExecuteAsync(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now) ON CONFLICT (friendly_name) DO NOTHING",
            new { friendlyName, xml, now = Database.Utc(time.GetUtcNow()) }));

    private T Run<T>(Func<System.Data.Common.DbConnection, Task<T>> work) =>
        Task.Run(async () =>
        {
            await using var connection = await db.OpenAsync(CancellationToken.None);
            return await work(connection);
        }).GetAwaiter().GetResult();
}
