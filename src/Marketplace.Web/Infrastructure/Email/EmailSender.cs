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

public interface IEmailSender
{
    /// <returns>How the message left: "smtp:host" or the pickup file's path.</returns>
    Task<string> SendAsync(string to, string subject, string body, CancellationToken cancellationToken) =>
        SendAsync(to, subject, body, [], cancellationToken);

    Task<string> SendAsync(string to, string subject, string body, IReadOnlyList<EmailFile> attachments, CancellationToken cancellationToken);
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
    public async Task<string> SendAsync(string to, string subject, string body, IReadOnlyList<EmailFile> attachments, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), settings.SmtpPort,
            settings.SmtpStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(MimeMessages.Build(settings, to, subject, body, attachments), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return $"smtp:{settings.SmtpHost}";
    }
}

/// <summary>The embedded default: each message becomes an .eml file that any mail client opens.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, DataFolder dataFolder) : IEmailSender
{
    public async Task<string> SendAsync(string to, string subject, string body, IReadOnlyList<EmailFile> attachments, CancellationToken cancellationToken)
    {
        var folder = dataFolder.Resolve(options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await MimeMessages.Build(options.Value, to, subject, body, attachments).WriteToAsync(path, cancellationToken);
        return path;
    }
}
