using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The organization's storefront orders, newest first, a page at a time; orders waiting for the school's approver come first.</summary>
public static class ListOrders
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record OrderSummary(Guid Id, string Number, DateTimeOffset PlacedAt, OrderStatus Status, PaymentMethod Method, string? PurchaseOrderNumber,
        decimal Total, string Seller, int Devices, OrderStage Stage);

    public sealed record Result(IReadOnlyList<OrderSummary> AwaitingApproval, PageOf<OrderSummary> Orders);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Totals are summed in memory: money is stored as scaled integers on SQLite, so SQL arithmetic on it is not trusted.
            var orders = db.OrdersPlacedBy(user).AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery();
            var waiting = await orders.Where(o => o.Status == OrderStatus.AwaitingApproval).OrderBy(o => o.PlacedAt).ToListAsync(cancellationToken);
            var page = await orders.Where(o => o.Status != OrderStatus.AwaitingApproval)
                .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).ToPageAsync(query.Page, PageSize, cancellationToken);
            var sellerIds = waiting.Concat(page.Rows).Select(o => o.SellerId).Distinct().ToList();
            var sellers = await db.Organizations.Where(o => sellerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            OrderSummary Summary(Order o) => new(o.Id, o.Number, o.PlacedAt, o.Status, o.PaymentMethod, o.PurchaseOrderNumber, o.Total,
                sellers.GetValueOrDefault(o.SellerId, ""), o.Lines.Sum(l => l.Quantity), o.Stage);
            return new Result(waiting.Select(Summary).ToList(),
                new PageOf<OrderSummary>(page.Rows.Select(Summary).ToList(), page.Page, page.Pages, page.Total, page.PageSize));
        }
    }
}
