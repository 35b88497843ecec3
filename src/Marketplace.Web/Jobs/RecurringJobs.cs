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

    public const string InvoiceReminders = "invoice-reminders";

    /// <summary>07:00 UTC daily: reminders 7 days before, on and 7 days after a due date arrive before the business office opens.</summary>
    public static readonly string InvoiceRemindersSchedule = Cron.Daily(7);

    public const string SellerPayouts = "storefront-seller-payouts";

    /// <summary>05:00 UTC daily: storefront orders whose return window closed yesterday are paid before the day starts in the US.</summary>
    public static readonly string SellerPayoutsSchedule = Cron.Daily(5);

    public const string ClosingSoonNotices = "market-closing-soon";
    public const string SavedSearchMatches = "market-saved-searches";

    /// <summary>Every quarter hour: watchers hear 23¾–24 hours before a close, and saved searches within minutes of a listing.</summary>
    public static readonly string MarketNoticesSchedule = "*/15 * * * *";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task CheckDocumentExpiry(CancellationToken cancellationToken) => SendAsync(new CheckDocumentExpiry.Command(), cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task SendClosingSoonNotices(CancellationToken cancellationToken) => SendAsync(new Features.Market.SendClosingSoonNotices.Command(), cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task SendSavedSearchMatches(CancellationToken cancellationToken) => SendAsync(new Features.Market.SendSavedSearchMatches.Command(), cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task EnforcePaymentDeadlines(CancellationToken cancellationToken) => SendAsync(new Features.Sales.EnforcePaymentDeadlines.Command(), cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task SendInvoiceReminders(CancellationToken cancellationToken) => SendAsync(new Features.Payments.SendInvoiceReminders.Command(), cancellationToken);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task ReleaseDueSellerPayouts(CancellationToken cancellationToken) => SendAsync(new Features.Settlement.ReleaseDueSellerPayouts.Command(), cancellationToken);

    private async Task SendAsync<T>(ICommand<T> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
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
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.ClosingSoonNotices, job => job.SendClosingSoonNotices(CancellationToken.None), RecurringJobs.MarketNoticesSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.SavedSearchMatches, job => job.SendSavedSearchMatches(CancellationToken.None), RecurringJobs.MarketNoticesSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.InvoiceReminders, job => job.SendInvoiceReminders(CancellationToken.None), RecurringJobs.InvoiceRemindersSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<RecurringJobs>(RecurringJobs.SellerPayouts, job => job.ReleaseDueSellerPayouts(CancellationToken.None), RecurringJobs.SellerPayoutsSchedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
