using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// What an award means outside the sale, whichever way it came (an accepted quote, an auction's or sealed bid's close, a
/// buy-now, an accepted highest bid, a taken offer): the escrow opens, the buyer is invoiced (hammer + buyer's premium),
/// the sale is posted to the ledger and both sides are told. A forfeit undoes exactly that, before any money moved.
/// Called inside the command's transaction, so the award and its consequences commit together or not at all.
/// </summary>
public sealed class SaleAwards(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration)
{
    public async Task<Invoice> RecordAsync(Sale sale, Lot lot, string how, CancellationToken cancellationToken)
    {
        var terms = sale.Terms ?? throw new DomainException("The lot has not been awarded.");
        var buyer = sale.BuyerId!.Value;
        db.LotSettlements.Add(LotSettlement.ForAward(sale));
        var netTerms = await db.Organizations.Where(o => o.Id == buyer).Select(o => o.NetTermsDays).SingleAsync(cancellationToken);
        var invoice = new Invoice
        {
            Number = ReferenceNumber.New("INV"),
            PayerId = buyer,
            LotId = lot.Id,
            Description = $"Lot {lot.Number}: {lot.Title} ({lot.Manifest.Devices} devices), hammer {terms.HammerPrice:C} + buyer's premium {terms.BuyerPremium:C}",
            Amount = terms.BuyerTotal,
            Currency = sale.Currency,
            Method = PaymentMethod.PurchaseOrder,
            IssuedAt = sale.AwardedAt!.Value,
            NetTermsDays = netTerms,
            DueOn = Invoice.DueDate(clock.Today, netTerms),
        };
        db.Invoices.Add(invoice);
        db.LedgerTransactions.Add(LedgerPostings.LotSale(sale, lot.Number, sale.AwardedAt.Value, await db.FundingMixOfLotAsync(lot.Id, cancellationToken)));

        var deadline = sale.PaymentDueAt!.Value;
        outbox.Email(buyer, $"You won lot {lot.Number}",
            $"{how} You won lot {lot.Number} ({lot.Title}) at {terms.HammerPrice:C}.\n" +
            $"Invoice {invoice.Number} for {invoice.Amount:C} (hammer + {terms.BuyerPremiumRate:P0} buyer's premium). " +
            $"Pay by card, or record your purchase order, by {deadline:MMMM d, yyyy h:mm tt} UTC ({Sale.DefaultPaymentBusinessDays} business days): " +
            $"an award not paid by then is forfeited and stays on your organization's record.\n{configuration.PageUrl($"/purchases/{lot.Id}")}",
            Roles.RefurbisherBuyer);
        outbox.Email(sale.DistrictId, $"Lot {lot.Number} is sold",
            $"{how} Lot {lot.Number} ({lot.Title}) is awarded at {terms.HammerPrice:C}; you receive {terms.DistrictProceeds:C} once the devices are received and certified. " +
            $"The buyer pays by {deadline:MMMM d, yyyy}.\n{configuration.PageUrl($"/lots/{lot.Id}")}",
            Roles.DistrictApprover);
        return invoice;
    }

    /// <summary>
    /// The award ended unpaid: the invoice is voided, the sale's ledger posting reversed line by line and the unfunded
    /// escrow removed; the forfeit stays on the buyer's record.
    /// </summary>
    public async Task ForfeitAsync(Sale sale, Lot lot, CancellationToken cancellationToken)
    {
        var buyer = sale.BuyerId!.Value;
        var key = LedgerPostings.LotSaleKey(sale.LotId, sale.Forfeits.Count);
        var posting = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.IdempotencyKey == key, cancellationToken);
        var invoice = await db.Invoices.SingleAsync(i => i.LotId == lot.Id && i.PayerId == buyer && i.Status == InvoiceStatus.Open, cancellationToken);
        var settlement = await db.LotSettlements.SingleAsync(s => s.LotId == lot.Id, cancellationToken);
        if (settlement.IsFunded)
        {
            throw new DomainException("The buyer's payment arrived: the award cannot be forfeited.");
        }

        var forfeit = sale.Forfeit(clock.Now);
        invoice.Void();
        db.LotSettlements.Remove(settlement);
        db.LedgerTransactions.Add(LedgerPostings.LotSaleForfeited(posting, lot.Number, forfeit, sale.LotId, clock.Now));
        outbox.Email(buyer, $"Your award of lot {lot.Number} is forfeited",
            $"Lot {lot.Number} ({lot.Title}) was not paid by the deadline, so the award is forfeited and invoice {invoice.Number} is void. " +
            "The forfeit stays on your organization's record, which districts see when they compare offers.", Roles.RefurbisherBuyer);
        outbox.Email(sale.DistrictId, $"Lot {lot.Number}: the winner did not pay",
            $"The award of lot {lot.Number} ({lot.Title}) at {forfeit.Amount:C} is forfeited: the buyer did not pay in time. " +
            $"Offer the lot to the next-highest bidder at that bidder's price, or relist it.\n{configuration.PageUrl($"/lots/{lot.Id}")}",
            Roles.DistrictApprover);
    }
}
