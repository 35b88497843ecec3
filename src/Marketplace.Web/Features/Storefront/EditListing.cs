namespace Marketplace.Web.Features.Storefront;

/// <summary>A refurbisher corrects or restocks one of its own listings; the version check refuses an edit over someone else's newer one.</summary>
public static class EditListing
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid ListingId, int Version, ListingDetails Details) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Details).SetValidator(new ListingDetailsValidator());
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = await db.ListingsOwnedBy(user).SingleOrDefaultAsync(l => l.Id == command.ListingId, cancellationToken)
                ?? throw new NotFoundException("Listing");
            if (listing.Version != command.Version)
            {
                throw new DomainException("Someone changed this listing while you were editing it. Reload it and make your change again.");
            }

            command.Details.ApplyTo(listing);
            return Unit.Value;
        }
    }
}
