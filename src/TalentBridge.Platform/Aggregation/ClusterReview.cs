using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>Which clusters the review list shows.</summary>
/// <param name="Region">Only this region's subtree (within the caller's scope).</param>
/// <param name="Below">Only clusters whose weakest member is less similar than this; 1 or more shows all.</param>
/// <param name="IncludeReviewed">Also clusters already marked reviewed.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Clusters per page.</param>
public sealed record ClusterReviewQuery(string? Region = null, double Below = ClusterReview.DefaultThreshold, bool IncludeReviewed = false,
    int Page = 1, int PageSize = 20);

/// <summary>One cluster: its header (the position as first seen), size and weakest member similarity.</summary>
public sealed record ReviewCluster(long Id, string Title, string EnterpriseName, string? RegionCode, int SourceCount, double? Weakest,
    DateTimeOffset? ReviewedAt, long? MergedInto);

/// <summary>One source posting of a cluster, with how it was matched.</summary>
public sealed record ClusterMember(long Id, string Source, string SourceId, string Title, string EnterpriseName, string? RegionCode,
    int? SalaryMin, int? SalaryMax, int MonthsPerYear, DateOnly? PostedOn, double Similarity, string MatchReason);

/// <summary>One manual change in a cluster's history; <see cref="CanUndo"/> under the rule of <see cref="ClusterReview"/>.</summary>
public sealed record ClusterChange(long Id, DateTimeOffset At, string Account, string Kind, long ClusterId, long? OtherClusterId, long? UndoesId,
    string Reason, DateTimeOffset? UndoneAt, IReadOnlyList<string> Postings)
{
    public bool CanUndo { get; init; }
}

public sealed record ClusterDetail(ReviewCluster Cluster, IReadOnlyList<ClusterMember> Members, IReadOnlyList<ClusterChange> History);

public enum ReviewStatus
{
    Done,
    Invalid,
    NotFound,
    /// <summary>An import was running and did not end in time; nothing was changed.</summary>
    Busy,
}

public sealed record ReviewResult(ReviewStatus Status, ValidationErrors Errors, long ClusterId = 0, long ChangeId = 0);

/// <summary>
/// Operator review of duplicate clusters (全量归集): lists the uncertain ones (two or more sources, not yet reviewed,
/// weakest member similarity below a threshold) in the caller's region scope, shows one with its sources and history,
/// and splits, merges, marks reviewed and undoes — each in one transaction, recorded in <c>cluster_changes</c> with
/// the account and the required reason, the touched clusters' headers as they were and the postings moved.
/// <para>
/// Undo rule: a split, merge or review that is not undone can be undone as long as no later split, merge or review
/// that is not undone touches any of its clusters; so the changes of a cluster are undone latest first, like a stack.
/// An undo is itself recorded (kind <c>undo</c>) but cannot be undone: do the change again instead. A split cannot be
/// undone once an import has added postings to the cluster it created.
/// </para>
/// <para>
/// Changes wait for a running import (<see cref="ImportRuns.WhenIdleAsync"/>), and the next import rebuilds its
/// clustering state from the stored cluster ids because <c>cluster_changes</c> has a new row: it never undoes a change.
/// </para>
/// </summary>
public sealed class ClusterReview(Database db, TimeProvider time)
{
    private readonly ImportRuns _runs = new(db, time);

    public const double DefaultThreshold = 0.9;
    public const int MaxReason = 500;

    /// <summary>How long a change waits for a running import before it gives up.</summary>
    public static TimeSpan ImportWait { get; set; } = TimeSpan.FromSeconds(5);

    private const string HeaderColumns =
        "id, title, occupation_code, enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, posted_on, first_seen, last_seen, " +
        "reviewed_at, reviewed_by, merged_into, source_count";

    // The weakest link among the cluster's pairs: each posting that joined it, with its similarity to the cluster; the
    // posting that opened it is no pair (similarity 0), so a one-posting cluster has none (null).
    private const string Weakest =
        "(SELECT min(s.similarity) FROM source_postings s WHERE s.cluster_id = c.id AND s.match_reason <> '" + PostingDeduplicator.NewClusterReason + "')";

    /// <summary>A cluster row as it was before a change; restored by an undo (the source count is recounted).</summary>
    private sealed record Header(long Id, string Title, string? OccupationCode, string EnterpriseName, string? Uscc, string? RegionCode,
        int? SalaryMin, int? SalaryMax, int MonthsPerYear, DateOnly? PostedOn, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
        DateTimeOffset? ReviewedAt, long? ReviewedBy, long? MergedInto, int SourceCount);

    private sealed record StoredChange(long Id, string Kind, long ClusterId, long? OtherClusterId, DateTimeOffset? UndoneAt, string? Before);

    public async Task<Page<ReviewCluster>> ListAsync(Caller caller, ClusterReviewQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Clamp(query.Page, 1, ListQuery.MaxPage);
        var size = Math.Clamp(query.PageSize, 1, ListQuery.MaxPageSize);
        var clauses = new List<string> { "c.source_count >= 2" };
        var p = new DynamicParameters();
        if (!query.IncludeReviewed)
        {
            clauses.Add("c.reviewed_at IS NULL");
        }
        foreach (var (region, name) in new[] { (caller.ScopeRegion, "scope"), (query.Region, "region") })
        {
            if (region is not null)
            {
                var (lo, hi) = RegionCatalogue.SubtreeRange(region);
                clauses.Add($"c.region_code >= @{name}Lo AND c.region_code <= @{name}Hi");
                p.Add(name + "Lo", lo);
                p.Add(name + "Hi", hi);
            }
        }
        if (query.Below < 1)
        {
            clauses.Add($"{Weakest} < @below");
            p.Add("below", query.Below);
        }
        var where = " WHERE " + string.Join(" AND ", clauses);
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM posting_clusters c{where}", p, cancellationToken: ct));
        p.Add("take", size);
        p.Add("skip", (long)(page - 1) * size);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT c.id, c.title, c.enterprise_name, c.region_code, c.source_count, {Weakest} AS weakest, c.reviewed_at, c.merged_into " +
            $"FROM posting_clusters c{where} ORDER BY weakest, c.id LIMIT @take OFFSET @skip", p, cancellationToken: ct));
        var items = new List<ReviewCluster>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(ReadCluster(reader));
        }
        return new Page<ReviewCluster>(items, (int)total, page, size);
    }

    /// <summary>The cluster with its sources and history, or null when it does not exist or lies outside the caller's scope.</summary>
    public async Task<ClusterDetail?> DetailAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        ReviewCluster? cluster = null;
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT c.id, c.title, c.enterprise_name, c.region_code, c.source_count, {Weakest}, c.reviewed_at, c.merged_into FROM posting_clusters c WHERE c.id = @id",
            new { id }, cancellationToken: ct)))
        {
            if (await reader.ReadAsync(ct))
            {
                cluster = ReadCluster(reader);
            }
        }
        if (cluster is null || !caller.InScope(cluster.RegionCode))
        {
            return null;
        }
        var members = new List<ClusterMember>();
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, source, source_id, title, enterprise_name, region_code, salary_min, salary_max, months_per_year, posted_on, similarity, match_reason " +
            "FROM source_postings WHERE cluster_id = @id ORDER BY id", new { id }, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                members.Add(new ClusterMember(reader.Long(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.NullableRegion(5), reader.NullableInt(6), reader.NullableInt(7), reader.Int(8), reader.IsDBNull(9) ? null : reader.Date(9),
                    Convert.ToDouble(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(11)));
            }
        }
        var history = new List<ClusterChange>();
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT ch.id, ch.at, coalesce(a.display_name, ''), ch.kind, ch.cluster_id, ch.other_cluster_id, ch.undoes_id, ch.reason, ch.undone_at " +
            "FROM cluster_changes ch LEFT JOIN accounts a ON a.id = ch.account_id WHERE ch.cluster_id = @id OR ch.other_cluster_id = @id ORDER BY ch.id DESC",
            new { id }, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                history.Add(new ClusterChange(reader.Long(0), reader.Timestamp(1), reader.GetString(2), reader.GetString(3), reader.Long(4),
                    reader.NullableLong(5), reader.NullableLong(6), reader.GetString(7), reader.NullableTimestamp(8), []));
            }
        }
        if (history.Count > 0)
        {
            var ids = history.Select(h => h.Id).ToArray();
            var moved = (await c.QueryAsync<(long ChangeId, string Source, string SourceId)>(new CommandDefinition(
                    "SELECT m.change_id, s.source, s.source_id FROM cluster_change_postings m JOIN source_postings s ON s.id = m.source_posting_id " +
                    "WHERE " + ListSql.InList(db, "m.change_id", "ids") + " ORDER BY m.source_posting_id",
                    new { ids }, cancellationToken: ct)))
                .ToLookup(m => m.ChangeId, m => $"{m.Source}/{m.SourceId}");
            // Only the latest active change of this cluster can be undoable: it blocks every earlier one.
            var candidate = history.FirstOrDefault(h => h.Kind != "undo" && h.UndoneAt is null);
            var undoable = candidate is not null && await BlockersAsync(c, null, candidate.Id, candidate.ClusterId, candidate.OtherClusterId, ct) == 0;
            history = history.Select(h => h with { Postings = moved[h.Id].ToList(), CanUndo = undoable && h.Id == candidate!.Id }).ToList();
        }
        return new ClusterDetail(cluster, members, history);
    }

    /// <summary>Moves the chosen source postings of a cluster out into a new cluster; both are marked reviewed.</summary>
    public Task<ReviewResult> SplitAsync(Caller caller, long clusterId, IReadOnlyCollection<long> postingIds, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(postingIds);
        var errors = ReasonErrors(reason, "splitReason").When(postingIds.Count == 0, "postings", "choose at least one source posting to move out");
        return ChangeAsync(caller, clusterId, errors, async (c, tx, now, account) =>
        {
            var members = (await c.QueryAsync<long>("SELECT id FROM source_postings WHERE cluster_id = @clusterId ORDER BY id", new { clusterId }, tx)).ToList();
            var move = postingIds.Distinct().ToList();
            if (move.Any(id => !members.Contains(id)))
            {
                return errors.Add("postings", "may only name source postings of this cluster");
            }
            if (move.Count >= members.Count)
            {
                return errors.Add("postings", "must leave at least one source posting in this cluster");
            }
            var before = await HeadersAsync(c, tx, [clusterId]);
            var newId = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) + 1 FROM posting_clusters", transaction: tx);
            move.Sort();
            var head = move[0];
            await c.ExecuteAsync(
                "INSERT INTO posting_clusters (id, title, occupation_code, enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, " +
                "posted_on, source_count, first_seen, last_seen, reviewed_at, reviewed_by) SELECT @newId, title, occupation_code, enterprise_name, uscc, " +
                "region_code, salary_min, salary_max, months_per_year, posted_on, 0, @now, @now, @now, @account FROM source_postings WHERE id = @head",
                new { newId, now, account, head }, tx);
            var changeId = await RecordAsync(c, tx, now, account, "split", clusterId, newId, null, reason!, before);
            await MoveAsync(c, tx, changeId, move, clusterId, newId);
            if (head == members[0])
            {
                // The posting the cluster's header came from moved out: the earliest one left describes it now.
                await c.ExecuteAsync(
                    "UPDATE posting_clusters SET title = s.title, occupation_code = s.occupation_code, enterprise_name = s.enterprise_name, uscc = s.uscc, " +
                    "region_code = s.region_code, salary_min = s.salary_min, salary_max = s.salary_max, months_per_year = s.months_per_year, posted_on = s.posted_on " +
                    "FROM (SELECT * FROM source_postings WHERE cluster_id = @clusterId ORDER BY id LIMIT 1) s WHERE posting_clusters.id = @clusterId",
                    new { clusterId }, tx);
            }
            // The new cluster was first seen when its earliest source was imported.
            await c.ExecuteAsync(
                "UPDATE posting_clusters SET first_seen = (SELECT min(imported_at) FROM source_postings WHERE cluster_id = @newId), " +
                "last_seen = (SELECT max(updated_at) FROM source_postings WHERE cluster_id = @newId) WHERE id = @newId", new { newId }, tx);
            await SetReviewedAsync(c, tx, now, account, clusterId);
            await RecountAsync(c, tx, [clusterId, newId]);
            return new ReviewResult(ReviewStatus.Done, errors, newId, changeId);
        }, ct);
    }

    /// <summary>Merges another cluster into this one: all its source postings move here; it is kept, empty, marked merged.</summary>
    public Task<ReviewResult> MergeAsync(Caller caller, long clusterId, long? otherId, string? reason, CancellationToken ct)
    {
        var errors = ReasonErrors(reason, "mergeReason").When(otherId is null, "other", "is required")
            .When(otherId == clusterId, "other", "must be another cluster");
        return ChangeAsync(caller, clusterId, errors, async (c, tx, now, account) =>
        {
            var other = otherId!.Value;
            var headers = await HeadersAsync(c, tx, [clusterId, other]);
            if (headers.SingleOrDefault(h => h.Id == other) is not { } merged || !caller.InScope(merged.RegionCode))
            {
                return errors.Add("other", "is not a cluster you may change");
            }
            if (merged.MergedInto is not null || merged.SourceCount == 0)
            {
                return errors.Add("other", $"was merged into cluster {merged.MergedInto} already");
            }
            // A published cluster stays: its position shows its sources. Merge the other way round.
            if (await c.ExecuteScalarAsync<long?>("SELECT position_id FROM posting_clusters WHERE id = @other", new { other }, tx) is { } position)
            {
                return errors.Add("other", $"is published as position {position}; merge it the other way round");
            }
            var move = (await c.QueryAsync<long>("SELECT id FROM source_postings WHERE cluster_id = @other ORDER BY id", new { other }, tx)).ToList();
            var changeId = await RecordAsync(c, tx, now, account, "merge", clusterId, other, null, reason!, headers);
            await MoveAsync(c, tx, changeId, move, other, clusterId);
            var target = headers.Single(h => h.Id == clusterId);
            await c.ExecuteAsync("UPDATE posting_clusters SET first_seen = @first, last_seen = @last WHERE id = @clusterId",
                new
                {
                    first = Database.Utc(merged.FirstSeen < target.FirstSeen ? merged.FirstSeen : target.FirstSeen),
                    last = Database.Utc(merged.LastSeen > target.LastSeen ? merged.LastSeen : target.LastSeen),
                    clusterId,
                }, tx);
            await c.ExecuteAsync("UPDATE posting_clusters SET merged_into = @clusterId WHERE id = @other", new { clusterId, other }, tx);
            await SetReviewedAsync(c, tx, now, account, clusterId);
            await RecountAsync(c, tx, [clusterId, other]);
            return new ReviewResult(ReviewStatus.Done, errors, clusterId, changeId);
        }, ct);
    }

    /// <summary>Marks the cluster reviewed: it leaves the list of uncertain clusters.</summary>
    public Task<ReviewResult> MarkReviewedAsync(Caller caller, long clusterId, string? reason, CancellationToken ct)
    {
        var errors = ReasonErrors(reason, "reviewReason");
        return ChangeAsync(caller, clusterId, errors, async (c, tx, now, account) =>
        {
            var before = await HeadersAsync(c, tx, [clusterId]);
            var changeId = await RecordAsync(c, tx, now, account, "review", clusterId, null, null, reason!, before);
            await SetReviewedAsync(c, tx, now, account, clusterId);
            return new ReviewResult(ReviewStatus.Done, errors, clusterId, changeId);
        }, ct);
    }

    /// <summary>Undoes one change of this cluster exactly, under the rule of <see cref="ClusterReview"/>.</summary>
    public Task<ReviewResult> UndoAsync(Caller caller, long clusterId, long changeId, string? reason, CancellationToken ct)
    {
        var errors = ReasonErrors(reason, "undoReason");
        return ChangeAsync(caller, clusterId, errors, async (c, tx, now, account) =>
        {
            var change = await c.QuerySingleOrDefaultAsync<(long Id, string Kind, long ClusterId, long? OtherClusterId, string? UndoneAt, string? Before)>(
                "SELECT id, kind, cluster_id, other_cluster_id, " + (db.Engine == DatabaseEngine.Postgres ? "undone_at::text" : "undone_at") +
                ", clusters_before FROM cluster_changes WHERE id = @changeId", new { changeId }, tx);
            if (change.Id == 0 || (change.ClusterId != clusterId && change.OtherClusterId != clusterId))
            {
                return errors.Add("undoReason", "names no change of this cluster");
            }
            if (change.Kind == "undo" || change.UndoneAt is not null)
            {
                return errors.Add("undoReason", "this change is undone already or is itself an undo");
            }
            if (await BlockersAsync(c, tx, change.Id, change.ClusterId, change.OtherClusterId, ct) > 0)
            {
                return errors.Add("undoReason", "a later change touches these clusters; undo that one first");
            }
            var before = JsonSerializer.Deserialize<List<Header>>(change.Before ?? "[]", Storage.Row.Json) ?? [];
            var moved = (await c.QueryAsync<(long PostingId, long From, long To)>(
                "SELECT source_posting_id, from_cluster_id, to_cluster_id FROM cluster_change_postings WHERE change_id = @changeId",
                new { changeId }, tx)).ToList();
            // Clusters the change created (touched but not recorded as they were): they must hold exactly the moved postings.
            var touched = new[] { change.ClusterId, change.OtherClusterId ?? change.ClusterId }.Distinct().ToList();
            var created = touched.Where(id => before.All(h => h.Id != id)).ToList();
            foreach (var id in created)
            {
                var holds = (await c.QueryAsync<long>("SELECT id FROM source_postings WHERE cluster_id = @id", new { id }, tx)).Order().ToList();
                if (!holds.SequenceEqual(moved.Where(m => m.To == id).Select(m => m.PostingId).Order()))
                {
                    return errors.Add("undoReason", $"cluster {id} has received other source postings since; split or merge it by hand instead");
                }
            }
            foreach (var group in moved.GroupBy(m => (m.From, m.To)))
            {
                foreach (var chunk in group.Select(m => m.PostingId).Chunk(500))
                {
                    await c.ExecuteAsync("UPDATE source_postings SET cluster_id = @from WHERE cluster_id = @to AND " +
                        ListSql.InList(db, "id", "ids"), new { from = group.Key.From, to = group.Key.To, ids = chunk }, tx);
                }
            }
            foreach (var h in before)
            {
                await c.ExecuteAsync(
                    "UPDATE posting_clusters SET title = @Title, occupation_code = @OccupationCode, enterprise_name = @EnterpriseName, uscc = @Uscc, " +
                    "region_code = @RegionCode, salary_min = @SalaryMin, salary_max = @SalaryMax, months_per_year = @MonthsPerYear, posted_on = @PostedOn, " +
                    "first_seen = @FirstSeen, last_seen = @LastSeen, reviewed_at = @ReviewedAt, reviewed_by = @ReviewedBy, merged_into = @MergedInto WHERE id = @Id",
                    new
                    {
                        h.Title, h.OccupationCode, h.EnterpriseName, h.Uscc, h.RegionCode, h.SalaryMin, h.SalaryMax, h.MonthsPerYear, h.PostedOn,
                        FirstSeen = Database.Utc(h.FirstSeen), LastSeen = Database.Utc(h.LastSeen),
                        ReviewedAt = h.ReviewedAt is { } r ? Database.Utc(r) : (DateTimeOffset?)null, h.ReviewedBy, h.MergedInto, h.Id,
                    }, tx);
            }
            var undoId = await RecordAsync(c, tx, now, account, "undo", change.ClusterId, change.OtherClusterId, change.Id, reason!, null);
            await c.ExecuteAsync("UPDATE cluster_changes SET undone_at = @now, undone_by = @account WHERE id = @changeId", new { now, account, changeId }, tx);
            foreach (var id in created)
            {
                await c.ExecuteAsync("DELETE FROM posting_clusters WHERE id = @id", new { id }, tx);
            }
            await RecountAsync(c, tx, before.Select(h => h.Id).ToList());
            return new ReviewResult(ReviewStatus.Done, errors, clusterId, undoId);
        }, ct);
    }

    /// <summary>
    /// The shared frame of every change: the input is valid, the caller may change the cluster and it exists in scope,
    /// no import runs; then the change runs in one transaction (its errors roll it back).
    /// </summary>
    private async Task<ReviewResult> ChangeAsync(Caller caller, long clusterId, ValidationErrors errors,
        Func<DbConnection, DbTransaction, DateTimeOffset, long, Task<object>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } account || !caller.CanImport)
        {
            return new ReviewResult(ReviewStatus.NotFound, errors);
        }
        if (!errors.IsValid)
        {
            return new ReviewResult(ReviewStatus.Invalid, errors);
        }
        var result = await _runs.WhenIdleAsync(async () =>
        {
            try
            {
                return await db.InTransactionAsync<ReviewResult>(async (c, tx) =>
                {
                    if (db.Engine == DatabaseEngine.Postgres)
                    {
                        // Changes of the clusters run one at a time (SQLite: the transaction holds the write lock already).
                        await c.ExecuteAsync("LOCK TABLE cluster_changes IN SHARE ROW EXCLUSIVE MODE", transaction: tx);
                    }
                    var region = await c.QuerySingleOrDefaultAsync<(long Id, string? Region)>(
                        "SELECT id, region_code FROM posting_clusters WHERE id = @clusterId", new { clusterId }, tx);
                    if (region.Id == 0 || !caller.InScope(region.Region))
                    {
                        return new ReviewResult(ReviewStatus.NotFound, errors);
                    }
                    var outcome = await change(c, tx, Database.Utc(time.GetUtcNow()), account);
                    return outcome as ReviewResult ?? throw new RolledBack();
                }, ct);
            }
            catch (RolledBack)
            {
                return new ReviewResult(ReviewStatus.Invalid, errors);
            }
        }, ImportWait, ct);
        return result ?? new ReviewResult(ReviewStatus.Busy, errors);
    }

    /// <summary>Thrown inside a change that found invalid input, so that the transaction is rolled back.</summary>
    private sealed class RolledBack : Exception;

    private static ValidationErrors ReasonErrors(string? reason, string field) => new ValidationErrors().Required(reason, field, MaxReason);

    /// <summary>Records a change of the clusters, with its audit and event rows, in the transaction of the change.</summary>
    private static async Task<long> RecordAsync(DbConnection c, DbTransaction tx, DateTimeOffset now, long account, string kind, long clusterId,
        long? otherId, long? undoesId, string reason, IReadOnlyList<Header>? before)
    {
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO cluster_changes (at, account_id, kind, cluster_id, other_cluster_id, undoes_id, reason, clusters_before) " +
            "VALUES (@now, @account, @kind, @clusterId, @otherId, @undoesId, @reason, @before) RETURNING id",
            new { now, account, kind, clusterId, otherId, undoesId, reason = reason.Trim(), before = before is null ? null : JsonSerializer.Serialize(before, Storage.Row.Json) },
            tx);
        var region = before?.FirstOrDefault(h => h.Id == clusterId)?.RegionCode
            ?? await c.ExecuteScalarAsync<string?>("SELECT region_code FROM posting_clusters WHERE id = @clusterId", new { clusterId }, tx);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, account, AuditAction.Update, "posting_cluster", clusterId, region, reason.Trim(),
            Storage.Row.ToJson(new { change = kind, otherCluster = otherId, undoes = undoesId })));
        return id;
    }

    private async Task MoveAsync(DbConnection c, DbTransaction tx, long changeId, List<long> postings, long from, long to)
    {
        foreach (var chunk in postings.Chunk(500))
        {
            await c.ExecuteAsync("UPDATE source_postings SET cluster_id = @to WHERE cluster_id = @from AND " +
                ListSql.InList(db, "id", "ids"), new { to, from, ids = chunk }, tx);
        }
        await c.ExecuteAsync("INSERT INTO cluster_change_postings (change_id, source_posting_id, from_cluster_id, to_cluster_id) VALUES (@changeId, @id, @from, @to)",
            postings.Select(id => new { changeId, id, from, to }), tx);
    }

    private static Task<int> SetReviewedAsync(DbConnection c, DbTransaction tx, DateTimeOffset now, long account, long clusterId) =>
        c.ExecuteAsync("UPDATE posting_clusters SET reviewed_at = @now, reviewed_by = @account WHERE id = @clusterId", new { now, account, clusterId }, tx);

    private static async Task RecountAsync(DbConnection c, DbTransaction tx, IReadOnlyList<long> ids)
    {
        foreach (var id in ids.Distinct())
        {
            await c.ExecuteAsync("UPDATE posting_clusters SET source_count = (SELECT count(*) FROM source_postings WHERE cluster_id = @id) WHERE id = @id",
                new { id }, tx);
        }
    }

    /// <summary>Later active changes (not undone, not undos) that touch either cluster of a change.</summary>
    private static async Task<long> BlockersAsync(DbConnection c, DbTransaction? tx, long changeId, long clusterId, long? otherId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM cluster_changes WHERE id > @changeId AND kind <> 'undo' AND undone_at IS NULL " +
            "AND (cluster_id IN (@a, @b) OR other_cluster_id IN (@a, @b))",
            new { changeId, a = clusterId, b = otherId ?? clusterId }, tx, cancellationToken: ct));

    private static async Task<List<Header>> HeadersAsync(DbConnection c, DbTransaction tx, long[] ids)
    {
        var headers = new List<Header>();
        foreach (var id in ids)
        {
            await using var reader = await c.ExecuteReaderAsync($"SELECT {HeaderColumns} FROM posting_clusters WHERE id = @id", new { id }, tx);
            if (await reader.ReadAsync())
            {
                headers.Add(new Header(reader.Long(0), reader.GetString(1), reader.NullableString(2), reader.GetString(3), reader.NullableString(4),
                    reader.NullableString(5), reader.NullableInt(6), reader.NullableInt(7), reader.Int(8), reader.IsDBNull(9) ? null : reader.Date(9),
                    reader.Timestamp(10), reader.Timestamp(11), reader.NullableTimestamp(12), reader.NullableLong(13), reader.NullableLong(14), reader.Int(15)));
            }
        }
        return headers;
    }

    private static ReviewCluster ReadCluster(DbDataReader r) => new(r.Long(0), r.GetString(1), r.GetString(2), r.NullableRegion(3), r.Int(4),
        r.IsDBNull(5) ? null : Convert.ToDouble(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), r.NullableTimestamp(6), r.NullableLong(7));
}
