using Marketplace.Web.Domain;
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
}
