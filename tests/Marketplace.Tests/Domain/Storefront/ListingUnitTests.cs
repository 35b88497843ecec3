using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class ListingUnitTests
{
    private static (Listing Listing, List<ListingUnit> Units) Serialized(params string[] serials)
    {
        var listing = new Listing { Title = "Dell Chromebook 3100 (refurbished, grade A)", IsActive = true, Price = 99m };
        var units = serials.Select(s => new ListingUnit { ListingId = listing.Id, DeviceId = Guid.NewGuid(), Serial = s, Model = "Chromebook 3100", CertificateCode = "ABC123" }).ToList();
        listing.AddSerializedUnits(units.Count);
        return (listing, units);
    }

    [Fact]
    public void Units_ship_only_once_orders_hold_them_so_units_for_sale_are_never_shipped()
    {
        var (listing, units) = Serialized("S1", "S2", "S3");
        listing.Reserve(2);

        listing.MarkUnitsSold(units, ["s1", "S3"], Guid.NewGuid(), DateTimeOffset.UtcNow);

        Assert.Equal([ListingUnitStatus.Sold, ListingUnitStatus.Available, ListingUnitStatus.Sold], units.Select(u => u.Status));
        Assert.Equal(1, listing.QuantityAvailable);
        var refused = Assert.Throws<DomainException>(() => listing.MarkUnitsSold([.. units.Where(u => u.Status == ListingUnitStatus.Available)], ["S2"], Guid.NewGuid(), DateTimeOffset.UtcNow));
        Assert.Contains("Only 0 units", refused.Message);
    }

    [Fact]
    public void A_serial_that_is_no_unsold_unit_of_the_listing_is_refused_by_name()
    {
        var (listing, units) = Serialized("S1", "S2");
        listing.Reserve(2);

        var refused = Assert.Throws<DomainException>(() => listing.MarkUnitsSold(units, ["S1", "NOPE"], Guid.NewGuid(), DateTimeOffset.UtcNow));

        Assert.Contains("NOPE", refused.Message);
        Assert.All(units, u => Assert.Equal(ListingUnitStatus.Available, u.Status));
    }

    [Fact]
    public void The_stock_of_a_serialized_listing_follows_its_units_not_a_typed_quantity()
    {
        var (listing, _) = Serialized("S1", "S2");

        Assert.Throws<DomainException>(() => listing.Restock(10));
        listing.Restock(2);
        Assert.Equal(2, listing.QuantityAvailable);
    }

    [Fact]
    public void Serialized_units_never_join_a_listing_of_hand_typed_stock()
    {
        var listing = new Listing { Title = "Typed", IsActive = true, Price = 99m };
        listing.Restock(5);

        Assert.Throws<DomainException>(() => listing.AddSerializedUnits(1));
    }

    [Theory]
    [InlineData("Excellent", CosmeticGrade.A, null)]
    [InlineData("Renewed", CosmeticGrade.A, null)]
    [InlineData("Open box", CosmeticGrade.A, null)]
    [InlineData("Very Good - Refurbished", CosmeticGrade.B, null)]
    [InlineData("Refurbished", CosmeticGrade.B, null)]
    [InlineData("good", CosmeticGrade.C, null)]
    [InlineData("Fair", CosmeticGrade.C, null)]
    [InlineData("Acceptable", CosmeticGrade.D, null)]
    [InlineData("For parts or not working", CosmeticGrade.D, FunctionalStatus.ForParts)]
    [InlineData("Grade B", CosmeticGrade.B, null)]
    public void Other_marketplaces_condition_words_map_to_our_grades(string word, CosmeticGrade grade, FunctionalStatus? functional) =>
        Assert.Equal(new ListingConditions.Condition(grade, functional), ListingConditions.Read(word));

    [Fact]
    public void An_unknown_condition_word_maps_to_nothing() => Assert.Null(ListingConditions.Read("Gently loved"));
}
