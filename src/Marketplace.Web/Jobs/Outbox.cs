using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Where handlers put follow-up work. The row is saved by the transaction behavior together with the
/// handler's own changes, so work is never lost and never runs for a change that rolled back.
/// </summary>
public sealed class Outbox(MarketplaceDb db, IClock clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The row of each kind of gathering command (<see cref="Gather{TCommand}"/>) this scope queued, with the command it holds.</summary>
    private readonly Dictionary<Type, (OutboxMessage Row, IBaseCommand Command)> _gathered = [];

    public void Enqueue(IBaseCommand command, DateTimeOffset? dueAt = null) => Add(command, dueAt);

    /// <summary>
    /// Adds to the <typeparamref name="TCommand"/> this scope already queued, while it is unsaved, instead of queuing another:
    /// <paramref name="add"/> is given that command (null when there is none) and returns it with the new work added. So
    /// the e-mails of one command go out in one job, not one job per organization told.
    /// </summary>
    public void Gather<TCommand>(Func<TCommand?, TCommand> add)
        where TCommand : class, IBaseCommand
    {
        if (_gathered.TryGetValue(typeof(TCommand), out var gathered) && db.Entry(gathered.Row).State == EntityState.Added)
        {
            // Not saved yet: the row is replaced by one holding the larger command.
            db.Entry(gathered.Row).State = EntityState.Detached;
            var command = add((TCommand)gathered.Command);
            _gathered[typeof(TCommand)] = (Add(command, gathered.Row.DueAt), command);
            return;
        }

        var first = add(null);
        _gathered[typeof(TCommand)] = (Add(first, null), first);
    }

    private OutboxMessage Add(IBaseCommand command, DateTimeOffset? dueAt)
    {
        var now = clock.Now;
        var row = new OutboxMessage
        {
            Type = command.GetType().FullName!,
            Payload = JsonSerializer.Serialize(command, command.GetType(), Json),
            CreatedAt = now,
            DueAt = dueAt ?? now,
        };
        db.OutboxMessages.Add(row);
        return row;
    }

    internal static IBaseCommand Deserialize(OutboxMessage message)
    {
        var type = typeof(Outbox).Assembly.GetType(message.Type)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} names unknown type {message.Type}.");
        return (IBaseCommand)(JsonSerializer.Deserialize(message.Payload, type, Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload."));
    }
}

/// <summary>Set by <see cref="OutboxJob"/> so the transaction behavior marks the row done in the command's own transaction.</summary>
public sealed class OutboxScope
{
    private volatile bool _holdsCompletion;

    public Guid? CurrentMessageId { get; set; }

    /// <summary>The claim token of the job running the command; written to the row it completes.</summary>
    public string? CurrentClaim { get; set; }

    /// <summary>
    /// True while the command's open transaction has marked the row completed. Other runs then wait on
    /// (or skip) that locked row, so the job's lease renewal has nothing to do and pauses.
    /// </summary>
    public bool HoldsCompletion
    {
        get => _holdsCompletion;
        set => _holdsCompletion = value;
    }
}

/// <summary>
/// Another run of the same outbox row committed first. The command's transaction rolled back before
/// its handler ran; <see cref="OutboxJob"/> treats this as done, not as a failure.
/// </summary>
public sealed class OutboxMessageAlreadyCompletedException(Guid messageId)
    : Exception($"Outbox message {messageId} was already completed by another run.")
{
    public Guid MessageId { get; } = messageId;
}

/// <summary>Wakes the dispatcher right after a commit that wrote outbox rows, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit already woke the dispatcher.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
