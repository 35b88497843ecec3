using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The packing slip of a storefront order, for the organization that ordered it and platform staff: the purchase order is
/// on it whatever the payment method, so the receiving desk can match the box to it. The refurbisher that ships it gets the
/// same facts (PO, items, ship-to) in its "paid: ship it" e-mail; sellers have no order pages to reach it from yet.
/// </summary>
public static class GetPackingSlip
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.OrganizationAdmin, Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid OrderId) : IQuery<Result>;

    public sealed record Result(byte[] Pdf, string FileName);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            IQueryable<Order> orders = db.Orders;
            if (!user.IsInRole(Roles.Finance) && !user.IsInRole(Roles.Admin))
            {
                orders = db.OrdersPlacedBy(user);
            }

            var order = await orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var names = await db.Organizations.AsNoTracking().Where(o => o.Id == order.BuyerId || o.Id == order.SellerId).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var content = new PackingSlipContent(order.Number, order.PurchaseOrderNumber, names.GetValueOrDefault(order.SellerId) ?? "", names.GetValueOrDefault(order.BuyerId) ?? "",
                order.ShipTo, order.PlacedAt, [.. order.Lines.Select(l => new PackingSlipLine(l.Title, l.Quantity, l.WarrantyMonths))], clock.Now);
            return new Result(PackingSlipDocument.Render(content), $"packing-slip-{order.Number}.pdf");
        }
    }
}
