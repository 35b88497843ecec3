using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class ListingTests
{
    private static Listing Stocked(int quantity)
    {
        var listing = new Listing { Title = "Dell Chromebook 3110 (refurbished)", SellerId = Guid.NewGuid(), Price = 129m };
        listing.Restock(quantity);
        return listing;
    }

    [Fact]
    public void Reserving_takes_the_quantity_out_of_stock()
    {
        var listing = Stocked(5);

        listing.Reserve(5);

        Assert.Equal(0, listing.QuantityAvailable);
    }

    [Fact]
    public void Reserving_more_than_is_in_stock_is_refused_and_leaves_the_stock_alone()
    {
        var listing = Stocked(5);

        var refused = Assert.Throws<DomainException>(() => listing.Reserve(6));

        Assert.Contains("Only 5", refused.Message);
        Assert.Equal(5, listing.QuantityAvailable);
    }

    [Fact]
    public void A_listing_taken_off_sale_cannot_be_reserved()
    {
        var listing = Stocked(5);
        listing.IsActive = false;

        Assert.Throws<DomainException>(() => listing.Reserve(1));
        Assert.Equal(5, listing.QuantityAvailable);
    }

    [Fact]
    public void Stock_cannot_be_negative()
    {
        var listing = Stocked(5);

        Assert.Throws<DomainException>(() => listing.Restock(-1));
        Assert.Equal(5, listing.QuantityAvailable);
    }

    [Fact]
    public void An_order_pays_the_best_tier_its_quantity_reaches()
    {
        var listing = Stocked(100);
        listing.SetTiers([new PriceTier(10, 119m), new PriceTier(50, 109m)]);

        Assert.Equal((129m, 129m, 119m, 119m, 109m, 109m),
            (listing.UnitPriceFor(1), listing.UnitPriceFor(9), listing.UnitPriceFor(10), listing.UnitPriceFor(49), listing.UnitPriceFor(50), listing.UnitPriceFor(100)));
    }

    [Fact]
    public void A_placed_order_line_is_priced_at_the_tier()
    {
        var listing = Stocked(100);
        listing.SetTiers([new PriceTier(10, 119m)]);
        var order = new Order { Number = "SO-1", SellerId = listing.SellerId, ShipTo = "Lakeside" };

        order.AddLine(listing, 12);

        Assert.Equal((119m, 12 * 119m, 88), (order.Lines[0].UnitPrice, order.Subtotal, listing.QuantityAvailable));
    }

    [Theory]
    [InlineData(10, 129, "below $129.00")]
    [InlineData(1, 100, "more units than the one before it (1)")]
    [InlineData(10, 0, "above $0")]
    public void A_tier_that_does_not_lower_the_price_for_more_units_is_refused(int quantity, int price, string reason)
    {
        var listing = Stocked(100);

        var refused = Assert.Throws<DomainException>(() => listing.SetTiers([new PriceTier(quantity, price)]));

        Assert.Contains(reason, refused.Message);
        Assert.Empty(listing.Tiers);
    }

    [Fact]
    public void A_second_tier_must_be_for_more_units_and_a_lower_price_than_the_first()
    {
        var listing = Stocked(100);

        Assert.Throws<DomainException>(() => listing.SetTiers([new PriceTier(50, 109m), new PriceTier(10, 99m)]));
        Assert.Throws<DomainException>(() => listing.SetTiers([new PriceTier(10, 109m), new PriceTier(50, 115m)]));
        Assert.Empty(listing.Tiers);
    }

    [Fact]
    public void A_paused_listing_cannot_be_reserved_and_resuming_puts_it_back_on_sale()
    {
        var listing = Stocked(5);

        listing.Pause(DateTimeOffset.UnixEpoch);
        Assert.Throws<DomainException>(() => listing.Reserve(1));
        Assert.Throws<DomainException>(() => listing.Pause(DateTimeOffset.UnixEpoch));
        listing.Resume();
        listing.Reserve(1);

        Assert.Equal((true, 4, (DateTimeOffset?)null), (listing.IsActive, listing.QuantityAvailable, listing.PausedAt));
        Assert.Throws<DomainException>(listing.Resume);
    }

    [Theory]
    [InlineData(DeviceCategory.Chromebook, FunctionalStatus.Working, 80, null)]
    [InlineData(DeviceCategory.Chromebook, FunctionalStatus.Working, 79, "at least 80%")]
    [InlineData(DeviceCategory.Chromebook, FunctionalStatus.Working, null, "must state it")]
    [InlineData(DeviceCategory.Chromebook, FunctionalStatus.MinorFault, 60, null)]
    [InlineData(DeviceCategory.Desktop, FunctionalStatus.Working, null, null)]
    [InlineData(DeviceCategory.Tablet, FunctionalStatus.ForParts, 101, "between 0 and 100")]
    public void Only_a_unit_with_at_least_80_percent_battery_health_is_sold_as_working(DeviceCategory category, FunctionalStatus functional, int? battery, string? problem)
    {
        var found = Listing.BatteryProblem(category, functional, battery);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }
}
