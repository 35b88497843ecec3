using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Web.Features.Lots;

public static class SubmitLot
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            lot.Submit(clock.Now);
            return Unit.Value;
        }
    }
}

public static class WithdrawLot
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            lot.Withdraw();
            return Unit.Value;
        }
    }
}
