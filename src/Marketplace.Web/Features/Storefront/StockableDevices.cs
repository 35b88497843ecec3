using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>A bought lot whose certificate of data destruction is issued: the only source of serialized stock.</summary>
public sealed record StockSource(Guid LotId, string LotNumber, string LotTitle, Guid CertificateId, string CertificateCode, DateTimeOffset CertifiedAt);

/// <summary>
/// Which devices a refurbisher may stock: those of a lot it bought, once the lot's certificate is issued, that arrived
/// (not reported missing at receiving) and are not on a listing yet.
/// </summary>
internal static class StockableDevices
{
    /// <summary>The refurbisher's certified purchases (or the one lot asked for), filtered before the projection so it stays one query.</summary>
    public static IQueryable<StockSource> StockSourcesOf(this MarketplaceDb db, ICurrentUser user, Guid? lotId = null)
    {
        var lots = lotId is { } id ? db.LotBoughtBy(user, id) : db.LotsBoughtBy(user);

        return lots.Join(db.Certificates, l => l.Id, c => c.LotId, (l, c) => new StockSource(l.Id, l.Number, l.Title, c.Id, c.VerificationCode, c.IssuedAt));
    }

    public static async Task<StockSource> RequireStockSourceAsync(this MarketplaceDb db, ICurrentUser user, Guid lotId, CancellationToken cancellationToken)
    {
        if (await db.StockSourcesOf(user, lotId).AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } source)
        {
            return source;
        }

        // The buyer learns why its own lot cannot be stocked yet; anyone else learns nothing about the lot.
        return await db.HasBoughtAsync(user, lotId, cancellationToken)
            ? throw new DomainException("This lot's certificate of data destruction is not issued yet: devices are stocked once every one is sanitized and certified.")
            : throw new NotFoundException("Lot");
    }

    /// <summary>The lot's devices that can still be stocked, filtered by model (exact) and grade when given.</summary>
    public static IQueryable<Device> Stockable(this MarketplaceDb db, Guid lotId, string? model, CosmeticGrade? grade)
    {
        var missing = db.DevicesReportedMissing();
        var devices = db.Devices.Where(d => d.LotId == lotId && !missing.Contains(d.Id) && !db.ListingUnits.Any(u => u.DeviceId == d.Id));
        if (!string.IsNullOrWhiteSpace(model))
        {
            devices = devices.Where(d => d.Model == model);
        }

        return grade is { } g ? devices.Where(d => d.Grade == g) : devices;
    }
}
