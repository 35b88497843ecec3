using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// What the signed-in person's organization may do, read once per request. Commands marked
/// <see cref="IReadsRightsFirst"/> have it read by <see cref="RightsFirstBehavior{TMessage,TResponse}"/> before their
/// transaction begins, so a busy auction's bids do not hold SQLite's single write lock while reading documents that only an
/// administrator's review changes; a retried command reuses it.
/// </summary>
public sealed class ActingOrganization(MarketplaceDb db, ICurrentUser user, IClock clock)
{
    private OrganizationRights? _rights;

    public async ValueTask<OrganizationRights> RightsAsync(CancellationToken cancellationToken) =>
        _rights ??= await db.RightsOfAsync(user, clock, cancellationToken);
}

/// <summary>A command whose handler asks <see cref="ActingOrganization"/> for the organization's rights.</summary>
public interface IReadsRightsFirst;

/// <summary>Reads the acting organization's rights ahead of the transaction for <see cref="IReadsRightsFirst"/> commands.</summary>
/// The connection it opens stays open for the command (the context closes it when the request ends), so the reads before
/// the transaction share one open: EF Core's SQLite provider registers its functions on every open. On SQLite the
/// transaction itself runs on the writers' connection (<see cref="Data.SqliteWriterConnection"/>).
public sealed class RightsFirstBehavior<TMessage, TResponse>(MarketplaceDb db, ActingOrganization acting) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IReadsRightsFirst)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await acting.RightsAsync(cancellationToken);
        }

        return await next(message, cancellationToken);
    }
}
