using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The devices leave the district's dock: either side records who released them, who took them, the seal numbers and the
/// boxes or pallets; the time is the server's. Refused while any device is still enrolled in device management, naming how
/// many and linking the district to the list. The lot is then in transit, and both sides are told.
/// </summary>
public static class RecordHandOver
{
    [AllowedRoles(Roles.DistrictInventory, Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, string ReleasedBy, string CollectedBy, string? SealNumbers, int Packages) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReleasedBy).NotEmpty().WithMessage("Name the district's person who released the devices.").MaximumLength(200);
            RuleFor(c => c.CollectedBy).NotEmpty().WithMessage("Name the driver or technician who took the devices.").MaximumLength(200);
            RuleFor(c => c.SealNumbers).MaximumLength(200).WithMessage("Seal numbers: at most 200 characters.");
            RuleFor(c => c.Packages).InclusiveBetween(1, 10_000).WithMessage("Count the boxes or pallets handed over (1 or more).");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (fulfillment, isDistrict) = await db.LoadPartyFulfillmentAsync(command.LotId, user, tracked: true, cancellationToken);
            var stillEnrolled = await db.StillEnrolledAsync(fulfillment.LotId, cancellationToken);
            if (stillEnrolled > 0 && fulfillment.PickedUpAt is null && fulfillment.IsPickupScheduled)
            {
                throw new DomainException(LotFulfillment.StillEnrolledMessage(stillEnrolled) + (isDistrict ? "" : " The district confirms it on its page of the lot."))
                {
                    Remedy = isDistrict ? new Remedy($"See the {stillEnrolled:N0} enrolled device{(stillEnrolled == 1 ? "" : "s")}", $"/lots/{fulfillment.LotId}/deprovisioning") : null,
                };
            }

            var now = clock.Now;
            var details = new HandOverDetails(command.ReleasedBy, command.CollectedBy, command.SealNumbers, command.Packages);
            fulfillment.RecordHandOver(details, stillEnrolled, user.UserId, now);

            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number, l.PickupAddress }).SingleAsync(cancellationToken);
            var scanned = await db.DeviceScans.CountAsync(s => s.LotId == fulfillment.LotId && s.Stage == ScanStage.HandOver && s.DeviceId != null && s.RemovedAt == null, cancellationToken);
            var summary = $"Released by {fulfillment.ReleasedBy} to {fulfillment.CollectedBy}; {fulfillment.HandedOverPackages:N0} boxes or pallets" +
                          (fulfillment.SealNumbers is { } seals ? $"; seals {seals}" : "") +
                          $"; {scanned:N0} of {fulfillment.DeviceCount:N0} devices scanned at the hand-over.";
            db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.HandedOver, fulfillment.LotId, null, user.Actor(), now,
                string.Join(" · ", new[] { lot.PickupAddress, fulfillment.PickupDock }.Where(p => !string.IsNullOrWhiteSpace(p))), summary));

            var body = $"{fulfillment.DeviceCount:N0} devices of lot {lot.Number} left the district's dock on {now:MMMM d, yyyy} at {now:HH:mm} UTC and are in transit.\n{summary}";
            outbox.Email(fulfillment.DistrictId, $"Lot {lot.Number} was handed over", body + $"\n{configuration.PageUrl($"/lots/{fulfillment.LotId}")}", Roles.DistrictInventory);
            outbox.Email(fulfillment.BuyerId, $"Lot {lot.Number} was handed over", body + $"\n{configuration.PageUrl($"/purchases/{fulfillment.LotId}")}", Roles.RefurbisherTechnician);
            return Unit.Value;
        }
    }
}
