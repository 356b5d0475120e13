using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Notifications;

/// <summary>
/// One entry of an account's inbox. <see cref="Args"/> are the template's arguments: the position's title, the
/// enterprise's name and the talent's name — the last read from the talent record when shown, so that a talent who
/// asked for deletion is not named in anyone's inbox afterwards.
/// </summary>
public sealed record Notification(long Id, string Kind, string SubjectType, long SubjectId, IReadOnlyList<string> Args, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    /// <summary>The page the notification is about.</summary>
    public string Link => SubjectType switch
    {
        "application" => $"/applications/{SubjectId}",
        "agreement" => $"/agreements/{SubjectId}",
        "demandOrder" => $"/shared/orders/{SubjectId}",
        "proposal" => "/me/proposals",
        "expert" => "/me/expert",
        "earlyWarning" => $"/analytics/warnings?id={SubjectId}",
        "competitionInvitation" => "/me/competitions",
        "competition" => $"/competitions/{SubjectId}#results-heading",
        _ => "/me/applications",
    };
}

/// <summary>
/// The in-app inbox (issue 6, item 7): every flow event writes a row for each account it concerns, in the transaction of
/// the event, and — for an account that can be reached by phone or e-mail — a <see cref="Outbox.SendJobKind"/> job that
/// the job runner hands to the <see cref="INotificationSender"/>.
/// </summary>
public sealed class Inbox(Database db, TimeProvider time)
{
    private const string Columns =
        "n.id, n.kind, n.subject_type, n.subject_id, n.args, n.created_at, n.read_at, COALESCE(ta.name, ti.name)";

    /// <summary>Notifications with the talent they are about (for the name, see <see cref="Notification"/>).</summary>
    internal const string From =
        "notifications n LEFT JOIN applications a ON n.subject_type = 'application' AND a.id = n.subject_id LEFT JOIN talents ta ON ta.id = a.talent_id " +
        "LEFT JOIN invitations i ON n.subject_type = 'invitation' AND i.id = n.subject_id LEFT JOIN talents ti ON ti.id = i.talent_id";

    public async Task<Page<Notification>> ListAsync(long accountId, bool unreadOnly, int page, int pageSize, CancellationToken ct)
    {
        var where = new Where().Add("n.account_id = @accountId", "accountId", accountId);
        if (unreadOnly)
        {
            where.Add("n.read_at IS NULL");
        }
        return await ListSql.PageAsync(db, From, Columns, where, " ORDER BY n.id DESC",
            new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) }, Read,
            "notifications n", ct);
    }

    /// <summary>Unread notifications of an account (the header's badge: one indexed count per page).</summary>
    public async Task<int> UnreadCountAsync(long accountId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM notifications WHERE account_id = @accountId AND read_at IS NULL", new { accountId }, cancellationToken: ct));
    }

    /// <summary>Marks one notification (or, with no id, all) of the account as read; returns how many changed.</summary>
    public async Task<int> MarkReadAsync(long accountId, long? id, CancellationToken ct) =>
        await db.InTransactionAsync(async (c, tx) => await c.ExecuteAsync(
            "UPDATE notifications SET read_at = @now WHERE account_id = @accountId AND read_at IS NULL" + (id is null ? "" : " AND id = @id"),
            new { accountId, id, now = Database.Utc(time.GetUtcNow()) }, tx), ct);

    /// <summary>
    /// Writes the notification of a flow event for the accounts of the side it concerns (the other side's action; both
    /// sides for the system's), in the caller's transaction, with a send job for each account that has a contact.
    /// </summary>
    internal static async Task NotifyAsync(DbConnection c, DbTransaction tx, string subjectType, long subjectId, string kind, FlowActor actor,
        DateTimeOffset now)
    {
        var table = subjectType == "application" ? "applications" : "invitations";
        var (talentId, enterpriseId, title, enterprise) = await c.QuerySingleAsync<(long, long, string, string)>(
            $"SELECT x.talent_id, x.enterprise_id, p.title, e.name FROM {table} x JOIN positions p ON p.id = x.position_id " +
            "JOIN enterprises e ON e.id = x.enterprise_id WHERE x.id = @subjectId", new { subjectId }, tx);
        var sides = new List<string>();
        if (actor != FlowActor.Talent)
        {
            sides.Add("talent_id = @talentId");
        }
        if (actor != FlowActor.Enterprise)
        {
            sides.Add("(enterprise_id = @enterpriseId AND role IN (2, 3))");
        }
        var recipients = (await c.QueryAsync<(long Id, bool Reachable)>(
            $"SELECT id, contact_sealed IS NOT NULL FROM accounts WHERE {string.Join(" OR ", sides)}", new { talentId, enterpriseId }, tx)).ToList();
        await WriteAsync(c, tx, recipients, kind, subjectType, subjectId, [title, enterprise], now);
    }

    /// <summary>
    /// Notifies the operators whose own region is exactly <paramref name="regionCode"/> (a county's operators for a
    /// county's order, a city's for an escalation), in the caller's transaction.
    /// </summary>
    internal static async Task NotifyOperatorsAsync(DbConnection c, DbTransaction tx, string regionCode, string kind, string subjectType, long subjectId,
        string[] args, DateTimeOffset now)
    {
        var recipients = (await c.QueryAsync<(long Id, bool Reachable)>(
            "SELECT id, contact_sealed IS NOT NULL FROM accounts WHERE role = 4 AND region_code = @region",
            new { region = RegionCatalogue.Pad(regionCode) }, tx)).ToList();
        await WriteAsync(c, tx, recipients, kind, subjectType, subjectId, args, now);
    }

    /// <summary>Notifies the accounts of a talent (an expert) or of an enterprise (its users), in the caller's transaction.</summary>
    internal static async Task NotifyPartyAsync(DbConnection c, DbTransaction tx, long? talentId, long? enterpriseId, string kind, string subjectType,
        long subjectId, string[] args, DateTimeOffset now)
    {
        var recipients = (await c.QueryAsync<(long Id, bool Reachable)>(
            "SELECT id, contact_sealed IS NOT NULL FROM accounts WHERE talent_id = @talentId OR (enterprise_id = @enterpriseId AND role IN (2, 3))",
            new { talentId = talentId ?? -1, enterpriseId = enterpriseId ?? -1 }, tx)).ToList();
        await WriteAsync(c, tx, recipients, kind, subjectType, subjectId, args, now);
    }

    private static async Task WriteAsync(DbConnection c, DbTransaction tx, IEnumerable<(long Id, bool Reachable)> recipients, string kind,
        string subjectType, long subjectId, string[] templateArgs, DateTimeOffset now)
    {
        var args = JsonSerializer.Serialize(templateArgs, Row.Json);
        foreach (var (accountId, reachable) in recipients)
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO notifications (account_id, kind, subject_type, subject_id, args, created_at) " +
                "VALUES (@accountId, @kind, @subjectType, @subjectId, @args, @now) RETURNING id",
                new { accountId, kind, subjectType, subjectId, args, now = Database.Utc(now) }, tx);
            if (reachable)
            {
                await JobTable.EnqueueAsync(c, tx, Outbox.SendJobKind, new OutgoingPayload(id, null, null), now, now, maxAttempts: 3);
            }
        }
    }

    internal static Notification Read(DbDataReader r)
    {
        var args = JsonSerializer.Deserialize<List<string>>(r.GetString(4), Row.Json) ?? [];
        args.Add(r.NullableString(7) ?? "");
        return new Notification(r.Long(0), r.GetString(1), r.GetString(2), r.Long(3), args, r.Timestamp(5), r.NullableTimestamp(6));
    }
}
