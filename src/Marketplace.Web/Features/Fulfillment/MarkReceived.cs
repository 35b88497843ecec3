using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The devices arrived at the buyer's facility: sanitization can be recorded serial by serial, or, for a lot holding no
/// data-bearing devices, the district's funds are released.
/// </summary>
public static class MarkReceived
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            fulfillment.MarkReceived(clock.Now);
            var number = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            if (await db.Sales.AnyAsync(s => s.LotId == fulfillment.LotId && s.HoldsDataBearingDevices, cancellationToken))
            {
                outbox.Email(fulfillment.DistrictId, $"Lot {number} was received",
                    $"The buyer received lot {number}. Data sanitization is recorded serial by serial; your certificate follows automatically.", Roles.DistrictInventory);
            }
            else
            {
                // Nothing in the lot stores data: receipt is the release condition, and there is no certificate to wait for.
                outbox.Email(fulfillment.DistrictId, $"Lot {number} was received",
                    $"The buyer received lot {number}. It holds no data-bearing devices, so no certificate is needed: your funds are released now.", Roles.DistrictInventory);
                outbox.Enqueue(new ReleaseDistrictFunds.Command(fulfillment.LotId));
            }

            return Unit.Value;
        }
    }
}
