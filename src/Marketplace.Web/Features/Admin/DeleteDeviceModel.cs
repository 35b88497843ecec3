using Marketplace.Web.Features.Lots;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Admin;

public static class DeleteDeviceModel
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid Id) : ICommand;

    public sealed class Handler(MarketplaceDb db, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var model = await db.DeviceModels.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Device model");
            db.DeviceModels.Remove(model);
            // Open lots show an estimate that depends on these prices and AUE dates: recompute them in the background.
            outbox.Enqueue(new RevalueLots.Command());
            return Unit.Value;
        }
    }
}
