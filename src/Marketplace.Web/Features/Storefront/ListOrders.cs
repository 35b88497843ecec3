using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class ListOrders
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff)]
    public sealed record Query : IQuery<IReadOnlyList<OrderSummary>>;

    public sealed record OrderSummary(Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, PaymentMethod Method, string? PurchaseOrderNumber, decimal Total, string Seller, int Devices);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<OrderSummary>>
    {
        public async ValueTask<IReadOnlyList<OrderSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var buyerId = user.RequireOrganization();
            var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.BuyerId == buyerId)
                .Join(db.Organizations, o => o.SellerId, s => s.Id, (o, s) => new { o, Seller = s.Name })
                .ToListAsync(cancellationToken);
            return orders.OrderByDescending(x => x.o.PlacedAt)
                .Select(x => new OrderSummary(x.o.Id, x.o.Number, x.o.PlacedAt, x.o.Status, x.o.PaymentMethod, x.o.PurchaseOrderNumber, x.o.Total, x.Seller, x.o.Lines.Sum(l => l.Quantity)))
                .ToList();
        }
    }
}
