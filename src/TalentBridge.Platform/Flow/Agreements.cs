using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Domain;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Flow;

/// <summary>
/// A signed agreement (签约) as stored: the confirmed terms, both confirmations (who, when) and the content hash; and, once
/// it was terminated (解约), when, by whom and why (outside the hash: the terms as signed never change).
/// </summary>
public sealed record Agreement(long Id, long ApplicationId, long PositionId, long TalentId, string TalentName, long EnterpriseId, string EnterpriseName,
    string RegionCode, OfferTerms Terms, DateTimeOffset OfferedAt, long? OfferedById, string? OfferedBy, DateTimeOffset SignedAt, long? SignedById,
    string? SignedBy, string ContentHash, DateTimeOffset? TerminatedAt = null, string? TerminatedBy = null, string? TerminationReason = null)
{
    /// <summary>Whether the stored hash is that of the stored terms and confirmations (it always is, unless the row was tampered with outside the platform).</summary>
    public bool HashMatches => Terms.AgreementHash(ApplicationId, TalentId, EnterpriseId, OfferedAt, OfferedById, SignedAt, SignedById) == ContentHash;
}

/// <summary>Signed agreements for their two sides (and operators of their region): the talent's list, one agreement, its audited download and its termination.</summary>
public sealed class Agreements(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxTerminationReason = 500;

    internal const string Columns =
        "g.id, g.application_id, g.position_id, g.talent_id, t.name, g.enterprise_id, e.name, g.region_code, g.terms, g.offered_at, g.offered_by, o.display_name, " +
        "g.signed_at, g.signed_by, s.display_name, g.content_hash, g.terminated_at, x.display_name, g.termination_reason";

    internal const string From =
        "agreements g JOIN talents t ON t.id = g.talent_id JOIN enterprises e ON e.id = g.enterprise_id " +
        "LEFT JOIN accounts o ON o.id = g.offered_by LEFT JOIN accounts s ON s.id = g.signed_by LEFT JOIN accounts x ON x.id = g.terminated_by";

    /// <summary>The agreement of an application, if the caller is one of its sides, an operator of its region or an administrator.</summary>
    public async Task<Agreement?> FindAsync(Caller caller, long applicationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From} WHERE g.application_id = @applicationId",
            new { applicationId }, cancellationToken: ct));
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        var agreement = Read(r);
        return caller.FlowSide(reference.Regions, agreement.TalentId, agreement.EnterpriseId, agreement.RegionCode) is null ? null : agreement;
    }

    /// <summary>A talent's agreements, newest first.</summary>
    public Task<Page<Agreement>> ForTalentAsync(long talentId, int page, int pageSize, CancellationToken ct) =>
        ListSql.PageAsync(db, From, Columns, new Where().Add("g.talent_id = @talentId", "talentId", talentId), " ORDER BY g.signed_at DESC, g.id DESC",
            new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) }, Read, "agreements g", ct);

    /// <summary>Records the download of an agreement (an export of personal data: who, when, which).</summary>
    public Task AuditDownloadAsync(Caller caller, Agreement agreement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(agreement);
        return AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "agreement", agreement.Id, agreement.RegionCode,
            "agreement download"), ct);
    }

    /// <summary>
    /// 解约: ends the agreement of an application, for either side (the talent, the enterprise's users), an operator of its
    /// region or an administrator, with a reason; once. Written with its audit row, its event (<c>agreement.terminate</c>) and
    /// the other side's notification in one transaction; the analytics count it in the month it happened.
    /// </summary>
    public async Task<WriteResult<Agreement>> TerminateAsync(Caller caller, long applicationId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(caller, applicationId, ct) is not { } agreement)
        {
            return WriteResult.NotFound<Agreement>();
        }
        var errors = new ValidationErrors()
            .When(agreement.TerminatedAt is not null, "agreement", "is terminated already")
            .Required(reason, "reason", MaxTerminationReason);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Agreement>(errors);
        }
        var now = time.GetUtcNow();
        var text = reason!.Trim();
        var terminated = await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(
                    "UPDATE agreements SET terminated_at = @now, terminated_by = @account, termination_reason = @text WHERE id = @id AND terminated_at IS NULL",
                    new { now = Database.Utc(now), account = caller.AccountId, text, id = agreement.Id }, tx) == 0)
            {
                return false;
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "agreement", agreement.Id, agreement.RegionCode,
                "terminate", JsonSerializer.Serialize(new Dictionary<string, string?[]> { ["terminationReason"] = [null, text] }, Row.Json)),
                "agreement.terminate");
            // The other side learns of it (both sides when an operator or an administrator ended it).
            var byTalent = caller.TalentId == agreement.TalentId;
            var byEnterprise = !byTalent && caller.IsEnterpriseUser && caller.EnterpriseId == agreement.EnterpriseId;
            var title = await c.ExecuteScalarAsync<string>("SELECT title FROM positions WHERE id = @id", new { id = agreement.PositionId }, tx);
            await Inbox.NotifyPartyAsync(c, tx, byTalent ? null : agreement.TalentId, byEnterprise ? null : agreement.EnterpriseId, "agreement.terminate",
                "agreement", agreement.ApplicationId, [title ?? "", agreement.EnterpriseName], now);
            return true;
        }, ct);
        return terminated
            ? WriteResult.Ok((await FindAsync(caller, applicationId, ct))!)
            : WriteResult.Invalid<Agreement>(new ValidationErrors().Add("agreement", "is terminated already"));
    }

    internal static Agreement Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.Long(2), r.Long(3), r.GetString(4), r.Long(5), r.GetString(6),
        RegionCatalogue.Significant(r.GetString(7)), JsonSerializer.Deserialize<OfferTerms>(r.GetString(8), Row.Json)!, r.Timestamp(9), r.NullableLong(10),
        r.NullableString(11), r.Timestamp(12), r.NullableLong(13), r.NullableString(14), r.GetString(15), r.NullableTimestamp(16), r.NullableString(17),
        r.NullableString(18));
}
