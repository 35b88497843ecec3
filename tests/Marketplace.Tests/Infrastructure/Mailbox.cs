using System.Text.RegularExpressions;
using MimeKit;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The messages the app delivered to its pickup folder (what a recipient's mail client would open), read with MimeKit.</summary>
public static partial class Mailbox
{
    /// <summary>Waits for the <paramref name="count"/>th delivered message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public static Task<MimeMessage> WaitForAsync(this MarketplaceFactory factory, string to, string subject, int count = 1) =>
        MarketplaceFactory.EventuallyAsync(() => Task.FromResult(Delivered(factory, to, subject).ElementAtOrDefault(count - 1)), $"message {count} to {to} about \"{subject}\"");

    public static IReadOnlyList<MimeMessage> Delivered(MarketplaceFactory factory, string to, string subject)
    {
        var folder = Path.Combine(factory.DataFolder, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // In the order they were written: the files' names start with the second they were sent in, then a random part.
        return Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc)
            .Select(Load)
            .OfType<MimeMessage>()
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal))
            .ToList();

        static MimeMessage? Load(string path)
        {
            try
            {
                return MimeMessage.Load(path);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                // Still being written.
                return null;
            }
        }
    }

    /// <summary>The path and query of the first link in the message to this site, e.g. "/invitations/abc…".</summary>
    public static string LinkIn(MimeMessage message)
    {
        var match = Link().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"no link in the message \"{message.Subject}\":\n{message.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"http://marketplace\.test/\S+")]
    private static partial Regex Link();
}
