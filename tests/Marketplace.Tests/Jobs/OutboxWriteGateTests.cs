using FluentValidation;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Jobs;

/// <summary>
/// The outbox job's own writes (a failure's attempt count and backoff) queue for SQLite's write lock with the commands. A write
/// that took the lock beside the queue sent the command beginning meanwhile into Microsoft.Data.Sqlite's busy retry, which
/// sleeps 150 ms, and every write of the marketplace waited behind it: the pipeline benchmark's injected failures cost it 10%.
/// </summary>
public sealed class OutboxWriteGateTests
{
    private const string Refused = "This e-mail is refused before its transaction.";

    [Fact]
    public async Task A_failed_job_records_its_failure_only_in_its_turn_for_the_write_lock()
    {
        await using var app = new RefusingApp();
        var school = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "school@demo.k12").Select(u => u.OrganizationId).SingleAsync());
        const string claim = "test-run";
        Guid rowId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
            scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(new SendEmail.Command(school, Refused, "Never sent.", [Roles.SchoolBuyer]));
            var row = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
            // Claimed by this test's run, so the dispatcher leaves it alone.
            (row.LeaseOwner, row.LeaseUntil) = (claim, DateTimeOffset.UtcNow.AddMinutes(10));
            await db.SaveChangesAsync();
            rowId = row.Id;
        }

        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        Task run;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            // The command fails in validation, holding no lock; recording that needs the turn this test holds.
            run = ActivatorUtilities.CreateInstance<OutboxJob>(app.Services).Run(rowId, claim, CancellationToken.None);
            await MarketplaceFactory.EventuallyAsync(() => Task.FromResult(gate.Waiting > 0 ? "waiting" : null), "the failed job to wait for its turn");
            Assert.Equal(0, (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == rowId))).Attempts);
        }

        await Assert.ThrowsAsync<ValidationException>(() => run);
        var failed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == rowId));
        Assert.Equal(1, failed.Attempts);
        Assert.Contains(Refused, failed.LastError);
        Assert.Null(failed.LeaseOwner);
    }

    private sealed class RefusingApp : MarketplaceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IValidator<SendEmail.Command>>(
                new InlineValidator<SendEmail.Command> { v => v.RuleFor(c => c.Subject).NotEqual(Refused).WithMessage(Refused) }));
        }
    }
}
