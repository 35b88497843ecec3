using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>The district types one device into a draft lot; its AUE and maker come from the reference table when known.</summary>
public static class AddDevice
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer,
        string Model, CosmeticGrade Grade, FunctionalStatus Functional, DateOnly? PurchaseDate = null, FundingSource FundingSource = FundingSource.Unknown) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock)
        {
            RuleFor(c => c.Serial).NotEmpty().WithMessage("Enter the manufacturer serial number.").MaximumLength(64);
            RuleFor(c => c.AssetTag).MaximumLength(64);
            RuleFor(c => c.Model).NotEmpty().WithMessage("Enter the device model, e.g. \"Dell Chromebook 3100\".").MaximumLength(200);
            RuleFor(c => c.Manufacturer).MaximumLength(100);
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.Grade).IsInEnum();
            RuleFor(c => c.Functional).IsInEnum();
            RuleFor(c => c.FundingSource).IsInEnum().WithMessage("Funding source: choose one of the listed sources.");
            RuleFor(c => c.PurchaseDate).Must(d => DeviceDetails.IsPlausiblePurchaseDate(d, clock.Today)).WithMessage(DeviceDetails.PurchaseDateMessage);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ManifestChanges manifest) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var device = lot.NewDevice(command.Serial, command.AssetTag, command.Category, command.Manufacturer, command.Model, command.Grade, command.Functional);
            device.PurchaseDate = command.PurchaseDate;
            device.FundingSource = command.FundingSource;
            if (await db.LotHoldingSerialAsync(lot.DistrictId, device.Serial, cancellationToken) is { } holder)
            {
                throw new DomainException(holder == lot.Number ? $"Serial {device.Serial} is already in this lot." : $"Serial {device.Serial} is already in lot {holder}.");
            }

            var names = DeviceModel.CandidateNames(device.Manufacturer, device.Model);
            var references = await db.DeviceModels.AsNoTracking().Where(m => names.Contains(m.NormalizedName)).ToDictionaryAsync(m => m.NormalizedName, cancellationToken);
            if (DeviceModel.Find(references, device.Manufacturer, device.Model) is { } reference)
            {
                device.Manufacturer ??= reference.Manufacturer;
                device.AueDate = device.Category == DeviceCategory.Chromebook ? reference.AueDate : null;
            }

            db.Devices.Add(device);
            manifest.Changed(lot.Id);
            return Unit.Value;
        }
    }
}
