using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.EnterpriseServices;

/// <summary>
/// A tier an operator confirmed, with the evidence (references: 公告 numbers, certificate numbers; and the files checked)
/// and note.
/// </summary>
public sealed record TierRecord(long Id, long EnterpriseId, EnterpriseTier Tier, IReadOnlyList<string> Evidence, string Note, DateOnly ValidFrom,
    DateOnly? ValidUntil, long? AssessmentId, DateTimeOffset ConfirmedAt, long? ConfirmedBy, string? ConfirmedByName)
{
    public IReadOnlyList<TierFile> Files { get; init; } = [];
}

/// <summary>An evidence file of a tier record (its bytes are read only by <see cref="TierRecords.FileAsync"/>).</summary>
public sealed record TierFile(long Id, long RecordId, string Name, string ContentType, int Size);

/// <summary>An operator's confirmation of a tier: references and/or files (at least one piece of evidence).</summary>
public sealed record TierConfirmation(EnterpriseTier? Tier, IReadOnlyList<string>? Evidence, string? Note, DateOnly? ValidFrom, DateOnly? ValidUntil,
    long? AssessmentId)
{
    public IReadOnlyList<AttachmentUpload> Files { get; init; } = [];
}

/// <summary>The enterprise's tier after a confirmation, and the record written.</summary>
public sealed record TierConfirmed(TierRecord Record, EnterpriseTier CurrentTier);

/// <summary>
/// Tier records (issue 14, item 4): an operator of the enterprise's region (or an administrator) confirms a tier with
/// its evidence — the enterprise's own claim or self-assessment is not enough. The enterprise's tier column then holds
/// the tier of the newest record valid today (<see cref="EnterpriseTier.None"/> when none is), which the enterprise
/// pages, matching and analytics read. The record, the enterprise's change and their audit rows and events commit together.
/// </summary>
public sealed class TierRecords(Database db, EnterpriseStore enterprises, TimeProvider time)
{
    public const int MaxEvidence = 10;
    public const int MaxEvidenceChars = 500;
    public const int MaxNote = 1000;
    public const int MaxFiles = 5;

    public async Task<WriteResult<TierConfirmed>> ConfirmAsync(Caller caller, long enterpriseId, TierConfirmation input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return WriteResult.NotFound<TierConfirmed>();
        }
        if (!ServiceScope.CanConfirmTier(caller, enterprise))
        {
            return WriteResult.Forbidden<TierConfirmed>();
        }
        var (evidence, types, errors) = Check(input);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TierConfirmed>(errors);
        }
        var now = time.GetUtcNow();
        var today = ChinaTime.Today(time);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (input.AssessmentId is { } assessmentId && await c.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM es_self_assessments WHERE id = @assessmentId AND enterprise_id = @enterpriseId", new { assessmentId, enterpriseId }, tx) == 0)
            {
                return WriteResult.Invalid<TierConfirmed>(new ValidationErrors().Add("assessmentId", "is not a self-assessment of this enterprise"));
            }
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO es_tier_records (enterprise_id, region_code, tier, evidence, note, valid_from, valid_until, assessment_id, confirmed_at, confirmed_by) " +
                "VALUES (@enterpriseId, @region, @tier, @evidence, @note, @validFrom, @validUntil, @assessmentId, @now, @by) RETURNING id",
                new
                {
                    enterpriseId, region = Row.StoredRegion(enterprise.RegionCode), tier = (int)input.Tier!.Value, evidence = Row.ToJson(evidence),
                    note = input.Note!.Trim(), validFrom = input.ValidFrom!.Value, validUntil = input.ValidUntil, assessmentId = input.AssessmentId, now = Database.Utc(now),
                    by = caller.AccountId,
                }, tx);
            var files = new List<TierFile>();
            for (var i = 0; i < input.Files.Count; i++)
            {
                var (file, type) = (input.Files[i], types[i]!);
                var name = Path.GetFileName(file.FileName.Trim()) is { Length: > 0 } n ? n[..Math.Min(n.Length, 200)] : $"evidence-{i + 1}";
                var fileId = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO es_tier_files (record_id, name, content_type, size, content, uploaded_at, uploaded_by) " +
                    "VALUES (@id, @name, @type, @size, @content, @now, @by) RETURNING id",
                    new { id, name, type, size = file.Content.Length, content = file.Content, now = Database.Utc(now), by = caller.AccountId }, tx);
                files.Add(new TierFile(fileId, id, name, type, file.Content.Length));
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "tierRecord", id, enterprise.RegionCode, input.Note.Trim(),
                JsonSerializer.Serialize(new
                {
                    enterpriseId, tier = input.Tier.Value.ToString(), validFrom = input.ValidFrom, validUntil = input.ValidUntil, evidence,
                    files = files.Select(f => new { f.Id, f.Name, f.ContentType, f.Size }),
                })));
            var current = await ApplyCurrentTierAsync(c, tx, enterpriseId, enterprise.RegionCode, caller.AccountId, "tier-record", now, today);
            var record = new TierRecord(id, enterpriseId, input.Tier.Value, evidence, input.Note.Trim(), input.ValidFrom.Value, input.ValidUntil,
                input.AssessmentId, now, caller.AccountId, null) { Files = files };
            return WriteResult.Ok(new TierConfirmed(record, current));
        }, ct);
    }

    /// <summary>
    /// The checks of a confirmation that need no database (a form reader adds its own errors to these before anything is
    /// written): the trimmed references, each file's sniffed type (null when refused) and the errors.
    /// </summary>
    public static (List<string> Evidence, List<string?> FileTypes, ValidationErrors Errors) Check(TierConfirmation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var evidence = (input.Evidence ?? []).Select(e => e?.Trim() ?? "").Where(e => e.Length > 0).ToList();
        var errors = new ValidationErrors()
            .When(input.Tier is null, "tier", "is required")
            .When(input.Tier is { } t && !Enum.IsDefined(t), "tier", "must be one of the listed options")
            .When(evidence.Count == 0 && input.Files.Count == 0, "evidence", "must name at least one piece of evidence")
            .When(input.Files.Count > MaxFiles, "files", $"must be at most {MaxFiles} files")
            .When(evidence.Count > MaxEvidence, "evidence", $"must have at most {MaxEvidence} items")
            .When(evidence.Any(e => e.Length > MaxEvidenceChars), "evidence", $"must be at most {MaxEvidenceChars} characters")
            .Required(input.Note, "note", MaxNote)
            .When(input.ValidFrom is null, "validFrom", "is required")
            .When(input.ValidUntil < input.ValidFrom, "validUntil", "must not be before validFrom");
        var types = input.Files.Select(file => file.Check(errors, "files")).ToList();
        return (evidence, types, errors);
    }

    /// <summary>
    /// Sets the enterprise's tier column to the tier of its newest record valid <paramref name="today"/> (none: None),
    /// with the enterprise's audit row and event when it changes; returns the tier now held.
    /// </summary>
    private static async Task<EnterpriseTier> ApplyCurrentTierAsync(DbConnection c, DbTransaction tx, long enterpriseId, string region, long? accountId,
        string reason, DateTimeOffset now, DateOnly today)
    {
        var current = (EnterpriseTier)await c.ExecuteScalarAsync<int>(
            "SELECT coalesce((SELECT tier FROM es_tier_records WHERE enterprise_id = @enterpriseId AND valid_from <= @today " +
            "AND (valid_until IS NULL OR valid_until >= @today) ORDER BY id DESC LIMIT 1), 0)", new { enterpriseId, today }, tx);
        var stored = (EnterpriseTier)await c.ExecuteScalarAsync<int>("SELECT tier FROM enterprises WHERE id = @enterpriseId", new { enterpriseId }, tx);
        if (current != stored)
        {
            await c.ExecuteAsync("UPDATE enterprises SET tier = @tier, updated_at = @now, version = version + 1 WHERE id = @enterpriseId",
                new { tier = (int)current, now = Database.Utc(now), enterpriseId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "enterprise", enterpriseId, region, reason,
                AuditTrail.Diff(new { tier = stored }, new { tier = current })));
        }
        return current;
    }

    /// <summary>
    /// The tier column of every enterprise whose records' validity began or ended since it was last set (a record valid
    /// from next year, one that expired): found in one query, each corrected in its own transaction with its audit row.
    /// Run by every node's sweep at most once an hour (<see cref="TierUpkeepHandler"/>).
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        List<(long Id, string Region)> stale;
        await using (var c = await db.OpenAsync(ct))
        {
            stale = [.. await c.QueryAsync<(long, string)>(
                "SELECT e.id, e.region_code FROM enterprises e WHERE EXISTS (SELECT 1 FROM es_tier_records r WHERE r.enterprise_id = e.id) " +
                "AND e.tier <> coalesce((SELECT r.tier FROM es_tier_records r WHERE r.enterprise_id = e.id AND r.valid_from <= @today " +
                "AND (r.valid_until IS NULL OR r.valid_until >= @today) ORDER BY r.id DESC LIMIT 1), 0)", new { today })];
        }
        var now = time.GetUtcNow();
        foreach (var (id, region) in stale)
        {
            await db.InTransactionAsync(
                (c, tx) => ApplyCurrentTierAsync(c, tx, id, RegionCatalogue.Significant(region), null, "tier-validity", now, today), ct);
        }
        return stale.Count;
    }

    public async Task<IReadOnlyList<TierRecord>?> ListAsync(Caller caller, long enterpriseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var rows = new List<TierRecord>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT t.id, t.enterprise_id, t.tier, t.evidence, t.note, t.valid_from, t.valid_until, t.assessment_id, t.confirmed_at, t.confirmed_by, a.display_name " +
            "FROM es_tier_records t LEFT JOIN accounts a ON a.id = t.confirmed_by WHERE t.enterprise_id = @enterpriseId ORDER BY t.id DESC", new { enterpriseId });
        while (await r.ReadAsync(ct))
        {
            rows.Add(new TierRecord(r.Long(0), r.Long(1), r.Enum<EnterpriseTier>(2), r.FromJson<List<string>>(3), r.GetString(4), r.Date(5),
                r.IsDBNull(6) ? null : r.Date(6), r.NullableLong(7), r.Timestamp(8), r.NullableLong(9), r.NullableString(10)));
        }
        await r.DisposeAsync();
        var files = (await c.QueryAsync<(long Id, long RecordId, string Name, string Type, int Size)>(
                "SELECT f.id, f.record_id, f.name, f.content_type, f.size FROM es_tier_files f JOIN es_tier_records t ON t.id = f.record_id " +
                "WHERE t.enterprise_id = @enterpriseId ORDER BY f.id", new { enterpriseId }))
            .ToLookup(f => f.RecordId, f => new TierFile(f.Id, f.RecordId, f.Name, f.Type, f.Size));
        return [.. rows.Select(t => t with { Files = [.. files[t.Id]] })];
    }

    /// <summary>
    /// An evidence file, for whoever sees the enterprise's services (its users, operators of its region, administrators);
    /// a view by anyone but the enterprise's own users is audited. Null when the file does not exist or is out of scope.
    /// </summary>
    public async Task<(TierFile File, byte[] Content)?> FileAsync(Caller caller, long fileId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (long Id, long RecordId, long EnterpriseId, string Name, string Type, int Size, byte[] Content) row;
        await using (var c = await db.OpenAsync(ct))
        {
            row = await c.QuerySingleOrDefaultAsync<(long, long, long, string, string, int, byte[])>(
                "SELECT f.id, f.record_id, t.enterprise_id, f.name, f.content_type, f.size, f.content FROM es_tier_files f " +
                "JOIN es_tier_records t ON t.id = f.record_id WHERE f.id = @fileId", new { fileId });
        }
        if (row.Id == 0 || await ServiceScope.VisibleAsync(enterprises, caller, row.EnterpriseId, ct) is not { } enterprise)
        {
            return null;
        }
        if (caller.EnterpriseId != enterprise.Id)
        {
            await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.View, "tierRecord", row.RecordId,
                enterprise.RegionCode, "evidence file", $"{{\"file\":{fileId}}}"), ct);
        }
        return (new TierFile(row.Id, row.RecordId, row.Name, row.Type, row.Size), row.Content);
    }
}

/// <summary>Every node's sweep re-derives the tier columns at most once an hour (<see cref="TierRecords.RefreshAsync"/>; idempotent, no lease needed).</summary>
public sealed class TierUpkeepHandler(TierRecords tiers, TimeProvider time) : IJobHandler
{
    public const string JobKind = "services.tiers";

    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;

    public string Kind => JobKind;

    public Task RunAsync(Job job, CancellationToken ct) => tiers.RefreshAsync(ct);

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _lastRun >= TimeSpan.FromHours(1))
        {
            _lastRun = now;
            await tiers.RefreshAsync(ct);
        }
    }
}
