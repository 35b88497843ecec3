using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Tests.Domain.Finance;

public sealed class LedgerPostingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private readonly Guid _district = Guid.NewGuid();

    [Fact]
    public void The_default_fee_schedule_adds_a_ten_percent_buyer_premium_and_takes_no_seller_commission()
    {
        var settlement = new FeeSchedule().TermsFor(1234.55m);

        Assert.Equal(123.46m, settlement.BuyerPremium);
        Assert.Equal(1358.01m, settlement.BuyerTotal);
        Assert.Equal(0m, settlement.SellerCommission);
        Assert.Equal(1234.55m, settlement.DistrictProceeds);
        Assert.Equal(123.46m, settlement.PlatformFees);
    }

    [Fact]
    public void A_seller_commission_is_deducted_from_the_districts_proceeds()
    {
        var settlement = new FeeSchedule { SellerCommissionRate = 0.05m }.TermsFor(1000m);

        Assert.Equal(950m, settlement.DistrictProceeds);
        Assert.Equal(150m, settlement.PlatformFees);
        Assert.Equal(1100m, settlement.BuyerTotal);
    }

    [Fact]
    public void A_lot_sale_makes_the_buyer_owe_hammer_plus_premium_and_the_district_owed_the_hammer()
    {
        var buyer = SampleLots.CertifiedRefurbisher(Now);
        var lot = SampleLots.Awarded(_district, buyer, 1200m, Now);

        var transaction = LedgerPostings.LotSale(lot.Sale!, lot.Lot.Number, Now, FundingMix.Unknown);

        AssertBalanced(transaction);
        Assert.Equal($"lot-sale:{lot.Id}", transaction.IdempotencyKey);
        Assert.Equal(LedgerSource.LotSale, transaction.Source);
        Assert.Equal(lot.Id, transaction.LotId);
        Assert.Equal(
            [(LedgerAccount.BuyerReceivable, 1320m, 0m, buyer.OrganizationId), (LedgerAccount.DistrictPayable, 0m, 1200m, _district), (LedgerAccount.PlatformFeeRevenue, 0m, 120m, (Guid?)null)],
            Lines(transaction));
    }

    [Theory]
    [InlineData(PaymentMethod.Card, LedgerAccount.StripeClearing)]
    [InlineData(PaymentMethod.PurchaseOrder, LedgerAccount.Cash)]
    [InlineData(PaymentMethod.Ach, LedgerAccount.Cash)]
    public void A_payment_settles_the_receivable_into_the_account_the_money_arrives_in(PaymentMethod method, LedgerAccount arrivesIn)
    {
        var payer = Guid.NewGuid();
        var invoice = new Invoice { Number = "INV-7K3F9Q", PayerId = payer, LotId = Guid.NewGuid(), Description = "Lot", Amount = 1320m, Method = method };

        var transaction = LedgerPostings.Payment(invoice, Now);

        AssertBalanced(transaction);
        Assert.Equal($"payment:{invoice.Id}", transaction.IdempotencyKey);
        Assert.Equal(LedgerSource.LotPayment, transaction.Source);
        Assert.Equal([(arrivesIn, 1320m, 0m, (Guid?)null), (LedgerAccount.BuyerReceivable, 0m, 1320m, payer)], Lines(transaction));
    }

    [Fact]
    public void A_stripe_transfer_pays_the_districts_payable_from_the_stripe_balance()
    {
        var lot = Guid.NewGuid();
        var payout = Payout.Transferred(lot, _district, Money.Usd(1200m), "tr_1", Now);

        var transaction = LedgerPostings.PayoutTransferred(payout, "LOT-1", Now);

        AssertBalanced(transaction);
        Assert.Equal(($"payout-sent:{payout.Id}", LedgerSource.DistrictPayoutSent, (Guid?)lot), (transaction.IdempotencyKey, transaction.Source, transaction.LotId));
        Assert.Equal([(LedgerAccount.DistrictPayable, 1200m, 0m, (Guid?)_district), (LedgerAccount.StripeClearing, 0m, 1200m, null)], Lines(transaction));
    }

    [Fact]
    public void An_approved_ACH_payout_moves_the_payable_to_payouts_in_transit_and_the_bank_confirmation_takes_it_out_of_cash()
    {
        var payout = Payout.ForApproval(Guid.NewGuid(), _district, Money.Usd(1200m), PayoutMethod.Ach, Now);
        payout.Approve("Erin Kowalski", Now);
        var released = LedgerPostings.PayoutReleased(payout, "LOT-1", Now);
        payout.ConfirmSent("ACH-1", Now);
        var sent = LedgerPostings.PayoutConfirmed(payout, "LOT-1", Now);

        AssertBalanced(released);
        AssertBalanced(sent);
        Assert.Equal((LedgerSource.DistrictPayoutReleased, LedgerSource.DistrictPayoutSent), (released.Source, sent.Source));
        Assert.NotEqual(released.IdempotencyKey, sent.IdempotencyKey);
        Assert.Equal([(LedgerAccount.DistrictPayable, 1200m, 0m, (Guid?)_district), (LedgerAccount.PayoutsInTransit, 0m, 1200m, _district)], Lines(released));
        Assert.Equal([(LedgerAccount.PayoutsInTransit, 1200m, 0m, (Guid?)_district), (LedgerAccount.Cash, 0m, 1200m, null)], Lines(sent));
    }

    [Fact]
    public void A_storefront_sale_owes_the_refurbisher_the_total_less_commission()
    {
        var school = Guid.NewGuid();
        var seller = Guid.NewGuid();
        var listing = new Listing { Title = "Dell Chromebook 3110", SellerId = seller, Price = 129m };
        listing.Restock(10);
        var order = new Order { Number = "ORD-1", BuyerId = school, SellerId = seller, ShipTo = "Lakeside Elementary", Shipping = 25m };
        order.AddLine(listing, 2);

        var transaction = LedgerPostings.StorefrontSale(order, 0.08m, Now);

        AssertBalanced(transaction);
        Assert.Equal(
            [(LedgerAccount.BuyerReceivable, 283m, 0m, (Guid?)school), (LedgerAccount.RefurbisherPayable, 0m, 262.36m, seller), (LedgerAccount.PlatformFeeRevenue, 0m, 20.64m, null)],
            Lines(transaction));
    }

    private static List<(LedgerAccount, decimal, decimal, Guid?)> Lines(LedgerTransaction transaction) =>
        transaction.Entries.Select(e => (e.Account, e.Debit, e.Credit, e.OrganizationId)).ToList();

    private static void AssertBalanced(LedgerTransaction transaction) =>
        Assert.Equal(transaction.Entries.Sum(e => e.Debit), transaction.Entries.Sum(e => e.Credit));
}
