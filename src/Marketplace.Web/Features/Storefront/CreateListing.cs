using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class CreateListing
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(ListingDetails Details) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Details).SetValidator(new ListingDetailsValidator());
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = new Listing { SellerId = user.RequireOrganization(), Title = command.Details.TitleOrDefault, CreatedAt = clock.Now };
            command.Details.ApplyTo(listing);
            db.Listings.Add(listing);
            return ValueTask.FromResult(listing.Id);
        }
    }
}
