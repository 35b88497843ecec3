using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class GetOrder
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Query(Guid OrderId) : IQuery<Result>;

    public sealed record Result(Order Order, string Seller, Invoice Invoice);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var buyerId = user.RequireOrganization();
            var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == query.OrderId && o.BuyerId == buyerId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var seller = await db.Organizations.Where(o => o.Id == order.SellerId).Select(o => o.Name).SingleAsync(cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id, cancellationToken);
            return new Result(order, seller, invoice);
        }
    }
}
