using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The buyer's driver has the devices: the lot is in transit and the district is told.</summary>
public static class MarkPickedUp
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            fulfillment.MarkPickedUp(clock.Now);
            var number = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            outbox.Email(fulfillment.DistrictId, $"Lot {number} was picked up",
                $"{fulfillment.DeviceCount} devices of lot {number} left your site on {clock.Now:MMMM d, yyyy} and are in transit.", Roles.DistrictInventory);
            return Unit.Value;
        }
    }
}
