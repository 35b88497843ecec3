using System.Runtime.ExceptionServices;
using Hangfire;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Jobs;

/// <summary>
/// The one Hangfire job: a thin shell that sends the command stored in an outbox row under the claim
/// the dispatcher gave it. The command's transaction marks the row done (first, conditionally: see
/// <see cref="Infrastructure.Pipeline.TransactionBehavior{TMessage, TResponse}"/>); while the command
/// runs the job renews its lease; a failure is recorded on the row and retried with backoff.
/// </summary>
public sealed class OutboxJob(IServiceScopeFactory scopes, IClock clock, TimeProvider time, IOptions<OutboxOptions> options, SqliteWriteGate writeGate, OutboxSignal signal,
    ILogger<OutboxJob> logger)
{
    // Retries are the outbox's: its backoff survives restarts, which Hangfire's in-memory retries do not.
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(Guid messageId, string claim, CancellationToken cancellationToken)
    {
        try
        {
            await RunClaimedAsync(messageId, claim, cancellationToken);
        }
        finally
        {
            // A worker is free: the dispatcher may hand out more (OutboxOptions.QueueLimit).
            signal.Notify();
        }
    }

    private async Task RunClaimedAsync(Guid messageId, string claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.CompletedAt is not null)
        {
            return;
        }

        if (message.LeaseOwner != claim)
        {
            // Our lease expired before we started and the row was handed out again (or released at a
            // restart): the run holding it now does the work.
            logger.LogInformation("Outbox message {MessageId} is no longer held by claim {Claim}; leaving it to {Holder}", messageId, claim, message.LeaseOwner ?? "the next dispatch");
            return;
        }

        logger.LogInformation("Running outbox message {MessageId} ({Type}) under claim {Claim}", messageId, message.Type, claim);
        var command = Outbox.Deserialize(message);
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAsSystem();
        var outboxScope = scope.ServiceProvider.GetRequiredService<OutboxScope>();
        outboxScope.CurrentMessageId = messageId;
        outboxScope.CurrentClaim = claim;

        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewLeaseAsync(messageId, claim, outboxScope, stopRenewing.Token);
        ExceptionDispatchInfo? failure = null;
        try
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
        }
        catch (OutboxMessageAlreadyCompletedException)
        {
            logger.LogInformation("Outbox message {MessageId} was already completed by another run; claim {Claim} did nothing", messageId, claim);
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }

        if (failure is not null)
        {
            await RecordFailureAsync(messageId, claim, failure.SourceException, cancellationToken);
            failure.Throw();
        }
    }

    /// <summary>
    /// Keeps a live run's row from being handed out again: every third of the lease, a conditional
    /// update on this run's own claim token. Stops when the command ends or the row is no longer ours.
    /// </summary>
    private async Task RenewLeaseAsync(Guid messageId, string claim, OutboxScope outboxScope, CancellationToken stop)
    {
        var lease = options.Value.Lease;
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (outboxScope.HoldsCompletion)
                {
                    // The command's transaction holds the row: renewing would only wait for that lock.
                    continue;
                }

                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
                    var until = clock.Now + lease;
                    using var turn = await writeGate.EnterAsync(db, stop);
                    var renewed = await db.OutboxMessages
                        .Where(m => m.Id == messageId && m.LeaseOwner == claim && m.CompletedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until), stop);
                    if (renewed == 0)
                    {
                        return;
                    }

                    logger.LogDebug("Renewed the lease of outbox message {MessageId} until {LeaseUntil}", messageId, until);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not renew the lease of outbox message {MessageId}; trying again", messageId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The command finished.
        }
    }

    /// <summary>
    /// Counts the attempt, schedules the next one in <see cref="OutboxMessage.DueAt"/> (never in the
    /// lease, which a restart releases) and releases the lease if it is still this run's. A row parked
    /// as dead is due at once, so an admin's retry runs it without waiting out a backoff.
    /// </summary>
    private async Task RecordFailureAsync(Guid messageId, string claim, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.CompletedAt is not null)
        {
            return;
        }

        var now = clock.Now;
        var attempts = message.Attempts + 1;
        var lastError = $"{error.GetType().Name}: {error.Message}".Truncate(2000);
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, options.Value.RetryBackoff.TotalSeconds * Math.Pow(2, attempts - 1)));
        DateTimeOffset? deadAt = attempts >= OutboxMessage.MaxAttempts ? now : null;
        // In turn with the commands (SqliteWriteGate): a write that takes SQLite's lock while a command begins sends that
        // command into Microsoft.Data.Sqlite's busy retry, which sleeps 150 ms, and every write of the marketplace waits behind it.
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        // Conditional on the attempts we read, so two failing runs of one row count two attempts, not one.
        var recorded = await db.OutboxMessages
            .Where(m => m.Id == messageId && m.CompletedAt == null && m.Attempts == message.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, lastError)
                .SetProperty(m => m.DueAt, deadAt ?? now + backoff)
                .SetProperty(m => m.DeadAt, deadAt)
                .SetProperty(m => m.LeaseUntil, m => m.LeaseOwner == claim ? null : m.LeaseUntil)
                .SetProperty(m => m.LeaseOwner, m => m.LeaseOwner == claim ? null : m.LeaseOwner), cancellationToken);
        if (recorded == 0)
        {
            logger.LogWarning(error, "Outbox message {MessageId} ({Type}) failed under claim {Claim}; another run changed the row meanwhile", messageId, message.Type, claim);
        }
        else if (deadAt is not null)
        {
            logger.LogError(error, "Outbox message {MessageId} ({Type}) failed {Attempts} times and is parked for an admin", messageId, message.Type, attempts);
        }
        else
        {
            logger.LogWarning(error, "Outbox message {MessageId} ({Type}) failed; retry in {Backoff}", messageId, message.Type, backoff);
        }
    }
}
