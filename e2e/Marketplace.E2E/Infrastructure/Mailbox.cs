using System.Text.RegularExpressions;
using MimeKit;

namespace Marketplace.E2E.Infrastructure;

/// <summary>The app's outgoing mail as delivered to its pickup folder, read the way the recipient's mail client would.</summary>
public static class Mailbox
{
    /// <summary>
    /// The first link matching <paramref name="link"/> in a message to <paramref name="to"/>, once the app has written it.
    /// Waits for the message itself (it is sent by a background job), never for a fixed time.
    /// </summary>
    public static async Task<string> LinkAsync(MarketplaceServer server, string to, Regex link, int seconds = 30)
    {
        var folder = Path.Combine(server.DataFolder, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                MimeMessage message;
                try
                {
                    message = await MimeMessage.LoadAsync(file);
                }
                catch (Exception e) when (e is FormatException or IOException)
                {
                    continue; // still being written
                }

                if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && link.Match(message.TextBody ?? "") is { Success: true } found)
                {
                    return found.Value;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No e-mail to {to} with a link like {link} in {folder} after {seconds} s.");
            }

            await Task.Delay(200);
        }
    }
}
