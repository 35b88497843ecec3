using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>Finance's payouts queue: districts' lot payouts and refurbishers' storefront payouts, a page at a time.</summary>
public static class ListPayouts
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(int Page = 1, PayoutStatus? Status = null) : IQuery<PageOf<Row>>;

    /// <param name="Number">The lot's number, or the storefront order's.</param>
    /// <param name="Payee">The district paid for its lot, or the refurbisher paid for its order.</param>
    public sealed record Row(Guid Id, Guid? LotId, Guid? OrderId, string Number, string Payee, decimal Amount, PayoutMethod Method, PayoutStatus Status,
        DateTimeOffset RecordedAt, DateTimeOffset? ApprovedAt, string? ApprovedBy, DateTimeOffset? SentAt, string? Reference)
    {
        /// <summary>"lot L-2025-0042" or "order S-1042", for labels.</summary>
        public string Subject => LotId is null ? $"order {Number}" : $"lot {Number}";

        /// <summary>The money trail of what the payout pays for.</summary>
        public string TrailUrl => LotId is { } lot ? $"/finance/lots/{lot}" : $"/finance/orders/{OrderId}";
    }

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await Rows(db, query.Status).ToPageAsync(query.Page, PageSize, cancellationToken);
    }

    /// <summary>Payouts waiting for finance come first, then the rest, newest first; the queue and its export read the same rows.</summary>
    public static IQueryable<Row> Rows(MarketplaceDb db, PayoutStatus? status)
    {
        var payouts = status is { } only ? db.Payouts.Where(p => p.Status == only) : db.Payouts;
        return payouts.OrderBy(p => p.Status == PayoutStatus.Sent).ThenByDescending(p => p.RecordedAt).ThenBy(p => p.Id)
            .Select(p => new Row(p.Id, p.LotId, p.OrderId,
                (p.LotId != null ? db.Lots.Where(l => l.Id == p.LotId).Select(l => l.Number).FirstOrDefault()
                    : db.Orders.Where(o => o.Id == p.OrderId).Select(o => o.Number).FirstOrDefault()) ?? "",
                db.Organizations.Where(o => o.Id == p.PayeeId).Select(o => o.Name).FirstOrDefault() ?? "",
                p.Amount, p.Method, p.Status, p.RecordedAt, p.ApprovedAt, p.ApprovedBy, p.SentAt, p.Reference));
    }
}
