using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district picks a quote: the lot is awarded, the buyer is invoiced (hammer + buyer's premium,
/// net 30) and the sale is posted to the ledger.
/// </summary>
public static class AcceptQuote
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, Guid QuoteId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            var now = clock.Now;
            var quote = lot.AcceptQuote(command.QuoteId, now);
            var fees = await db.FeeSchedules.SingleAsync(cancellationToken);
            var settlement = fees.ForLot(quote.Amount);

            var invoice = new Invoice
            {
                Number = ReferenceNumber.New("INV"),
                PayerId = quote.RefurbisherId,
                LotId = lot.Id,
                Description = $"Lot {lot.Number}: {lot.Title} ({lot.Devices.Count} devices), hammer {settlement.HammerPrice:C} + buyer's premium {settlement.BuyerPremium:C}",
                Amount = settlement.BuyerTotal,
                Method = PaymentMethod.PurchaseOrder,
                IssuedAt = now,
                DueOn = clock.Today.AddDays(Invoice.DefaultNetTermsDays),
            };
            db.Invoices.Add(invoice);
            db.LedgerTransactions.Add(LedgerPostings.LotSale(lot, settlement, now));

            outbox.Email(quote.RefurbisherId, $"You won lot {lot.Number}",
                $"Your quote of {quote.Amount:C} for lot {lot.Number} ({lot.Title}) was accepted.\n" +
                $"Invoice {invoice.Number} for {invoice.Amount:C} is due {invoice.DueOn:MMMM d, yyyy}. Pay by purchase order or card from the lot page.");
            return Unit.Value;
        }
    }
}
