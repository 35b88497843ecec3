namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// A class set: N identical devices (same model, processor, memory, storage and cosmetic grade) for one classroom.
/// Shows the listings that fill it alone, and the sellers that fill it by combining several of their listings.
/// </summary>
public static class FindClassSets
{
    public const int MaxQuantity = 5_000;
    private const int Shown = 20;

    [AllowedRoles(Anonymous = true)]
    public sealed record Query(int Quantity, CatalogFilter Filter) : IQuery<Result>;

    public sealed record Part(CatalogRow Listing, int Quantity)
    {
        public decimal UnitPrice => Listing.UnitPriceFor(Quantity);
        public decimal Total => UnitPrice * Quantity;
    }

    /// <summary>One way to fill the set from one seller: a single listing, or several of the same device.</summary>
    public sealed record Option(IReadOnlyList<Part> Parts)
    {
        public CatalogRow First => Parts[0].Listing;
        public decimal Total => Parts.Sum(p => p.Total);
        public decimal AverageUnitPrice => decimal.Round(Total / Parts.Sum(p => p.Quantity), 2);
    }

    public sealed record Result(int Quantity, CatalogFilter Filter, IReadOnlyList<Option> SingleListings, IReadOnlyList<Option> Combinations, DateOnly Today);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Quantity).InclusiveBetween(2, MaxQuantity).WithMessage($"A class set is between 2 and {MaxQuantity:N0} devices.");
    }

    public sealed class Handler(MarketplaceDb db, IClock clock, CatalogIndexCache cache) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var index = await cache.CurrentAsync(db, clock.Today, cancellationToken);
            var n = query.Quantity;
            var rows = index.Matching(query.Filter, CatalogSort.PriceLowToHigh).Where(r => r.Model.Length > 0).ToList();

            var singles = rows.Where(r => r.QuantityAvailable >= n).Select(r => new Option([new Part(r, n)]))
                .OrderBy(o => o.Total).ThenBy(o => o.First.Id).Take(Shown).ToList();

            var combinations = new List<Option>();
            foreach (var group in rows.GroupBy(r => (r.SellerId, Key: IdenticalKey(r))))
            {
                if (group.Count() < 2 || group.Any(r => r.QuantityAvailable >= n) || group.Sum(r => r.QuantityAvailable) < n)
                {
                    continue;
                }

                // Cheapest units first: each listing's part is priced at the tier its own quantity reaches.
                var parts = new List<Part>();
                var left = n;
                foreach (var listing in group.OrderBy(r => r.Price).ThenBy(r => r.Id))
                {
                    var take = Math.Min(left, listing.QuantityAvailable);
                    parts.Add(new Part(listing, take));
                    left -= take;
                    if (left == 0)
                    {
                        break;
                    }
                }

                combinations.Add(new Option(parts));
            }

            return new Result(n, query.Filter, singles, combinations.OrderBy(o => o.Total).ThenBy(o => o.First.Id).Take(Shown).ToList(), clock.Today);
        }

        private static string IdenticalKey(CatalogRow r) =>
            string.Join('|', r.Manufacturer.ToUpperInvariant(), r.Model.ToUpperInvariant(), (r.Cpu ?? "").ToUpperInvariant(), r.RamGb, r.StorageGb, r.Grade);
    }
}
