using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// Where a ledger transaction leads: the lot or storefront order it is about, with its invoices, payout and every posting,
/// as finance sees them (the lot and order pages belong to the organizations that own them).
/// </summary>
public static class GetMoneyTrail
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid? LotId, Guid? OrderId) : IQuery<Result?>;

    public sealed record InvoiceRow(Guid Id, string Number, string Payer, decimal Amount, InvoiceStatus Status, DateOnly DueOn, string? PurchaseOrderNumber, string? PaymentReference);

    public sealed record PayoutRow(Guid Id, string Payee, decimal Amount, PayoutStatus Status, string? Reference);

    /// <param name="SellerPayout">For a delivered storefront order: when its seller's payout is due, why it is held, or what was paid.</param>
    public sealed record Result(string Kind, string Number, string Title, string? District, IReadOnlyList<InvoiceRow> Invoices, IReadOnlyList<PayoutRow> Payouts,
        IReadOnlyList<ListLedger.Transaction> Transactions, string? SellerPayout = null);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            string kind, number, title;
            string? district = null, sellerPayout = null;
            if (query.LotId is { } lotId)
            {
                var lot = await db.Lots.AsNoTracking().Where(l => l.Id == lotId)
                    .Select(l => new { l.Number, l.Title, District = db.Organizations.Where(o => o.Id == l.DistrictId).Select(o => o.Name).FirstOrDefault() })
                    .SingleOrDefaultAsync(cancellationToken);
                if (lot is null)
                {
                    return null;
                }

                (kind, number, title, district) = ("Lot", lot.Number, lot.Title, lot.District);
            }
            else if (query.OrderId is { } orderId)
            {
                var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
                if (order is null)
                {
                    return null;
                }

                (kind, number, title) = ("Order", order.Number, "Storefront order");
                sellerPayout = (await Storefront.OrderPayoutStatus.ForAsync(db, [order], order.SellerId, clock.Now, cancellationToken)).GetValueOrDefault(order.Id);
            }
            else
            {
                return null;
            }

            var invoices = await db.Invoices.Where(i => (query.LotId != null && i.LotId == query.LotId) || (query.OrderId != null && i.OrderId == query.OrderId))
                .OrderBy(i => i.IssuedAt)
                .Join(db.Organizations, i => i.PayerId, o => o.Id, (i, o) => new InvoiceRow(i.Id, i.Number, o.Name, i.Amount, i.Status, i.DueOn, i.PurchaseOrderNumber, i.PaymentReference))
                .ToListAsync(cancellationToken);
            var payouts = await db.Payouts.Where(p => (query.LotId != null && p.LotId == query.LotId) || (query.OrderId != null && p.OrderId == query.OrderId))
                .Join(db.Organizations, p => p.PayeeId, o => o.Id, (p, o) => new PayoutRow(p.Id, o.Name, p.Amount, p.Status, p.Reference))
                .ToListAsync(cancellationToken);
            var postings = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
                .Where(t => (query.LotId != null && t.LotId == query.LotId) || (query.OrderId != null && t.OrderId == query.OrderId))
                .OrderBy(t => t.OccurredAt)
                .ToListAsync(cancellationToken);
            var names = await db.OrganizationNamesAsync(postings.SelectMany(t => t.Entries).Select(e => e.OrganizationId), cancellationToken);
            return new Result(kind, number, title, district, invoices, payouts,
                [.. postings.Select(t => new ListLedger.Transaction(t.Id, t.OccurredAt, t.Source, t.Description, t.LotId, t.OrderId,
                    [.. t.Entries.OrderByDescending(e => e.Debit).ThenBy(e => e.Account).Select(e => new ListLedger.Line(e.Account, e.Debit, e.Credit,
                        e.OrganizationId is { } id ? names.GetValueOrDefault(id) : null, e.FundingSource, false))]))], sellerPayout);
        }
    }
}
