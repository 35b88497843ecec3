using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The school's receiving desk confirms a shipment arrived (today).</summary>
public static class ConfirmShipmentReceived
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid OrderId, Guid ShipmentId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines)
                            .SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var shipment = order.ConfirmDelivery(command.ShipmentId, clock.Now, DeliveryConfirmation.Buyer, user.UserId, clock.Now);
            ShipmentNotice.SendDelivered(outbox, order, shipment);
            return Unit.Value;
        }
    }
}
