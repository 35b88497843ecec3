using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Storefront;

public static class GetOrder
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff)]
    public sealed record Query(Guid OrderId) : IQuery<Result>;

    /// <param name="Invoice">None while the order waits for the school's approver.</param>
    /// <param name="ApprovalLimit">The school's limit above which orders need an approver, when it has one.</param>
    /// <param name="PayNotice">Why the organization cannot pay the order now (its standing or documents), shown instead of the payment forms.</param>
    /// <param name="RefundsOwed">Money owed back on the paid invoice (returns' refunds, disputes' decisions) and whether finance sent it.</param>
    public sealed record Result(Order Order, string Seller, Invoice? Invoice, bool AcceptsCards, string PlacedBy, string? ApprovedBy, decimal? ApprovalLimit,
        StandingNotice? PayNotice = null, IReadOnlyList<BuyerRefund>? RefundsOwed = null);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IPaymentProvider payments, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).AsNoTracking().Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == query.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var seller = await db.Organizations.Where(o => o.Id == order.SellerId).Select(o => o.Name).SingleAsync(cancellationToken);
            var limit = await db.Organizations.Where(o => o.Id == order.BuyerId).Select(o => o.OrderApprovalLimit).SingleAsync(cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.OrderId == order.Id, cancellationToken);
            var people = await db.Users.Where(u => u.Id == order.PlacedByUserId || u.Id == order.ApprovedByUserId)
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var payNotice = order.CanChangePayment && order.PaymentMethod != PaymentMethod.PurchaseOrder
                ? (await db.RightsOfAsync(user, clock, cancellationToken)).NoticeFor("pay")
                : null;
            var refunds = await db.BuyerRefunds.AsNoTracking().Where(r => r.OrderId == order.Id).OrderBy(r => r.OwedSince).ToListAsync(cancellationToken);
            return new Result(order, seller, invoice, payments.AcceptsCards, people.GetValueOrDefault(order.PlacedByUserId) ?? "a former member",
                order.ApprovedByUserId is { } approver ? people.GetValueOrDefault(approver) : null, limit, payNotice, refunds);
        }
    }
}
