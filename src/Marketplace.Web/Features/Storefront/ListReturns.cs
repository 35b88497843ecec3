using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Returns and warranty claims a page at a time: the organization's own (made as the school or to answer as the seller),
/// or, for the platform's admin, the queue of requests whose seller let its 3 business days pass without answering.
/// </summary>
public static class ListReturns
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Admin)]
    public sealed record Query(int Page = 1, bool OverdueOnly = false) : IQuery<Result>;

    public sealed record Row(Guid Id, string Number, ReturnKind Kind, string OrderNumber, string Item, int Quantity, ReturnStatus Status, DateTimeOffset RequestedAt,
        DateTimeOffset SellerAnswerDue, bool Overdue, string Buyer, string Seller);

    public sealed record Result(bool OverdueOnly, PageOf<Row> Returns);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.Now;
            var overdueOnly = query.OverdueOnly || user.IsInRole(Roles.Admin);
            var returns = db.ReturnsVisibleTo(user);
            var ordered = overdueOnly
                ? returns.Where(r => r.Status == ReturnStatus.Requested && r.SellerAnswerDue <= now).OrderBy(r => r.SellerAnswerDue).ThenBy(r => r.Id)
                : returns.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id);
            var page = await ordered.AsNoTracking().ToPageAsync(query.Page, PageSize, cancellationToken);
            var lineIds = page.Rows.Select(r => r.OrderLineId).ToList();
            var lines = await db.OrderLines.Where(l => lineIds.Contains(l.Id))
                .Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.Id, l.Title, o.Number }).ToDictionaryAsync(l => l.Id, cancellationToken);
            var organizationIds = page.Rows.SelectMany(r => new[] { r.BuyerId, r.SellerId }).Distinct().ToList();
            var names = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var rows = page.Rows.Select(r => new Row(r.Id, r.Number, r.Kind, lines[r.OrderLineId].Number, lines[r.OrderLineId].Title, r.Quantity, r.Status, r.RequestedAt,
                r.SellerAnswerDue, r.IsOverdue(now), names.GetValueOrDefault(r.BuyerId, ""), names.GetValueOrDefault(r.SellerId, ""))).ToList();
            return new Result(overdueOnly, new PageOf<Row>(rows, page.Page, page.Pages, page.Total, page.PageSize));
        }
    }
}
