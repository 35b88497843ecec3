using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The product page: the listing with its seller's current certifications, for anyone while it is on sale and for its seller while paused.</summary>
public static class GetListing
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(Guid ListingId) : IQuery<ListingPage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, ListingPage>
    {
        public async ValueTask<ListingPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var ownOrganization = user.IsAuthenticated ? user.OrganizationId : Guid.Empty;
            var found = await db.Listings.AsNoTracking()
                .Where(l => l.Id == query.ListingId && (l.IsActive || l.SellerId == ownOrganization))
                .Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new { Listing = l, Seller = o.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Listing");
            var certifications = await db.CurrentCertifications(clock.Today).Where(c => c.OrganizationId == found.Listing.SellerId)
                .OrderByDescending(c => c.ExpiresOn)
                .Select(c => new CertificationRow(c.OrganizationId, c.Kind, c.Number, c.ExpiresOn))
                .ToListAsync(cancellationToken);
            return new ListingPage(found.Listing, found.Seller, certifications, found.Listing.SellerId == ownOrganization, clock.Today);
        }
    }
}

public sealed record ListingPage(Listing Listing, string Seller, IReadOnlyList<CertificationRow> SellerCertifications, bool IsOwnListing, DateOnly Today)
{
    public double? YearsLeft => Domain.Lots.AueYears.Left(Listing.AueDate, Today);

    public bool SellerIsR2 => SellerCertifications.Any(c => c.Kind == Domain.Organizations.DocumentKind.R2v3);
}
