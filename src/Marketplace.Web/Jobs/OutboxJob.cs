using Hangfire;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;

namespace Marketplace.Web.Jobs;

/// <summary>
/// The one Hangfire job: a thin shell that sends the command stored in an outbox row. The command's
/// transaction marks the row done; a failure is recorded on the row and retried with backoff.
/// </summary>
public sealed class OutboxJob(IServiceScopeFactory scopes, IClock clock, ILogger<OutboxJob> logger)
{
    // Retries are the outbox's: its backoff survives restarts, which Hangfire's in-memory retries do not.
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(Guid messageId, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
            var message = await db.OutboxMessages.FindAsync([messageId], cancellationToken);
            if (message is null || message.CompletedAt is not null)
            {
                return;
            }

            var command = Outbox.Deserialize(message);
            ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAsSystem();
            scope.ServiceProvider.GetRequiredService<OutboxScope>().CurrentMessageId = messageId;
            try
            {
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
                return;
            }
            catch (Exception ex)
            {
                await RecordFailureAsync(messageId, ex, cancellationToken);
                throw;
            }
        }
    }

    private async Task RecordFailureAsync(Guid messageId, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var message = await db.OutboxMessages.FindAsync([messageId], cancellationToken);
        if (message is null)
        {
            return;
        }

        message.Attempts++;
        message.LastError = $"{error.GetType().Name}: {error.Message}".Truncate(2000);
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, message.Attempts - 1)));
        message.LeaseUntil = clock.Now + backoff;
        if (message.Attempts >= OutboxMessage.MaxAttempts)
        {
            message.DeadAt = clock.Now;
            logger.LogError(error, "Outbox message {MessageId} ({Type}) failed {Attempts} times and is parked for an admin", messageId, message.Type, message.Attempts);
        }
        else
        {
            logger.LogWarning(error, "Outbox message {MessageId} ({Type}) failed; retry in {Backoff}", messageId, message.Type, backoff);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
