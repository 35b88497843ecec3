using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// "Where is serial X and who touched it": one of the district's devices with its lot and stage, and its chain of custody
/// in order: deprovisioning, scans at the hand-over and at receiving (and any taken back), the lot's hand-over and receipt,
/// and each sanitization record. Reads the one device's rows through their indexes.
/// </summary>
public static class GetDeviceHistory
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, Guid DeviceId) : IQuery<DeviceHistory>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, DeviceHistory>
    {
        public async ValueTask<DeviceHistory> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.LotsOwnedBy(user).AsNoTracking().Where(l => l.Id == query.LotId).WithProgress(db).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.DeviceId && d.LotId == lot.Lot.Id, cancellationToken)
                         ?? throw new NotFoundException("Device");
            var events = await db.CustodyEvents.AsNoTracking()
                .Where(e => e.DeviceId == device.Id
                            || (e.LotId == lot.Lot.Id && e.DeviceId == null && (e.Kind == CustodyEventKind.HandedOver || e.Kind == CustodyEventKind.Received)))
                .ToListAsync(cancellationToken);
            var records = await db.SanitizationRecords.AsNoTracking().Where(r => r.DeviceId == device.Id).ToListAsync(cancellationToken);
            var organizations = events.Select(e => e.OrganizationId).Distinct().ToList();
            var names = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var buyer = await db.LotFulfillments.AsNoTracking().Where(f => f.LotId == lot.Lot.Id)
                .Select(f => db.Organizations.Where(o => o.Id == f.BuyerId).Select(o => o.Name).First()).FirstOrDefaultAsync(cancellationToken);
            var steps = events
                .Select(e => new CustodyStep(e.At, e.What, e.ActorName, names.GetValueOrDefault(e.OrganizationId), e.Place, e.DeviceId is null ? $"The whole lot: {e.Note}" : e.Note))
                .Concat(records.Select(r => new CustodyStep(r.RecordedAt,
                    $"Sanitized medium {r.MediumSerial} ({r.Method?.Words() ?? "no storage present"}{(r.Attempt > 1 ? $", attempt {r.Attempt}" : "")}; {r.Status.Words().ToLowerInvariant()})",
                    r.Performer.Name, buyer, null, $"Tool: {r.Tool}")))
                .OrderBy(s => s.At)
                .ToList();
            var certificate = await db.Certificates.Where(c => c.LotId == lot.Lot.Id).Select(c => c.VerificationCode).FirstOrDefaultAsync(cancellationToken);
            return new DeviceHistory(lot.Lot.Id, lot.Lot.Number, lot.Lot.Title, lot.Progress.Stage, device.Id, device.Serial, device.AssetTag,
                device.Manufacturer, device.Model, device.Category, device.Enrollment, steps, certificate);
        }
    }
}

/// <param name="Organization">The organization the person acted for.</param>
public sealed record CustodyStep(DateTimeOffset At, string What, string Who, string? Organization, string? Place, string? Note);

public sealed record DeviceHistory(Guid LotId, string LotNumber, string LotTitle, LotStage Stage, Guid DeviceId, string Serial, string? AssetTag, string? Manufacturer,
    string Model, DeviceCategory Category, EnrollmentStatus Enrollment, IReadOnlyList<CustodyStep> Steps, string? CertificateCode);
