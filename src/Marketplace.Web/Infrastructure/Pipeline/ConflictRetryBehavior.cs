namespace Marketplace.Web.Infrastructure.Pipeline;

/// <summary>
/// Outside the transaction: a <see cref="IRetryOnConflict"/> command whose save lost a race is run again from scratch
/// (change tracker cleared, so nothing of the lost attempt is saved: no half-written bid, e-mail or audit record), at
/// most <see cref="Attempts"/> times; then the person gets the usual "changed at the same time" message.
/// </summary>
public sealed class ConflictRetryBehavior<TMessage, TResponse>(MarketplaceDb db, ILogger<ConflictRetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public const int Attempts = 4;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IRetryOnConflict || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                logger.LogInformation("{Command} lost a concurrent update (attempt {Attempt}); running it again against the current state", typeof(TMessage).Name, attempt);
                db.ChangeTracker.Clear();
            }
        }
    }
}
