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
    public Guid? CurrentMessageId { get; set; }
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
