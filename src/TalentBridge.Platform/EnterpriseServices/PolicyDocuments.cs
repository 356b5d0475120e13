using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.EnterpriseServices;

/// <summary>One stored version of a policy: its JSON document, the region whose operators manage it (null: administrators), the note.</summary>
public sealed record StoredPolicy(long Id, string Key, int Version, string? OwnerRegion, Policy Policy, string Definition, string Note, DateTimeOffset CreatedAt,
    long? CreatedBy) : IVersioned;

/// <summary>
/// The policies operators manage (issue 14, item 3), as versioned JSON documents (ADR 0015's pattern): a new version is
/// published as a whole document with a note, checked with errors that name the JSON path; the newest version of each
/// key is in force. The shipped catalogue (<c>policies.json</c>) is stored as version 1 on first start and managed by
/// administrators; an operator creates policies for their own region and edits those of their region's subtree.
/// </summary>
public sealed class PolicyDocuments(Database db, TimeProvider time)
{
    public const int MaxNote = 500;
    public const int MaxDefinition = 200_000;

    /// <summary>Stores the shipped catalogue when no policy is stored yet (on start-up; a second node's attempt finds it there).</summary>
    public async Task<int> SeedShippedAsync(CancellationToken ct)
    {
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM es_policies") > 0)
            {
                return 0;
            }
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                foreach (var policy in PolicyCatalogue.Embedded.Policies)
                {
                    await InsertAsync(c, tx, policy, 1, null, "shipped-catalogue", null, now);
                }
                return PolicyCatalogue.Embedded.Policies.Count;
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return 0;
        }
    }

    /// <summary>The newest version of every policy.</summary>
    public async Task<IReadOnlyList<StoredPolicy>> CurrentAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null,
            "p.version = (SELECT max(q.version) FROM es_policies q WHERE q.policy_key = p.policy_key) ORDER BY p.policy_key", new { });
    }

    /// <summary>The policies in force as a catalogue for matching.</summary>
    public async Task<PolicyCatalogue> CatalogueAsync(CancellationToken ct) =>
        new() { Policies = [.. (await CurrentAsync(ct)).Select(p => p.Policy)] };

    public async Task<IReadOnlyList<StoredPolicy>> VersionsAsync(string key, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null, "p.policy_key = @key ORDER BY p.version DESC", new { key });
    }

    /// <summary>Who manages a policy: administrators all; operators those owned by a region of their subtree.</summary>
    public static bool CanManage(Caller caller, string? ownerRegion)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || (caller.IsOperator && ownerRegion is not null && caller.InScope(ownerRegion));
    }

    /// <summary>
    /// Publishes a new version of a policy from its JSON document (a new key creates the policy, owned by the operator's
    /// region). <paramref name="key"/>, when given, is the policy being edited: the document must keep it.
    /// </summary>
    public async Task<WriteResult<StoredPolicy>> PublishAsync(Caller caller, string? key, string? definition, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<StoredPolicy>();
        }
        var errors = new ValidationErrors().Required(definition, "definition", MaxDefinition).Required(note, "note", MaxNote);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<StoredPolicy>(errors);
        }
        var (policy, parseErrors) = Policy.Parse(definition!);
        if (policy is null)
        {
            return WriteResult.Invalid<StoredPolicy>(parseErrors);
        }
        if (key is not null && !string.Equals(policy.Key, key, StringComparison.Ordinal))
        {
            return WriteResult.Invalid<StoredPolicy>(new ValidationErrors().Add("key", $"must stay '{key}'"));
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var current = await QueryAsync(c, tx, "p.policy_key = @key ORDER BY p.version DESC LIMIT 1", new { key = policy.Key });
            if (key is not null && current.Count == 0)
            {
                return WriteResult.NotFound<StoredPolicy>();
            }
            var owner = current is [var latest] ? latest.OwnerRegion : caller.IsOperator ? caller.RegionCode : null;
            if (current.Count > 0 && !CanManage(caller, owner))
            {
                return key is null
                    ? WriteResult.Invalid<StoredPolicy>(new ValidationErrors().Add("key", $"'{policy.Key}' is a policy you do not manage"))
                    : WriteResult.Forbidden<StoredPolicy>();
            }
            var unknown = new ValidationErrors();
            for (var i = 0; i < policy.NotCombinedWith.Count; i++)
            {
                unknown.When(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM es_policies WHERE policy_key = @other",
                    new { other = policy.NotCombinedWith[i] }, tx) == 0, $"notCombinedWith[{i}]", "names no policy of the catalogue");
            }
            if (!unknown.IsValid)
            {
                return WriteResult.Invalid<StoredPolicy>(unknown);
            }
            var version = current is [var last] ? last.Version + 1 : 1;
            var id = await InsertAsync(c, tx, policy, version, owner, note!.Trim(), caller.AccountId, now);
            return WriteResult.Ok((await QueryAsync(c, tx, "p.id = @id", new { id }))[0]);
        }, ct);
    }

    private static async Task<long> InsertAsync(DbConnection c, DbTransaction tx, Policy policy, int version, string? owner, string note, long? accountId,
        DateTimeOffset now)
    {
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO es_policies (policy_key, version, owner_region, definition, note, created_at, created_by) " +
            "VALUES (@key, @version, @owner, @definition, @note, @now, @accountId) RETURNING id",
            new { key = policy.Key, version, owner = Row.StoredRegion(owner), definition = policy.ToJson(), note, now = Database.Utc(now), accountId }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "policy", id, owner, note,
            JsonSerializer.Serialize(new { key = policy.Key, version })));
        return id;
    }

    private static async Task<IReadOnlyList<StoredPolicy>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<StoredPolicy>();
        await using var r = await c.ExecuteReaderAsync(
            $"SELECT p.id, p.policy_key, p.version, p.owner_region, p.definition, p.note, p.created_at, p.created_by FROM es_policies p WHERE {where}", args, tx);
        while (await r.ReadAsync())
        {
            var definition = r.GetString(4);
            var policy = Policy.Parse(definition).Policy ?? throw new InvalidOperationException($"Stored policy {r.Long(0)} no longer parses.");
            rows.Add(new StoredPolicy(r.Long(0), r.GetString(1), r.Int(2), r.NullableRegion(3), policy, definition, r.GetString(5), r.Timestamp(6), r.NullableLong(7)));
        }
        return rows;
    }
}
