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
            // Only units still on the shelf: what a buyer may receive. Every unit was stocked from a certified lot, so its proof exists.
            var units = found.Listing.IsSerialized
                ? await db.ListingUnits.AsNoTracking().Where(u => u.ListingId == found.Listing.Id && u.Status == ListingUnitStatus.Available)
                    .OrderBy(u => u.Serial).Select(u => new UnitProvenance(u.Serial, u.Model, u.ModelYear, u.AueDate, u.BatteryHealthPercent, u.CertificateCode))
                    .ToListAsync(cancellationToken)
                : [];
            var photos = await db.ListingPhotos.AsNoTracking().Where(p => p.ListingId == found.Listing.Id).OrderBy(p => p.UploadedAt)
                .Select(p => new ListingPhotoRow(p.Id, p.FileName, p.AltText, p.Width, p.Height)).ToListAsync(cancellationToken);
            return new ListingPage(found.Listing, found.Seller, certifications, found.Listing.SellerId == ownOrganization, clock.Today)
            {
                Units = units,
                Photos = photos,
            };
        }
    }
}

public sealed record ListingPage(Listing Listing, string Seller, IReadOnlyList<CertificationRow> SellerCertifications, bool IsOwnListing, DateOnly Today)
{
    public double? YearsLeft => Domain.Lots.AueYears.Left(Listing.AueDate, Today);

    public bool SellerIsR2 => SellerCertifications.Any(c => c.Kind == Domain.Organizations.DocumentKind.R2v3);

    /// <summary>The serialized units still for sale (or held by orders not yet shipped), with the proof each carries.</summary>
    public IReadOnlyList<UnitProvenance> Units { get; init; } = [];

    public IReadOnlyList<ListingPhotoRow> Photos { get; init; } = [];

    /// <summary>Up to this many units are listed one by one; more are summarised by model year, update runway and certificate.</summary>
    public const int UnitsListedOneByOne = 10;

    /// <summary>Units grouped by what a buyer compares: model year, AUE date and the certificate that covers them.</summary>
    public IReadOnlyList<UnitGroup> UnitGroups => Units.GroupBy(u => (u.ModelYear, u.AueDate, u.CertificateCode))
        .Select(g => new UnitGroup(g.Count(), g.Key.ModelYear, g.Key.AueDate, AueYearsLeft(g.Key.AueDate), g.Key.CertificateCode))
        .OrderByDescending(g => g.AueDate).ThenByDescending(g => g.ModelYear).ToList();

    public double? AueYearsLeft(DateOnly? aue) => Domain.Lots.AueYears.Left(aue, Today);
}

/// <summary>One serialized unit as a buyer sees it: where it came from and the proof its data was destroyed.</summary>
public sealed record UnitProvenance(string Serial, string Model, int? ModelYear, DateOnly? AueDate, int? BatteryHealthPercent, string CertificateCode)
{
    /// <summary>The public verification page, asked whether this serial is one the certificate covers.</summary>
    public string VerifyUrl => $"/verify/{Uri.EscapeDataString(CertificateCode)}?serial={Uri.EscapeDataString(Serial)}";
}

public sealed record UnitGroup(int Count, int? ModelYear, DateOnly? AueDate, double? YearsLeft, string CertificateCode)
{
    public string VerifyUrl => $"/verify/{Uri.EscapeDataString(CertificateCode)}";
}

public sealed record ListingPhotoRow(Guid Id, string FileName, string AltText, int Width, int Height);
