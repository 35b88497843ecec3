using Marketplace.Web.Domain.Market;

namespace Marketplace.Web.Features.Market;

/// <summary>A refurbisher's buyer or technician puts a lot open for quotes or bids on their own watchlist; watching twice changes nothing.</summary>
public static class WatchLot
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.LotsOpenForQuotes(user).AnyAsync(l => l.Id == command.LotId, cancellationToken))
            {
                throw new NotFoundException("Listed lot");
            }

            if (!await db.WatchesOf(user).AnyAsync(w => w.LotId == command.LotId, cancellationToken))
            {
                db.LotWatches.Add(new LotWatch { UserId = user.UserId, OrganizationId = user.RequireOrganization(), LotId = command.LotId, WatchedAt = clock.Now });
            }

            return Unit.Value;
        }
    }
}
