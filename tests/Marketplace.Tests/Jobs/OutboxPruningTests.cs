using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Jobs;

public sealed class OutboxPruningTests
{
    [Fact]
    public async Task Pruning_deletes_only_completed_outbox_rows_logged_emails_and_inbox_records_past_their_retention()
    {
        await using var app = new MarketplaceFactory();
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(
                Row("completed 15 days ago", now.AddDays(-20), completedAt: now.AddDays(-15)),
                Row("completed 13 days ago", now.AddDays(-20), completedAt: now.AddDays(-13)),
                Row("pending for 30 days", now.AddDays(-30)),
                Row("dead for 30 days", now.AddDays(-40), deadAt: now.AddDays(-30)));
            db.EmailMessages.AddRange(Email("sent 91 days ago", now.AddDays(-91)), Email("sent 89 days ago", now.AddDays(-89)));
            db.InboxMessages.AddRange(Inbox("received 91 days ago", now.AddDays(-91)), Inbox("received 89 days ago", now.AddDays(-89)));
            await db.SaveChangesAsync();
        });

        var pruned = await app.Services.GetRequiredService<OutboxDispatcher>().PruneAsync(now, CancellationToken.None);

        Assert.Equal(new OutboxPruned(OutboxMessages: 1, EmailMessages: 1, InboxMessages: 1), pruned);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(["completed 13 days ago", "dead for 30 days", "pending for 30 days"],
                (await db.OutboxMessages.Where(m => m.Payload.Contains(tag)).Select(m => m.Type).ToListAsync()).Order());
            Assert.Equal(["sent 89 days ago"], await db.EmailMessages.Where(e => e.Body == tag).Select(e => e.Subject).ToListAsync());
            Assert.Equal([$"{tag}:received 89 days ago"], await db.InboxMessages.Where(i => i.Key.StartsWith(tag)).Select(i => i.Key).ToListAsync());
        });

        OutboxMessage Row(string what, DateTimeOffset createdAt, DateTimeOffset? completedAt = null, DateTimeOffset? deadAt = null) =>
            new() { Type = what, Payload = $"{{\"tag\":\"{tag}\"}}", CreatedAt = createdAt, DueAt = createdAt, CompletedAt = completedAt, DeadAt = deadAt, Attempts = deadAt is null ? 0 : OutboxMessage.MaxAttempts };

        EmailMessage Email(string subject, DateTimeOffset sentAt) =>
            new() { To = "school@demo.k12", Subject = subject, Body = tag, SentAt = sentAt, DeliveredVia = "smtp:test" };

        InboxMessage Inbox(string what, DateTimeOffset receivedAt) =>
            new() { Key = $"{tag}:{what}", Source = "Tests", ReceivedAt = receivedAt, ResponseJson = "{}" };
    }

    [Fact]
    public async Task Retention_periods_come_from_configuration()
    {
        await using var app = new MarketplaceFactory();
        app.Settings["Outbox:CompletedRetention"] = "1.00:00:00";
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { Id = id, Type = "completed two days ago", Payload = "{}", CreatedAt = now.AddDays(-3), DueAt = now.AddDays(-3), CompletedAt = now.AddDays(-2) });
            await db.SaveChangesAsync();
        });

        await app.Services.GetRequiredService<OutboxDispatcher>().PruneAsync(now, CancellationToken.None);

        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == id)));
    }
}
