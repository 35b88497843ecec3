using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Store;

public sealed record CartLine(Guid ListingId, string Title, string Seller, Guid SellerId, decimal UnitPrice, int Quantity, int Available)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

public sealed record CartView(IReadOnlyList<CartLine> Lines, decimal Subtotal, decimal Shipping)
{
    public decimal Total => Subtotal + Shipping;
    public int SellerCount => Lines.Select(l => l.SellerId).Distinct().Count();
}

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

public static class GetCart
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Query : IQuery<CartView>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, CartView>
    {
        public async ValueTask<CartView> Handle(Query query, CancellationToken cancellationToken) => await ReadAsync(db, user.UserId, cancellationToken);

        internal static async Task<CartView> ReadAsync(MarketplaceDb db, Guid userId, CancellationToken cancellationToken)
        {
            var lines = await db.CartItems.Where(c => c.UserId == userId)
                .Join(db.Listings, c => c.ListingId, l => l.Id, (c, l) => new { c, l })
                .Join(db.Organizations, x => x.l.SellerId, o => o.Id, (x, o) => new CartLine(x.l.Id, x.l.Title, o.Name, o.Id, x.l.Price, x.c.Quantity, x.l.QuantityAvailable))
                .ToListAsync(cancellationToken);
            var fees = await db.FeeSchedules.AsNoTracking().SingleAsync(cancellationToken);
            var shipping = lines.Select(l => l.SellerId).Distinct().Count() * fees.StorefrontFlatShipping;
            return new CartView(lines.OrderBy(l => l.Title).ToList(), lines.Sum(l => l.LineTotal), shipping);
        }
    }
}
