using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// Refunds owed to buyers: money returned (a return's refund, a dispute's decision) on invoices already paid outside Stripe,
/// which finance sends by ACH, check or wire. Those still owed come first, oldest first; then those sent, newest first.
/// </summary>
public static class ListBuyerRefunds
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(BuyerRefundState? State = null, int Page = 1) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string Number, string Buyer, string InvoiceNumber, PaymentMethod PaidBy, Guid? LotId, Guid? OrderId, string? Reference,
        decimal Amount, string Reason, DateTimeOffset OwedSince, PaymentMethod? SentBy, string? SentReference, DateTimeOffset? SentAt, string? RecordedBy);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await Rows(db, query.State).ToPageAsync(query.Page, PageSize, cancellationToken);
    }

    /// <summary>The queue's rows, read by the page and its export alike.</summary>
    public static IQueryable<Row> Rows(MarketplaceDb db, BuyerRefundState? state)
    {
        var refunds = state switch
        {
            BuyerRefundState.Owed => db.BuyerRefunds.Where(r => r.SentAt == null),
            BuyerRefundState.Sent => db.BuyerRefunds.Where(r => r.SentAt != null),
            _ => db.BuyerRefunds,
        };
        return refunds
            .OrderBy(r => r.SentAt != null)
            .ThenBy(r => r.SentAt == null ? r.OwedSince : DateTimeOffset.MinValue)
            .ThenByDescending(r => r.SentAt).ThenBy(r => r.Id)
            .Join(db.Invoices, r => r.InvoiceId, i => i.Id, (r, i) => new { r, i.Number, i.Method })
            .Join(db.Organizations, x => x.r.PayerId, o => o.Id, (x, buyer) => new Row(x.r.Id, x.r.Number, buyer.Name, x.Number, x.Method, x.r.LotId, x.r.OrderId,
                x.r.LotId != null ? db.Lots.Where(l => l.Id == x.r.LotId).Select(l => "Lot " + l.Number).FirstOrDefault()
                    : db.Orders.Where(o => o.Id == x.r.OrderId).Select(o => "Order " + o.Number).FirstOrDefault(),
                x.r.Amount, x.r.Reason, x.r.OwedSince, x.r.SentBy, x.r.SentReference, x.r.SentAt, x.r.RecordedBy));
    }
}
