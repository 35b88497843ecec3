using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// A mistaken scan is taken back by typing (or choosing) its value: the scan stays on record, marked as taken back, and no
/// longer counts; a custody event says who took it back and when.
/// </summary>
public static class RemoveScan
{
    [AllowedRoles(Roles.DistrictInventory, Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, string Value) : ICommand<ScanOutcome>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Value).NotEmpty().WithMessage("Type the serial number or asset tag of the scan to take back.")
                .MaximumLength(ScannedLabel.MaxRawLength).WithMessage("That is longer than any serial number or asset tag.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, ScanOutcome>
    {
        public async ValueTask<ScanOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var label = ScannedLabel.Read(command.Value);
            var party = await db.LoadPartyFulfillmentAsync(command.LotId, user, tracked: false, cancellationToken);
            var (fulfillment, stage) = (party.Fulfillment, party.Stage);
            fulfillment.EnsureAcceptsScans(stage);

            var device = await ScannedDevice.FindAsync(db, fulfillment.LotId, label, cancellationToken);
            var scans = db.DeviceScans.Where(s => s.LotId == fulfillment.LotId && s.Stage == stage && s.RemovedAt == null);
            var scan = (device is not null
                           ? await scans.SingleOrDefaultAsync(s => s.DeviceId == device.Id, cancellationToken)
                           : null)
                       ?? await scans.SingleOrDefaultAsync(s => s.DeviceId == null && s.Value == label.Value, cancellationToken)
                       ?? throw new DomainException($"{label.Raw} has no {stage.StageName()} scan to take back.");
            var now = clock.Now;
            scan.TakeBack(user.UserId, now);
            db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.ScanRemoved, fulfillment.LotId, scan.DeviceId, user.Actor(), now, null,
                $"Scan of {scan.RawValue} taken back", stage));
            var counts = await ScannedDevice.CountsAsync(db, fulfillment, stage, cancellationToken);
            counts = scan.DeviceId is null ? counts with { Unknown = counts.Unknown - 1 } : counts with { Scanned = counts.Scanned - 1 };
            return new ScanOutcome(ScanResult.Removed, scan.RawValue, device?.Serial, device?.AssetTag, device?.Model, scan.Box, false, counts,
                $"The scan of {device?.Serial ?? scan.RawValue} was taken back: {counts.Scanned:N0} of {counts.Expected:N0} scanned.");
        }
    }
}
