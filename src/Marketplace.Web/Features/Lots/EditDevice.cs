using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district corrects one device of a draft lot (a purchase date, a funding source the E-rate check
/// flagged, a grade). Reads and writes that one device: the size of the lot does not matter.
/// </summary>
public static class EditDevice
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, Guid DeviceId, DeviceDetails Form) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock) => RuleFor(c => c.Form).SetValidator(new DeviceDetails.Rules(clock));
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ManifestChanges manifest) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            lot.EnsureDraft("Editing devices");
            var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == command.DeviceId && d.LotId == lot.Id, cancellationToken)
                         ?? throw new NotFoundException("Device");
            command.Form.ApplyTo(device);
            VersionInterceptor.Touch(db, lot);
            manifest.Changed(lot.Id);
            return Unit.Value;
        }
    }
}

/// <summary>The device's fields as the edit page shows them.</summary>
public static class GetDeviceForEdit
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Query(Guid LotId, Guid DeviceId) : IQuery<Result>;

    /// <param name="Editable">False once the lot is listed: the page then shows the device without a form.</param>
    public sealed record Result(Guid LotId, string LotNumber, string LotTitle, Guid DeviceId, string Serial, DeviceDetails Form, bool Editable);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(query.LotId, user, cancellationToken);
            var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.DeviceId && d.LotId == lot.Id, cancellationToken)
                         ?? throw new NotFoundException("Device");
            return new Result(lot.Id, lot.Number, lot.Title, device.Id, device.Serial, DeviceDetails.From(device), lot.IsDraft);
        }
    }
}
