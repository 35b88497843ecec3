namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Puts a class set the buyer chose (one listing, or several identical listings of one seller) into the cart in one
/// step: every part or none, so a set is never half in the cart when one listing ran short meanwhile.
/// </summary>
public static class AddClassSetToCart
{
    public sealed record Part(Guid ListingId, int Quantity);

    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(IReadOnlyList<Part> Parts) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Parts).NotEmpty().WithMessage("Choose a class set to add.")
                .Must(parts => parts.Select(p => p.ListingId).Distinct().Count() == parts.Count).WithMessage("A class set names each listing once.");
            RuleForEach(c => c.Parts).ChildRules(part =>
                part.RuleFor(p => p.Quantity).InclusiveBetween(1, FindClassSets.MaxQuantity).WithMessage($"Each part of a set is between 1 and {FindClassSets.MaxQuantity:N0} devices."));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command, int>
    {
        /// <returns>How many devices the set added.</returns>
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var sellers = await db.Listings.Where(l => command.Parts.Select(p => p.ListingId).Contains(l.Id)).Select(l => l.SellerId).Distinct().CountAsync(cancellationToken);
            if (sellers > 1)
            {
                throw new DomainException("A class set comes from one seller, so its devices match and ship together.");
            }

            foreach (var part in command.Parts)
            {
                await AddToCart.AddAsync(db, user.UserId, part.ListingId, part.Quantity, cancellationToken);
            }

            return command.Parts.Sum(p => p.Quantity);
        }
    }
}
