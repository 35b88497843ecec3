using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

public static class BrowseCatalog
{
    public const int PageSize = 24;

    [AllowedRoles(Anonymous = true)]
    public sealed record Query(DeviceCategory? Category, string? Search, int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<ListingCard> Listings, int Total, int Page, int Pages);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result>
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
            var (page, pages) = Paging.Clamp(total, query.Page, PageSize);
            var cards = await listings.OrderBy(l => l.Price)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToCards(db, clock.Today)
                .ToListAsync(cancellationToken);
            return new Result(cards, total, page, pages);
        }
    }
}
