using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// Before the hand-over the district confirms, device by device, that each enrolled device was deprovisioned as retiring
/// (Google Admin console: Deprovision → Retiring device; other management systems: released) with no account or cloud-service
/// link left, as R2v3 Appendix B asks. Each confirmation is a custody event naming who and when; the device reads as
/// deprovisioned from then on.
/// </summary>
public static class ConfirmDeprovisioned
{
    /// <summary>At most this many devices per confirmation: a page of the list, ticked.</summary>
    public const int MaxDevices = 500;

    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, IReadOnlyList<Guid> DeviceIds, bool Attested) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DeviceIds).NotEmpty().WithMessage("Tick the devices you confirm were deprovisioned.")
                .Must(ids => ids.Count <= MaxDevices).WithMessage($"Confirm at most {MaxDevices} devices at a time.");
            RuleFor(c => c.Attested).Equal(true)
                .WithMessage("Tick the statement that each ticked device was deprovisioned as retiring, with no account or cloud-service link left.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadDistrictFulfillmentAsync(command.LotId, user, cancellationToken);
            if (fulfillment.PickedUpAt is not null)
            {
                throw new DomainException("The lot has already been handed over.");
            }

            var ids = command.DeviceIds.Distinct().ToList();
            var enrolled = await db.Devices.Where(d => d.LotId == fulfillment.LotId && ids.Contains(d.Id) && d.Enrollment == EnrollmentStatus.Enrolled)
                .Select(d => d.Id).ToListAsync(cancellationToken);
            if (enrolled.Count == 0)
            {
                throw new DomainException("None of the ticked devices is still enrolled: they were confirmed already, or are not in this lot.");
            }

            await db.Devices.Where(d => enrolled.Contains(d.Id)).ExecuteUpdateAsync(set => set.SetProperty(d => d.Enrollment, EnrollmentStatus.Deprovisioned), cancellationToken);
            var (actor, now) = (user.Actor(), clock.Now);
            db.CustodyEvents.AddRange(enrolled.Select(id => CustodyEvent.Of(CustodyEventKind.DeprovisioningConfirmed, fulfillment.LotId, id, actor, now, null,
                "Deprovisioned as retiring, no account or cloud-service link left.")));
            return enrolled.Count;
        }
    }
}

/// <summary>The lot's devices still enrolled in device management, a page at a time, for the district to confirm before the hand-over.</summary>
public static class GetDeprovisioningList
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, int Page = 1) : IQuery<DeprovisioningList>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, DeprovisioningList>
    {
        public async ValueTask<DeprovisioningList> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.LotsOwnedBy(user).AsNoTracking().Where(l => l.Id == query.LotId).Select(l => new { l.Id, l.Number, l.Title }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var fulfillment = await db.LotFulfillments.AsNoTracking().Where(f => f.LotId == lot.Id).Select(f => new { f.PickedUpAt }).SingleOrDefaultAsync(cancellationToken);
            var enrolled = await db.Devices.AsNoTracking().Where(d => d.LotId == lot.Id && d.Enrollment == EnrollmentStatus.Enrolled)
                .OrderBy(d => d.Serial)
                .Select(d => new EnrolledDevice(d.Id, d.Serial, d.AssetTag, d.Category, d.Manufacturer, d.Model))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            var confirmed = await db.CustodyEvents.CountAsync(e => e.LotId == lot.Id && e.Kind == CustodyEventKind.DeprovisioningConfirmed, cancellationToken);
            var unknown = await db.Devices.CountAsync(d => d.LotId == lot.Id && d.Enrollment == EnrollmentStatus.Unknown && d.Category == DeviceCategory.Chromebook, cancellationToken);
            return new DeprovisioningList(lot.Id, lot.Number, lot.Title, enrolled, confirmed, unknown,
                fulfillment is not null && fulfillment.PickedUpAt is null, fulfillment?.PickedUpAt is not null);
        }
    }
}

public sealed record EnrolledDevice(Guid Id, string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer, string Model);

/// <param name="Confirmed">Devices whose deprovisioning the district has confirmed so far.</param>
/// <param name="UnknownChromebooks">Chromebooks whose enrollment the manifest did not say: worth a look in the Admin console.</param>
/// <param name="Open">Paid and not handed over: confirmations are taken.</param>
public sealed record DeprovisioningList(Guid LotId, string LotNumber, string LotTitle, PageOf<EnrolledDevice> Enrolled, int Confirmed, int UnknownChromebooks,
    bool Open, bool HandedOver);
