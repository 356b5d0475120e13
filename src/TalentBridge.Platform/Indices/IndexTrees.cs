using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Indices;

/// <summary>One stored version of an indicator tree.</summary>
public sealed record StoredIndexTree(long Id, string Key, int Version, string? OwnerRegion, IndexTree Tree, string Note, DateTimeOffset CreatedAt, long? CreatedBy);

/// <summary>
/// Indicator trees as versioned JSON documents (ADR 0015's pattern, ADR 0018): a new version is published as a whole
/// document with a note, checked with errors naming the JSON path; the newest version of a key is current, and a run
/// keeps the version it was computed with. The shipped trees (<c>data/reference/indices</c>) are stored as version 1 on
/// first start and managed by administrators; an operator creates trees for their region and edits those of its subtree.
/// Operators and administrators see the shipped trees and those of their scope.
/// </summary>
public sealed class IndexTrees(Database db, TimeProvider time)
{
    public const int MaxNote = 500;
    public const int MaxDefinition = 200_000;

    /// <summary>Who may read and run a tree: administrators all; operators the shipped trees and those of their scope.</summary>
    public static bool CanSee(Caller caller, string? ownerRegion) =>
        caller.IsAdmin || (caller.IsOperator && (ownerRegion is null || caller.InScope(ownerRegion)));

    public static bool CanManage(Caller caller, string? ownerRegion) =>
        caller.IsAdmin || (caller.IsOperator && ownerRegion is not null && caller.InScope(ownerRegion));

    /// <summary>Stores the shipped trees that are not stored yet (on start-up; another node's concurrent attempt finds them there).</summary>
    public async Task<int> SeedShippedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var key in IndexTree.EmbeddedKeys)
        {
            try
            {
                added += await db.InTransactionAsync(async (c, tx) =>
                {
                    if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM index_trees WHERE tree_key = @key", new { key }, tx) > 0)
                    {
                        return 0;
                    }
                    await InsertAsync(c, tx, IndexTree.Embedded(key), 1, null, "shipped", null, now);
                    return 1;
                }, ct);
            }
            catch (DbException e) when (Database.IsUniqueViolation(e))
            {
                // Stored by another node meanwhile.
            }
        }
        return added;
    }

    /// <summary>The newest version of every tree the caller may see.</summary>
    public async Task<IReadOnlyList<StoredIndexTree>> CurrentAsync(Caller caller, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var all = await QueryAsync(c, null,
            "t.version = (SELECT max(q.version) FROM index_trees q WHERE q.tree_key = t.tree_key) ORDER BY t.tree_key", new { });
        return [.. all.Where(t => CanSee(caller, t.OwnerRegion))];
    }

    /// <summary>A version of a tree (the newest when <paramref name="version"/> is null), if the caller may see it.</summary>
    public async Task<StoredIndexTree?> FindAsync(Caller caller, string key, int? version, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await QueryAsync(c, null, version is null ? "t.tree_key = @key ORDER BY t.version DESC LIMIT 1" : "t.tree_key = @key AND t.version = @version",
            new { key, version });
        return rows is [var tree] && CanSee(caller, tree.OwnerRegion) ? tree : null;
    }

    public async Task<StoredIndexTree?> FindByIdAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null, "t.id = @id", new { id }) is [var tree] ? tree : null;
    }

    public async Task<IReadOnlyList<StoredIndexTree>> VersionsAsync(Caller caller, string key, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await QueryAsync(c, null, "t.tree_key = @key ORDER BY t.version DESC", new { key });
        return rows.Count > 0 && CanSee(caller, rows[0].OwnerRegion) ? rows : [];
    }

    /// <summary>
    /// Publishes a version of a tree from its JSON document (a new key creates it, owned by the operator's region);
    /// <paramref name="key"/>, when given, is the tree being edited and the document must keep it.
    /// </summary>
    public async Task<WriteResult<StoredIndexTree>> PublishAsync(Caller caller, string? key, string? definition, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<StoredIndexTree>();
        }
        var errors = new ValidationErrors().Required(definition, "definition", MaxDefinition).Required(note, "note", MaxNote);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<StoredIndexTree>(errors);
        }
        var (tree, parseErrors) = IndexTree.Parse(definition!);
        if (tree is null)
        {
            return WriteResult.Invalid<StoredIndexTree>(parseErrors);
        }
        if (key is not null && !string.Equals(tree.Key, key, StringComparison.Ordinal))
        {
            return WriteResult.Invalid<StoredIndexTree>(new ValidationErrors().Add("key", $"must stay '{key}'"));
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var current = await QueryAsync(c, tx, "t.tree_key = @key ORDER BY t.version DESC LIMIT 1", new { key = tree.Key });
            if (key is not null && current.Count == 0)
            {
                return WriteResult.NotFound<StoredIndexTree>();
            }
            var owner = current is [var latest] ? latest.OwnerRegion : caller.IsOperator ? caller.RegionCode : null;
            if (current.Count > 0 && !CanManage(caller, owner))
            {
                return key is null
                    ? WriteResult.Invalid<StoredIndexTree>(new ValidationErrors().Add("key", $"'{tree.Key}' is a tree you do not manage"))
                    : WriteResult.Forbidden<StoredIndexTree>();
            }
            var id = await InsertAsync(c, tx, tree, current is [var last] ? last.Version + 1 : 1, owner, note!.Trim(), caller.AccountId, now);
            return WriteResult.Ok((await QueryAsync(c, tx, "t.id = @id", new { id }))[0]);
        }, ct);
    }

    private static async Task<long> InsertAsync(DbConnection c, DbTransaction tx, IndexTree tree, int version, string? owner, string note, long? accountId,
        DateTimeOffset now)
    {
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO index_trees (tree_key, version, owner_region, definition, note, created_at, created_by) " +
            "VALUES (@key, @version, @owner, @definition, @note, @now, @accountId) RETURNING id",
            new { key = tree.Key, version, owner = Row.StoredRegion(owner), definition = tree.ToJson(), note, now = Database.Utc(now), accountId }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Create, "indexTree", id, owner, note,
            JsonSerializer.Serialize(new { key = tree.Key, version })));
        return id;
    }

    private static async Task<IReadOnlyList<StoredIndexTree>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<StoredIndexTree>();
        await using var r = await c.ExecuteReaderAsync(
            $"SELECT t.id, t.tree_key, t.version, t.owner_region, t.definition, t.note, t.created_at, t.created_by FROM index_trees t WHERE {where}", args, tx);
        while (await r.ReadAsync())
        {
            var tree = IndexTree.Parse(r.GetString(4)).Tree ?? throw new InvalidOperationException($"Stored index tree {r.Long(0)} no longer parses.");
            rows.Add(new StoredIndexTree(r.Long(0), r.GetString(1), r.Int(2), r.NullableRegion(3), tree, r.GetString(5), r.Timestamp(6), r.NullableLong(7)));
        }
        return rows;
    }
}
