using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Storefront;

public static class GetCart
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Query : IQuery<CartView>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, CartView>
    {
        public async ValueTask<CartView> Handle(Query query, CancellationToken cancellationToken)
        {
            var cart = await ReadAsync(db, user.UserId, cancellationToken);
            var sites = (await db.ShippingSitesOf(user).AsNoTracking().Where(s => s.RetiredAt == null).ToListAsync(cancellationToken))
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(s => new ShipToSite(s.Id, s.Name, s.Label, s.State)).ToList();
            // Buyers mostly reorder for the same building: start from where this person's last order went.
            var last = await db.OrdersPlacedBy(user).Where(o => o.PlacedByUserId == user.UserId && o.ShipToSiteId != null)
                .OrderByDescending(o => o.PlacedAt).Select(o => o.ShipToSiteId).FirstOrDefaultAsync(cancellationToken);
            var site = sites.FirstOrDefault(s => s.Id == last) ?? sites.FirstOrDefault();
            return cart with
            {
                CheckoutNotice = (await db.RightsOfAsync(user, clock, cancellationToken)).NoticeFor("check out"),
                Sites = sites,
                DefaultSiteId = site?.Id,
                ManagesSites = user.IsInRole(Roles.OrganizationAdmin),
                Tax = cart.Lines.Count == 0 ? null : await TaxAsync(cart, site, cancellationToken),
            };
        }

        /// <summary>The tax the orders would carry, computed as checkout does: per refurbisher's order, each rounded to the cent.</summary>
        private async Task<CartTax?> TaxAsync(CartView cart, ShipToSite? site, CancellationToken cancellationToken)
        {
            var exemption = await SalesTaxes.ExemptionOfAsync(db, user.RequireOrganization(), clock.Today, cancellationToken);
            if (exemption is not null)
            {
                return new CartTax(0m, OrderTaxWords.Exempt(Domain.Storefront.Order.ExemptionWords(exemption)), site?.Name);
            }

            if (site is null)
            {
                return null;
            }

            var rate = await SalesTaxes.RateInForceAsync(db, site.State, clock.Today, cancellationToken);
            if (rate is null)
            {
                return new CartTax(0m, $"Sales tax: none (no rate on file for {site.State})", site.Name);
            }

            var perSeller = cart.Shipping / Math.Max(1, cart.SellerCount);
            var amount = cart.Lines.GroupBy(l => l.SellerId).Sum(g => rate.TaxOn(g.Sum(l => l.LineTotal), perSeller));
            return new CartTax(amount, $"Sales tax {site.State} {OrderTaxWords.Percent(rate.Rate)} on devices{(rate.TaxesShipping ? " and shipping" : "")}", site.Name);
        }

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
