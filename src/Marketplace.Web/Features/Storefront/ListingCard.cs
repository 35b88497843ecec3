using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public sealed record ListingCard(Guid Id, string Title, string? Description, DeviceCategory Category, CosmeticGrade Grade, decimal Price,
    int QuantityAvailable, int WarrantyMonths, string Seller, CertificationStandard? SellerCertification);

/// <summary>One projection of a listing with its seller, so the catalog and the listing page show the same card.</summary>
internal static class ListingCards
{
    internal static IQueryable<ListingCard> ToCards(this IQueryable<Listing> listings, MarketplaceDb db) =>
        listings.Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new ListingCard(
            l.Id, l.Title, l.Description, l.Category, l.Grade, l.Price, l.QuantityAvailable, l.WarrantyMonths, o.Name,
            o.Certification == CertificationStandard.None ? null : o.Certification));
}
