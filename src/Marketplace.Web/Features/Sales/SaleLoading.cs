using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Features.Sales;

public static class SaleLoading
{
    /// <summary>
    /// A buyer's request on a sale that is no longer open: a participant (who bid in it) is told it is over, as the loser of
    /// a race with the close, another bid or a buy-now should be; anyone else gets "not found", as for any lot not on sale.
    /// </summary>
    public static Exception NoLongerOpen(this Sale sale, Guid organizationId) =>
        sale.BuyerId == organizationId || sale.Bids.Any(b => b.BidderId == organizationId) || sale.Quotes.Any(q => q.RefurbisherId == organizationId)
            ? new DomainException(sale.IsAwarded ? "This sale is over: the lot was awarded." : "This sale is over.")
            : new NotFoundException("Listed lot");

    /// <summary>How many awards each of these organizations let lapse unpaid: what districts weigh when comparing offers.</summary>
    public static Task<Dictionary<Guid, int>> ForfeitsOfAsync(this MarketplaceDb db, IReadOnlyCollection<Guid> organizationIds, CancellationToken cancellationToken) =>
        organizationIds.Count == 0
            ? Task.FromResult(new Dictionary<Guid, int>())
            : db.Forfeits.AsNoTracking().Where(f => organizationIds.Contains(f.BuyerId)).GroupBy(f => f.BuyerId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    /// <summary>The lot's sale with everything its rules read: quotes, bids of every round, forfeits.</summary>
    public static Task<Sale?> LoadSaleAsync(this MarketplaceDb db, Guid lotId, CancellationToken cancellationToken) =>
        db.Sales.Include(s => s.Quotes).Include(s => s.Bids).Include(s => s.Forfeits).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.LotId == lotId, cancellationToken);
}

public static class SalesServiceCollectionExtensions
{
    /// <summary>What every way of awarding a lot shares.</summary>
    public static IServiceCollection AddSales(this IServiceCollection services) => services.AddScoped<SaleAwards>();
}
