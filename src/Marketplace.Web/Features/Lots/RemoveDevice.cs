using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class RemoveDevice
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, Guid DeviceId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ManifestChanges manifest) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            if (!lot.IsDraft)
            {
                throw new DomainException("Devices can only be removed while the lot is a draft.");
            }

            if (await db.Devices.Where(d => d.Id == command.DeviceId && d.LotId == lot.Id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                throw new NotFoundException("Device");
            }

            VersionInterceptor.Touch(db, lot);
            manifest.Changed(lot.Id);
            return Unit.Value;
        }
    }
}
