namespace Marketplace.Web.Features.Storefront;

/// <summary>Takes one of the refurbisher's listings off the catalog (stock kept) or puts it back on sale.</summary>
public static class PauseListing
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid ListingId, bool Pause) : ICommand<string>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = await db.ListingsOwnedBy(user).SingleOrDefaultAsync(l => l.Id == command.ListingId, cancellationToken)
                ?? throw new NotFoundException("Listing");
            if (command.Pause)
            {
                listing.Pause(clock.Now);
            }
            else
            {
                listing.Resume();
            }

            return listing.Title;
        }
    }
}
