using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using MimeKit;

namespace Marketplace.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "K-12 Device Marketplace <no-reply@marketplace.local>";

    /// <summary>SMTP host; when empty, messages are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public bool SmtpStartTls { get; set; } = true;

    /// <summary>Relative paths are under the app's data folder.</summary>
    public string PickupFolder { get; set; } = "mail";
}

/// <summary>A file sent with an e-mail, made when the message is sent (never stored in the outbox).</summary>
public sealed record EmailFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Delivers e-mail. A message is composed first (<see cref="Compose"/>: addresses parsed, body and attachments encoded),
/// which a caller may do ahead of its transaction, then delivered (<see cref="DeliverAsync"/>), which an outbox command
/// does inside its transaction so that a message goes out once.
/// </summary>
public interface IEmailSender
{
    /// <returns>How the message left: "smtp:host" or the pickup file's path.</returns>
    Task<string> SendAsync(string to, string subject, string body, CancellationToken cancellationToken) =>
        SendAsync(to, subject, body, [], cancellationToken);

    async Task<string> SendAsync(string to, string subject, string body, IReadOnlyList<EmailFile> attachments, CancellationToken cancellationToken) =>
        (await DeliverAsync([Compose(to, subject, body, attachments)], cancellationToken))[0];

    /// <summary>The message as it will be sent, from the configured sender.</summary>
    MimeMessage Compose(string to, string subject, string body, IReadOnlyList<EmailFile> attachments);

    /// <summary>Delivers the messages in order (over one connection, for SMTP).</summary>
    /// <returns>How each left: "smtp:host" or the pickup file's path.</returns>
    Task<IReadOnlyList<string>> DeliverAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Does ahead, outside any transaction, what delivering the messages can without sending them: the pickup folder writes
    /// each one's file under a staging name, so that <see cref="DeliverAsync"/> only renames it into place. Nothing by default.
    /// </summary>
    void Stage(IReadOnlyList<MimeMessage> messages)
    {
    }

    /// <summary>Drops what <see cref="Stage"/> did for messages that were not delivered after all.</summary>
    void Unstage(IReadOnlyList<MimeMessage> messages)
    {
    }
}

internal static class MimeMessages
{
    public static MimeMessage Build(EmailOptions options, string to, string subject, string body, IReadOnlyList<EmailFile> attachments)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var builder = new BodyBuilder { TextBody = body };
        foreach (var file in attachments)
        {
            builder.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        message.Body = builder.ToMessageBody();
        return message;
    }
}

public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public MimeMessage Compose(string to, string subject, string body, IReadOnlyList<EmailFile> attachments) =>
        MimeMessages.Build(options.Value, to, subject, body, attachments);

    public async Task<IReadOnlyList<string>> DeliverAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            // An organization with nobody to tell: no connection to the relay for nothing.
            return [];
        }

        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), settings.SmtpPort,
            settings.SmtpStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
        return [.. messages.Select(_ => $"smtp:{settings.SmtpHost}")];
    }
}

/// <summary>
/// The embedded default: each message becomes an .eml file that any mail client opens. A file appears in the folder whole:
/// it is written under <see cref="StagingFolder"/> first (ahead of the transaction when the caller stages it) and renamed
/// into the folder, which on one file system is atomic and, on the machines measured, takes ~10 µs where creating and
/// writing the file takes ~300 µs: an outbox command delivers inside its transaction, holding SQLite's write lock meanwhile.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, DataFolder dataFolder, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    /// <summary>Beside the pickup folder's files, not among them: a mail client reading the folder sees no half-written file.</summary>
    public const string StagingFolder = ".staging";

    /// <summary>Files staged by a process that stopped before delivering them, removed once per process.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private readonly ConditionalWeakTable<MimeMessage, string> _staged = [];
    private int _swept;

    public MimeMessage Compose(string to, string subject, string body, IReadOnlyList<EmailFile> attachments) =>
        MimeMessages.Build(options.Value, to, subject, body, attachments);

    public void Stage(IReadOnlyList<MimeMessage> messages)
    {
        var staging = StagingPath();
        foreach (var message in messages)
        {
            var path = Path.Combine(staging, FileName());
            Write(message, path);
            _staged.AddOrUpdate(message, path);
        }
    }

    public void Unstage(IReadOnlyList<MimeMessage> messages)
    {
        foreach (var message in messages)
        {
            if (_staged.TryGetValue(message, out var path) && _staged.Remove(message))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// Written synchronously: a local file of a few kilobytes takes ~80 µs that way and ~290 µs through MimeKit's asynchronous
    /// write (thread-pool hops around each small write). A staged message is renamed into place instead.
    /// </summary>
    public Task<IReadOnlyList<string>> DeliverAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var folder = dataFolder.Resolve(options.Value.PickupFolder);
        var paths = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!(_staged.TryGetValue(message, out var staged) && _staged.Remove(message) && File.Exists(staged)))
            {
                staged = Path.Combine(StagingPath(), FileName());
                Write(message, staged);
            }

            var path = Path.Combine(folder, Path.GetFileName(staged));
            File.Move(staged, path);
            paths.Add(path);
        }

        return Task.FromResult<IReadOnlyList<string>>(paths);
    }

    private static string FileName() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";

    private static void Write(MimeMessage message, string path) => message.WriteTo(path);

    /// <summary>The staging folder, made if missing; the first time in a process, emptied of files abandoned by an earlier one.</summary>
    private string StagingPath()
    {
        var staging = Path.Combine(dataFolder.Resolve(options.Value.PickupFolder), StagingFolder);
        Directory.CreateDirectory(staging);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            foreach (var abandoned in new DirectoryInfo(staging).EnumerateFiles("*.eml").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - AbandonedAfter))
            {
                try
                {
                    abandoned.Delete();
                }
                catch (IOException ex)
                {
                    logger.LogWarning(ex, "Could not remove the abandoned staged e-mail {File}", abandoned.FullName);
                }
            }
        }

        return staging;
    }
}
