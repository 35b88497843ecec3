using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Pipeline;

public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Requests slower than this are logged as warnings.</summary>
    public int SlowRequestMilliseconds { get; set; } = 500;
}

/// <summary>Outermost: one structured log line per message with its outcome and duration.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation("Handled {Message} for {User} in {ElapsedMs:0.0} ms", name, user.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is DomainException or ValidationException or NotFoundException or ForbiddenException)
        {
            logger.LogInformation("Refused {Message} for {User}: {Reason}", name, user.Name, ex.Message);
            throw;
        }
        catch (OutboxMessageAlreadyCompletedException ex)
        {
            logger.LogInformation("Skipped {Message}: {Reason}", name, ex.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Abandoned {Message} for {User} after {ElapsedMs:0.0} ms: the client went away", name, user.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Failed {Message} for {User} after {ElapsedMs:0.0} ms", name, user.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Warns about requests that take longer than <see cref="PipelineOptions.SlowRequestMilliseconds"/>.</summary>
public sealed class SlowRequestBehavior<TMessage, TResponse>(ILogger<SlowRequestBehavior<TMessage, TResponse>> logger, IOptions<PipelineOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds > options.Value.SlowRequestMilliseconds)
        {
            logger.LogWarning("Slow request {Message} took {ElapsedMs:0} ms (threshold {ThresholdMs} ms)",
                typeof(TMessage).FullName, elapsed.TotalMilliseconds, options.Value.SlowRequestMilliseconds);
        }

        return response;
    }
}

/// <summary>Refuses messages whose <see cref="AllowedRolesAttribute"/> the current user does not satisfy.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var rule = AllowedRolesRules.For(typeof(TMessage))
            ?? throw new InvalidOperationException($"{typeof(TMessage).FullName} has no [AllowedRoles]; every message must say who may send it.");

        if (!rule.Anonymous)
        {
            if (!user.IsAuthenticated)
            {
                throw new ForbiddenException("Sign in to continue.");
            }

            if (!rule.Roles.Any(user.IsInRole))
            {
                throw new ForbiddenException("Your role does not allow this action.");
            }
        }

        return next(message, cancellationToken);
    }
}

/// <summary>Runs every FluentValidation validator of the message and stops at the first failures.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>
/// The unit of work for commands: one transaction, one SaveChanges. Outbox rows the handler added are
/// saved in the same transaction, and a command run by an outbox job marks its row done in it too.
/// Queries pass straight through.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(MarketplaceDb db, OutboxScope outboxScope, IClock clock, OutboxSignal signal, SqliteWriteGate writeGate)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        TResponse response;
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            response = await InTransactionAsync(message, next, cancellationToken);
        }

        await writeGate.HandOverAsync();
        return response;
    }

    private async ValueTask<TResponse> InTransactionAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (outboxScope.CurrentMessageId is { } id)
            {
                await CompleteOutboxRowFirstAsync(id, cancellationToken);
            }

            var response = await next(message, cancellationToken);
            var addedOutboxRows = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
            await SaveAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (addedOutboxRows)
            {
                signal.Notify();
            }

            return response;
        }
        finally
        {
            outboxScope.HoldsCompletion = false;
        }
    }

    /// <summary>
    /// The command's last save. Inside a transaction EF Core wraps each save in a savepoint, so that a failed save leaves the
    /// transaction usable (the inbox relies on it for its first save); a failure of this one ends the command and rolls all
    /// of it back, so its savepoint would only add two statements (SAVEPOINT, RELEASE) to every command's turn in the write lock.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>
    /// The exactly-once rule for outbox work lives here. Delivery is at-least-once (a lease can expire
    /// under a live job, a restart re-dispatches), so two runs of one row can overlap. Marking the row
    /// completed is therefore the FIRST statement of the command's transaction, conditional on it not
    /// being completed yet: a second run's update waits on this row's lock (SQL Server) or on the
    /// database write lock (SQLite: EF Core begins transactions there as BEGIN IMMEDIATE, pinned by a
    /// test) until this transaction ends, then matches no row and rolls back before its handler runs.
    /// So an e-mail or Stripe call inside the handler happens once; if this transaction rolls back,
    /// so does the completion, and the row is retried.
    /// </summary>
    private async Task CompleteOutboxRowFirstAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var claim = outboxScope.CurrentClaim;
        var completed = await db.OutboxMessages
            .Where(m => m.Id == id && m.CompletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.CompletedAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LeaseOwner, claim), cancellationToken);
        if (completed == 0)
        {
            throw new OutboxMessageAlreadyCompletedException(id);
        }

        outboxScope.HoldsCompletion = true;
    }
}

/// <summary>
/// SQLite lets one connection write at a time, and a command's transaction takes the write lock when it begins. Left to
/// SQLite, commands racing for it sleep and poll (its busy handler), which under load makes some wait far longer than
/// the writes ahead of them took. Commands of this process therefore queue here first, in arrival order, and each meets
/// an idle database. A command that has waited <see cref="Patience"/> goes on to SQLite's own locking rather than wait
/// forever. Writes outside commands in this process (the outbox dispatcher's claims and prunes, an outbox job's failure record and lease renewal) queue here too: one of
/// them holding the lock while a command begins sends the command to SQLite's busy handler, which sleeps 1, 2, 5, 10…
/// milliseconds between tries (busy_timeout, set by <c>SqlitePragmaInterceptor</c>; without it Microsoft.Data.Sqlite slept
/// 150 ms), the long tail a busy auction's bidders would feel. Another process never queues here.
/// A turn taken for a context (<see cref="EnterAsync(MarketplaceDb, CancellationToken)"/>) also moves it to the writers'
/// connection for the turn (<see cref="SqliteWriterConnection"/>).
/// </summary>
public sealed class SqliteWriteGate
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    /// <summary>How many writers are waiting for their turn right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await _gate.WaitAsync(Patience, cancellationToken) ? new Turn(_gate) : null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>
    /// Called by a writer just after its turn ends: when others wait, the rest of its work (the response, the caller's next
    /// step) goes to the thread pool's shared queue, so that this thread runs the next writer's turn at once. Releasing the
    /// turn queues the next writer on this thread's own queue, where it would otherwise wait for this thread to finish
    /// whatever follows (measured by the pipeline benchmark: ~250 µs from one turn to the next on two busy cores, ~70 µs this way).
    /// </summary>
    public ValueTask HandOverAsync()
    {
        if (Waiting == 0)
        {
            return ValueTask.CompletedTask;
        }

        return YieldAsync();

        static async ValueTask YieldAsync() => await Task.Yield();
    }

    /// <summary>
    /// A turn when <paramref name="db"/> is SQLite (SQL Server locks rows, and needs none), during which the context writes
    /// on the writers' connection (<see cref="SqliteWriterConnection"/>). A context already in a transaction keeps its
    /// connection; so does one that waited past <see cref="Patience"/>, which writes without a turn.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(MarketplaceDb db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var turn = await EnterAsync(cancellationToken);
        return turn is null || db.Database.CurrentTransaction is not null ? turn : SqliteWriterConnection.Lend(db, turn);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
