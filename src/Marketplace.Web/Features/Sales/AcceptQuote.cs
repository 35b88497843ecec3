using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// The district picks a quote: the sale is awarded on today's fee schedule (a snapshot kept with the
/// award), the escrow opens, the buyer is invoiced (hammer + buyer's premium, net 30) and the sale is
/// posted to the ledger.
/// </summary>
public static class AcceptQuote
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, Guid QuoteId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var sale = await db.Sales.Include(s => s.Quotes).SingleOrDefaultAsync(s => s.LotId == lot.Id, cancellationToken)
                       ?? throw new DomainException("Only a listed lot can be awarded.");
            var now = clock.Now;
            var fees = await db.FeeSchedules.AsNoTracking().SingleAsync(cancellationToken);
            var quote = sale.Accept(command.QuoteId, fees, now);
            var terms = sale.Terms!;
            db.LotSettlements.Add(LotSettlement.ForAward(sale));

            var invoice = new Invoice
            {
                Number = ReferenceNumber.New("INV"),
                PayerId = quote.RefurbisherId,
                LotId = lot.Id,
                Description = $"Lot {lot.Number}: {lot.Title} ({lot.Manifest.Devices} devices), hammer {terms.HammerPrice:C} + buyer's premium {terms.BuyerPremium:C}",
                Amount = terms.BuyerTotal,
                Currency = sale.Currency,
                Method = PaymentMethod.PurchaseOrder,
                IssuedAt = now,
                DueOn = clock.Today.AddDays(Invoice.DefaultNetTermsDays),
            };
            db.Invoices.Add(invoice);
            db.LedgerTransactions.Add(LedgerPostings.LotSale(sale, lot.Number, now));

            outbox.Email(quote.RefurbisherId, $"You won lot {lot.Number}",
                $"Your quote of {quote.Amount:C} for lot {lot.Number} ({lot.Title}) was accepted.\n" +
                $"Invoice {invoice.Number} for {invoice.Amount:C} is due {invoice.DueOn:MMMM d, yyyy}. Pay by purchase order or card from the lot page.", Roles.RefurbisherBuyer);
            return Unit.Value;
        }
    }
}
