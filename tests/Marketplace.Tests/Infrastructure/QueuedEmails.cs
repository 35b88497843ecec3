using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The e-mails waiting in the outbox: the letters of each command's job (<see cref="SendEmail.Letters"/>), and single letters.</summary>
internal static class QueuedEmails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The letters queued with this subject (one per organization told), oldest first.</summary>
    public static async Task<List<SendEmail.Command>> WithSubjectAsync(MarketplaceDb db, string subject)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => (m.Type == typeof(SendEmail.Letters).FullName || m.Type == typeof(SendEmail.Command).FullName) && m.Payload.Contains(subject))
            .OrderBy(m => m.CreatedAt).Select(m => new { m.Type, m.Payload }).ToListAsync();
        return [.. rows
            .SelectMany(r => r.Type == typeof(SendEmail.Letters).FullName
                ? JsonSerializer.Deserialize<SendEmail.Letters>(r.Payload, Json)!.Items
                : [JsonSerializer.Deserialize<SendEmail.Command>(r.Payload, Json)!])
            .Where(letter => letter.Subject == subject)];
    }
}
