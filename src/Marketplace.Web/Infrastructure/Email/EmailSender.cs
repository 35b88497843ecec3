using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
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

/// <summary>The embedded default: each message becomes an .eml file that any mail client opens.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, DataFolder dataFolder) : IEmailSender
{
    public MimeMessage Compose(string to, string subject, string body, IReadOnlyList<EmailFile> attachments) =>
        MimeMessages.Build(options.Value, to, subject, body, attachments);

    /// <summary>
    /// Written synchronously: a local file of a few kilobytes takes ~80 µs that way and ~290 µs through MimeKit's asynchronous
    /// write (thread-pool hops around each small write), and an outbox command delivers inside its transaction, holding
    /// SQLite's write lock meanwhile.
    /// </summary>
    public Task<IReadOnlyList<string>> DeliverAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var folder = dataFolder.Resolve(options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var paths = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            message.WriteTo(path, cancellationToken);
            paths.Add(path);
        }

        return Task.FromResult<IReadOnlyList<string>>(paths);
    }
}
