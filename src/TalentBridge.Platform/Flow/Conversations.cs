using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Flow;

/// <summary>What a conversation belongs to: an application (投档), an invitation (邀约) or a shared expert's engagement. Stored as these numbers.</summary>
public enum ConversationKind
{
    Application = 1,
    Invitation = 2,
    Engagement = 3,
}

/// <summary>One conversation: the application or invitation it belongs to.</summary>
public readonly record struct ConversationKey(ConversationKind Kind, long Id)
{
    /// <summary>"application:12": the audit reason of a message and the key's text.</summary>
    public override string ToString() => $"{Subject}:{Id}";

    /// <summary>The subject type of what the conversation belongs to ("application", "invitation", "engagement").</summary>
    public string Subject => Kind switch
    {
        ConversationKind.Application => "application",
        ConversationKind.Invitation => "invitation",
        _ => "engagement",
    };

    internal string Table => Subject + "s";

    internal string Column => Subject + "_id";
}

/// <summary>
/// A conversation as the caller sees it. <paramref name="Side"/> is the side the caller writes as: the talent, or the
/// enterprise's own users; null for operators and administrators, who may read (supervision) but not write.
/// <paramref name="ClosedBecause"/> is the rule that stops new messages, or null while it is open.
/// </summary>
public sealed record Conversation(ConversationKey Key, long PositionId, string PositionTitle, long TalentId, string TalentName, long EnterpriseId,
    string EnterpriseName, string RegionCode, FlowActor? Side, string? ClosedBecause, long? ApplicationId)
{
    public bool CanWrite => Side is not null && ClosedBecause is null;
}

/// <summary>An attachment as stored: its cleaned name, the type read from its bytes and its size in bytes.</summary>
public sealed record MessageAttachment(string Name, string ContentType, int Size);

/// <summary>One message; the body and the attachment may not both be missing.</summary>
public sealed record ConversationMessage(long Id, ConversationKey Conversation, long SenderAccountId, string? SenderName, FlowActor SenderSide,
    string? Body, MessageAttachment? Attachment, DateTimeOffset SentAt);

/// <summary>One line of a caller's message list: the conversation, its last message and how many of the other side's are unread.</summary>
public sealed record ConversationSummary(ConversationKey Key, string PositionTitle, string TalentName, string EnterpriseName, long LastMessageId,
    DateTimeOffset LastMessageAt, int Unread);

/// <summary>
/// A file as uploaded: its name as the client gave it, its declared length and its bytes (read only when the length is
/// within <see cref="Conversations.MaxAttachmentBytes"/>, so that a large upload is refused without being held in memory).
/// </summary>
public sealed record AttachmentUpload(string FileName, long Length, byte[] Content)
{
    /// <summary>
    /// The type the file's bytes show (PDF, PNG or JPEG), or null after adding to <paramref name="errors"/> why it is
    /// refused: empty, larger than <see cref="Conversations.MaxAttachmentBytes"/>, or of another type.
    /// </summary>
    public string? Check(ValidationErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var type = Conversations.Sniff(Content);
        var length = Math.Max(Length, Content.Length);
        errors.When(length == 0, field, "is empty")
            .When(length > Conversations.MaxAttachmentBytes, field, $"must be at most {Conversations.MaxAttachmentBytes / (1024 * 1024)} MB")
            .When(length is > 0 and <= Conversations.MaxAttachmentBytes && type is null, field, "must be a PDF, PNG or JPEG file (its content is checked, not its name)");
        return length is > 0 and <= Conversations.MaxAttachmentBytes ? type : null;
    }

    public static async Task<AttachmentUpload> ReadAsync(string fileName, long length, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (length > Conversations.MaxAttachmentBytes)
        {
            return new AttachmentUpload(fileName, length, []);
        }
        using var buffer = new MemoryStream((int)length);
        await content.CopyToAsync(buffer, ct);
        return new AttachmentUpload(fileName, buffer.Length, buffer.ToArray());
    }
}

/// <summary>
/// 一键沟通 (issue 6): one conversation per application and one per invitation between the talent and the enterprise's
/// users; operators of the region and administrators may read it but not write in it. A message is a body of 1 to
/// <see cref="MaxBody"/> characters, an attachment (PDF, PNG or JPEG by its first bytes, never by the client's name or
/// type; at most <see cref="MaxAttachmentBytes"/>) or both; it is written with its audit row and its event
/// (<c>message.send</c>, without the body) in one transaction. Posting stays open while the application or invitation
/// is open and for <see cref="DaysAfterSigning"/> days after signing; a closed conversation stays readable. Everything
/// lives in the database, so every app node serves every conversation (ADR 0012).
/// </summary>
public sealed class Conversations(Database db, Applications applications, Invitations invitations, Engagements engagements, TimeProvider time)
{
    public const int MaxBody = 2000;
    public const int MaxAttachmentBytes = 2 * 1024 * 1024;
    public const int MaxAttachmentName = 120;
    public const int DaysAfterSigning = 30;
    public const string SendEventKind = "message.send";

    private const string MessageColumns =
        "m.id, m.application_id, m.invitation_id, m.sender_account_id, s.display_name, m.sender_side, m.body, m.attachment_name, m.attachment_type, " +
        "m.attachment_size, m.sent_at, m.engagement_id";

    /// <summary>The conversation if the caller may read it (a side of it, an operator of its region or an administrator), else null.</summary>
    public async Task<Conversation?> FindAsync(Caller caller, ConversationKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        if (key.Kind == ConversationKind.Application)
        {
            return await applications.FindAsync(caller, key.Id, ct) is { } a
                ? new Conversation(key, a.PositionId, a.PositionTitle, a.TalentId, a.TalentName, a.EnterpriseId, a.EnterpriseName, a.RegionCode,
                    WriterSide(caller, a.TalentId, a.EnterpriseId), ApplicationClosed(a.State, a.UpdatedAt, now), a.Id)
                : null;
        }
        if (key.Kind == ConversationKind.Engagement)
        {
            // An engagement's "position" is its order (id and title); there is no application behind it.
            return await engagements.FindAsync(caller, key.Id, ct) is { } g
                ? new Conversation(key, g.OrderId, g.OrderTitle, g.TalentId, g.ExpertName, g.EnterpriseId, g.EnterpriseName, g.RegionCode,
                    WriterSide(caller, g.TalentId, g.EnterpriseId), EngagementClosed(g.State, g.EndedAt, now), null)
                : null;
        }
        return await invitations.FindAsync(caller, key.Id, ct) is { } i
            ? new Conversation(key, i.PositionId, i.PositionTitle, i.TalentId, i.TalentName, i.EnterpriseId, i.EnterpriseName, i.RegionCode,
                WriterSide(caller, i.TalentId, i.EnterpriseId), InvitationClosed(i.State), i.ApplicationId)
            : null;
    }

    /// <summary>The talent writes as the talent, the enterprise's own users as the enterprise; anyone else only reads.</summary>
    private static FlowActor? WriterSide(Caller caller, long talentId, long enterpriseId) =>
        caller.TalentId == talentId ? FlowActor.Talent
        : caller.IsEnterpriseUser && caller.EnterpriseId == enterpriseId ? FlowActor.Enterprise
        : null;

    /// <summary>Open while the engagement runs and for <see cref="DaysAfterSigning"/> days after it was completed.</summary>
    internal static string? EngagementClosed(EngagementState state, DateTimeOffset? endedAt, DateTimeOffset now) =>
        state == EngagementState.Completed && endedAt is { } ended && now - ended > TimeSpan.FromDays(DaysAfterSigning)
            ? $"is closed: {DaysAfterSigning} days have passed since the engagement was completed"
            : null;

    /// <summary>Open with the application, and for <see cref="DaysAfterSigning"/> days after signing (the last step of a signed application).</summary>
    internal static string? ApplicationClosed(ApplicationState state, DateTimeOffset updatedAt, DateTimeOffset now) => state switch
    {
        ApplicationState.Signed when now - updatedAt > TimeSpan.FromDays(DaysAfterSigning) => $"is closed: {DaysAfterSigning} days have passed since signing",
        ApplicationState.Signed => null,
        _ when Flows.IsOpen(state) => null,
        _ => "is closed: the application has ended",
    };

    /// <summary>Open while the invitation waits for its answer; once accepted the talk goes on in the application.</summary>
    internal static string? InvitationClosed(InvitationState state) => state switch
    {
        InvitationState.Sent => null,
        InvitationState.Accepted => "is closed: the invitation was accepted; write in the application",
        _ => "is closed: the invitation has ended",
    };

    /// <summary>
    /// Sends a message as the caller's side. The state is read again under a lock of the application or invitation, so a
    /// message never lands after its conversation closed, and (on PostgreSQL) messages of one conversation commit in the
    /// order of their ids, which the live streams rely on.
    /// </summary>
    public async Task<WriteResult<ConversationMessage>> SendAsync(Caller caller, ConversationKey key, string? body, AttachmentUpload? attachment,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(caller, key, ct) is not { } conversation)
        {
            return WriteResult.NotFound<ConversationMessage>();
        }
        if (conversation.Side is not { } side || caller.AccountId is not { } account)
        {
            return WriteResult.Forbidden<ConversationMessage>();
        }
        var text = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        var errors = new ValidationErrors()
            .When(text is null && attachment is null, "body", "write a message or attach a file")
            .Optional(text, "body", MaxBody);
        var type = attachment?.Check(errors, "attachment");
        errors.When(conversation.ClosedBecause is not null, "conversation", conversation.ClosedBecause ?? "");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<ConversationMessage>(errors);
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ClosedNowAsync(c, tx, key, now) is { } closed)
            {
                return WriteResult.Invalid<ConversationMessage>(new ValidationErrors().Add("conversation", closed));
            }
            var stored = attachment is null ? null : new MessageAttachment(FileName(attachment.FileName, type!), type!, attachment.Content.Length);
            var id = await c.ExecuteScalarAsync<long>(
                $"INSERT INTO messages ({key.Column}, sender_account_id, sender_side, body, attachment_name, attachment_type, attachment_size, attachment, sent_at) " +
                "VALUES (@subjectId, @accountId, @side, @text, @name, @type, @size, @content, @at) RETURNING id",
                new
                {
                    subjectId = key.Id, accountId = account, side = (int)side, text, name = stored?.Name, type = stored?.ContentType,
                    size = stored?.Size, content = attachment?.Content, at = Database.Utc(now),
                }, tx);
            var detail = new Dictionary<string, object?> { ["side"] = JsonNamingPolicy.CamelCase.ConvertName(side.ToString()) };
            if (stored is not null)
            {
                detail["attachment"] = new object[] { stored.ContentType, stored.Size };
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "message", id, conversation.RegionCode,
                key.ToString(), JsonSerializer.Serialize(detail, Row.Json)), SendEventKind);
            // Whoever writes has read what came before.
            await MarkReadAsync(c, tx, account, key, id);
            return WriteResult.Ok(new ConversationMessage(id, key, account, null, side, text, stored, now));
        }, ct);
    }

    /// <summary>The rule that closes the conversation as stored now, read under a row lock (PostgreSQL; SQLite has one writer anyway).</summary>
    private async Task<string?> ClosedNowAsync(DbConnection c, DbTransaction tx, ConversationKey key, DateTimeOffset now)
    {
        var lockRow = db.Engine == DatabaseEngine.Postgres ? " FOR NO KEY UPDATE" : "";
        if (key.Kind == ConversationKind.Application)
        {
            await using var r = await c.ExecuteReaderAsync($"SELECT state, updated_at FROM applications WHERE id = @id{lockRow}", new { id = key.Id }, tx);
            return await r.ReadAsync() ? ApplicationClosed((ApplicationState)r.Int(0), r.Timestamp(1), now) : "is closed: the application has ended";
        }
        if (key.Kind == ConversationKind.Engagement)
        {
            await using var r = await c.ExecuteReaderAsync($"SELECT state, ended_at FROM engagements WHERE id = @id{lockRow}", new { id = key.Id }, tx);
            return await r.ReadAsync() ? EngagementClosed((EngagementState)r.Int(0), r.NullableTimestamp(1), now) : "is closed: the engagement has ended";
        }
        var state = await c.ExecuteScalarAsync<int>($"SELECT state FROM invitations WHERE id = @id{lockRow}", new { id = key.Id }, tx);
        return InvitationClosed((InvitationState)state);
    }

    /// <summary>The conversation's messages after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ConversationMessage>> ListAsync(Conversation conversation, long afterId, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = conversation.Key;
        return await QueryAsync($"WHERE m.{key.Column} = @id AND m.id > @afterId ORDER BY m.id LIMIT @limit",
            new { id = key.Id, afterId, limit = Math.Clamp(limit, 1, 500) }, ct);
    }

    /// <summary>
    /// The last <paramref name="limit"/> messages before <paramref name="beforeId"/> (or the newest), oldest first, and
    /// whether older ones exist.
    /// </summary>
    public async Task<(IReadOnlyList<ConversationMessage> Messages, bool HasOlder)> RecentAsync(Conversation conversation, long? beforeId, int limit,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = conversation.Key;
        limit = Math.Clamp(limit, 1, 500);
        var newest = await QueryAsync($"WHERE m.{key.Column} = @id AND m.id < @beforeId ORDER BY m.id DESC LIMIT @take",
            new { id = key.Id, beforeId = beforeId ?? long.MaxValue, take = limit + 1 }, ct);
        return ([.. newest.Take(limit).Reverse()], newest.Count > limit);
    }

    private async Task<IReadOnlyList<ConversationMessage>> QueryAsync(string whereAndOrder, object parameters, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {MessageColumns} FROM messages m LEFT JOIN accounts s ON s.id = m.sender_account_id {whereAndOrder}", parameters, cancellationToken: ct));
        var messages = new List<ConversationMessage>();
        while (await reader.ReadAsync(ct))
        {
            messages.Add(Read(reader));
        }
        return messages;
    }

    /// <summary>An attachment of a message of this conversation (never of another), or null.</summary>
    public async Task<(MessageAttachment Attachment, byte[] Content)?> AttachmentAsync(Conversation conversation, long messageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var c = await db.OpenAsync(ct);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT attachment_name, attachment_type, attachment_size, attachment FROM messages WHERE id = @messageId AND {conversation.Key.Column} = @id " +
            "AND attachment IS NOT NULL", new { messageId, id = conversation.Key.Id }, cancellationToken: ct));
        if (!await r.ReadAsync(ct))
        {
            return null;
        }
        return (new MessageAttachment(r.GetString(0), r.GetString(1), r.Int(2)), (byte[])r.GetValue(3));
    }

    /// <summary>The caller has read the conversation up to <paramref name="messageId"/> (a read mark only moves forward).</summary>
    public async Task MarkReadAsync(Caller caller, ConversationKey key, long messageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } account || messageId <= 0)
        {
            return;
        }
        await db.InTransactionAsync(async (c, tx) =>
        {
            await MarkReadAsync(c, tx, account, key, messageId);
            return 0;
        }, ct);
    }

    private static Task<int> MarkReadAsync(DbConnection c, DbTransaction tx, long account, ConversationKey key, long messageId) =>
        c.ExecuteAsync(
            "INSERT INTO conversation_reads (account_id, kind, subject_id, last_read_message_id) VALUES (@account, @kind, @subjectId, @messageId) " +
            "ON CONFLICT (account_id, kind, subject_id) DO UPDATE SET last_read_message_id = excluded.last_read_message_id " +
            "WHERE excluded.last_read_message_id > conversation_reads.last_read_message_id",
            new { account, kind = (int)key.Kind, subjectId = key.Id, messageId }, tx);

    /// <summary>
    /// The conversations the caller is a side of: the talent's own, or those of the enterprise of an enterprise user
    /// (operators and administrators have no unread messages: they only read). Null when the caller is neither.
    /// </summary>
    private static (string Column, long Party, FlowActor Side)? PartyOf(Caller caller) =>
        caller.TalentId is { } talent ? ("talent_id", talent, FlowActor.Talent)
        : caller.IsEnterpriseUser && caller.EnterpriseId is { } enterprise ? ("enterprise_id", enterprise, FlowActor.Enterprise)
        : null;

    /// <summary>The other side's messages the caller has not read, over all the caller's conversations (the header's badge).</summary>
    public async Task<int> UnreadCountAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (PartyOf(caller) is not { } party || caller.AccountId is not { } account)
        {
            return 0;
        }
        string Count(ConversationKey kind) =>
            $"(SELECT count(*) FROM messages m JOIN {kind.Table} x ON x.id = m.{kind.Column} {ReadJoin(kind.Kind, $"m.{kind.Column}")} " +
            $"WHERE x.{party.Column} = @party AND {Unread})";
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT {Count(new ConversationKey(ConversationKind.Application, 0))} + {Count(new ConversationKey(ConversationKind.Invitation, 0))} + " +
            Count(new ConversationKey(ConversationKind.Engagement, 0)),
            new { party = party.Party, account, side = (int)party.Side }, cancellationToken: ct));
    }

    /// <summary>Unread messages per conversation of one kind among <paramref name="ids"/> (only the caller's own; none listed when all are read).</summary>
    public async Task<IReadOnlyDictionary<long, int>> UnreadAsync(Caller caller, ConversationKind kind, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ids);
        if (PartyOf(caller) is not { } party || caller.AccountId is not { } account || ids.Count == 0)
        {
            return new Dictionary<long, int>();
        }
        var key = new ConversationKey(kind, 0);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, long Count)>(new CommandDefinition(
            $"SELECT m.{key.Column}, count(*) FROM messages m JOIN {key.Table} x ON x.id = m.{key.Column} {ReadJoin(kind, $"m.{key.Column}")} " +
            $"WHERE {ListSql.InList(db, "x.id", "ids")} AND x.{party.Column} = @party AND {Unread} GROUP BY m.{key.Column}",
            new { ids = ids.ToArray(), party = party.Party, account, side = (int)party.Side }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (int)r.Count);
    }

    /// <summary>The caller's read mark of each conversation of one kind (<paramref name="subject"/> names its id column).</summary>
    private static string ReadJoin(ConversationKind kind, string subject) =>
        $"LEFT JOIN conversation_reads r ON r.account_id = @account AND r.kind = {(int)kind} AND r.subject_id = {subject}";

    /// <summary>A message of the other side after the read mark.</summary>
    private const string Unread = "m.sender_side <> @side AND m.id > COALESCE(r.last_read_message_id, 0)";

    /// <summary>The caller's conversations that have messages, the latest first, with their unread counts.</summary>
    public async Task<Page<ConversationSummary>> MineAsync(Caller caller, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (PartyOf(caller) is not { } party || caller.AccountId is not { } account)
        {
            return new Page<ConversationSummary>([], 0, 1, pageSize);
        }
        string Of(ConversationKind kind)
        {
            var key = new ConversationKey(kind, 0);
            // An engagement's title is its order's.
            var titled = kind == ConversationKind.Engagement ? "demand_orders p ON p.id = x.order_id" : "positions p ON p.id = x.position_id";
            return $"SELECT {(int)kind} AS kind, x.id AS subject_id, p.title, t.name AS talent_name, e.name AS enterprise_name, max(m.id) AS last_id, " +
                $"max(m.sent_at) AS last_at, sum(CASE WHEN {Unread} THEN 1 ELSE 0 END) AS unread " +
                $"FROM {key.Table} x JOIN messages m ON m.{key.Column} = x.id JOIN {titled} JOIN talents t ON t.id = x.talent_id " +
                $"JOIN enterprises e ON e.id = x.enterprise_id {ReadJoin(kind, "x.id")} WHERE x.{party.Column} = @party GROUP BY x.id, p.title, t.name, e.name";
        }
        var where = new Where();
        where.Parameters.Add("party", party.Party);
        where.Parameters.Add("account", account);
        where.Parameters.Add("side", (int)party.Side);
        return await ListSql.PageAsync(db, $"({Of(ConversationKind.Application)} UNION ALL {Of(ConversationKind.Invitation)} UNION ALL {Of(ConversationKind.Engagement)}) AS c",
            "c.kind, c.subject_id, c.title, c.talent_name, c.enterprise_name, c.last_id, c.last_at, c.unread", where, " ORDER BY c.last_id DESC",
            new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) },
            r => new ConversationSummary(new ConversationKey((ConversationKind)r.Int(0), r.Long(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                r.Long(5), r.Timestamp(6), r.Int(7)), null, ct);
    }

    /// <summary>An operator's or administrator's reading of a conversation is accountable: it is written to the audit log (not the messages).</summary>
    public Task RecordSupervisionAsync(Caller caller, Conversation conversation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.Side is not null
            ? Task.CompletedTask
            : AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.View, conversation.Key.Subject, conversation.Key.Id,
                conversation.RegionCode, "conversation"), ct);
    }

    /// <summary>PDF, PNG or JPEG by the file's first bytes; null for anything else.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? "application/pdf"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    /// <summary>
    /// The name an attachment is kept and offered under: the client's name without folders or control characters, at
    /// most <see cref="MaxAttachmentName"/> characters, ending with the extension of the type its bytes show.
    /// </summary>
    internal static string FileName(string? name, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            _ => ".jpg",
        };
        var clean = new string((name ?? "").Split('/', '\\')[^1].Where(ch => !char.IsControl(ch) && ch is not ('"' or '<' or '>')).ToArray()).Trim();
        var known = contentType == "image/jpeg" ? clean.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || clean.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)
            : clean.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
        var stem = known ? clean : clean + extension;
        if (stem.Length <= extension.Length)
        {
            stem = "attachment" + extension;
        }
        return stem.Length <= MaxAttachmentName ? stem : stem[..(MaxAttachmentName - extension.Length)] + extension;
    }

    private static ConversationMessage Read(DbDataReader r)
    {
        var key = !r.IsDBNull(1) ? new ConversationKey(ConversationKind.Application, r.Long(1))
            : !r.IsDBNull(2) ? new ConversationKey(ConversationKind.Invitation, r.Long(2))
            : new ConversationKey(ConversationKind.Engagement, r.Long(11));
        var attachment = r.IsDBNull(7) ? null : new MessageAttachment(r.GetString(7), r.GetString(8), r.Int(9));
        return new ConversationMessage(r.Long(0), key, r.Long(3), r.NullableString(4), (FlowActor)r.Int(5), r.NullableString(6), attachment, r.Timestamp(10));
    }
}
