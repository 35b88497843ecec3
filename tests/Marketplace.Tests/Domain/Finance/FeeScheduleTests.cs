using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class FeeScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_change_is_a_new_version_and_leaves_the_one_before_as_it_was()
    {
        var first = new FeeSchedule();

        var second = first.Next(new FeeRates(0.12m, 0.02m, 0.09m, 50m, 0m, 5m), "admin@demo.k12", "Board-approved 2026 fees", Now);

        Assert.Equal((2, 0.12m, 0.02m, 0.09m, 50m, 5m, Now, "Board-approved 2026 fees"),
            (second.Id, second.BuyerPremiumRate, second.SellerCommissionRate, second.StorefrontCommissionRate, second.MinimumBuyerPremium,
             second.MinimumStorefrontCommission, second.EffectiveFrom, second.Reason));
        Assert.Equal((1, 0.10m, 0m, 0.08m), (first.Id, first.BuyerPremiumRate, first.SellerCommissionRate, first.StorefrontCommissionRate));
    }

    [Theory]
    [InlineData(0.51, 0, 0, 0, "Buyer's premium must be between 0% and 50%.")]
    [InlineData(0.1, -0.01, 0, 0, "Seller commission must be between 0% and 50%.")]
    [InlineData(0.1, 0, 0.6, 0, "Storefront commission must be between 0% and 50%.")]
    [InlineData(0.1, 0, 0.08, -1, "Minimum buyer's premium cannot be negative.")]
    public void Rates_above_50_percent_or_below_0_and_negative_minimums_are_refused(decimal premium, decimal commission, decimal storefront, decimal minimum, string message)
    {
        var refused = Assert.Throws<DomainException>(() =>
            new FeeSchedule().Next(new FeeRates(premium, commission, storefront, minimum, 0, 0), "admin", null, Now));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void A_minimum_buyers_premium_applies_when_the_rate_comes_to_less()
    {
        var fees = new FeeSchedule().Next(new FeeRates(0.10m, 0.05m, 0.08m, 50m, 20m, 0m), "admin", null, Now);

        var small = fees.TermsFor(300m);
        var large = fees.TermsFor(3_000m);

        Assert.Equal((50m, 20m, 350m, 280m), (small.BuyerPremium, small.SellerCommission, small.BuyerTotal, small.DistrictProceeds));
        Assert.Equal((300m, 150m), (large.BuyerPremium, large.SellerCommission));
    }

    [Fact]
    public void A_minimum_commission_never_takes_more_than_the_sale()
    {
        var fees = new FeeSchedule().Next(new FeeRates(0.10m, 0.05m, 0.08m, 0m, 100m, 40m), "admin", null, Now);

        Assert.Equal(60m, fees.TermsFor(60m).SellerCommission);
        Assert.Equal(0m, fees.TermsFor(60m).DistrictProceeds);
        Assert.Equal(30m, fees.StorefrontCommissionFor(30m));
        Assert.Equal(40m, fees.StorefrontCommissionFor(300m));
        Assert.Equal(80m, fees.StorefrontCommissionFor(1_000m));
    }
}
