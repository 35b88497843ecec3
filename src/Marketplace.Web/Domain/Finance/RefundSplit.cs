namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// What the sale of an invoice credited, and what earlier refunds (or lost disputes) of it already gave back: the basis on
/// which the next refund is split. <see cref="SalesTax"/> is 0 for a lot sale and for an order exempt from tax.
/// </summary>
public sealed record RefundBasis(decimal InvoiceAmount, decimal RefundedBefore, decimal SalesTax, decimal TaxReturned, decimal SellerProceeds, decimal SellerReturned);

/// <summary>
/// How money given back to a buyer comes off the accounts its sale credited. Under marketplace facilitator laws the
/// platform collected the sales tax and owes it to the state only on what the buyer finally paid, so a refund gives back
/// its share of the tax (a debit to Sales tax payable) rather than charging it to the seller or to the platform's revenue.
/// The seller gives back its share of its proceeds, and the rest is the platform's commission returned.
/// </summary>
/// <param name="Tax">Debited from Sales tax payable.</param>
/// <param name="Seller">Debited from what the seller is owed.</param>
/// <param name="Platform">Debited from Refunds (contra revenue).</param>
public sealed record RefundSplit(decimal Tax, decimal Seller, decimal Platform)
{
    public decimal Amount => Tax + Seller + Platform;

    /// <summary>
    /// Each share in proportion to the invoice (refund × tax / total, refund × proceeds / total), rounded to cents; the refund
    /// that completes the invoice takes what is left of each, so a full refund, in one piece or many, returns the tax and the
    /// proceeds exactly and rounding never leaves a cent owed either way.
    /// </summary>
    public static RefundSplit Of(decimal amount, RefundBasis basis)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw new DomainException($"A refund is a positive amount in cents, not {amount:0.00##}.");
        }

        if (basis.InvoiceAmount <= 0)
        {
            return new RefundSplit(0, 0, amount);
        }

        var completes = basis.RefundedBefore + amount >= basis.InvoiceAmount;
        var taxLeft = Math.Max(basis.SalesTax - basis.TaxReturned, 0);
        var sellerLeft = Math.Max(basis.SellerProceeds - basis.SellerReturned, 0);
        var tax = completes ? taxLeft : Proportion(amount, basis.SalesTax, basis.InvoiceAmount);
        tax = Math.Clamp(tax, 0, Math.Min(amount, taxLeft));
        var seller = completes ? sellerLeft : Proportion(amount, basis.SellerProceeds, basis.InvoiceAmount);
        seller = Math.Clamp(seller, 0, Math.Min(amount - tax, sellerLeft));
        return new RefundSplit(tax, seller, amount - tax - seller);
    }

    private static decimal Proportion(decimal amount, decimal part, decimal total) =>
        part <= 0 ? 0 : decimal.Round(amount * part / total, 2, MidpointRounding.AwayFromZero);
}
