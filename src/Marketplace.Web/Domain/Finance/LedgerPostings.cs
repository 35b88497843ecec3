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

    /// <summary>Cash (or Stripe's clearing account) comes in and the receivable is settled: what was due, after any return credited before payment.</summary>
    /// <param name="districtId">The district whose lot the invoice is for (none for a storefront order).</param>
    public static LedgerTransaction Payment(Invoice invoice, DateTimeOffset at, Guid? districtId = null)
    {
        var cashAccount = invoice.Method == PaymentMethod.Card ? LedgerAccount.StripeClearing : LedgerAccount.Cash;
        var source = invoice.LotId is not null ? LedgerSource.LotPayment : LedgerSource.StorefrontPayment;
        return LedgerTransaction.Post($"payment:{invoice.Id}", source, $"Invoice {invoice.Number} paid ({invoice.Method.Words()})", at,
        [
            LedgerLine.Dr(cashAccount, invoice.AmountDue),
            LedgerLine.Cr(LedgerAccount.BuyerReceivable, invoice.AmountDue, invoice.PayerId),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);
    }

    /// <summary>A Stripe transfer to the seller's connected account: the payable is paid from the platform's Stripe balance at once.</summary>
    /// <param name="number">The lot's or the order's number, whichever the payout is for.</param>
    public static LedgerTransaction PayoutTransferred(Payout payout, string number, DateTimeOffset at) =>
        PayoutPosting($"payout-sent:{payout.Id}", payout, SentSource(payout), $"Payout for {Subject(payout, number)} transferred ({payout.Reference})", at,
        [
            LedgerLine.Dr(payout.PayableAccount, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.StripeClearing, payout.Amount),
        ]);

    /// <summary>Finance approved an ACH or check payout: no longer owed, not yet out of the bank.</summary>
    public static LedgerTransaction PayoutReleased(Payout payout, string number, DateTimeOffset at) =>
        PayoutPosting($"payout-released:{payout.Id}", payout,
            payout.OrderId is null ? LedgerSource.DistrictPayoutReleased : LedgerSource.RefurbisherPayoutReleased,
            $"Payout for {Subject(payout, number)} approved ({payout.Method.Words()})", at,
        [
            LedgerLine.Dr(payout.PayableAccount, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.PayoutsInTransit, payout.Amount, payout.PayeeId),
        ]);

    /// <summary>The bank confirmed the ACH trace or the cleared check: the money has left.</summary>
    public static LedgerTransaction PayoutConfirmed(Payout payout, string number, DateTimeOffset at) =>
        PayoutPosting($"payout-sent:{payout.Id}", payout, SentSource(payout), $"Payout for {Subject(payout, number)} sent ({payout.Reference})", at,
        [
            LedgerLine.Dr(LedgerAccount.PayoutsInTransit, payout.Amount, payout.PayeeId),
            LedgerLine.Cr(LedgerAccount.Cash, payout.Amount),
        ]);

    private static LedgerSource SentSource(Payout payout) =>
        payout.OrderId is null ? LedgerSource.DistrictPayoutSent : LedgerSource.RefurbisherPayoutSent;

    private static string Subject(Payout payout, string number) => payout.OrderId is null ? $"lot {number}" : $"order {number}";

    // A district payout carries its district as the reporting dimension; a storefront order has none.
    private static LedgerTransaction PayoutPosting(string key, Payout payout, LedgerSource source, string description, DateTimeOffset at, IEnumerable<LedgerLine> lines) =>
        LedgerTransaction.Post(key, source, description, at, lines, lotId: payout.LotId, orderId: payout.OrderId,
            districtId: payout.OrderId is null ? payout.PayeeId : null, counterpartyId: payout.PayeeId);

    /// <summary>Storefront order: the school owes the total; the refurbisher is owed price − commission + shipping.</summary>
    public static LedgerTransaction StorefrontSale(Order order, decimal commissionRate, DateTimeOffset at) =>
        StorefrontSale(order, at, decimal.Round(order.Subtotal * commissionRate, 2, MidpointRounding.AwayFromZero));

    /// <summary>The order's sale with the commission its fee schedule version set (minimums included).</summary>
    public static LedgerTransaction StorefrontSale(Order order, DateTimeOffset at, decimal commission)
    {
        var lines = new List<LedgerLine>
        {
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, order.Total, order.BuyerId),
            LedgerLine.Cr(LedgerAccount.RefurbisherPayable, order.Total - order.SalesTax - commission, order.SellerId),
        };
        if (commission > 0)
        {
            lines.Add(LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, commission));
        }

        // Marketplace facilitator laws make the platform the one that collects and owes the tax: a liability of its own,
        // kept out of the refurbisher's payable (and so out of its payout and the commission base).
        if (order.SalesTax > 0)
        {
            lines.Add(LedgerLine.Cr(LedgerAccount.SalesTaxPayable, order.SalesTax));
        }

        return LedgerTransaction.Post($"order-sale:{order.Id}", LedgerSource.StorefrontSale, $"Order {order.Number} placed", at, lines, orderId: order.Id,
            counterpartyId: order.BuyerId);
    }

    /// <summary>Reverses an order's sale posting line for line, so receivable, payable and fee revenue return to where they were.</summary>
    public static LedgerTransaction StorefrontOrderCancelled(Order order, LedgerTransaction sale, DateTimeOffset at) =>
        LedgerTransaction.Post($"order-cancelled:{order.Id}", LedgerSource.StorefrontOrderCancelled, $"Order {order.Number} cancelled before payment", at,
            sale.Entries.Select(e => new LedgerLine(e.Account, e.Credit, e.Debit, e.OrganizationId, e.FundingSource)), orderId: order.Id,
            counterpartyId: sale.CounterpartyId);
    /// <summary>Stripe keeps its processing fee out of the charge: an expense, paid from the Stripe balance.</summary>
    public static LedgerTransaction StripeFee(Invoice invoice, string chargeId, decimal fee, DateTimeOffset at, Guid? districtId) =>
        LedgerTransaction.Post($"stripe-fee:{chargeId}", LedgerSource.StripeFee, $"Stripe fee on invoice {invoice.Number} ({chargeId})", at,
        [
            LedgerLine.Dr(LedgerAccount.StripeFees, fee),
            LedgerLine.Cr(LedgerAccount.StripeClearing, fee),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);

    /// <summary>
    /// Money back to the buyer, from <paramref name="from"/> (Stripe clearing for a refund, disputed funds for a lost
    /// dispute, the receivable for a purchase-order credit), split by <see cref="RefundSplit"/>: the tax share comes off
    /// Sales tax payable, the seller's share off what the seller is owed (<paramref name="sellerPayable"/>), and the rest is
    /// the platform's revenue given back (Refunds, a contra-revenue account).
    /// </summary>
    public static LedgerTransaction Refund(string key, LedgerSource source, string description, Invoice invoice, LedgerAccount from,
        LedgerAccount sellerPayable, Guid sellerId, RefundSplit split, DateTimeOffset at, Guid? districtId)
    {
        if (split.Tax < 0 || split.Seller < 0 || split.Platform < 0 || split.Amount <= 0)
        {
            throw new DomainException($"A refund's shares (tax {split.Tax:0.00}, seller {split.Seller:0.00}, platform {split.Platform:0.00}) cannot be negative.");
        }

        var lines = new List<LedgerLine>();
        if (split.Tax > 0)
        {
            lines.Add(LedgerLine.Dr(LedgerAccount.SalesTaxPayable, split.Tax));
        }

        if (split.Seller > 0)
        {
            lines.Add(LedgerLine.Dr(sellerPayable, split.Seller, sellerId));
        }

        if (split.Platform > 0)
        {
            lines.Add(LedgerLine.Dr(LedgerAccount.Refunds, split.Platform));
        }

        // A credit owed back or taken off what is owed (rather than paid from Stripe) names the buyer, as receivables and payables do.
        lines.Add(LedgerLine.Cr(from, split.Amount, from is LedgerAccount.BuyerCredits or LedgerAccount.BuyerReceivable ? invoice.PayerId : null));
        return LedgerTransaction.Post(key, source, description, at, lines, lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId,
            counterpartyId: invoice.PayerId);
    }

    /// <summary>A refund owed to a buyer (in buyer credits) was sent from the bank: nothing is owed any more.</summary>
    /// <param name="districtId">The district whose lot the refund is for (none for a storefront order), as on the refund's own posting.</param>
    public static LedgerTransaction BuyerRefundSent(BuyerRefund refund, string invoiceNumber, DateTimeOffset at, Guid? districtId) =>
        LedgerTransaction.Post($"buyer-refund-sent:{refund.Id}", LedgerSource.BuyerRefundSent,
            $"Refund {refund.Number} on invoice {invoiceNumber} sent ({refund.SentBy?.Words()} {refund.SentReference})", at,
        [
            LedgerLine.Dr(LedgerAccount.BuyerCredits, refund.Amount, refund.PayerId),
            LedgerLine.Cr(LedgerAccount.Cash, refund.Amount),
        ], lotId: refund.LotId, orderId: refund.OrderId, districtId: districtId, counterpartyId: refund.PayerId);

    /// <summary>A posting undone line for line (a refund Stripe reported failed, a payout to the bank that failed).</summary>
    public static LedgerTransaction Reversal(LedgerTransaction original, string key, LedgerSource source, string description, DateTimeOffset at) =>
        LedgerTransaction.Post(key, source, description, at,
            original.Entries.Select(e => new LedgerLine(e.Account, e.Credit, e.Debit, e.OrganizationId, e.FundingSource)), lotId: original.LotId,
            orderId: original.OrderId, districtId: original.DistrictId, counterpartyId: original.CounterpartyId);

    /// <summary>Money taken back from the seller's connected account: back in the platform's Stripe balance, owed to the seller again.</summary>
    public static LedgerTransaction TransferReversed(Payout payout, string reversalId, decimal amount, LedgerAccount sellerPayable, DateTimeOffset at) =>
        LedgerTransaction.Post($"transfer-reversal:{reversalId}", LedgerSource.TransferReversal, $"Transfer {payout.Reference} reversed by {amount:0.00} ({reversalId})", at,
        [
            LedgerLine.Dr(LedgerAccount.StripeClearing, amount),
            LedgerLine.Cr(sellerPayable, amount, payout.PayeeId),
        ], lotId: payout.LotId, orderId: payout.OrderId, districtId: sellerPayable == LedgerAccount.DistrictPayable ? payout.PayeeId : null,
            counterpartyId: payout.PayeeId);

    /// <summary>Stripe withdrew the disputed amount from the balance while the dispute is open.</summary>
    public static LedgerTransaction DisputeOpened(Invoice invoice, string disputeId, decimal amount, DateTimeOffset at, Guid? districtId) =>
        LedgerTransaction.Post($"dispute-opened:{disputeId}", LedgerSource.DisputeOpened, $"Dispute {disputeId} opened on invoice {invoice.Number}", at,
        [
            LedgerLine.Dr(LedgerAccount.DisputedFunds, amount),
            LedgerLine.Cr(LedgerAccount.StripeClearing, amount),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);

    /// <summary>The dispute was won: the held money returns to the Stripe balance.</summary>
    public static LedgerTransaction DisputeWon(Invoice invoice, string disputeId, decimal amount, DateTimeOffset at, Guid? districtId) =>
        LedgerTransaction.Post($"dispute-won:{disputeId}", LedgerSource.DisputeWon, $"Dispute {disputeId} won on invoice {invoice.Number}", at,
        [
            LedgerLine.Dr(LedgerAccount.StripeClearing, amount),
            LedgerLine.Cr(LedgerAccount.DisputedFunds, amount),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);

    /// <summary>Stripe's fee for a lost dispute.</summary>
    public static LedgerTransaction DisputeFee(Invoice invoice, string disputeId, decimal fee, DateTimeOffset at, Guid? districtId) =>
        LedgerTransaction.Post($"dispute-fee:{disputeId}", LedgerSource.DisputeLost, $"Stripe dispute fee for {disputeId} on invoice {invoice.Number}", at,
        [
            LedgerLine.Dr(LedgerAccount.StripeFees, fee),
            LedgerLine.Cr(LedgerAccount.StripeClearing, fee),
        ], lotId: invoice.LotId, orderId: invoice.OrderId, districtId: districtId, counterpartyId: invoice.PayerId);

    /// <summary>Stripe paid the platform's balance out to the platform's bank account.</summary>
    public static LedgerTransaction StripePayoutPaid(string payoutId, decimal amount, DateTimeOffset at) =>
        LedgerTransaction.Post($"stripe-payout:{payoutId}", LedgerSource.StripePayoutPaid, $"Stripe payout {payoutId} arrived in the bank", at,
        [
            LedgerLine.Dr(LedgerAccount.Cash, amount),
            LedgerLine.Cr(LedgerAccount.StripeClearing, amount),
        ]);
}
