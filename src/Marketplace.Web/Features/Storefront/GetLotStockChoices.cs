using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The devices of one certified purchase that can still be stocked, a page at a time, filtered by model and grade.</summary>
public static class GetLotStockChoices
{
    public const int PageSize = 100;

    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Query(Guid LotId, string? Model = null, CosmeticGrade? Grade = null, int Page = 1) : IQuery<LotStockPage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, LotStockPage>
    {
        public async ValueTask<LotStockPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = await db.RequireStockSourceAsync(user, query.LotId, cancellationToken);
            var models = await db.Stockable(source.LotId, null, null).GroupBy(d => d.Model).OrderBy(g => g.Key).Select(g => new ModelCount(g.Key, g.Count()))
                .ToListAsync(cancellationToken);
            var page = await db.Stockable(source.LotId, query.Model, query.Grade).AsNoTracking().OrderBy(d => d.Serial)
                .Select(d => new StockableDevice(d.Serial, d.Manufacturer, d.Model, d.Category, d.Grade, d.Functional, d.Cpu, d.RamGb, d.StorageGb, d.BatteryHealthPercent,
                    d.PurchaseDate, d.AueDate))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            return new LotStockPage(source, models, page, query.Model, query.Grade, clock.Today);
        }
    }
}

public sealed record ModelCount(string Model, int Count);

public sealed record StockableDevice(string Serial, string? Manufacturer, string Model, DeviceCategory Category, CosmeticGrade Grade, FunctionalStatus Functional,
    string? Cpu, int? RamGb, int? StorageGb, int? BatteryHealthPercent, DateOnly? PurchaseDate, DateOnly? AueDate);

public sealed record LotStockPage(StockSource Source, IReadOnlyList<ModelCount> Models, PageOf<StockableDevice> Devices, string? Model, CosmeticGrade? Grade, DateOnly Today)
{
    public string PageUrl => $"/listings/from-lot/{Source.LotId}?model={Uri.EscapeDataString(Model ?? "")}&grade={Grade}&page=";
}
