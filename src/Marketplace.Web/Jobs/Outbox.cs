using System.Text.Json;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Mediator;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Where handlers put follow-up work. The row is saved by the transaction behavior together with the
/// handler's own changes, so work is never lost and never runs for a change that rolled back.
/// </summary>
public sealed class Outbox(MarketplaceDb db, IClock clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Enqueue(IBaseCommand command, DateTimeOffset? dueAt = null)
    {
        var now = clock.Now;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Type = command.GetType().FullName!,
            Payload = JsonSerializer.Serialize(command, command.GetType(), Json),
            CreatedAt = now,
            DueAt = dueAt ?? now,
        });
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
