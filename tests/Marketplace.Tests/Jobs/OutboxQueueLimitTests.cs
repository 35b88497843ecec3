using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Jobs;

public sealed class OutboxQueueLimitTests
{
    [Fact]
    public async Task A_backlog_waits_unclaimed_in_the_table_while_the_job_queue_is_full_and_is_handed_out_as_workers_free_up()
    {
        await using var app = new OutboxApp();
        app.Settings["Jobs:WorkerCount"] = "1";
        app.Settings["Outbox:QueueLimit"] = "4";
        var school = await app.SchoolAsync();
        var held = $"Held {Guid.NewGuid():N}";
        app.Gate.HoldFirst(held);

        // The only worker is busy with a job that does not finish.
        await app.EnqueueAsync(new SendEmail.Command(school, held, "Held at the gate.", [Roles.SchoolBuyer]));
        await app.Dispatcher.DispatchDueAsync(CancellationToken.None);
        await app.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        var backlog = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            backlog.Add(await app.EnqueueAsync(new SendEmail.Command(school, $"Backlog {i}", "Waiting for a worker.", [Roles.SchoolBuyer])));
        }

        // Four fit in the queue; then it is full and the rest stay unclaimed, whatever the number of passes.
        Assert.Equal(4, await app.Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(0, await app.Dispatcher.DispatchDueAsync(CancellationToken.None));
        var claimed = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => backlog.Contains(m.Id) && m.LeaseOwner != null));
        Assert.Equal(4, claimed);

        // As the worker frees up, each finished job wakes the dispatcher and the backlog drains.
        app.Gate.Release();
        await MarketplaceFactory.EventuallyAsync(
            async () => await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => backlog.Contains(m.Id) && m.CompletedAt != null)) == backlog.Count ? "all" : null,
            "every row of the backlog to be sent");
    }
}
