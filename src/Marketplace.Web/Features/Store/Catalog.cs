using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Store;

public sealed record ListingCard(Guid Id, string Title, string? Description, DeviceCategory Category, CosmeticGrade Grade, decimal Price,
    int QuantityAvailable, int WarrantyMonths, string Seller, string? SellerCertification);

public static class BrowseCatalog
{
    public const int PageSize = 24;

    [AllowedRoles(Anonymous = true)]
    public sealed record Query(DeviceCategory? Category, string? Search, int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<ListingCard> Listings, int Total, int Page, int Pages);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var listings = db.Listings.Where(l => l.IsActive && l.QuantityAvailable > 0);
            if (query.Category is { } category)
            {
                listings = listings.Where(l => l.Category == category);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                listings = listings.Where(l => l.Title.Contains(term) || (l.Description != null && l.Description.Contains(term)));
            }

            var total = await listings.CountAsync(cancellationToken);
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pages);
            var cards = await listings.OrderBy(l => l.Price)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToCards(db)
                .ToListAsync(cancellationToken);
            return new Result(cards, total, page, pages);
        }
    }

    internal static IQueryable<ListingCard> ToCards(this IQueryable<Listing> listings, MarketplaceDb db) =>
        listings.Join(db.Organizations, l => l.SellerId, o => o.Id, (l, o) => new ListingCard(
            l.Id, l.Title, l.Description, l.Category, l.Grade, l.Price, l.QuantityAvailable, l.WarrantyMonths, o.Name,
            o.Certification == CertificationStandard.None ? null : o.Certification.ToString()));
}

public static class GetListing
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(Guid ListingId) : IQuery<ListingCard>;

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, ListingCard>
    {
        public async ValueTask<ListingCard> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Listings.Where(l => l.Id == query.ListingId && l.IsActive).ToCards(db).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Listing");
    }
}
