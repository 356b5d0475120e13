using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Accounts;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Notifications;

/// <summary>A message leaving the platform: by SMS to a phone number or by e-mail to an address.</summary>
public sealed record OutgoingMessage(ContactKind Channel, string To, string Subject, string Body);

/// <summary>
/// Delivers outgoing messages. A deployment plugs in its SMS gateway and mail server here; the default
/// (<see cref="FileNotificationSender"/>) writes each message to a file and to the log.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>
/// The default sender: appends each message as one JSON line to <c>outbox-yyyyMMdd.jsonl</c> in the configured
/// directory (<c>Notifications:OutboxDirectory</c>, default <c>data/outbox</c>) and logs it with the recipient masked.
/// </summary>
public sealed class FileNotificationSender(string directory, TimeProvider time, ILogger<FileNotificationSender> logger) : INotificationSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string Directory { get; } = directory;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var now = time.GetUtcNow();
        var path = Path.Combine(Directory, $"outbox-{now:yyyyMMdd}.jsonl");
        var line = JsonSerializer.Serialize(new { at = now, channel = message.Channel.ToString(), to = message.To, subject = message.Subject, body = message.Body },
            Row.Json) + "\n";
        await Gate.WaitAsync(ct);
        try
        {
            await File.AppendAllTextAsync(path, line, Encoding.UTF8, ct);
        }
        finally
        {
            Gate.Release();
        }
        logger.LogInformation("Sent {Channel} to {To}: {Subject}", message.Channel,
            message.Channel == ContactKind.Phone ? ContactProtector.MaskPhone(message.To) : ContactProtector.MaskEmail(message.To), message.Subject);
    }
}

/// <summary>
/// A send job: the notification to send, or (for a password reset, which has no inbox row) the account and its code,
/// sealed so that the jobs table never holds it in the clear.
/// </summary>
public sealed record OutgoingPayload(long? NotificationId, long? AccountId, string? SealedCode);

/// <summary>
/// The texts of outgoing messages in both languages: the <c>Notify.*</c> keys of the web's resource files embedded here
/// under <c>notifications/</c> (<c>notifications.json</c>, and the files of features that keep their own, such as
/// <c>competitions.json</c>).
/// </summary>
public static class NotificationTemplates
{
    private static readonly Dictionary<string, string[]> Texts = Load();

    private static Dictionary<string, string[]> Load()
    {
        var assembly = typeof(NotificationTemplates).Assembly;
        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("notifications/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, pair) in JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream) ?? [])
            {
                if (key.StartsWith("Notify.", StringComparison.Ordinal))
                {
                    texts.Add(key, pair);
                }
            }
        }
        return texts.Count > 0 ? texts : throw new InvalidOperationException("No notification texts are embedded.");
    }

    /// <summary>Whether a template exists for the key (a test keeps every kind the flow writes covered).</summary>
    public static bool Has(string key) => Texts.ContainsKey(key);

    /// <summary>The text of <paramref name="key"/> in the language (<c>en</c> or anything else for Chinese) with its arguments.</summary>
    public static string Format(string key, string? language, IReadOnlyList<string> args)
    {
        var pair = Texts.TryGetValue(key, out var p) ? p : throw new KeyNotFoundException($"No notification text for {key}.");
        return string.Format(CultureInfo.InvariantCulture, pair[language == "en" ? 1 : 0], [.. args]);
    }
}

/// <summary>The job runner's side of the outbox: renders a message in the recipient's language and hands it to the sender.</summary>
public sealed class Outbox(Database db, ContactProtector protector, INotificationSender sender) : IJobHandler
{
    public const string SendJobKind = "notify.send";

    public string Kind => SendJobKind;

    public async Task RunAsync(Job job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var payload = JsonSerializer.Deserialize<OutgoingPayload>(job.Payload, Row.Json)!;
        await using var c = await db.OpenAsync(ct);
        string key;
        IReadOnlyList<string> args;
        long accountId;
        if (payload.NotificationId is { } id)
        {
            await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT n.id, n.kind, n.subject_type, n.subject_id, n.args, n.created_at, n.read_at, COALESCE(ta.name, ti.name), n.account_id FROM {Inbox.From} " +
                "WHERE n.id = @id", new { id }, cancellationToken: ct));
            if (!await r.ReadAsync(ct))
            {
                return;
            }
            var notification = Inbox.Read(r);
            (key, args, accountId) = ("Notify." + notification.Kind, notification.Args, r.Long(8));
        }
        else
        {
            (key, args, accountId) = ("Notify.PasswordReset", [protector.Unseal(payload.SealedCode!)], payload.AccountId!.Value);
        }
        var (kind, sealedContact, language) = await c.QuerySingleOrDefaultAsync<(int?, string?, string?)>(new CommandDefinition(
            "SELECT contact_kind, contact_sealed, language FROM accounts WHERE id = @accountId", new { accountId }, cancellationToken: ct));
        if (kind is null || sealedContact is null)
        {
            // The account was deleted or anonymised meanwhile: there is no one to send to.
            return;
        }
        await sender.SendAsync(new OutgoingMessage((ContactKind)kind.Value, protector.Unseal(sealedContact),
            NotificationTemplates.Format("Notify.Subject", language, []), NotificationTemplates.Format(key, language, args)), ct);
    }

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public Task SweepAsync(CancellationToken ct) => Task.CompletedTask;
}
