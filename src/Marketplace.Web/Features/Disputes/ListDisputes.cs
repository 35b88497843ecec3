using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Disputes;

/// <summary>The finance workspace's disputes queue: buyers' disputes, open ones first (oldest waiting first), then resolved ones, newest first.</summary>
public static class ListDisputes
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(DisputeState? State = null, int Page = 1) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string Number, Guid? LotId, Guid? OrderId, string Reference, string Buyer, string Seller, BuyerDisputeReason Reason, string Details,
        decimal AmountClaimed, DateTimeOffset OpenedAt, DateTimeOffset ReceivedAt, string InvoiceNumber, PaymentMethod Method, DisputeState State, DisputeOutcome? Outcome,
        decimal RefundAmount, string? StripeRefundId, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionNote);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await Rows(db, query.State).ToPageAsync(query.Page, PageSize, cancellationToken);
    }

    /// <summary>The queue's rows, read by the page and its export alike.</summary>
    public static IQueryable<Row> Rows(MarketplaceDb db, DisputeState? state)
    {
        var disputes = state is { } only ? db.BuyerDisputes.Where(d => d.State == only) : db.BuyerDisputes;
        return disputes
            .OrderBy(d => d.State == DisputeState.Resolved)
            .ThenBy(d => d.State == DisputeState.Open ? d.OpenedAt : DateTimeOffset.MinValue)
            .ThenByDescending(d => d.ResolvedAt).ThenBy(d => d.Id)
            .Join(db.Invoices, d => d.InvoiceId, i => i.Id, (d, i) => new { d, i.Number, i.Method })
            .Join(db.Organizations, x => x.d.BuyerId, o => o.Id, (x, buyer) => new { x.d, x.Number, x.Method, Buyer = buyer.Name })
            .Join(db.Organizations, x => x.d.SellerId, o => o.Id, (x, seller) => new Row(x.d.Id, x.d.Number, x.d.LotId, x.d.OrderId,
                x.d.LotId != null ? db.Lots.Where(l => l.Id == x.d.LotId).Select(l => "Lot " + l.Number).FirstOrDefault()!
                    : db.Orders.Where(o => o.Id == x.d.OrderId).Select(o => "Order " + o.Number).FirstOrDefault()!,
                x.Buyer, seller.Name, x.d.Reason, x.d.Details, x.d.AmountClaimed, x.d.OpenedAt, x.d.ReceivedAt, x.Number, x.Method, x.d.State, x.d.Outcome,
                x.d.RefundAmount, x.d.StripeRefundId, x.d.ResolvedAt, x.d.ResolvedBy, x.d.ResolutionNote));
    }
}
