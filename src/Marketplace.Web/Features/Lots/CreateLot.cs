using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Web.Features.Lots;

public static class CreateLot
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(string Title, string? Description, string? PickupAddress) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the lot a title, e.g. \"2019 Chromebook refresh – Building A\".").MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.PickupAddress).MaximumLength(400);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = new Lot
            {
                Number = ReferenceNumber.New("LOT"),
                DistrictId = user.RequireOrganization(),
                Title = command.Title.Trim(),
                Description = command.Description?.Trim(),
                PickupAddress = command.PickupAddress?.Trim(),
                CreatedAt = clock.Now,
            };
            lot.Revalue(new ManifestSummary { ValuedAt = lot.CreatedAt });
            db.Lots.Add(lot);
            return ValueTask.FromResult(lot.Id);
        }
    }
}
