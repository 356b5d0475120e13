using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Privacy;

/// <summary>Someone's look at a talent's record or contact, as the talent sees it in their data.</summary>
public sealed record RecordView(DateTimeOffset At, string? Who, string Action, string Reason);

/// <summary>Everything the platform holds about a talent and their account, as they download it (PIPL art. 45).</summary>
public sealed record PersonalDataExport(DateTimeOffset ExportedAt, ExportedAccount Account, Talent? Talent, IReadOnlyList<ExportedApplication> Applications,
    IReadOnlyList<Invitation> Invitations, IReadOnlyList<Agreement> Agreements, IReadOnlyList<ConversationMessage> Messages,
    IReadOnlyList<Notification> Notifications, IReadOnlyList<RecordView> Views, IReadOnlyList<ExportedExpert> SharedPool);

/// <summary>The talent's record in a city's shared pool with every admission application (evidence and pre-score), proposal and engagement.</summary>
public sealed record ExportedExpert(SharedExpert Expert, IReadOnlyList<AdmissionApplication> Applications, IReadOnlyList<Proposal> Proposals,
    IReadOnlyList<Engagement> Engagements);

public sealed record ExportedAccount(string DisplayName, string? Contact, string Role, string? ConsentVersion, DateTimeOffset? ConsentAt, string? Language);

public sealed record ExportedApplication(Application Application, SentProfile? SentProfile, IReadOnlyList<ApplicationStep> History);

/// <summary>
/// A talent's rights over their personal information (issue 6, item 8): the contact reveal to an enterprise the talent
/// applied to (audited with who, when and why), the download of everything held about them (audited), deletion by
/// anonymisation (counts and signed agreements' hashes stay), and the retention of refused applications' snapshots.
/// </summary>
public sealed class PersonalData(Database db, TalentStore talents, SearchIndex index, Applications applications,
    Invitations invitations, Agreements agreements, Conversations conversations, Inbox inbox, AccountStore accounts, IPasswordHasher<Account> hasher, ContactProtector protector,
    Experts experts, DemandOrders orders, Engagements engagements, TimeProvider time)
{
    public const int MaxReason = 200;
    /// <summary>The name an anonymised talent and account keep (counts and agreements still refer to the row).</summary>
    public const string AnonymisedName = "已注销用户";

    /// <summary>
    /// 查看联系方式: the talent's full phone number for an enterprise the talent applied to (or whose invitation they
    /// accepted): the application is the consent. Every reveal is an audit row with the reason. Null with errors when
    /// not allowed; NotFound when the caller cannot see the application.
    /// </summary>
    public async Task<(WriteStatus Status, string? Phone, ValidationErrors Errors)> RevealContactAsync(Caller caller, long applicationId, string? reason,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors();
        if (await applications.FindAsync(caller, applicationId, ct) is not { } application)
        {
            return (WriteStatus.NotFound, null, errors);
        }
        if (applications.SideOf(caller, application) != FlowActor.Enterprise)
        {
            return (WriteStatus.Forbidden, null, errors);
        }
        if (!errors.Required(reason, "reason", MaxReason).IsValid)
        {
            return (WriteStatus.Invalid, null, errors);
        }
        await using var c = await db.OpenAsync(ct);
        var (sealedPhone, region) = await c.QuerySingleAsync<(string?, string)>(new CommandDefinition(
            "SELECT phone_sealed, residence_region_code FROM talents WHERE id = @TalentId", new { application.TalentId }, cancellationToken: ct));
        if (sealedPhone is null)
        {
            return (WriteStatus.Invalid, null, errors.Add("reason", "the talent left no phone number the platform may show; write in the conversation instead"));
        }
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.View, "talent", application.TalentId,
            RegionCatalogue.Significant(region), $"contact reveal (application {applicationId}): {reason!.Trim()}", null), ct);
        return (WriteStatus.Ok, protector.Unseal(sealedPhone), errors);
    }

    /// <summary>Everything held about the signed-in talent and their account; the download itself is audited.</summary>
    public async Task<PersonalDataExport?> ExportAsync(Caller caller, string purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } accountId || await accounts.FindAsync(accountId, ct) is not { } account)
        {
            return null;
        }
        var talent = caller.TalentId is { } talentId ? await talents.FindAsync(talentId, ct) : null;
        var exported = new List<ExportedApplication>();
        var invited = new List<Invitation>();
        var signed = new List<Agreement>();
        var views = new List<RecordView>();
        var messages = new List<ConversationMessage>();
        var shared = new List<ExportedExpert>();
        if (talent is not null)
        {
            var proposals = await orders.ProposalsForTalentAsync(talent.Id, ct);
            var engaged = (await engagements.ListAsync(caller, ct)).Where(g => g.TalentId == talent.Id).ToList();
            foreach (var expert in await experts.ForTalentAsync(talent.Id, ct))
            {
                shared.Add(new ExportedExpert(expert, await experts.ApplicationsAsync(expert.Id, ct), [.. proposals.Where(p => p.ExpertId == expert.Id)],
                    [.. engaged.Where(g => g.ExpertId == expert.Id)]));
            }
            foreach (var a in await AllAsync((p, size) => applications.ForTalentAsync(talent.Id, p, size, ct)))
            {
                exported.Add(new ExportedApplication(a, await applications.SentProfileAsync(a.Id, ct), await applications.HistoryAsync(a.Id, ct)));
            }
            invited.AddRange(await AllAsync((p, size) => invitations.ForTalentAsync(talent.Id, p, size, ct)));
            signed.AddRange(await AllAsync((p, size) => agreements.ForTalentAsync(talent.Id, p, size, ct)));
            var keys = exported.Select(a => new ConversationKey(ConversationKind.Application, a.Application.Id))
                .Concat(invited.Select(i => new ConversationKey(ConversationKind.Invitation, i.Id)))
                .Concat(engaged.Select(g => new ConversationKey(ConversationKind.Engagement, g.Id)));
            foreach (var key in keys)
            {
                if (await conversations.FindAsync(caller, key, ct) is not { } conversation)
                {
                    continue;
                }
                for (var after = 0L; ;)
                {
                    var page = await conversations.ListAsync(conversation, after, 500, ct);
                    messages.AddRange(page);
                    if (page.Count < 500)
                    {
                        break;
                    }
                    after = page[^1].Id;
                }
            }
            await using var c = await db.OpenAsync(ct);
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                "SELECT l.at, a.display_name, l.action, l.reason FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id " +
                "WHERE l.subject_type = 'talent' AND l.subject_id = @id AND l.action IN ('view', 'export') AND (l.account_id IS NULL OR l.account_id <> @accountId) " +
                "ORDER BY l.id", new { id = talent.Id, accountId }, cancellationToken: ct));
            while (await r.ReadAsync(ct))
            {
                views.Add(new RecordView(r.Timestamp(0), r.NullableString(1), r.GetString(2), r.GetString(3)));
            }
        }
        var notes = await AllAsync((p, size) => inbox.ListAsync(accountId, false, p, size, ct));
        var now = time.GetUtcNow();
        await AuditTrail.WriteAsync(db, new AuditEntry(now, accountId, AuditAction.Export, talent is null ? "account" : "talent", talent?.Id ?? accountId,
            talent?.ResidenceRegionCode, $"personal data download ({purpose})"), ct);
        return new PersonalDataExport(now,
            new ExportedAccount(account.DisplayName, account.ContactMasked, account.Role.ToString(), account.ConsentVersion, account.ConsentAt, account.Language),
            talent, exported, invited, signed, messages, notes, views, shared);
    }

    private static async Task<List<T>> AllAsync<T>(Func<int, int, Task<Page<T>>> page)
    {
        var all = new List<T>();
        for (var n = 1; ; n++)
        {
            var p = await page(n, ListQuery.MaxPageSize);
            all.AddRange(p.Items);
            if (n >= p.PageCount)
            {
                return all;
            }
        }
    }

    /// <summary>
    /// Deletes the signed-in talent's personal data at their request, after the password confirms it is them: the record
    /// and account are anonymised (name, contact, ID, free text, search terms), snapshots sent and the texts around
    /// their applications and invitations removed (with the conversations' messages), open applications withdrawn and open invitations declined, sessions,
    /// tokens, notifications and pending resets removed. Kept: the rows themselves with their states and dates (counts
    /// for the statistics) and the signed agreements with their hashes. One transaction, one audit row.
    /// </summary>
    public async Task<WriteResult<Account>> DeleteAsync(Caller caller, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } accountId || await accounts.FindAsync(accountId, ct) is not { } account || account.Role != Role.Talent)
        {
            return WriteResult.Forbidden<Account>();
        }
        if (string.IsNullOrEmpty(password) || hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return WriteResult.Invalid<Account>(new ValidationErrors().Add("password", "is not the password of this account"));
        }
        var now = time.GetUtcNow();
        var at = Database.Utc(now);
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (account.TalentId is { } talentId && await talents.FindAsync(talentId, ct) is { } talent)
            {
                // Open steps end first, each as a step of its own (the other side sees why the application went away).
                var open = await c.QueryAsync<long>("SELECT id FROM applications WHERE talent_id = @talentId AND state IN (0, 1, 2, 3, 4)", new { talentId }, tx);
                foreach (var id in open)
                {
                    await Applications.MoveInAsync(c, tx, id, ApplicationAction.Withdraw, FlowActor.Talent, accountId, "personal data deleted", now);
                }
                foreach (var (id, region) in await c.QueryAsync<(long, string)>("SELECT id, region_code FROM invitations WHERE talent_id = @talentId AND state = 0",
                             new { talentId }, tx))
                {
                    await c.ExecuteAsync("UPDATE invitations SET state = @declined, version = version + 1, answered_at = @at WHERE id = @id",
                        new { declined = (int)InvitationState.Declined, at, id }, tx);
                    await Invitations.AuditAsync(c, tx, id, now, accountId, InvitationState.Sent, InvitationState.Declined, "decline", region);
                }
                var anonymous = talent with
                {
                    Name = AnonymisedName, PhoneMasked = "***", PhoneHash = $"deleted:{talentId}", IdNumberMasked = null, IdNumberHash = null, Major = null,
                    Skills = [], Certificates = [], Visibility = TalentVisibility.Hidden, Status = TalentStatus.Inactive, UpdatedAt = now,
                };
                await c.ExecuteAsync(
                    "UPDATE talents SET name = @Name, phone_masked = @PhoneMasked, phone_hash = @PhoneHash, id_number_masked = NULL, id_number_hash = NULL, " +
                    "major = NULL, skills = '[]', certificates = '[]', visibility = @Visibility, status = @Status, phone_sealed = NULL, anonymised_at = @at, " +
                    "updated_at = @at, version = version + 1 WHERE id = @Id",
                    new { anonymous.Name, anonymous.PhoneMasked, anonymous.PhoneHash, Visibility = (int)anonymous.Visibility, Status = (int)anonymous.Status, at, anonymous.Id },
                    tx);
                await index.WriteAsync(c, tx, talentId, anonymous, ct);
                await c.ExecuteAsync("UPDATE applications SET snapshot = NULL, refusal_reason = NULL, interview_place = NULL WHERE talent_id = @talentId",
                    new { talentId }, tx);
                await c.ExecuteAsync("UPDATE application_events SET note = NULL WHERE application_id IN (SELECT id FROM applications WHERE talent_id = @talentId)",
                    new { talentId }, tx);
                await c.ExecuteAsync("UPDATE invitations SET message = '' WHERE talent_id = @talentId", new { talentId }, tx);
                // The conversations are free text of both sides about the person: they go, with their read marks.
                await c.ExecuteAsync("DELETE FROM messages WHERE application_id IN (SELECT id FROM applications WHERE talent_id = @talentId) " +
                    "OR invitation_id IN (SELECT id FROM invitations WHERE talent_id = @talentId) " +
                    "OR engagement_id IN (SELECT id FROM engagements WHERE talent_id = @talentId)", new { talentId }, tx);
                // The shared pool: the expert leaves every pool; evidence and its files, tags, summary and the free text of
                // engagements go; the pre-scores, states and dates stay. A proposal still waiting lapses at its reply time and
                // the next expert is proposed then, as for any expert who does not answer.
                const string Experts = "SELECT id FROM shared_experts WHERE talent_id = @talentId";
                await c.ExecuteAsync($"DELETE FROM admission_files WHERE expert_id IN ({Experts})", new { talentId }, tx);
                await c.ExecuteAsync($"DELETE FROM shared_expert_tags WHERE expert_id IN ({Experts})", new { talentId }, tx);
                await c.ExecuteAsync($"UPDATE admission_applications SET evidence = '{{\"items\":[]}}', decision_reason = NULL WHERE expert_id IN ({Experts})",
                    new { talentId }, tx);
                await c.ExecuteAsync("UPDATE shared_experts SET state = 4, summary = '', version = version + 1, updated_at = @at WHERE talent_id = @talentId",
                    new { talentId, at = Database.Utc(now) }, tx);
                await c.ExecuteAsync("UPDATE engagements SET deliverables = NULL WHERE talent_id = @talentId", new { talentId }, tx);
                await c.ExecuteAsync("UPDATE engagement_ratings SET comment = NULL WHERE engagement_id IN (SELECT id FROM engagements WHERE talent_id = @talentId)",
                    new { talentId }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "talent", talentId, talent.ResidenceRegionCode,
                    "personal data deleted at the talent's request", Row.ToJson(new Dictionary<string, object?> { ["anonymised"] = true })));
            }
            await c.ExecuteAsync(
                "UPDATE accounts SET display_name = @name, user_name = @userName, password_hash = @unusable, contact_kind = NULL, contact_hash = NULL, " +
                "contact_masked = NULL, contact_sealed = NULL, failed_logins = 0, locked_until = NULL WHERE id = @accountId",
                new { name = AnonymisedName, userName = $"~deleted-{accountId}", unusable = "!" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), accountId },
                tx);
            await c.ExecuteAsync("UPDATE sessions SET ended_at = @at WHERE account_id = @accountId AND ended_at IS NULL", new { at, accountId }, tx);
            await c.ExecuteAsync("UPDATE api_tokens SET revoked_at = @at WHERE account_id = @accountId AND revoked_at IS NULL", new { at, accountId }, tx);
            await c.ExecuteAsync("DELETE FROM notifications WHERE account_id = @accountId", new { accountId }, tx);
            await c.ExecuteAsync("DELETE FROM password_resets WHERE account_id = @accountId", new { accountId }, tx);
            await c.ExecuteAsync("DELETE FROM conversation_reads WHERE account_id = @accountId", new { accountId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "account", accountId, null, "personal data deleted"),
                "account.deleted");
            return 0;
        }, ct);
        return WriteResult.Ok(account);
    }

    /// <summary>
    /// The retention rule: the profile sent with an application refused (or withdrawn, or expired) more than
    /// <paramref name="keep"/> ago is deleted, unless the talent agreed that the enterprise may keep it for other
    /// positions. Returns how many snapshots were deleted.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(TimeSpan keep, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE applications SET snapshot = NULL WHERE snapshot IS NOT NULL AND state IN (6, 7, 8) AND updated_at < @before AND " +
            (db.Engine == DatabaseEngine.Postgres ? "NOT keep_for_other_positions" : "keep_for_other_positions = 0"),
            new { before = Database.Utc(time.GetUtcNow() - keep) }, tx), ct);
}
