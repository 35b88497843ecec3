using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The scan page of a lot for one side: the district's hand-over scans or the buyer's receiving scans, with the running
/// counts, the latest scans, the unknown values and, a page at a time, the serials not scanned yet. Reads counts and pages
/// through the scans' indexes, never every device of a 5,000-device lot.
/// </summary>
public static class GetScanSheet
{
    public const int MissingPageSize = 50, RecentShown = 15, UnknownShown = 50;

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, int MissingPage = 1) : IQuery<ScanSheet>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, ScanSheet>
    {
        public async ValueTask<ScanSheet> Handle(Query query, CancellationToken cancellationToken)
        {
            var party = await db.LoadPartyFulfillmentAsync(query.LotId, user, tracked: false, cancellationToken);
            var (fulfillment, stage) = (party.Fulfillment, party.Stage);
            var lotId = fulfillment.LotId;
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).Select(l => new { l.Number, l.Title }).SingleAsync(cancellationToken);
            var counts = await ScannedDevice.CountsAsync(db, fulfillment, stage, cancellationToken);
            var atStage = db.DeviceScans.AsNoTracking().Where(s => s.LotId == lotId && s.Stage == stage);
            var recent = await atStage.OrderByDescending(s => s.ScannedAt).ThenByDescending(s => s.Id).Take(RecentShown)
                .Select(s => new ScanRow(s.RawValue, db.Devices.Where(d => d.Id == s.DeviceId).Select(d => d.Serial).FirstOrDefault(),
                    db.Devices.Where(d => d.Id == s.DeviceId).Select(d => d.AssetTag).FirstOrDefault(), s.Box, s.ScannedAt, s.ScannedBy, s.RemovedAt != null))
                .ToListAsync(cancellationToken);
            var unknown = await atStage.Where(s => s.DeviceId == null && s.RemovedAt == null).OrderBy(s => s.Value).Take(UnknownShown)
                .Select(s => new ScanRow(s.RawValue, null, null, s.Box, s.ScannedAt, s.ScannedBy, false))
                .ToListAsync(cancellationToken);
            var missing = await db.Devices.AsNoTracking()
                .Where(d => d.LotId == lotId && !db.DeviceScans.Any(s => s.LotId == lotId && s.Stage == stage && s.DeviceId == d.Id && s.RemovedAt == null))
                .OrderBy(d => d.Serial)
                .Select(d => new MissingDevice(d.Serial, d.AssetTag, d.Model))
                .ToPageAsync(query.MissingPage, MissingPageSize, cancellationToken);
            var currentBox = await atStage.Where(s => s.ScannedByUserId == user.UserId).OrderByDescending(s => s.ScannedAt).ThenByDescending(s => s.Id)
                .Select(s => s.Box).FirstOrDefaultAsync(cancellationToken);
            return new ScanSheet(lotId, lot.Number, lot.Title, stage, party.IsDistrict, fulfillment.AcceptsScans(stage), counts, recent, unknown, missing, currentBox,
                stage == ScanStage.HandOver ? await db.StillEnrolledAsync(lotId, cancellationToken) : 0, fulfillment.ReceivedAt is not null);
        }
    }
}

public sealed record ScanRow(string Value, string? Serial, string? AssetTag, string? Box, DateTimeOffset ScannedAt, string ScannedBy, bool TakenBack);

public sealed record MissingDevice(string Serial, string? AssetTag, string Model);

/// <param name="Open">Scans of this stage are taken now (the hand-over before the lot leaves, receiving until the buyer finishes receiving).</param>
/// <param name="CurrentBox">The box the viewer's latest scan went into: the next scans go there too unless they change it.</param>
/// <param name="StillEnrolled">Hand-over only: devices still enrolled in device management.</param>
/// <param name="Received">The buyer finished receiving (receiving scans are closed).</param>
public sealed record ScanSheet(Guid LotId, string LotNumber, string LotTitle, ScanStage Stage, bool IsDistrict, bool Open, ScanCounts Counts,
    IReadOnlyList<ScanRow> Recent, IReadOnlyList<ScanRow> Unknown, PageOf<MissingDevice> Missing, string? CurrentBox, int StillEnrolled, bool Received)
{
    /// <summary>The lot's page for this side, and where its scan forms post.</summary>
    public string LotUrl => IsDistrict ? $"/lots/{LotId}" : $"/purchases/{LotId}";

    public string Title => Stage == ScanStage.HandOver ? "Hand-over scan" : "Receiving scan";
}
