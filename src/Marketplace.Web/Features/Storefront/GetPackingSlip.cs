using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The packing slip of a storefront order, for the organization that ordered it and platform staff: the purchase order is
/// on it whatever the payment method, so the receiving desk can match the box to it. The refurbisher that ships it gets the
/// same facts (PO, items, ship-to) in its "paid: ship it" e-mail, and prints the slip of each shipment (its items and the
/// serials in the box) from its orders-to-ship page.
/// </summary>
public static class GetPackingSlip
{
    /// <param name="ShipmentId">One shipment's slip (its items and serials); the whole order's when null.</param>
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.OrganizationAdmin, Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid OrderId, Guid? ShipmentId = null) : IQuery<Result>;

    public sealed record Result(byte[] Pdf, string FileName);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var order = await db.OrdersVisibleTo(user).AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines)
                            .AsSplitQuery().SingleOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var names = await db.Organizations.AsNoTracking().Where(o => o.Id == order.BuyerId || o.Id == order.SellerId).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var seller = names.GetValueOrDefault(order.SellerId) ?? "";
            var buyer = names.GetValueOrDefault(order.BuyerId) ?? "";
            if (query.ShipmentId is { } shipmentId)
            {
                var shipment = order.Shipments.SingleOrDefault(s => s.Id == shipmentId) ?? throw new NotFoundException("Shipment");
                var lines = shipment.Lines.Select(s => (Shipped: s, Line: order.Lines.Single(l => l.Id == s.OrderLineId)))
                    .Select(x => new PackingSlipLine(x.Line.Title, x.Shipped.Quantity, x.Line.WarrantyMonths, x.Shipped.SerialList)).ToList();
                var box = new PackingSlipContent(order.Number, order.PurchaseOrderNumber, seller, buyer, order.ShipTo, order.PlacedAt, lines, clock.Now,
                    new PackingSlipShipment(shipment.Sequence, shipment.CarrierWords, shipment.TrackingNumber, shipment.ShippedAt));
                return new Result(PackingSlipDocument.Render(box), $"packing-slip-{order.Number}-{shipment.Sequence}.pdf");
            }

            var content = new PackingSlipContent(order.Number, order.PurchaseOrderNumber, seller, buyer,
                order.ShipTo, order.PlacedAt, [.. order.Lines.Select(l => new PackingSlipLine(l.Title, l.Quantity, l.WarrantyMonths, order.SerialsShipped(l.Id)))], clock.Now);
            return new Result(PackingSlipDocument.Render(content), $"packing-slip-{order.Number}.pdf");
        }
    }
}
