using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class RefundSplitTests
{
    // An order of $1,000.00 + $10.00 shipping, taxed at 6.5% on both ($65.65), total $1,075.65; 8% commission on the $1,000
    // leaves the seller $930.00 (price − commission + shipping).
    private const decimal Total = 1_075.65m, Tax = 65.65m, Proceeds = 930.00m;

    [Fact]
    public void A_partial_refund_gives_back_its_share_of_the_tax_and_of_the_sellers_proceeds_and_the_platform_the_rest()
    {
        var split = RefundSplit.Of(100m, Fresh());

        // 100 × 65.65 / 1,075.65 = 6.1033… → 6.10; 100 × 930 / 1,075.65 = 86.459… → 86.46.
        Assert.Equal(new RefundSplit(6.10m, 86.46m, 7.44m), split);
        Assert.Equal(100m, split.Amount);
    }

    [Fact]
    public void A_full_refund_gives_back_all_the_tax_and_all_the_proceeds_exactly()
    {
        Assert.Equal(new RefundSplit(Tax, Proceeds, Total - Tax - Proceeds), RefundSplit.Of(Total, Fresh()));
    }

    [Fact]
    public void Partial_refunds_that_add_up_to_the_whole_invoice_give_back_the_tax_to_the_cent()
    {
        decimal refunded = 0, taxReturned = 0, sellerReturned = 0, platform = 0;
        // Thirds of an amount that does not divide evenly: each rounds, the last takes what is left.
        foreach (var amount in new[] { 358.55m, 358.55m, 358.55m })
        {
            var split = RefundSplit.Of(amount, new RefundBasis(Total, refunded, Tax, taxReturned, Proceeds, sellerReturned));
            Assert.Equal(amount, split.Amount);
            Assert.All(new[] { split.Tax, split.Seller, split.Platform }, share => Assert.True(share >= 0));
            refunded += amount;
            taxReturned += split.Tax;
            sellerReturned += split.Seller;
            platform += split.Platform;
        }

        Assert.Equal((Total, Tax, Proceeds, Total - Tax - Proceeds), (refunded, taxReturned, sellerReturned, platform));
    }

    [Fact]
    public void The_refund_that_completes_the_invoice_takes_the_remainder_of_each_share_after_rounding()
    {
        var first = RefundSplit.Of(0.05m, Fresh()); // 0.05 × 65.65 / 1,075.65 = 0.003 → 0.00 tax
        Assert.Equal(0m, first.Tax);

        var last = RefundSplit.Of(Total - 0.05m, new RefundBasis(Total, 0.05m, Tax, first.Tax, Proceeds, first.Seller));

        Assert.Equal(Tax, last.Tax);
        Assert.Equal(Proceeds, first.Seller + last.Seller);
    }

    [Fact]
    public void An_order_without_tax_or_exempt_from_it_splits_only_between_seller_and_platform()
    {
        // Exempt on a certificate: the order carries no tax, so its total is price + shipping.
        var exempt = new RefundBasis(1_010m, 0, 0, 0, Proceeds, 0);

        var partial = RefundSplit.Of(101m, exempt);
        var full = RefundSplit.Of(1_010m, exempt);

        Assert.Equal(new RefundSplit(0m, 93.00m, 8.00m), partial);
        Assert.Equal(new RefundSplit(0m, Proceeds, 80m), full);
    }

    [Fact]
    public void A_lot_refund_is_split_as_before_with_no_tax()
    {
        // A lot sale: hammer $2,000 + 10% premium = $2,200 invoiced; the district is owed $1,900 (5% commission).
        var split = RefundSplit.Of(220m, new RefundBasis(2_200m, 0, 0, 0, 1_900m, 0));

        Assert.Equal(new RefundSplit(0m, 190m, 30m), split);
    }

    [Fact]
    public void What_was_already_given_back_by_a_lost_dispute_bounds_the_next_refund()
    {
        // All the tax and proceeds were returned already (e.g. a lost dispute); a last refund cannot take them again.
        var split = RefundSplit.Of(10m, new RefundBasis(Total, Total - 10m, Tax, Tax, Proceeds, Proceeds));

        Assert.Equal(new RefundSplit(0m, 0m, 10m), split);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.001)]
    public void A_refund_is_a_positive_amount_in_cents(decimal amount)
    {
        Assert.Throws<DomainException>(() => RefundSplit.Of(amount, Fresh()));
    }

    [Fact]
    public void The_refund_posting_debits_the_tax_share_from_sales_tax_payable_and_balances()
    {
        var invoice = new Invoice
        {
            Number = "INV-1", PayerId = Guid.NewGuid(), OrderId = Guid.NewGuid(), Amount = Total, Currency = "usd", Description = "Order",
        };
        var split = RefundSplit.Of(100m, Fresh());

        var posting = LedgerPostings.Refund("refund:re_1", LedgerSource.Refund, "Refund", invoice, LedgerAccount.StripeClearing, LedgerAccount.RefurbisherPayable,
            Guid.NewGuid(), split, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(posting.Entries.Sum(e => e.Debit), posting.Entries.Sum(e => e.Credit));
        Assert.Equal(6.10m, posting.Entries.Single(e => e.Account == LedgerAccount.SalesTaxPayable).Debit);
        Assert.Equal(86.46m, posting.Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Debit);
        Assert.Equal(7.44m, posting.Entries.Single(e => e.Account == LedgerAccount.Refunds).Debit);
        Assert.Equal(100m, posting.Entries.Single(e => e.Account == LedgerAccount.StripeClearing).Credit);
    }

    private static RefundBasis Fresh() => new(Total, 0, Tax, 0, Proceeds, 0);
}
