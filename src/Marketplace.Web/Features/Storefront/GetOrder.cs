using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Storefront;

public static class GetOrder
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff)]
    public sealed record Query(Guid OrderId) : IQuery<Result>;

    public sealed record Result(Order Order, string Seller, Invoice Invoice, bool AcceptsCards);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IPaymentProvider payments) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var seller = await db.Organizations.Where(o => o.Id == order.SellerId).Select(o => o.Name).SingleAsync(cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id, cancellationToken);
            return new Result(order, seller, invoice, payments.AcceptsCards);
        }
    }
}
