namespace Marketplace.Web.Features.Storefront;

public static class RemoveFromCart
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid ListingId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await db.CartItems.SingleOrDefaultAsync(c => c.UserId == user.UserId && c.ListingId == command.ListingId, cancellationToken);
            if (item is not null)
            {
                db.CartItems.Remove(item);
            }

            return Unit.Value;
        }
    }
}
