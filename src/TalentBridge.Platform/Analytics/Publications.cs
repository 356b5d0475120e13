using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>What a row of either kind has: its occupation (细类 or 小类 code) and region.</summary>
public interface IPublicationRow
{
    string OccupationCode { get; }
    string RegionCode { get; }
}

public enum PublicationKind
{
    /// <summary>急需紧缺人才目录.</summary>
    Shortage = 1,
    /// <summary>工资价位.</summary>
    Wages = 2,
}

public enum PublicationState
{
    Draft = 0,
    /// <summary>The newest published version of its kind, region and period.</summary>
    Published = 1,
    /// <summary>An earlier published version: still public at its URL, marked superseded.</summary>
    Superseded = 2,
}

/// <summary>
/// A draft or a published version of a shortage catalogue or a wage-price table: its frozen rows (one list is empty,
/// by kind). <see cref="Version"/> is the record's concurrency version (ETag); <see cref="PublishedVersion"/> is
/// the public version n of its kind, region and period (null for a draft).
/// </summary>
public sealed record Publication(
    long Id, PublicationKind Kind, string RegionCode, string Period, PublicationState State, int? PublishedVersion, int Version,
    DateTimeOffset CreatedAt, long? CreatedBy, DateTimeOffset? PublishedAt,
    IReadOnlyList<ShortageRow> ShortageRows, IReadOnlyList<WagePriceRow> WageRows) : IVersioned
{
    /// <summary>The rows the public sees: included shortage rows, wage rows not excluded.</summary>
    public IReadOnlyList<ShortageRow> PublicShortageRows => [.. ShortageRows.Where(r => r.Included)];

    public IReadOnlyList<WagePriceRow> PublicWageRows => [.. WageRows.Where(r => !r.Excluded)];
}

/// <summary>A published version as the public list shows it.</summary>
public sealed record PublicationSummary(long Id, PublicationKind Kind, string RegionCode, string Period, PublicationState State, int? PublishedVersion,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

/// <summary>
/// An operator's edit of one row of a draft, with the reason (required). A shortage row may be included or excluded,
/// get other stars (1–5) or another driver, and a note; a wage-price row only a note or its exclusion (suppression runs
/// again; nothing un-suppresses a cell).
/// </summary>
public sealed record PublicationEdit(string? OccupationCode, string? RegionCode, bool? Included, int? Stars, ShortageDriver? Driver, string? Note, string? Reason);

/// <summary>One entry of a draft's history: the row, the fields changed (JSON <c>{"field": [before, after]}</c>) and why.</summary>
public sealed record PublicationEditRecord(long Id, DateTimeOffset At, long? AccountId, string OccupationCode, string RegionCode, string Changes, string Reason);

/// <summary>
/// The review-and-publish workflow of shortage catalogues and wage-price tables (issue 13, items 3 and 4). An operator
/// of the region (or of an enclosing region) or an administrator creates a draft for a region and period — a frozen
/// copy of the computed rows, which a later refresh of the facts never changes — edits rows with a reason (each edit
/// audited and kept in the draft's history) and publishes it as version n + 1 of that kind, region and period; the
/// version before stays public, marked superseded. Writes name the version read (optimistic concurrency).
/// </summary>
public sealed class Publications(Database db, ShortageCatalogues shortage, WagePrices wages, ReferenceData reference, TimeProvider time)
{
    public const int MaxReason = 500;
    public const int MaxNote = 500;
    public const int MaxDrafts = 50;
    private const string Subject = "analyticsPublication";

    /// <summary>Who may create, edit, publish and read drafts of a region: its operators, operators of enclosing regions, administrators.</summary>
    public static bool MayManage(Caller caller, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || (caller.IsOperator && caller.InScope(regionCode));
    }

    public async Task<WriteResult<Publication>> CreateDraftAsync(Caller caller, PublicationKind kind, string? region, string? period, CancellationToken ct)
    {
        var (code, p, refusal) = wages.Request<Publication>(caller, region, period, new ValidationErrors().Defined(kind, "kind"));
        if (refusal is not null)
        {
            return refusal;
        }
        IReadOnlyList<ShortageRow> shortageRows = kind == PublicationKind.Shortage ? await shortage.RowsAsync(code, p, children: false, ct) : [];
        IReadOnlyList<WagePriceRow> wageRows = kind == PublicationKind.Wages ? (await wages.TableAsync(code, p, ct)).Rows : [];
        var now = time.GetUtcNow();
        var id = await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO analytics_publications (kind, region_code, period, state, rows, version, created_at, created_by) " +
                "VALUES (@kind, @region, @period, 0, @rows, 1, @now, @accountId) RETURNING id",
                new { kind = KindName(kind), region = Row.StoredRegion(code), period = p.Text, rows = RowsJson(kind, shortageRows, wageRows), now = Database.Utc(now), accountId = caller.AccountId },
                tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, Subject, id, code, "draft",
                Row.ToJson(new { kind = KindName(kind), period = p.Text, rows = shortageRows.Count + wageRows.Count })));
            return id;
        }, ct);
        return WriteResult.Ok((await FindAsync(id, ct))!);
    }

    /// <summary>A draft (for those who may manage its region) or a published version (for everyone); null otherwise.</summary>
    public async Task<Publication?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(id, ct);
        return found is null || (found.State == PublicationState.Draft && !MayManage(caller, found.RegionCode)) ? null : found;
    }

    private async Task<Publication?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, id);
    }

    private static async Task<Publication?> FindAsync(DbConnection c, DbTransaction? tx, long id) =>
        await QueryAsync(c, tx, "id = @id", new { id }) is [var found, ..] ? found : null;

    /// <summary>
    /// A published version of a kind, region and period: version <paramref name="publishedVersion"/>, or without it the
    /// newest. Null when there is none.
    /// </summary>
    public async Task<Publication?> PublishedAsync(PublicationKind kind, string region, string period, int? publishedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (reference.Regions.Find(region) is not { } found)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var rows = await QueryAsync(c, null,
            "kind = @kind AND region_code = @region AND period = @period AND " +
            (publishedVersion is null ? "state = 1" : "state IN (1, 2) AND published_version = @publishedVersion"),
            new { kind = KindName(kind), region = found.FullCode, period, publishedVersion });
        return rows is [var first, ..] ? first : null;
    }

    /// <summary>The drafts the caller may manage, of one kind, newest first (at most <see cref="MaxDrafts"/>).</summary>
    public async Task<IReadOnlyList<PublicationSummary>> DraftsAsync(Caller caller, PublicationKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return [];
        }
        var where = new Where().Add("state = 0").Add("kind = @kind", "kind", KindName(kind));
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("region_code", scope, "scope");
        }
        return await SummariesAsync($"{where} ORDER BY id DESC LIMIT {MaxDrafts}", where.Parameters, ct);
    }

    /// <summary>Published versions (newest first), filtered by region subtree, kind and year of the period; paged.</summary>
    public async Task<Page<PublicationSummary>> ListPublishedAsync(string? region, PublicationKind? kind, int? year, int page, int pageSize, CancellationToken ct)
    {
        var where = new Where().Add("state IN (1, 2)");
        if (region is not null && reference.Regions.Find(region) is { } r)
        {
            where.RegionSubtree("region_code", r.Code, "region");
        }
        if (kind is { } k)
        {
            where.Add("kind = @kind", "kind", KindName(k));
        }
        if (year is { } y)
        {
            where.CodePrefix("period", y.ToString(System.Globalization.CultureInfo.InvariantCulture), "year");
        }
        await using var c = await db.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*) FROM analytics_publications {where}", where.Parameters, cancellationToken: ct));
        var items = await SummariesAsync($"{where} ORDER BY published_at DESC, id DESC LIMIT {pageSize} OFFSET {(page - 1) * pageSize}", where.Parameters, ct);
        return new Page<PublicationSummary>(items, total, page, pageSize);
    }

    private async Task<IReadOnlyList<PublicationSummary>> SummariesAsync(string whereAndOrder, DynamicParameters parameters, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var list = new List<PublicationSummary>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, kind, region_code, period, state, published_version, created_at, published_at FROM analytics_publications " + whereAndOrder,
            parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            list.Add(new PublicationSummary(r.Long(0), ParseKind(r.GetString(1)), RegionCatalogue.Significant(r.GetString(2)), r.GetString(3),
                r.Enum<PublicationState>(4), r.NullableInt(5), r.Timestamp(6), r.NullableTimestamp(7)));
        }
        return list;
    }

    /// <summary>A draft's history, oldest first (empty for a draft the caller may not see).</summary>
    public async Task<IReadOnlyList<PublicationEditRecord>> HistoryAsync(Caller caller, long id, CancellationToken ct)
    {
        if (await FindAsync(caller, id, ct) is null)
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        var list = new List<PublicationEditRecord>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, at, account_id, occupation_code, region_code, changes, reason FROM analytics_publication_edits WHERE publication_id = @id ORDER BY id",
            new { id }, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            list.Add(new PublicationEditRecord(r.Long(0), r.Timestamp(1), r.NullableLong(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)));
        }
        return list;
    }

    /// <summary>Edits one row of a draft (the version read in <paramref name="expectedVersion"/>; null: whatever is current).</summary>
    public async Task<WriteResult<Publication>> EditAsync(Caller caller, long id, int? expectedVersion, PublicationEdit edit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(edit);
        if (await Editable(caller, id, expectedVersion, ct) is { } refused)
        {
            return refused;
        }
        var draft = (await FindAsync(id, ct))!;
        var errors = new ValidationErrors().Required(edit.Reason, "reason", MaxReason).Optional(edit.Note, "note", MaxNote)
            .When(edit.OccupationCode is null, "occupationCode", "is required")
            .When(edit.RegionCode is null, "regionCode", "is required");
        if (draft.Kind == PublicationKind.Shortage)
        {
            if (edit.Stars is { } stars)
            {
                errors.Range(stars, 1, 5, "stars");
            }
            if (edit.Driver is { } d)
            {
                errors.Defined(d, "driver");
            }
        }
        else
        {
            errors.When(edit.Stars is not null, "stars", "cannot be changed in a wage-price table")
                .When(edit.Driver is not null, "driver", "cannot be changed in a wage-price table");
        }
        object? before = null, after = null;
        var shortageRows = draft.ShortageRows;
        var wageRows = draft.WageRows;
        if (errors.IsValid)
        {
            var note = edit.Note is null ? null : string.IsNullOrWhiteSpace(edit.Note) ? "" : edit.Note.Trim();
            if (draft.Kind == PublicationKind.Shortage)
            {
                var i = shortageRows.ToList().FindIndex(r => r.OccupationCode == edit.OccupationCode && r.RegionCode == edit.RegionCode);
                errors.When(i < 0, "occupationCode", "is not a row of this draft");
                if (i >= 0)
                {
                    var row = shortageRows[i];
                    var changed = row with
                    {
                        Included = edit.Included ?? row.Included, Stars = edit.Stars ?? row.Stars, Driver = edit.Driver ?? row.Driver,
                        Note = note is null ? row.Note : note.Length == 0 ? null : note,
                    };
                    errors.When(changed.Included && changed.Index is null, "included", "cannot include a row without an index (too few people sought)");
                    (before, after) = (row, changed);
                    shortageRows = [.. shortageRows.Select((r, k) => k == i ? changed : r)];
                }
            }
            else
            {
                var i = wageRows.ToList().FindIndex(r => r.OccupationCode == edit.OccupationCode && r.RegionCode == edit.RegionCode);
                errors.When(i < 0, "occupationCode", "is not a row of this draft");
                if (i >= 0)
                {
                    var row = wageRows[i];
                    var changed = row with { Excluded = edit.Included is { } inc ? !inc : row.Excluded, Note = note is null ? row.Note : note.Length == 0 ? null : note };
                    errors.When(row.Excluded && !changed.Excluded, "included", "cannot include an excluded row again: create a new draft");
                    (before, after) = (row, changed);
                    wageRows = WagePrices.Resuppress(reference.Regions.Find(draft.RegionCode)!.Code, [.. wageRows.Select((r, k) => k == i ? changed : r)]);
                }
            }
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Publication>(errors);
        }
        var changes = AuditTrail.Diff(before, after) ?? "{}";
        var now = time.GetUtcNow();
        var stored = await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync("UPDATE analytics_publications SET rows = @rows, version = version + 1 WHERE id = @id AND version = @version AND state = 0",
                    new { id, version = draft.Version, rows = RowsJson(draft.Kind, shortageRows, wageRows) }, tx) == 0)
            {
                return false;
            }
            await c.ExecuteAsync(
                "INSERT INTO analytics_publication_edits (publication_id, at, account_id, occupation_code, region_code, changes, reason) " +
                "VALUES (@id, @at, @accountId, @occupation, @region, @changes, @reason)",
                new { id, at = Database.Utc(now), accountId = caller.AccountId, occupation = edit.OccupationCode, region = edit.RegionCode, changes, reason = edit.Reason!.Trim() },
                tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, draft.RegionCode, edit.Reason.Trim(),
                Row.ToJson(new { row = $"{edit.OccupationCode} {edit.RegionCode}", changes = JsonDocument.Parse(changes).RootElement })));
            return true;
        }, ct);
        var current = await FindAsync(id, ct);
        return stored ? WriteResult.Ok(current!) : WriteResult.Lost(current);
    }

    /// <summary>Publishes a draft as the next version of its kind, region and period; the version published before is superseded.</summary>
    public async Task<WriteResult<Publication>> PublishAsync(Caller caller, long id, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await Editable(caller, id, expectedVersion, ct) is { } refused)
        {
            return refused;
        }
        var draft = (await FindAsync(id, ct))!;
        var now = time.GetUtcNow();
        bool stored;
        try
        {
            stored = await db.InTransactionAsync(async (c, tx) =>
            {
                var key = new { kind = KindName(draft.Kind), region = Row.StoredRegion(draft.RegionCode), period = draft.Period };
                var next = await c.ExecuteScalarAsync<int>(
                    "SELECT coalesce(max(published_version), 0) + 1 FROM analytics_publications WHERE kind = @kind AND region_code = @region AND period = @period", key, tx);
                if (await c.ExecuteAsync(
                        "UPDATE analytics_publications SET state = 1, published_version = @next, published_at = @now, published_by = @accountId, version = version + 1 " +
                        "WHERE id = @id AND version = @version AND state = 0",
                        new { id, version = draft.Version, next, now = Database.Utc(now), accountId = caller.AccountId }, tx) == 0)
                {
                    return false;
                }
                await c.ExecuteAsync("UPDATE analytics_publications SET state = 2 " +
                    "WHERE kind = @kind AND region_code = @region AND period = @period AND state = 1 AND id <> @id", new { key.kind, key.region, key.period, id }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, draft.RegionCode, "publish",
                    Row.ToJson(new { key.kind, key.period, publishedVersion = next })), "analyticsPublication.publish");
                return true;
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Another draft of the same kind, region and period took the version number at the same moment.
            stored = false;
        }
        var current = await FindAsync(id, ct);
        return stored ? WriteResult.Ok(current!) : WriteResult.Lost(current);
    }

    /// <summary>
    /// A draft for download: the export is audited with who and why (published versions are public and need no audit).
    /// </summary>
    public async Task<WriteResult<Publication>> ExportDraftAsync(Caller caller, long id, string? reason, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(caller, id, ct) is not { State: PublicationState.Draft } draft)
        {
            return WriteResult.NotFound<Publication>();
        }
        var errors = new ValidationErrors().Required(reason, "reason", MaxReason);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Publication>(errors);
        }
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, Subject, id, draft.RegionCode, reason!.Trim(),
            "format=" + format), ct);
        return WriteResult.Ok(draft);
    }

    /// <summary>Null when the caller may change draft <paramref name="id"/> as read; otherwise the refusal.</summary>
    private async Task<WriteResult<Publication>?> Editable(Caller caller, long id, int? expectedVersion, CancellationToken ct)
    {
        var found = await FindAsync(id, ct);
        if (found is null || (found.State == PublicationState.Draft && !MayManage(caller, found.RegionCode)))
        {
            return WriteResult.NotFound<Publication>();
        }
        if (!MayManage(caller, found.RegionCode))
        {
            return WriteResult.Forbidden<Publication>();
        }
        if (found.State != PublicationState.Draft)
        {
            return WriteResult.Invalid<Publication>(new ValidationErrors().Add("state", "only a draft can be changed or published"));
        }
        return expectedVersion is { } v && v != found.Version ? WriteResult.Conflict(found) : null;
    }

    private static async Task<IReadOnlyList<Publication>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var list = new List<Publication>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT id, kind, region_code, period, state, published_version, version, created_at, created_by, published_at, rows " +
            $"FROM analytics_publications WHERE {where}", args, tx);
        while (await r.ReadAsync())
        {
            var kind = ParseKind(r.GetString(1));
            list.Add(new Publication(r.Long(0), kind, RegionCatalogue.Significant(r.GetString(2)), r.GetString(3), r.Enum<PublicationState>(4),
                r.NullableInt(5), r.Int(6), r.Timestamp(7), r.NullableLong(8), r.NullableTimestamp(9),
                kind == PublicationKind.Shortage ? r.FromJson<List<ShortageRow>>(10) : [],
                kind == PublicationKind.Wages ? r.FromJson<List<WagePriceRow>>(10) : []));
        }
        return list;
    }

    private static string RowsJson(PublicationKind kind, IReadOnlyList<ShortageRow> shortageRows, IReadOnlyList<WagePriceRow> wageRows) =>
        kind == PublicationKind.Shortage ? Row.ToJson(shortageRows) : Row.ToJson(wageRows);

    /// <summary>The kind as stored and as it appears in URLs: "shortage", "wages".</summary>
    public static string KindName(PublicationKind kind) => kind == PublicationKind.Wages ? "wages" : "shortage";

    public static PublicationKind ParseKind(string name) => name == "wages" ? PublicationKind.Wages : PublicationKind.Shortage;

    /// <summary>A kind from a URL or query ("shortage", "wages"); null for anything else.</summary>
    public static PublicationKind? TryParseKind(string? name) => name switch
    {
        "shortage" => PublicationKind.Shortage,
        "wages" => PublicationKind.Wages,
        _ => null,
    };
}
