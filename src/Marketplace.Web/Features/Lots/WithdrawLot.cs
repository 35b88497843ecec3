using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>The district takes a draft or listed lot off the market; open quotes are declined.</summary>
public static class WithdrawLot
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            // Changing the sale too makes a withdrawal racing an award conflict on the sale's version.
            var sale = await db.Sales.Include(s => s.Quotes).SingleOrDefaultAsync(s => s.LotId == lot.Id, cancellationToken);
            lot.Withdraw(sale, clock.Now);
            return Unit.Value;
        }
    }
}
