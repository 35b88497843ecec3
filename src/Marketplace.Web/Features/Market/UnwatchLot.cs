namespace Marketplace.Web.Features.Market;

/// <summary>Takes a lot off the person's own watchlist, whatever became of the lot; unwatching a lot not watched changes nothing.</summary>
public static class UnwatchLot
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var watch = await db.WatchesOf(user).SingleOrDefaultAsync(w => w.LotId == command.LotId, cancellationToken)
                        ?? throw new NotFoundException("Watched lot");
            db.LotWatches.Remove(watch);
            return Unit.Value;
        }
    }
}
