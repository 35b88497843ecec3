using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Admin;

/// <summary>Adds or corrects a model in the reference table (e.g. when Google extends an AUE date).</summary>
public static class SaveDeviceModel
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid? Id, string Name, string Manufacturer, DeviceCategory Category, DateOnly? AueDate, decimal? BasePrice) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the model name as district exports spell it.").MaximumLength(200);
            RuleFor(c => c.Manufacturer).NotEmpty().WithMessage("Enter the manufacturer.").MaximumLength(100);
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.BasePrice).GreaterThanOrEqualTo(0).LessThan(100_000).WithMessage("The base price must be between $0 and $100,000.");
            RuleFor(c => c.AueDate).Null().When(c => c.Category != DeviceCategory.Chromebook)
                .WithMessage("Only Chromebooks have an Auto Update Expiration date.");
            // The same window a district's own device record accepts (DeviceDetails): a year like 9999 is a typo, not a policy.
            RuleFor(c => c.AueDate).Must(d => d is null || (d.Value.Year >= 2010 && d.Value.Year <= 2045))
                .WithMessage(c => $"Auto Update Expiration: {c.AueDate:yyyy-MM} is not a month between 2010 and 2045.");
        }
    }

    public sealed class Handler(MarketplaceDb db, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var normalized = DeviceModel.NormalizeName(command.Name);
            if (await db.DeviceModels.AnyAsync(m => m.NormalizedName == normalized && m.Id != command.Id, cancellationToken))
            {
                throw new DomainException($"\"{command.Name}\" is already in the reference table.");
            }

            var model = command.Id is { } id
                ? await db.DeviceModels.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw new NotFoundException("Device model")
                : db.DeviceModels.Add(new DeviceModel { Name = command.Name, Manufacturer = command.Manufacturer }).Entity;
            model.Name = command.Name.Trim();
            model.Manufacturer = command.Manufacturer.Trim();
            model.Category = command.Category;
            model.AueDate = command.AueDate;
            model.BasePrice = command.BasePrice;
            model.Normalize();
            // Open lots show an estimate that depends on these prices and AUE dates: recompute them in the background.
            outbox.Enqueue(new RevalueLots.Command());
            return Unit.Value;
        }
    }
}
