using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Storefront;

public static class GetCart
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Query : IQuery<CartView>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, CartView>
    {
        public async ValueTask<CartView> Handle(Query query, CancellationToken cancellationToken) =>
            await ReadAsync(db, user.UserId, cancellationToken) with
            {
                CheckoutNotice = (await db.RightsOfAsync(user, clock, cancellationToken)).NoticeFor("check out"),
            };

        internal static async Task<CartView> ReadAsync(MarketplaceDb db, Guid userId, CancellationToken cancellationToken)
        {
            var lines = await db.CartItems.Where(c => c.UserId == userId)
                .Join(db.Listings, c => c.ListingId, l => l.Id, (c, l) => new { c, l })
                .Join(db.Organizations, x => x.l.SellerId, o => o.Id, (x, o) => new CartLine(x.l.Id, x.l.Title, o.Name, o.Id,
                    // The listing's quantity-price tier the line reaches, as Order.AddLine charges it.
                    x.l.Tier2MinQuantity != null && x.c.Quantity >= x.l.Tier2MinQuantity ? x.l.Tier2Price!.Value
                    : x.l.Tier1MinQuantity != null && x.c.Quantity >= x.l.Tier1MinQuantity ? x.l.Tier1Price!.Value
                    : x.l.Price,
                    x.c.Quantity, x.l.QuantityAvailable))
                .ToListAsync(cancellationToken);
            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            var shipping = lines.Select(l => l.SellerId).Distinct().Count() * fees.StorefrontFlatShipping;
            return new CartView(lines.OrderBy(l => l.Title).ToList(), lines.Sum(l => l.LineTotal), shipping);
        }
    }
}
