using Hangfire;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Work that runs on a schedule rather than because a command asked for it: each is a Hangfire recurring job, a thin shell
/// sending one idempotent command as the system (like <see cref="OutboxJob"/> for outbox rows).
/// </summary>
public sealed class RecurringJobs(IServiceScopeFactory scopes)
{
    public const string DocumentExpiry = "document-expiry";

    /// <summary>06:00 UTC: before the working day in every US time zone.</summary>
    public static readonly string DocumentExpirySchedule = Cron.Daily(6);

    public const string PaymentDeadlines = "payment-deadlines";

    /// <summary>Hourly: an award is forfeited within the hour its payment deadline passes.</summary>
    public static readonly string PaymentDeadlinesSchedule = Cron.Hourly();

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task CheckDocumentExpiry(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CheckDocumentExpiry.Command(), cancellationToken);
    }

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task EnforcePaymentDeadlines(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Features.Sales.EnforcePaymentDeadlines.Command(), cancellationToken);
    }
}

/// <summary>Registers the recurring jobs with Hangfire when a job-running instance starts (AddOrUpdate: every instance may).</summary>
internal sealed class RecurringJobSchedule(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.DocumentExpiry, job => job.CheckDocumentExpiry(CancellationToken.None), RecurringJobs.DocumentExpirySchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.PaymentDeadlines, job => job.EnforcePaymentDeadlines(CancellationToken.None), RecurringJobs.PaymentDeadlinesSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
