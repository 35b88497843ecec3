using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Admin;

public static class ListDeviceModels
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<DeviceModel> Models, IReadOnlyList<CategoryPrice> CategoryPrices, PriceGuide Guide);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) => new(
            await db.DeviceModels.AsNoTracking().OrderBy(m => m.Manufacturer).ThenBy(m => m.Name).ToListAsync(cancellationToken),
            await db.CategoryPrices.AsNoTracking().OrderBy(c => c.Category).ToListAsync(cancellationToken),
            await db.PriceGuides.AsNoTracking().SingleAsync(cancellationToken));
    }
}
