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
            await AddAsync(db, user.UserId, command.ListingId, command.Quantity, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Adds to what the cart already holds of the listing, never beyond its stock.</summary>
    internal static async Task AddAsync(MarketplaceDb db, Guid userId, Guid listingId, int quantity, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == listingId && l.IsActive, cancellationToken) ?? throw new NotFoundException("Listing");
        var item = await db.CartItems.SingleOrDefaultAsync(c => c.UserId == userId && c.ListingId == listing.Id, cancellationToken);
        var total = (item?.Quantity ?? 0) + quantity;
        listing.RequireInStock(total);

        if (item is null)
        {
            db.CartItems.Add(new CartItem { UserId = userId, ListingId = listing.Id, Quantity = total });
        }
        else
        {
            item.Quantity = total;
        }
    }
}
