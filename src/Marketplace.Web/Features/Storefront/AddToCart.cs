using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class AddToCart
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid ListingId, int Quantity) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Quantity).InclusiveBetween(1, 5000).WithMessage("Quantity must be between 1 and 5,000.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == command.ListingId && l.IsActive, cancellationToken) ?? throw new NotFoundException("Listing");
            var item = await db.CartItems.SingleOrDefaultAsync(c => c.UserId == user.UserId && c.ListingId == listing.Id, cancellationToken);
            var quantity = (item?.Quantity ?? 0) + command.Quantity;
            if (quantity > listing.QuantityAvailable)
            {
                throw new DomainException($"Only {listing.QuantityAvailable} of {listing.Title} are in stock.");
            }

            if (item is null)
            {
                db.CartItems.Add(new CartItem { UserId = user.UserId, ListingId = listing.Id, Quantity = quantity });
            }
            else
            {
                item.Quantity = quantity;
            }

            return Unit.Value;
        }
    }
}
