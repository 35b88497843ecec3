using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>What other areas (shipping) do to a listing's serialized stock.</summary>
public static class ListingStock
{
    /// <summary>
    /// The seller shipped these serials of a serialized listing for an order: each unit becomes sold to it. Call it in the
    /// shipping command's transaction after checking the listing is the shipping seller's; refused (DomainException) for a
    /// serial that is not an unsold unit of the listing, or for more serials than orders hold. The listing's version is
    /// bumped, so two shipments racing for the same units conflict instead of both succeeding.
    /// </summary>
    public static async Task MarkSerialsSoldAsync(this MarketplaceDb db, Guid listingId, IReadOnlyCollection<string> serials, Guid orderId, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == listingId, cancellationToken) ?? throw new NotFoundException("Listing");
        var available = await db.ListingUnits.Where(u => u.ListingId == listingId && u.Status == ListingUnitStatus.Available).ToListAsync(cancellationToken);
        listing.MarkUnitsSold(available, serials, orderId, at);
        VersionInterceptor.Touch(db, listing);
    }

    /// <summary>A serialized listing's units by state: for sale, held by orders not yet shipped, and shipped.</summary>
    public static async Task<UnitCounts> UnitCountsAsync(this MarketplaceDb db, Listing listing, CancellationToken cancellationToken)
    {
        var counts = await db.ListingUnits.Where(u => u.ListingId == listing.Id).GroupBy(u => u.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var available = counts.Where(c => c.Key == ListingUnitStatus.Available).Sum(c => c.Count);
        return new UnitCounts(listing.QuantityAvailable, available - listing.QuantityAvailable, counts.Where(c => c.Key == ListingUnitStatus.Sold).Sum(c => c.Count));
    }
}

public sealed record UnitCounts(int ForSale, int HeldByOrders, int Sold);
