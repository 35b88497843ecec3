using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// Hourly (a Hangfire recurring job): awards past their payment deadline with nothing paid and no purchase order on
/// record are forfeited (<see cref="SaleAwards.ForfeitAsync"/>), and offers past their answer date lapse. One sale per
/// transaction, so one that fails leaves the others done; a second run finds nothing left to do.
/// </summary>
public static class EnforcePaymentDeadlines
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    /// <summary>One overdue award or lapsed offer, in its own transaction.</summary>
    [AllowedRoles(Roles.System)]
    public sealed record ForOne(Guid SaleId) : ICommand<bool>, IRetryOnConflict;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.Now;
            var due = await db.Sales
                .Where(s => (s.Status == SaleStatus.Awarded && s.PaymentDueAt <= now
                             && !db.Invoices.Any(i => i.LotId == s.LotId && i.PayerId == s.BuyerId && (i.Status == InvoiceStatus.Paid || i.PurchaseOrderNumber != null)))
                            || (s.Status == SaleStatus.Offered && s.OfferExpiresAt <= now))
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                outbox.Enqueue(new ForOne(id));
            }

            return due.Count;
        }
    }

    public sealed class ForOneHandler(MarketplaceDb db, IClock clock, Outbox outbox, SaleAwards awards) : ICommandHandler<ForOne, bool>
    {
        public async ValueTask<bool> Handle(ForOne command, CancellationToken cancellationToken)
        {
            var lotId = await db.Sales.Where(s => s.Id == command.SaleId).Select(s => s.LotId).SingleAsync(cancellationToken);
            var sale = (await db.LoadSaleAsync(lotId, cancellationToken))!;
            var lot = await db.Lots.SingleAsync(l => l.Id == lotId, cancellationToken);
            var now = clock.Now;
            if (sale.Status == SaleStatus.Offered && now >= sale.OfferExpiresAt)
            {
                var bidder = sale.OfferedToId!.Value;
                sale.DeclineOffer(now);
                outbox.Email(sale.DistrictId, $"Lot {lot.Number}: the offer lapsed",
                    $"The bidder you offered lot {lot.Number} ({lot.Title}) to did not answer in time. Offer it to the next bidder, or relist it.", Roles.DistrictApprover);
                outbox.Email(bidder, $"The offer of lot {lot.Number} lapsed", $"You did not answer the district's offer of lot {lot.Number} ({lot.Title}) in time.", Roles.RefurbisherBuyer);
                return true;
            }

            var paid = await db.Invoices.AnyAsync(i => i.LotId == lotId && i.PayerId == sale.BuyerId && (i.Status == InvoiceStatus.Paid || i.PurchaseOrderNumber != null), cancellationToken);
            if (sale.Status != SaleStatus.Awarded || sale.PaymentDueAt > now || paid)
            {
                return false;
            }

            await awards.ForfeitAsync(sale, lot, cancellationToken);
            return true;
        }
    }
}
