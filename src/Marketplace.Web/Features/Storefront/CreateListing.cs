using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class CreateListing
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(string Title, string? Description, DeviceCategory Category, CosmeticGrade Grade, decimal Price, int Quantity, int WarrantyMonths) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Enter a title buyers will recognise, e.g. \"Dell Chromebook 3110 (refurbished)\".").MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.Price).GreaterThan(0).WithMessage("Enter a price greater than $0.00.").LessThan(100_000);
            RuleFor(c => c.Quantity).InclusiveBetween(0, 100_000).WithMessage("Quantity must be between 0 and 100,000.");
            RuleFor(c => c.WarrantyMonths).InclusiveBetween(0, 60).WithMessage("Warranty must be between 0 and 60 months.");
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.Grade).IsInEnum();
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = new Listing
            {
                SellerId = user.RequireOrganization(),
                Title = command.Title.Trim(),
                Description = command.Description?.Trim(),
                Category = command.Category,
                Grade = command.Grade,
                Price = decimal.Round(command.Price, 2),
                WarrantyMonths = command.WarrantyMonths,
                CreatedAt = clock.Now,
            };
            listing.Restock(command.Quantity);
            db.Listings.Add(listing);
            return ValueTask.FromResult(listing.Id);
        }
    }
}
