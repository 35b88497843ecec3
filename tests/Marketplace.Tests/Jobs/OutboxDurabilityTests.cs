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
            rowId = await EnqueueAsync(crashed, new SendEmail.Command(school, subject, "The driver arrives between 8:00 and 10:00 am."), row =>
            {
                row.LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(10);
                row.LeaseOwner = "web-1:4242:lost-with-its-in-memory-queue";
            });

            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Null(await crashed.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == rowId).Select(m => m.CompletedAt).SingleAsync()));
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
    public async Task A_failing_command_records_its_error_and_runs_again_once_its_lease_expires()
    {
        await using var factory = new MarketplaceFactory();
        var lot = await factory.SaveReceivedAsync(hammer: 1200m);
        var rowId = await EnqueueAsync(factory, new IssueCertificate.Command(lot.Id));

        var failed = await MarketplaceFactory.EventuallyAsync(
            () => factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == rowId && m.Attempts > 0)),
            "the certificate job to fail while serials are unsanitized");
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("Every serial needs a sanitization record", failed.LastError);
        Assert.Null(failed.CompletedAt);
        Assert.Null(failed.DeadAt);
        Assert.True(failed.LeaseUntil > DateTimeOffset.UtcNow, "a failed row waits out a backoff before it is retried");

        foreach (var serial in lot.Devices.Select(d => d.Serial))
        {
            await factory.SendAsAsync("refurbisher@demo.k12", new RecordSanitization.Command(lot.Id, serial, SanitizationMethod.Purge, "Blancco Drive Eraser 7", "Priya Natarajan"));
        }

        await factory.WithDbAsync(async db =>
        {
            (await db.OutboxMessages.SingleAsync(m => m.Id == rowId)).LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });

        var retried = await MarketplaceFactory.EventuallyAsync(
            () => factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == rowId && m.CompletedAt != null)),
            "the retried certificate job to complete");
        Assert.Equal(1, retried.Attempts);
        Assert.Null(retried.LastError);
        Assert.True(await factory.WithDbAsync(db => db.Certificates.AnyAsync(c => c.LotId == lot.Id)));
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
