using System.Data.Common;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Pools;

public enum WriteStatus
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>The record was changed by someone else since the caller read it; the value is the current record.</summary>
    Conflict,
}

/// <summary>The outcome of a write use case; the API and the pages each turn it into their own response.</summary>
public sealed record WriteResult<T>(WriteStatus Status, T? Value, ValidationErrors Errors) where T : class;

public static class WriteResult
{
    public static WriteResult<T> Ok<T>(T value) where T : class => new(WriteStatus.Ok, value, new ValidationErrors());
    public static WriteResult<T> Invalid<T>(ValidationErrors errors) where T : class => new(WriteStatus.Invalid, null, errors);
    public static WriteResult<T> NotFound<T>() where T : class => new(WriteStatus.NotFound, null, new ValidationErrors());
    public static WriteResult<T> Forbidden<T>() where T : class => new(WriteStatus.Forbidden, null, new ValidationErrors());
    public static WriteResult<T> Conflict<T>(T current) where T : class => new(WriteStatus.Conflict, current, new ValidationErrors());

    /// <summary>After a versioned write found nothing to change: the record is gone, or someone changed it first.</summary>
    public static WriteResult<T> Lost<T>(T? current) where T : class => current is null ? NotFound<T>() : Conflict(current);
}

// One class per pool holds its write use cases — access, validation, uniqueness, region scope,
// storage — for the API and the form pages alike. `parseErrors` carries what a form could not parse;
// the domain rules then report only on fields without such an error. Updates and deletes name the
// version the caller read (`expectedVersion`; null: whatever is current): a record changed since is a
// conflict, never overwritten.
// The stores write each change with its audit and event rows in one transaction.

public sealed class EnterpriseWrites(EnterpriseStore store, ReferenceData reference, TimeProvider time)
{
    private const string UsccTaken = "is already registered to another enterprise";

    public async Task<WriteResult<Enterprise>> EditableAsync(Caller caller, long id, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } existing)
        {
            return WriteResult.NotFound<Enterprise>();
        }
        return caller.CanEditEnterprise(reference.Regions, id, existing.RegionCode)
            ? WriteResult.Ok<Enterprise>(existing)
            : WriteResult.Forbidden<Enterprise>();
    }

    public async Task<WriteResult<Enterprise>> CreateAsync(Caller caller, Enterprise input, ValidationErrors? parseErrors, CancellationToken ct)
    {
        if (!caller.CanCreateEnterprise)
        {
            return WriteResult.Forbidden<Enterprise>();
        }
        var errors = await CheckAsync(caller, input, 0, parseErrors, ct);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Enterprise>(errors);
        }
        try
        {
            return WriteResult.Ok(await store.CreateAsync(input with { Id = 0 }, time.GetUtcNow(), caller.AccountId, ct));
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Another request registered the same code between the check and the insert.
            return WriteResult.Invalid<Enterprise>(new ValidationErrors().Add("uscc", UsccTaken));
        }
    }

    public async Task<WriteResult<Enterprise>> UpdateAsync(Caller caller, long id, int? expectedVersion, Enterprise input, ValidationErrors? parseErrors,
        CancellationToken ct)
    {
        var editable = await EditableAsync(caller, id, ct);
        if (editable.Status != WriteStatus.Ok)
        {
            return editable;
        }
        var existing = editable.Value!;
        if (expectedVersion is { } expected && existing.Version != expected)
        {
            return WriteResult.Conflict(existing);
        }
        var errors = await CheckAsync(caller, input, id, parseErrors, ct);
        if (!caller.CanClassifyEnterprise)
        {
            errors.When(input.SizeClass != existing.SizeClass, "sizeClass", "is set by the human-resources bureau, not by the enterprise")
                  .When(input.Tier != existing.Tier, "tier", "is set by the human-resources bureau, not by the enterprise");
        }
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Enterprise>(errors);
        }
        try
        {
            var updated = await store.UpdateAsync(input with { Id = id, CreatedAt = existing.CreatedAt }, existing, time.GetUtcNow(), caller.AccountId, ct);
            return updated is null ? WriteResult.Lost(await store.FindAsync(id, ct)) : WriteResult.Ok(updated);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Enterprise>(new ValidationErrors().Add("uscc", UsccTaken));
        }
    }

    /// <summary>Only an administrator or an operator of the enterprise's region removes an enterprise.</summary>
    public async Task<WriteResult<Enterprise>> DeleteAsync(Caller caller, long id, int? expectedVersion, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } existing)
        {
            return WriteResult.NotFound<Enterprise>();
        }
        if (!caller.CanDeleteEnterprise(existing.RegionCode))
        {
            return WriteResult.Forbidden<Enterprise>();
        }
        if (expectedVersion is { } expected && existing.Version != expected)
        {
            return WriteResult.Conflict(existing);
        }
        // Positions and user accounts would go with it, unaudited: they are removed first, each on its own record.
        var (positionCount, accountCount) = await store.DependentsAsync(id, ct);
        if (positionCount > 0 || accountCount > 0)
        {
            return WriteResult.Invalid<Enterprise>(new ValidationErrors().Add("id",
                $"still has {positionCount} positions and {accountCount} user accounts; remove them first"));
        }
        return await store.DeleteAsync(existing, time.GetUtcNow(), caller.AccountId, ct)
            ? WriteResult.Ok(existing)
            : WriteResult.Lost(await store.FindAsync(id, ct));
    }

    private async Task<ValidationErrors> CheckAsync(Caller caller, Enterprise input, long id, ValidationErrors? parseErrors, CancellationToken ct)
    {
        var errors = (parseErrors ?? new ValidationErrors()).AddMissing(input.Validate(reference));
        if (errors.IsValid && !caller.InScope(reference.Regions, input.RegionCode))
        {
            errors.Add("regionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        if (errors.IsValid && await store.UsccTakenAsync(input.Uscc, id, ct))
        {
            errors.Add("uscc", UsccTaken);
        }
        return errors;
    }
}

public sealed class PositionWrites(PositionStore positions, EnterpriseStore enterprises, ClusterPublishing publishing, ReferenceData reference,
    OccupationNames occupations, TimeProvider time)
{
    /// <summary>The enterprise the caller may post positions for.</summary>
    public async Task<WriteResult<Enterprise>> PostingForAsync(Caller caller, long enterpriseId, CancellationToken ct)
    {
        if (await enterprises.FindAsync(enterpriseId, ct) is not { } enterprise)
        {
            return WriteResult.NotFound<Enterprise>();
        }
        return caller.CanManagePositionsOf(reference.Regions, enterprise.Id, enterprise.RegionCode)
            ? WriteResult.Ok<Enterprise>(enterprise)
            : WriteResult.Forbidden<Enterprise>();
    }

    public async Task<WriteResult<Position>> EditableAsync(Caller caller, long id, CancellationToken ct)
    {
        if (await positions.FindAsync(id, ct) is not { } existing)
        {
            return WriteResult.NotFound<Position>();
        }
        var enterprise = await enterprises.FindAsync(existing.EnterpriseId, ct);
        return enterprise is not null
            && caller.CanManagePositionsOf(reference.Regions, enterprise.Id, enterprise.RegionCode)
            && caller.InScope(reference.Regions, existing.RegionCode)
            ? WriteResult.Ok<Position>(existing)
            : WriteResult.Forbidden<Position>();
    }

    /// <summary>
    /// A new position; with <paramref name="fromCluster"/>, published from that duplicate cluster (an operator's or
    /// administrator's act on a cluster in their region that is not published or merged away yet).
    /// </summary>
    public async Task<WriteResult<Position>> CreateAsync(Caller caller, Position input, ValidationErrors? parseErrors, CancellationToken ct,
        long? fromCluster = null)
    {
        var enterprise = input.EnterpriseId > 0 ? await enterprises.FindAsync(input.EnterpriseId, ct) : null;
        if (enterprise is not null && !caller.CanManagePositionsOf(reference.Regions, enterprise.Id, enterprise.RegionCode))
        {
            return WriteResult.Forbidden<Position>();
        }
        if (fromCluster is { } clusterId)
        {
            if (!caller.CanImport)
            {
                return WriteResult.Forbidden<Position>();
            }
            if (await publishing.DraftAsync(caller, clusterId, ct) is not { } draft)
            {
                return WriteResult.NotFound<Position>();
            }
            parseErrors = PublishErrors(draft, parseErrors ?? new ValidationErrors());
        }
        var (position, errors) = Check(caller, input, enterprise, parseErrors);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Position>(errors);
        }
        var created = await positions.CreateAsync(position with { Id = 0 }, time.GetUtcNow(), caller.AccountId, ct, fromCluster);
        return created is null
            ? WriteResult.Invalid<Position>(PublishErrors((await publishing.DraftAsync(caller, fromCluster!.Value, ct))!, new ValidationErrors()))
            : WriteResult.Ok(created);
    }

    /// <summary>Why a cluster cannot be published (any more): it became a position or was merged into another cluster.</summary>
    public static ValidationErrors PublishErrors(PublishDraft draft, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(errors);
        return errors.When(draft.PositionId is not null, "fromCluster", $"is published already as position {draft.PositionId}")
            .When(draft.MergedInto is not null, "fromCluster", $"was merged into cluster {draft.MergedInto}; publish that one");
    }

    /// <summary>A position stays with its enterprise: the enterprise id of the input is ignored.</summary>
    public async Task<WriteResult<Position>> UpdateAsync(Caller caller, long id, int? expectedVersion, Position input, ValidationErrors? parseErrors,
        CancellationToken ct)
    {
        var editable = await EditableAsync(caller, id, ct);
        if (editable.Status != WriteStatus.Ok)
        {
            return editable;
        }
        var existing = editable.Value!;
        if (expectedVersion is { } expected && existing.Version != expected)
        {
            return WriteResult.Conflict(existing);
        }
        var enterprise = await enterprises.FindAsync(existing.EnterpriseId, ct);
        var (position, errors) = Check(caller, input with { EnterpriseId = existing.EnterpriseId }, enterprise, parseErrors);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Position>(errors);
        }
        var updated = await positions.UpdateAsync(position with { Id = id, CreatedAt = existing.CreatedAt }, existing, time.GetUtcNow(), caller.AccountId, ct);
        return updated is null ? WriteResult.Lost(await positions.FindAsync(id, ct)) : WriteResult.Ok(updated);
    }

    public async Task<WriteResult<Position>> DeleteAsync(Caller caller, long id, int? expectedVersion, CancellationToken ct)
    {
        var editable = await EditableAsync(caller, id, ct);
        if (editable.Status != WriteStatus.Ok)
        {
            return editable;
        }
        if (expectedVersion is { } expected && editable.Value!.Version != expected)
        {
            return WriteResult.Conflict(editable.Value);
        }
        // Applications and invitations are the record of what happened on the position (and agreements point to it).
        if (await positions.FlowCountAsync(id, ct) is > 0 and var flow)
        {
            return WriteResult.Invalid<Position>(new ValidationErrors().Add("id", $"has {flow} applications and invitations; close it instead"));
        }
        return await positions.DeleteAsync(editable.Value!, time.GetUtcNow(), caller.AccountId, ct)
            ? editable
            : WriteResult.Lost(await positions.FindAsync(id, ct));
    }

    /// <summary>Domain rules plus the enterprise: it must exist, and the industry defaults to its industry.</summary>
    private (Position Position, ValidationErrors Errors) Check(Caller caller, Position input, Enterprise? enterprise, ValidationErrors? parseErrors)
    {
        var occupation = OccupationEntry.Resolve(occupations, input.OccupationCode, "occupationCode", parseErrors ??= new ValidationErrors());
        var position = input with
        {
            OccupationCode = occupation,
            IndustryCode = string.IsNullOrWhiteSpace(input.IndustryCode) ? enterprise?.IndustryCode : input.IndustryCode,
            // Normalise only a known code; anything else is left for Validate to report on the field.
            RegionCode = reference.Regions.Find(input.RegionCode ?? "")?.Code ?? input.RegionCode ?? "",
        };
        var errors = (parseErrors ?? new ValidationErrors()).AddMissing(position.Validate(reference));
        errors.When(input.EnterpriseId > 0 && enterprise is null, "enterpriseId", "must be an existing enterprise");
        if (errors.IsValid && !caller.InScope(reference.Regions, position.RegionCode))
        {
            errors.Add("regionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        return (position, errors);
    }
}

public sealed class TalentWrites(TalentStore store, Database db, ContactProtector protector, ReferenceData reference, OccupationNames occupations, TimeProvider time)
{
    /// <summary>
    /// A record the caller may see; someone else's view (with its masked contact data) is written to
    /// the audit log with <paramref name="reason"/>.
    /// </summary>
    public async Task<WriteResult<Talent>> ViewAsync(Caller caller, long id, string reason, CancellationToken ct)
    {
        var talent = await store.FindAsync(id, ct);
        if (talent is null || !caller.CanSeeTalent(reference.Regions, talent.Id, talent.ResidenceRegionCode, talent.Visibility))
        {
            return WriteResult.NotFound<Talent>();
        }
        if (caller.TalentId != id)
        {
            await AuditView(caller, talent, reason, ct);
        }
        return WriteResult.Ok<Talent>(talent);
    }

    /// <summary>
    /// A record the caller may change; one it may not even see is "not found". With an
    /// <paramref name="auditReason"/>, someone else's opening of the record is audited as a view.
    /// </summary>
    public async Task<WriteResult<Talent>> EditableAsync(Caller caller, long id, string? auditReason, CancellationToken ct)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null || !caller.CanSeeTalent(reference.Regions, id, existing.ResidenceRegionCode, existing.Visibility))
        {
            return WriteResult.NotFound<Talent>();
        }
        if (!caller.CanEditTalent(reference.Regions, id, existing.ResidenceRegionCode))
        {
            return WriteResult.Forbidden<Talent>();
        }
        if (auditReason is not null && caller.TalentId != id)
        {
            await AuditView(caller, existing, auditReason, ct);
        }
        return WriteResult.Ok<Talent>(existing);
    }

    public async Task<WriteResult<Talent>> CreateAsync(Caller caller, TalentDraft draft, ValidationErrors? parseErrors, CancellationToken ct)
    {
        if (!caller.CanCreateTalent && !caller.CreatesOwnTalent)
        {
            return WriteResult.Forbidden<Talent>();
        }
        var now = time.GetUtcNow();
        draft = Resolve(draft, ref parseErrors);
        var errors = await CheckAsync(caller, draft, null, parseErrors, now, ct);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Talent>(errors);
        }
        try
        {
            return WriteResult.Ok(await store.CreateAsync(draft.ToTalent(protector, now), caller.AccountId, ct, SealedPhone(draft),
                ownAccount: !caller.CanCreateTalent));
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Talent>(Duplicate(caller, e));
        }
    }

    public async Task<WriteResult<Talent>> UpdateAsync(Caller caller, long id, int? expectedVersion, TalentDraft draft, ValidationErrors? parseErrors,
        CancellationToken ct)
    {
        var editable = await EditableAsync(caller, id, null, ct);
        if (editable.Status != WriteStatus.Ok)
        {
            return editable;
        }
        if (expectedVersion is { } expected && editable.Value!.Version != expected)
        {
            return WriteResult.Conflict(editable.Value);
        }
        var now = time.GetUtcNow();
        draft = Resolve(draft, ref parseErrors);
        var errors = await CheckAsync(caller, draft, editable.Value, parseErrors, now, ct);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Talent>(errors);
        }
        try
        {
            var updated = await store.UpdateAsync(draft.ToTalent(protector, now, editable.Value), editable.Value!, caller.AccountId, ct, SealedPhone(draft));
            return updated is null ? WriteResult.Lost(await store.FindAsync(id, ct)) : WriteResult.Ok(updated);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Talent>(Duplicate(caller, e));
        }
    }

    public async Task<WriteResult<Talent>> DeleteAsync(Caller caller, long id, int? expectedVersion, CancellationToken ct)
    {
        var editable = await EditableAsync(caller, id, null, ct);
        if (editable.Status != WriteStatus.Ok)
        {
            return editable;
        }
        if (expectedVersion is { } expected && editable.Value!.Version != expected)
        {
            return WriteResult.Conflict(editable.Value);
        }
        if (await store.FlowCountAsync(id, ct) is > 0 and var flow)
        {
            return WriteResult.Invalid<Talent>(new ValidationErrors().Add("id", $"has {flow} applications and invitations; hide the record instead"));
        }
        return await store.DeleteAsync(editable.Value!, time.GetUtcNow(), caller.AccountId, ct)
            ? editable
            : WriteResult.Lost(await store.FindAsync(id, ct));
    }

    /// <summary>The phone number as typed, sealed for a later contact reveal (null when the form left it unchanged).</summary>
    private string? SealedPhone(TalentDraft draft) => string.IsNullOrWhiteSpace(draft.Phone) ? null : protector.Seal(ContactProtector.Normalize(draft.Phone));

    private Task AuditView(Caller caller, Talent talent, string reason, CancellationToken ct) =>
        AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.View, "talent", talent.Id, talent.ResidenceRegionCode, reason), ct);

    /// <summary>The draft with each occupation as typed (code, name or "code name") turned into its code; what names none or several is a field error.</summary>
    private TalentDraft Resolve(TalentDraft draft, ref ValidationErrors? parseErrors)
    {
        var errors = parseErrors ??= new ValidationErrors();
        return draft with
        {
            Occupations = draft.Occupations.Select(o => o with { Code = OccupationEntry.Resolve(occupations, o.Code, "occupations", errors) }).ToList(),
        };
    }

    private async Task<ValidationErrors> CheckAsync(Caller caller, TalentDraft draft, Talent? existing, ValidationErrors? parseErrors,
        DateTimeOffset now, CancellationToken ct)
    {
        var errors = (parseErrors ?? new ValidationErrors()).AddMissing(draft.Validate(reference, now.ToOffset(ChinaTime.Offset).Year, isNew: existing is null));
        var self = existing is not null && caller.TalentId == existing.Id;
        if (errors.IsValid && !self && !caller.InScope(reference.Regions, draft.ResidenceRegionCode))
        {
            errors.Add("residenceRegionCode", $"must lie inside your region ({caller.ScopeRegion})");
        }
        // One person, one record: neither the phone nor the ID number may belong to another talent.
        foreach (var (field, value) in new[] { ("phone", draft.Phone), ("idNumber", draft.IdNumber) })
        {
            if (errors.IsValid && !string.IsNullOrEmpty(value)
                && (await store.FindByContactHashAsync(protector.Hash(value), ct)).Any(other => other != existing?.Id))
            {
                errors.Add(field, Taken(caller));
            }
        }
        return errors;
    }

    /// <summary>A concurrent registration won the race for the same phone or ID number.</summary>
    private static ValidationErrors Duplicate(Caller caller, DbException e) =>
        new ValidationErrors().Add(e.Message.Contains("id_number", StringComparison.Ordinal) ? "idNumber" : "phone", Taken(caller));

    /// <summary>
    /// Only those who register people (operators, admins) are told that a number belongs to another person; anyone
    /// else editing their own record learns only that it cannot be used here, not whether it is in the pool.
    /// </summary>
    private static string Taken(Caller caller) =>
        caller.CanCreateTalent ? "is already registered to another talent" : "cannot be used for this record; please ask your operator";
}

/// <summary>An occupation field of the API as typed: a code, an exact name or alias, or "code name".</summary>
internal static class OccupationEntry
{
    /// <summary>The code the text names, or the text unchanged with a field error (unless the field has one) when it names none or several.</summary>
    public static string Resolve(OccupationNames names, string? typed, string field, ValidationErrors errors)
    {
        var text = typed?.Trim() ?? "";
        var match = names.Resolve(text);
        // A form has already said so, in the page's language.
        if (match.Found is not null || text.Length == 0 || errors.ToDictionary().ContainsKey(field))
        {
            return match.Found?.Code ?? text;
        }
        var listed = string.Join(", ", match.Candidates.Select(o => $"{o.Code} {o.Name}"));
        errors.Add(field, match.Ambiguous
            ? $"\"{text}\" names several occupations ({listed}): give the code"
            : $"\"{text}\" is no 小类 or 细类 code, name or alias" + (listed.Length > 0 ? $"; similar: {listed}" : ""));
        return text;
    }
}
