using System.Globalization;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The packing list of a paid lot, for its district and its buyer: the purchase order (when the invoice has one), the lot,
/// counts by model, and every serial with its asset tag and the box it was scanned into at the hand-over.
/// </summary>
public static class GetPackingList
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId) : IQuery<Result>;

    public sealed record Result(byte[] Pdf, string FileName);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (fulfillment, _) = await db.LoadPartyFulfillmentAsync(query.LotId, user, tracked: false, cancellationToken);
            var lotId = fulfillment.LotId;
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).Select(l => new { l.Number, l.Title, l.PickupAddress }).SingleAsync(cancellationToken);
            var names = await db.Organizations.AsNoTracking().Where(o => o.Id == fulfillment.DistrictId || o.Id == fulfillment.BuyerId)
                .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var purchaseOrder = await db.Invoices.AsNoTracking().Where(i => i.LotId == lotId && i.PurchaseOrderNumber != null)
                .OrderByDescending(i => i.IssuedAt).Select(i => i.PurchaseOrderNumber).FirstOrDefaultAsync(cancellationToken);

            // One read of the lot's devices with the box each went into at the hand-over (a scan in force, if any).
            var rows = await (
                    from d in db.Devices.AsNoTracking().Where(d => d.LotId == lotId)
                    join s in db.DeviceScans.Where(s => s.LotId == lotId && s.Stage == ScanStage.HandOver && s.RemovedAt == null && s.DeviceId != null)
                        on (Guid?)d.Id equals s.DeviceId into scans
                    from s in scans.DefaultIfEmpty()
                    select new { d.Serial, d.AssetTag, d.Manufacturer, d.Model, Box = s == null ? null : s.Box })
                .ToListAsync(cancellationToken);
            static string ModelOf(string? manufacturer, string model) =>
                manufacturer is null || model.StartsWith(manufacturer, StringComparison.OrdinalIgnoreCase) ? model : $"{manufacturer} {model}";
            var devices = rows
                .Select(r => new PackingListRow(r.Serial, r.AssetTag, ModelOf(r.Manufacturer, r.Model), r.Box))
                // Box by box (devices in no box last), in serial order within each: the order a receiver checks them in.
                .OrderBy(r => r.Box is null).ThenBy(r => r.Box, BoxOrder.Instance).ThenBy(r => r.Serial, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var models = devices.GroupBy(d => d.Model, StringComparer.OrdinalIgnoreCase)
                .Select(g => new PackingListModel(g.Key, g.Count())).OrderByDescending(m => m.Devices).ThenBy(m => m.Model, StringComparer.OrdinalIgnoreCase).ToList();
            var pickup = fulfillment.PickupDate is { } date
                ? $"{date.ToString("dddd, MMMM d, yyyy", Us)}, {fulfillment.PickupWindow}" + (fulfillment.PickupDock is { } dock ? $" · {dock}" : "")
                : null;
            var handOver = fulfillment.PickedUpAt is { } at
                ? $"{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Us)}: released by {fulfillment.ReleasedBy} to {fulfillment.CollectedBy}, " +
                  $"{fulfillment.HandedOverPackages:N0} boxes or pallets" + (fulfillment.SealNumbers is { } seals ? $", seals {seals}" : "")
                : null;
            var content = new PackingListContent(lot.Number, lot.Title, names.GetValueOrDefault(fulfillment.DistrictId) ?? "", names.GetValueOrDefault(fulfillment.BuyerId) ?? "",
                purchaseOrder, fulfillment.DeviceCount, pickup, lot.PickupAddress, handOver, models, devices, clock.Now);
            return new Result(PackingListDocument.Render(content), $"packing-list-{lot.Number}.pdf");
        }
    }

    /// <summary>Box "2" before box "10"; names that are not numbers in ordinal order after them.</summary>
    private sealed class BoxOrder : IComparer<string?>
    {
        public static readonly BoxOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (xNumber, yNumber) = (long.TryParse(x, out var a), long.TryParse(y, out var b));
            return xNumber && yNumber ? a.CompareTo(b)
                : xNumber != yNumber ? (xNumber ? -1 : 1)
                : StringComparer.OrdinalIgnoreCase.Compare(x, y);
        }
    }
}
