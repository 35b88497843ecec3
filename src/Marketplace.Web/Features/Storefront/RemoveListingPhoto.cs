using Marketplace.Web.Data.Interceptors;

namespace Marketplace.Web.Features.Storefront;

public static class RemoveListingPhoto
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid ListingId, Guid PhotoId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = await db.ListingsOwnedBy(user).SingleOrDefaultAsync(l => l.Id == command.ListingId, cancellationToken) ?? throw new NotFoundException("Listing");
            var photo = await db.ListingPhotos.SingleOrDefaultAsync(p => p.Id == command.PhotoId && p.ListingId == listing.Id, cancellationToken)
                        ?? throw new NotFoundException("Photo");
            db.ListingPhotos.Remove(photo);
            VersionInterceptor.Touch(db, listing);
            return Unit.Value;
        }
    }
}
