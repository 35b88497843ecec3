using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// A lot's or a storefront order's buyer disputes as its page shows them, to its seller, its buyer and platform staff: each
/// with its outcome (and a refund owed back, until finance sends it), and for the buyer whether (and until when) it may open one.
/// </summary>
public static class GetDisputes
{
    /// <summary>Exactly one of <paramref name="LotId"/> and <paramref name="OrderId"/>.</summary>
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Query(Guid? LotId, Guid? OrderId) : IQuery<Result>
    {
        public static Query ForLot(Guid lotId) => new(lotId, null);

        public static Query ForOrder(Guid orderId) => new(null, orderId);
    }

    /// <param name="OpenAction">Where the buyer's form posts.</param>
    /// <param name="Refunds">Refunds owed back on a paid invoice (by the posting that owes them), to show whether finance sent them.</param>
    public sealed record Result(Guid? LotId, Guid? OrderId, string OpenAction, IReadOnlyList<BuyerDispute> Disputes, IReadOnlyDictionary<string, BuyerRefund> Refunds,
        bool IsBuyer, DateTimeOffset? ReceivedAt, DateTimeOffset? Deadline, string? CannotOpenBecause, decimal Refundable, string? InvoiceNumber)
    {
        public bool IsEmpty => Disputes.Count == 0 && (!IsBuyer || Deadline is null);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q).Must(q => (q.LotId is null) != (q.OrderId is null)).WithMessage("Name a lot or an order.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            Guid? buyerId;
            DateTimeOffset? receivedAt;
            string action;
            if (query.LotId is { } lotId)
            {
                if (!await db.LotsOfPartiesOrPlatform(user).AnyAsync(l => l.Id == lotId, cancellationToken))
                {
                    throw new NotFoundException("Lot");
                }

                var fulfillment = await db.LotFulfillments.AsNoTracking().Where(f => f.LotId == lotId).Select(f => new { f.BuyerId, f.ReceivedAt }).SingleOrDefaultAsync(cancellationToken);
                (buyerId, receivedAt, action) = (fulfillment?.BuyerId, fulfillment?.ReceivedAt, $"/purchases/{lotId}/disputes");
            }
            else
            {
                var order = await db.OrdersVisibleTo(user).Where(o => o.Id == query.OrderId).Select(o => new { o.BuyerId, o.DeliveredAt }).SingleOrDefaultAsync(cancellationToken)
                            ?? throw new NotFoundException("Order");
                (buyerId, receivedAt, action) = (order.BuyerId, order.DeliveredAt, $"/store/orders/{query.OrderId}/disputes");
            }

            var disputes = await db.BuyerDisputes.AsNoTracking().Where(d => query.LotId != null ? d.LotId == query.LotId : d.OrderId == query.OrderId)
                .OrderByDescending(d => d.OpenedAt).ToListAsync(cancellationToken);
            var refunds = await db.BuyerRefunds.AsNoTracking().Where(r => query.LotId != null ? r.LotId == query.LotId : r.OrderId == query.OrderId)
                .ToDictionaryAsync(r => r.PostingKey, cancellationToken);
            var isBuyer = !user.IsPlatformStaff() && buyerId is not null && buyerId == user.OrganizationId;
            if (!isBuyer)
            {
                return new Result(query.LotId, query.OrderId, action, disputes, refunds, false, receivedAt, null, null, 0, null);
            }

            var invoice = await db.Invoices.AsNoTracking().Where(i => i.PayerId == buyerId && i.Status != InvoiceStatus.Void
                    && (query.LotId != null ? i.LotId == query.LotId : i.OrderId == query.OrderId))
                .OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken);
            var why = invoice is null ? "There is no invoice of yours for this purchase."
                : BuyerDispute.CannotOpenBecause(receivedAt, invoice, disputes.Any(d => d.State == DisputeState.Open), clock.Now);
            return new Result(query.LotId, query.OrderId, action, disputes, refunds, true, receivedAt, receivedAt is { } received ? BuyerDispute.Deadline(received) : null, why,
                invoice is null ? 0 : invoice.Amount - invoice.RefundedAmount, invoice?.Number);
        }
    }
}
