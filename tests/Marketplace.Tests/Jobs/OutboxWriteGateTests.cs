using FluentValidation;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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
        const string claim = "test-run";
        // Claimed by this test's run, so the dispatcher leaves it alone.
        var rowId = await app.EnqueueAsync(new SendEmail.Command(await app.SchoolAsync(), Refused, "Never sent.", [Roles.SchoolBuyer]),
            row => (row.LeaseOwner, row.LeaseUntil) = (claim, DateTimeOffset.UtcNow.AddMinutes(10)));

        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        Task run;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            // The command fails in validation, holding no lock; recording that needs the turn this test holds.
            run = ActivatorUtilities.CreateInstance<OutboxJob>(app.Services).Run(rowId, claim, CancellationToken.None);
            await MarketplaceFactory.EventuallyAsync(() => Task.FromResult(gate.Waiting > 0 ? "waiting" : null), "the failed job to wait for its turn");
            Assert.Equal(0, (await app.RowAsync(rowId)).Attempts);
        }

        await Assert.ThrowsAsync<ValidationException>(() => run);
        var failed = await app.RowAsync(rowId);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains(Refused, failed.LastError);
        Assert.Null(failed.LeaseOwner);
    }

    /// <summary>The outbox test app, refusing one e-mail in validation (before any transaction).</summary>
    private sealed class RefusingApp : OutboxApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IValidator<SendEmail.Command>>(
                new InlineValidator<SendEmail.Command> { v => v.RuleFor(c => c.Subject).NotEqual(Refused).WithMessage(Refused) }));
        }
    }
}
