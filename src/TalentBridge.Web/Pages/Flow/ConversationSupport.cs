using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Flow;

/// <summary>What the <c>_Conversation</c> partial shows: the latest messages, the form (when the caller may write) and its errors.</summary>
public sealed record ConversationView(Conversation Conversation, IReadOnlyList<ConversationMessage> Messages, bool HasOlder, ValidationErrors? Errors,
    string? Body)
{
    /// <summary>The page of the conversation ("/applications/12"); its messages, stream and attachments live under it.</summary>
    public string BasePath => ConversationPages.BasePath(Conversation.Key);

    public long LastId => Messages.Count == 0 ? 0 : Messages[^1].Id;
}

/// <summary>One message as the page's script receives it (from the stream or as the answer to its post); the text is set with textContent.</summary>
public sealed record MessageJson(long Id, string Side, bool Ours, string Who, string? Body, string SentAt, string SentAtText, AttachmentJson? Attachment);

public sealed record AttachmentJson(string Name, string Size, string Url);

/// <summary>The conversation section of the application and invitation pages: loading, sending (form or script) and the shared wording.</summary>
public static class ConversationPages
{
    /// <summary>Messages shown at once; older ones are a link away.</summary>
    public const int PageSize = 50;

    /// <summary>A request to a page with a conversation form may carry a file somewhat above the attachment limit, so that it is refused by the rule, with the field named.</summary>
    public const int MaxRequestBytes = 8 * 1024 * 1024;

    public static string BasePath(ConversationKey key) =>
        $"/{key.Kind switch { ConversationKind.Application => "applications", ConversationKind.Engagement => "shared/engagements", _ => "invitations" }}/{key.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The conversation with its latest messages, marked read for the caller; an operator's or administrator's reading is audited.</summary>
    public static async Task<ConversationView?> LoadAsync(Conversations conversations, Caller caller, ConversationKey key, long? before,
        ValidationErrors? errors, string? body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        if (await conversations.FindAsync(caller, key, ct) is not { } conversation)
        {
            return null;
        }
        var (messages, hasOlder) = await conversations.RecentAsync(conversation, before, PageSize, ct);
        if (messages.Count > 0 && before is null)
        {
            await conversations.MarkReadAsync(caller, key, messages[^1].Id, ct);
        }
        await conversations.RecordSupervisionAsync(caller, conversation, ct);
        return new ConversationView(conversation, messages, hasOlder, errors, body);
    }

    /// <summary>
    /// Sends a message from the page's form. The script asks for JSON and gets the message (201) or the errors in the
    /// page's language (422); a plain form post is redirected back to the conversation, or gets null and the errors to
    /// show with the form again.
    /// </summary>
    public static async Task<(IActionResult? Result, ValidationErrors? Errors)> PostAsync(PageModel page, Conversations conversations, ConversationKey key,
        string? body, IFormFile? file, Ui ui, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(conversations);
        var caller = Caller.From(page.User);
        AttachmentUpload? upload = null;
        if (file is not null)
        {
            await using var stream = file.OpenReadStream();
            upload = await AttachmentUpload.ReadAsync(file.FileName, file.Length, stream, ct);
        }
        var result = await conversations.SendAsync(caller, key, body, upload, ct);
        if (page.Refusal(result) is { } refused)
        {
            return (refused, null);
        }
        var wantsJson = page.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
        if (result.Status == WriteStatus.Ok)
        {
            if (!wantsJson)
            {
                return (new RedirectResult(BasePath(key) + "#conversation"), null);
            }
            var conversation = (await conversations.FindAsync(caller, key, ct))!;
            var sent = result.Value! with { SenderName = page.User.Identity?.Name };
            return (new JsonResult(Json(sent, conversation, ui)) { StatusCode = StatusCodes.Status201Created }, null);
        }
        if (wantsJson)
        {
            var errors = result.Errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value.Select(ui.Message).ToArray(), StringComparer.Ordinal);
            return (new JsonResult(new { errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity }, null);
        }
        return (null, result.Errors);
    }

    /// <summary>Who wrote a message, as both sides see it: the talent's name, or the enterprise's name with its user's.</summary>
    public static string Who(ConversationMessage message, Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(conversation);
        return message.SenderSide == FlowActor.Talent ? conversation.TalentName
            : message.SenderName is { } name ? $"{conversation.EnterpriseName} · {name}" : conversation.EnterpriseName;
    }

    public static string When(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A size in the units people read: "820 KB", "1.6 MB".</summary>
    public static string Size(int bytes) =>
        bytes < 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (bytes + 1023) / 1024)} KB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MB");

    /// <summary>"talent" or "enterprise": the class of a message, by who wrote it.</summary>
    public static string SideName(FlowActor side) => side == FlowActor.Talent ? "talent" : "enterprise";

    public static string AttachmentUrl(ConversationKey key, long messageId) =>
        $"{BasePath(key)}/messages/{messageId.ToString(CultureInfo.InvariantCulture)}/attachment";

    public static MessageJson Json(ConversationMessage message, Conversation conversation, Ui ui)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(ui);
        return new MessageJson(message.Id, SideName(message.SenderSide), message.SenderSide == conversation.Side, Who(message, conversation), message.Body,
            message.SentAt.ToString("O", CultureInfo.InvariantCulture), When(message.SentAt),
            message.Attachment is { } a ? new AttachmentJson(a.Name, Size(a.Size), AttachmentUrl(conversation.Key, message.Id)) : null);
    }
}

/// <summary>
/// The live stream and the attachments of a conversation. The stream is server-sent events: it checks the caller at
/// connect, then reads the database every second for messages after the last one sent (so a message written on any node
/// reaches every node's streams, with nothing shared in memory), marks what it delivered as read, and ends when the
/// client goes, the node stops, or after a few minutes (the browser reconnects with Last-Event-ID, and is checked again).
/// </summary>
public static class ConversationEndpoints
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(5);

    public static void MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, kind) in new[] { ("applications", ConversationKind.Application), ("invitations", ConversationKind.Invitation),
                     ("shared/engagements", ConversationKind.Engagement) })
        {
            app.MapGet($"/{prefix}/{{id:long}}/messages/stream", (long id, HttpContext context, Conversations conversations, Ui ui,
                    IHostApplicationLifetime lifetime) => StreamAsync(context, new ConversationKey(kind, id), conversations, ui, lifetime))
                .ExcludeFromDescription();
            app.MapGet($"/{prefix}/{{id:long}}/messages/{{messageId:long}}/attachment", (long id, long messageId, HttpContext context,
                    Conversations conversations) => AttachmentAsync(context, new ConversationKey(kind, id), messageId, conversations))
                .ExcludeFromDescription();
        }
    }

    private static async Task<IResult> AttachmentAsync(HttpContext context, ConversationKey key, long messageId, Conversations conversations)
    {
        var caller = Caller.From(context.User);
        if (!caller.IsSignedIn)
        {
            return Results.Challenge();
        }
        var ct = context.RequestAborted;
        if (await conversations.FindAsync(caller, key, ct) is not { } conversation
            || await conversations.AttachmentAsync(conversation, messageId, ct) is not { } file)
        {
            return Results.NotFound();
        }
        // Always a download, of the type its bytes showed when it was sent; never rendered in the site's origin.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Content, file.Attachment.ContentType, file.Attachment.Name);
    }

    private static async Task StreamAsync(HttpContext context, ConversationKey key, Conversations conversations, Ui ui, IHostApplicationLifetime lifetime)
    {
        var caller = Caller.From(context.User);
        if (!caller.IsSignedIn)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (await conversations.FindAsync(caller, key, context.RequestAborted) is not { } conversation)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var after = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last
            : long.TryParse(context.Request.Query["after"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var given) ? given
            : 0;
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // nginx passes the events on at once instead of buffering them.
        response.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        stop.CancelAfter(MaxStream);
        var ct = stop.Token;
        try
        {
            await WriteAsync(response, "retry: 2000\n\n", ct);
            var quietSince = DateTimeOffset.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                var messages = await conversations.ListAsync(conversation, after, 100, ct);
                if (messages.Count > 0)
                {
                    var events = new StringBuilder();
                    foreach (var message in messages)
                    {
                        events.Append(CultureInfo.InvariantCulture, $"id: {message.Id}\ndata: {JsonSerializer.Serialize(ConversationPages.Json(message, conversation, ui), JsonOptions)}\n\n");
                    }
                    await WriteAsync(response, events.ToString(), ct);
                    after = messages[^1].Id;
                    // Shown on an open page: read.
                    await conversations.MarkReadAsync(caller, key, after, ct);
                    quietSince = DateTimeOffset.UtcNow;
                    continue;
                }
                if (DateTimeOffset.UtcNow - quietSince > KeepAlive)
                {
                    // A comment line: keeps proxies from closing an idle stream and finds a client that has gone.
                    await WriteAsync(response, ": keep-alive\n\n", ct);
                    quietSince = DateTimeOffset.UtcNow;
                }
                await Task.Delay(PollInterval, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the node is stopping, or the stream's time is up: the browser reconnects where it left off.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, Encoding.UTF8, ct);
        await response.Body.FlushAsync(ct);
    }
}
