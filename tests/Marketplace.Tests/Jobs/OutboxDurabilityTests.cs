using Marketplace.Web.Domain;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Jobs;

public sealed class OutboxDurabilityTests
{
    [Fact]
    public async Task Work_handed_out_just_before_a_restart_runs_after_the_restart()
    {
        var folder = MarketplaceFactory.NewDataFolder();
        var subject = $"Pickup reminder {Guid.NewGuid():N}";
        Guid rowId;
        await using (var crashed = new MarketplaceFactory(folder))
        {
            var school = await crashed.WithDbAsync(db => db.Users.Where(u => u.Email == "school@demo.k12").Select(u => u.OrganizationId).SingleAsync());
            rowId = await EnqueueAsync(crashed, new SendEmail.Command(school, subject, "The driver arrives between 8:00 and 10:00 am.", [Roles.SchoolBuyer]), row =>
            {
                row.LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(10);
                row.LeaseOwner = "web-1:4242:lost-with-its-in-memory-queue";
            });

            // This process respects the lease it does not know is lost: a dispatch pass leaves the row alone.
            await crashed.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
            var leased = await crashed.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == rowId));
            Assert.Null(leased.CompletedAt);
            Assert.Equal("web-1:4242:lost-with-its-in-memory-queue", leased.LeaseOwner);
        }

        await using var restarted = new MarketplaceFactory(folder);

        var done = await MarketplaceFactory.EventuallyAsync(
            () => restarted.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == rowId && m.CompletedAt != null)),
            "the outbox row to be completed after the restart");
        Assert.Null(done.LastError);
        var sent = await restarted.WithDbAsync(db => db.EmailMessages.Where(e => e.Subject == subject).Select(e => e.To).ToListAsync());
        Assert.Equal(["school@demo.k12"], sent);
    }

    [Fact]
    public async Task A_failing_command_records_its_error_and_runs_again_once_its_backoff_is_over()
    {
        await using var factory = new MarketplaceFactory();
        var lot = await factory.SaveReceivedAsync(hammer: 1200m);
        var rowId = await EnqueueAsync(factory, new IssueCertificate.Command(lot.Id));

        var failed = await MarketplaceFactory.EventuallyAsync(
            () => factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == rowId && m.Attempts > 0)),
            "the certificate job to fail while serials are unsanitized");
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("Every medium of every serial needs an accepted record", failed.LastError);
        Assert.Null(failed.CompletedAt);
        Assert.Null(failed.DeadAt);
        Assert.True(failed.DueAt > DateTimeOffset.UtcNow, "a failed row waits out a backoff before it is retried");
        Assert.Null(failed.LeaseUntil);
        Assert.Null(failed.LeaseOwner);

        await factory.SanitizeEverySerialAsync(lot.Id, lot.Devices.Select(d => d.Serial));

        await factory.WithDbAsync(async db =>
        {
            (await db.OutboxMessages.SingleAsync(m => m.Id == rowId)).DueAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });

        var retried = await MarketplaceFactory.EventuallyAsync(
            () => factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == rowId && m.CompletedAt != null)),
            "the retried certificate job to complete");
        Assert.Equal(1, retried.Attempts);
        Assert.Null(retried.LastError);
        Assert.True(await factory.WithDbAsync(db => db.Certificates.AnyAsync(c => c.LotId == lot.Id)));
    }

    [Fact]
    public async Task A_failed_row_keeps_its_backoff_across_a_restart()
    {
        var folder = MarketplaceFactory.NewDataFolder();
        Guid failedId, lostId;
        OutboxMessage failed;
        await using (var crashed = new MarketplaceFactory(folder))
        {
            var lot = await crashed.SaveReceivedAsync(hammer: 1200m);
            // Third failure already behind it: the next backoff is 80 s, far longer than a restart.
            failedId = await EnqueueAsync(crashed, new IssueCertificate.Command(lot.Id), row => row.Attempts = 3);
            failed = await MarketplaceFactory.EventuallyAsync(
                () => crashed.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == failedId && m.Attempts == 4)),
                "the certificate job to fail while serials are unsanitized");
            Assert.True(failed.DueAt > DateTimeOffset.UtcNow.AddSeconds(60));

            // Handed out just before the crash, its job lost with the in-memory queue.
            var school = await crashed.WithDbAsync(db => db.Users.Where(u => u.Email == "school@demo.k12").Select(u => u.OrganizationId).SingleAsync());
            lostId = await EnqueueAsync(crashed, new SendEmail.Command(school, $"Lost {Guid.NewGuid():N}", "Sent after the restart.", [Roles.SchoolBuyer]), row =>
            {
                row.LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(10);
                row.LeaseOwner = "web-1:4242:lost-with-its-in-memory-queue";
            });
        }

        await using var restarted = new MarketplaceFactory(folder);

        // The restart released every lease and dispatched what was due: the lost job ran, the failed row waits.
        await MarketplaceFactory.EventuallyAsync(
            () => restarted.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == lostId && m.CompletedAt != null)),
            "the lost job to run after the restart");
        await restarted.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var waiting = await restarted.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == failedId));
        Assert.Equal(4, waiting.Attempts);
        Assert.Equal(failed.DueAt, waiting.DueAt);
        Assert.Null(waiting.LeaseOwner);
        Assert.Null(waiting.CompletedAt);
    }

    private static async Task<Guid> EnqueueAsync(MarketplaceFactory factory, IBaseCommand command, Action<OutboxMessage>? claim = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(command);
        var row = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
        claim?.Invoke(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
