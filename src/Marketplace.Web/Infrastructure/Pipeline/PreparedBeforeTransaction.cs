namespace Marketplace.Web.Infrastructure.Pipeline;

/// <summary>
/// A command with slow read-only work (drawing a document from committed rows) that is done by its
/// <see cref="IPreparation{TMessage}"/> before the transaction begins, so SQLite's single write lock is not held, and every
/// other write of the marketplace kept waiting, while it runs.
/// </summary>
public interface IPreparedBeforeTransaction;

/// <summary>
/// The read-only part of an <see cref="IPreparedBeforeTransaction"/> command. Rows may change between the preparation and the
/// transaction, so the handler checks, inside its transaction, that what was prepared still describes them (a fingerprint of
/// their versions) and does the work again there when it does not: preparing is only ever a head start.
/// </summary>
public interface IPreparation<in TMessage>
    where TMessage : IMessage
{
    ValueTask PrepareAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>Runs the preparations of <see cref="IPreparedBeforeTransaction"/> commands once, before the transaction (and before any retry of it).</summary>
public sealed class PrepareBeforeTransactionBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IPreparedBeforeTransaction)
        {
            foreach (var preparation in services.GetServices<IPreparation<TMessage>>())
            {
                await preparation.PrepareAsync(message, cancellationToken);
            }
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>
/// What a preparation made, kept for the very command it was made for: the handler of the same message instance finds it
/// (also when the transaction is run again after a conflict), another command of the scope with equal values does not.
/// </summary>
public sealed class Prepared<TMessage, TValue>
    where TMessage : class
    where TValue : class
{
    private readonly Dictionary<TMessage, TValue> _values = new(ReferenceEqualityComparer.Instance);

    public TValue? For(TMessage message) => _values.GetValueOrDefault(message);

    public bool Has(TMessage message) => _values.ContainsKey(message);

    public void Keep(TMessage message, TValue value) => _values[message] = value;

    public IEnumerable<TValue> All => _values.Values;
}
