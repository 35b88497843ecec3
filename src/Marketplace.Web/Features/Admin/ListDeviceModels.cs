using AutoMapper;
using AutoMapper.QueryableExtensions;

namespace Marketplace.Web.Features.Admin;

public static class ListDeviceModels
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<DeviceModelRow> Models, IReadOnlyList<CategoryPriceRow> CategoryPrices, PriceGuideView Guide);

    public sealed class Handler(MarketplaceDb db, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) => new(
            await db.DeviceModels.OrderBy(m => m.Manufacturer).ThenBy(m => m.Name).ProjectTo<DeviceModelRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
            await db.CategoryPrices.OrderBy(c => c.Category).ProjectTo<CategoryPriceRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken),
            await db.PriceGuides.ProjectTo<PriceGuideView>(mapper.ConfigurationProvider).SingleAsync(cancellationToken));
    }
}
