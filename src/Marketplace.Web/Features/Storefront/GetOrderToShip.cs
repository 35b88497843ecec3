using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>One of the refurbisher's orders as it ships it: what is left to ship per line, and its shipments so far.</summary>
public static class GetOrderToShip
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(Guid OrderId) : IQuery<Result>;

    /// <param name="Payout">Where the seller's payout for a delivered order stands; null before delivery.</param>
    public sealed record Result(Order Order, string Buyer, string? Payout);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var order = await db.OrdersSoldBy(user).AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery()
                            .SingleOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var buyer = await db.Organizations.Where(o => o.Id == order.BuyerId).Select(o => o.Name).SingleAsync(cancellationToken);
            var payout = (await OrderPayoutStatus.ForAsync(db, [order], order.SellerId, clock.Now, cancellationToken)).GetValueOrDefault(order.Id);
            return new Result(order, buyer, payout);
        }
    }
}
