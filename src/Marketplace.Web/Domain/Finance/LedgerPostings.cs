using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Domain.Finance;

/// <summary>The postings for each money movement, in one place so finance can audit them.</summary>
public static class LedgerPostings
{
    /// <summary>
    /// Award: the buyer owes hammer + premium; the district is owed hammer − commission; the platform earns the rest. The
    /// proceeds and fee lines are split by <paramref name="funding"/> (the devices' funding, by value), so revenue by
    /// funding source is a sum of lines rather than a recomputation from devices that may change later.
    /// </summary>
    public static LedgerTransaction LotSale(Sale sale, string lotNumber, DateTimeOffset at, FundingMix funding)
    {
        var buyer = sale.BuyerId ?? throw new DomainException("The lot has no buyer.");
        var terms = sale.Terms ?? throw new DomainException("The lot has not been awarded.");
        var lines = new List<LedgerLine> { LedgerLine.Dr(LedgerAccount.BuyerReceivable, terms.BuyerTotal, buyer) };
        lines.AddRange(funding.Split(terms.DistrictProceeds).Select(p => LedgerLine.Cr(LedgerAccount.DistrictPayable, p.Amount, sale.DistrictId, p.Source)));
        lines.AddRange(funding.Split(terms.PlatformFees).Select(p => LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, p.Amount, fundingSource: p.Source)));
        return LedgerTransaction.Post(LotSaleKey(sale.LotId, sale.Forfeits.Count), LedgerSource.LotSale, $"Lot {lotNumber} awarded", at, lines,
            lotId: sale.LotId, districtId: sale.DistrictId, counterpartyId: buyer);
    }

    /// <summary>One sale posting per award of the lot: a lot awarded again after a forfeit (in the same round or a relisting) posts its new award.</summary>
    public static string LotSaleKey(Guid lotId, int forfeitsBefore) => forfeitsBefore == 0 ? $"lot-sale:{lotId}" : $"lot-sale:{lotId}:{forfeitsBefore + 1}";

    /// <summary>An award forfeited before payment: its sale posting reversed line by line, so nothing is owed either way.</summary>
    public static LedgerTransaction LotSaleForfeited(LedgerTransaction sale, string lotNumber, Forfeit forfeit, Guid lotId, DateTimeOffset at) =>
        LedgerTransaction.Post($"lot-sale-forfeited:{forfeit.Id}", LedgerSource.LotSaleForfeited, $"Lot {lotNumber} award forfeited (unpaid)", at,
            sale.Entries.Select(e => new LedgerLine(e.Account, e.Credit, e.Debit, e.OrganizationId, e.FundingSource)), lotId: lotId,
            districtId: sale.DistrictId, counterpartyId: sale.CounterpartyId);

    /// <summary>
    /// A settled reconciliation's adjustment re-prices the sale: the district's payable falls by the agreed amount, the
    /// platform gives back the fees on it (buyer's premium and commission scale with the price), and the buyer is credited
    /// both, in proportion to what it paid (<see cref="SettlementTerms.BuyerTotal"/> over the district's proceeds).
    /// </summary>
    public static LedgerTransaction ReceivingAdjustment(LotReconciliation reconciliation, SettlementTerms terms, string lotNumber, DateTimeOffset at, FundingMix funding)
    {
        var districtShare = reconciliation.AgreedAdjustment ?? throw new DomainException("The reconciliation is not settled.");
        var buyerCredit = terms.DistrictProceeds > 0
            ? Math.Max(districtShare, decimal.Round(districtShare * terms.BuyerTotal / terms.DistrictProceeds, 2, MidpointRounding.AwayFromZero))
            : districtShare;
        // The re-pricing takes back sale value, so it comes off each funding source as the sale's lines put it on.
        var lines = new List<LedgerLine> { LedgerLine.Cr(LedgerAccount.BuyerCredits, buyerCredit, reconciliation.BuyerId) };
        lines.AddRange(funding.Split(districtShare).Select(p => LedgerLine.Dr(LedgerAccount.DistrictPayable, p.Amount, reconciliation.DistrictId, p.Source)));
        lines.AddRange(funding.Split(buyerCredit - districtShare).Select(p => LedgerLine.Dr(LedgerAccount.PlatformFeeRevenue, p.Amount, fundingSource: p.Source)));
        return LedgerTransaction.Post($"receiving-adjustment:{reconciliation.Id}", LedgerSource.ReceivingAdjustment,
            $"Lot {lotNumber} reconciled at receiving: {districtShare:C} less to the district", at, lines, lotId: reconciliation.LotId,
            districtId: reconciliation.DistrictId, counterpartyId: reconciliation.BuyerId);
    }

    /// <summary>Cash (or Stripe's clearing account) comes in and the receivable is settled.</summary>
    /// <param name="districtId">The district whose lot the invoice is for (none for a storefront order).</param>
    public static LedgerTransaction Payment(Invoice invoice, DateTimeOffset at, Guid? districtId = null)
    {
        var cashAccount = invoice.Method == PaymentMethod.Card ? LedgerAccount.StripeClearing : LedgerAccount.Cash;
        var source = invoice.LotId is not null ? LedgerSource.LotPayment : LedgerSource.StorefrontPayment;
        return LedgerTransaction.Post($"payment:{invoice.Id}", source, $"Invoice {invoice.Number} paid ({invoice.Method.Words()})", at,
        [
            LedgerLine.Dr(cashAccount, invoice.Amount),
            LedgerLine.Cr(LedgerAccount.BuyerReceivable, invoice.Amount, invoice.PayerId),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);
    }

    /// <summary>A Stripe transfer to the district's connected account: the payable is paid from the platform's Stripe balance at once.</summary>
    public static LedgerTransaction PayoutTransferred(Payout payout, string lotNumber, DateTimeOffset at) =>
        LedgerTransaction.Post($"payout-sent:{payout.Id}", LedgerSource.DistrictPayoutSent, $"Payout for lot {lotNumber} transferred ({payout.Reference})", at,
        [
            LedgerLine.Dr(LedgerAccount.DistrictPayable, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.StripeClearing, payout.Amount),
        ], lotId: payout.LotId, districtId: payout.PayeeId, counterpartyId: payout.PayeeId);

    /// <summary>Finance approved an ACH or check payout: no longer owed, not yet out of the bank.</summary>
    public static LedgerTransaction PayoutReleased(Payout payout, string lotNumber, DateTimeOffset at) =>
        LedgerTransaction.Post($"payout-released:{payout.Id}", LedgerSource.DistrictPayoutReleased, $"Payout for lot {lotNumber} approved ({payout.Method.Words()})", at,
        [
            LedgerLine.Dr(LedgerAccount.DistrictPayable, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.PayoutsInTransit, payout.Amount, payout.PayeeId),
        ], lotId: payout.LotId, districtId: payout.PayeeId, counterpartyId: payout.PayeeId);

    /// <summary>The bank confirmed the ACH trace or the cleared check: the money has left.</summary>
    public static LedgerTransaction PayoutConfirmed(Payout payout, string lotNumber, DateTimeOffset at) =>
        LedgerTransaction.Post($"payout-sent:{payout.Id}", LedgerSource.DistrictPayoutSent, $"Payout for lot {lotNumber} sent ({payout.Reference})", at,
        [
            LedgerLine.Dr(LedgerAccount.PayoutsInTransit, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.Cash, payout.Amount),
        ], lotId: payout.LotId, districtId: payout.PayeeId, counterpartyId: payout.PayeeId);

    /// <summary>Storefront order: the school owes the total; the refurbisher is owed price − commission + shipping.</summary>
    public static LedgerTransaction StorefrontSale(Order order, decimal commissionRate, DateTimeOffset at) =>
        StorefrontSale(order, at, decimal.Round(order.Subtotal * commissionRate, 2, MidpointRounding.AwayFromZero));

    /// <summary>The order's sale with the commission its fee schedule version set (minimums included).</summary>
    public static LedgerTransaction StorefrontSale(Order order, DateTimeOffset at, decimal commission)
    {
        var lines = new List<LedgerLine>
        {
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, order.Total, order.BuyerId),
            LedgerLine.Cr(LedgerAccount.RefurbisherPayable, order.Total - commission, order.SellerId),
        };
        if (commission > 0)
        {
            lines.Add(LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, commission));
        }

        return LedgerTransaction.Post($"order-sale:{order.Id}", LedgerSource.StorefrontSale, $"Order {order.Number} placed", at, lines, orderId: order.Id,
            counterpartyId: order.BuyerId);
    }

    /// <summary>Reverses an order's sale posting line for line, so receivable, payable and fee revenue return to where they were.</summary>
    public static LedgerTransaction StorefrontOrderCancelled(Order order, LedgerTransaction sale, DateTimeOffset at) =>
        LedgerTransaction.Post($"order-cancelled:{order.Id}", LedgerSource.StorefrontOrderCancelled, $"Order {order.Number} cancelled before payment", at,
            sale.Entries.Select(e => new LedgerLine(e.Account, e.Credit, e.Debit, e.OrganizationId, e.FundingSource)), orderId: order.Id,
            counterpartyId: sale.CounterpartyId);
}
