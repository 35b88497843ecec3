namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The buyer changes how many of a listing the cart holds: never more than are in stock, and the line's price follows the
/// listing's quantity tier the new quantity reaches (the cart reads it, as checkout charges it).
/// </summary>
public static class SetCartQuantity
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid ListingId, int Quantity) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Quantity).InclusiveBetween(1, 5000).WithMessage("Quantity must be between 1 and 5,000 (remove the item to drop it).");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await db.CartItems.SingleOrDefaultAsync(c => c.UserId == user.UserId && c.ListingId == command.ListingId, cancellationToken)
                       ?? throw new NotFoundException("Cart item");
            var listing = await db.Listings.AsNoTracking().SingleAsync(l => l.Id == item.ListingId, cancellationToken);
            if (!listing.IsActive)
            {
                throw new DomainException($"{listing.Title} is no longer on sale; remove it from your cart.");
            }

            listing.RequireInStock(command.Quantity);

            item.Quantity = command.Quantity;
            return Unit.Value;
        }
    }
}
