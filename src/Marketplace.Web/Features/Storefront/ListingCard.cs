using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Storefront;

public sealed record ListingCard(Guid Id, string Title, string? Description, DeviceCategory Category, CosmeticGrade Grade, decimal Price,
    int QuantityAvailable, int WarrantyMonths, string Seller, DocumentKind? SellerCertification);

/// <summary>One projection of a listing with its seller, so the catalog and the listing page show the same card.</summary>
internal static class ListingCards
{
    /// <param name="today">The seller's certification is shown while it is current on this day.</param>
    internal static IQueryable<ListingCard> ToCards(this IQueryable<Listing> listings, MarketplaceDb db, DateOnly today)
    {
        var certifications = db.CurrentCertifications(today);
        return listings.Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new ListingCard(
            l.Id, l.Title, l.Description, l.Category, l.Grade, l.Price, l.QuantityAvailable, l.WarrantyMonths, o.Name,
            certifications.Where(c => c.OrganizationId == o.Id).OrderByDescending(c => c.ExpiresOn).Select(c => (DocumentKind?)c.Kind).FirstOrDefault()));
    }
}
