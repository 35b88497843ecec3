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

/// <summary>The devices arrived at the buyer's facility: sanitization can be recorded serial by serial.</summary>
public static class MarkReceived
{
    [AllowedRoles(Roles.RefurbisherTechnician)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            fulfillment.MarkReceived(clock.Now);
            var number = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            outbox.Email(fulfillment.DistrictId, $"Lot {number} was received",
                $"The buyer received lot {number}. Data sanitization is recorded serial by serial; your certificate follows automatically.", Roles.DistrictInventory);
            return Unit.Value;
        }
    }
}
