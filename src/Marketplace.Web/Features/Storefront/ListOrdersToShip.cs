using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

/// <summary>Which of its orders the refurbisher sees: those to ship (oldest first), shipped on their way, or delivered.</summary>
public enum ShippingFilter { ToShip, Shipped, Delivered }

/// <summary>The refurbisher's orders-to-ship page, a page at a time; delivered orders say where their payout stands.</summary>
public static class ListOrdersToShip
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(ShippingFilter Filter = ShippingFilter.ToShip, int Page = 1) : IQuery<Result>;

    public sealed record Row(Guid Id, string Number, DateTimeOffset PlacedAt, string Buyer, string? PurchaseOrderNumber, OrderStage Stage, int Devices,
        int Shipped, int Shipments, decimal Total, string? Payout);

    public sealed record Result(ShippingFilter Filter, PageOf<Row> Orders);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var sold = db.OrdersSoldBy(user);
            // "To ship" is what Order.IsReadyToShip says, written for SQL: paid, or placed on a purchase order.
            var filtered = query.Filter switch
            {
                ShippingFilter.Shipped => sold.Where(o => o.ShippedAt != null && o.DeliveredAt == null).OrderByDescending(o => o.ShippedAt).ThenByDescending(o => o.Id),
                ShippingFilter.Delivered => sold.Where(o => o.DeliveredAt != null).OrderByDescending(o => o.DeliveredAt).ThenByDescending(o => o.Id),
                _ => sold.Where(o => o.ShippedAt == null && (o.Status == OrderStatus.Paid
                        || (o.Status == OrderStatus.AwaitingPayment && o.PaymentMethod == Domain.Finance.PaymentMethod.PurchaseOrder)))
                    .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id),
            };
            var page = await filtered.AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery()
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            var buyerIds = page.Rows.Select(o => o.BuyerId).Distinct().ToList();
            var buyers = await db.Organizations.Where(o => buyerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var payouts = await OrderPayoutStatus.ForAsync(db, page.Rows, user.RequireOrganization(), clock.Now, cancellationToken);
            var rows = page.Rows.Select(o => new Row(o.Id, o.Number, o.PlacedAt, buyers.GetValueOrDefault(o.BuyerId, ""), o.PurchaseOrderNumber, o.Stage,
                o.Lines.Sum(l => l.Quantity), o.Shipments.Sum(s => s.Devices), o.Shipments.Count, o.Total, payouts.GetValueOrDefault(o.Id))).ToList();
            return new Result(query.Filter, new PageOf<Row>(rows, page.Page, page.Pages, page.Total, page.PageSize));
        }
    }
}
