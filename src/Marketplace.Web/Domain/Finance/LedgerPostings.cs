using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Domain.Finance;

/// <summary>The postings for each money movement, in one place so finance can audit them.</summary>
public static class LedgerPostings
{
    /// <summary>Award: the buyer owes hammer + premium; the district is owed hammer − commission; the platform earns the rest.</summary>
    public static LedgerTransaction LotSale(Lot lot, LotSettlement settlement, DateTimeOffset at)
    {
        var buyer = lot.BuyerId ?? throw new DomainException("The lot has no buyer.");
        var lines = new List<LedgerLine>
        {
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, settlement.BuyerTotal, buyer),
            LedgerLine.Cr(LedgerAccount.DistrictPayable, settlement.DistrictProceeds, lot.DistrictId),
        };
        if (settlement.PlatformFees > 0)
        {
            lines.Add(LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, settlement.PlatformFees));
        }

        return LedgerTransaction.Post($"lot-sale:{lot.Id}", LedgerSource.LotSale, $"Lot {lot.Number} awarded", at, lines, lotId: lot.Id);
    }

    /// <summary>Cash (or Stripe's clearing account) comes in and the receivable is settled.</summary>
    public static LedgerTransaction Payment(Invoice invoice, DateTimeOffset at)
    {
        var cashAccount = invoice.Method == PaymentMethod.Card ? LedgerAccount.StripeClearing : LedgerAccount.Cash;
        var source = invoice.LotId is not null ? LedgerSource.LotPayment : LedgerSource.StorefrontPayment;
        return LedgerTransaction.Post($"payment:{invoice.Id}", source, $"Invoice {invoice.Number} paid ({invoice.Method})", at,
        [
            LedgerLine.Dr(cashAccount, invoice.Amount),
            LedgerLine.Cr(LedgerAccount.BuyerReceivable, invoice.Amount, invoice.PayerId),
        ], lotId: invoice.LotId, orderId: invoice.OrderId);
    }

    public static LedgerTransaction DistrictPayout(Lot lot, Payout payout, DateTimeOffset at)
    {
        var cashAccount = payout.Method == PayoutMethod.StripeTransfer ? LedgerAccount.StripeClearing : LedgerAccount.Cash;
        return LedgerTransaction.Post($"payout:{lot.Id}", LedgerSource.DistrictPayout, $"Payout for lot {lot.Number}", at,
        [
            LedgerLine.Dr(LedgerAccount.DistrictPayable, payout.Amount, lot.DistrictId),
            LedgerLine.Cr(cashAccount, payout.Amount),
        ], lotId: lot.Id);
    }

    /// <summary>Storefront order: the school owes the total; the refurbisher is owed price − commission + shipping.</summary>
    public static LedgerTransaction StorefrontSale(Order order, decimal commissionRate, DateTimeOffset at)
    {
        var commission = decimal.Round(order.Subtotal * commissionRate, 2, MidpointRounding.AwayFromZero);
        var lines = new List<LedgerLine>
        {
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, order.Total, order.BuyerId),
            LedgerLine.Cr(LedgerAccount.RefurbisherPayable, order.Total - commission, order.SellerId),
        };
        if (commission > 0)
        {
            lines.Add(LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, commission));
        }

        return LedgerTransaction.Post($"order-sale:{order.Id}", LedgerSource.StorefrontSale, $"Order {order.Number} placed", at, lines, orderId: order.Id);
    }
}
