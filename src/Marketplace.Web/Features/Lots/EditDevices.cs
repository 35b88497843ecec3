using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class AddDevice
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer,
        string Model, CosmeticGrade Grade, FunctionalStatus Functional) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Serial).NotEmpty().WithMessage("Enter the manufacturer serial number.").MaximumLength(64);
            RuleFor(c => c.AssetTag).MaximumLength(64);
            RuleFor(c => c.Model).NotEmpty().WithMessage("Enter the device model, e.g. \"Dell Chromebook 3100\".").MaximumLength(200);
            RuleFor(c => c.Manufacturer).MaximumLength(100);
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.Grade).IsInEnum();
            RuleFor(c => c.Functional).IsInEnum();
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            var serial = command.Serial.Trim();
            var elsewhere = await db.Devices
                .Where(d => d.Serial == serial && d.LotId != lot.Id)
                .Join(db.Lots.Where(l => l.DistrictId == lot.DistrictId && l.Status != LotStatus.Withdrawn), d => d.LotId, l => l.Id, (d, l) => l.Number)
                .FirstOrDefaultAsync(cancellationToken);
            if (elsewhere is not null)
            {
                throw new DomainException($"Serial {serial} is already in lot {elsewhere}.");
            }

            var device = lot.AddDevice(serial, command.AssetTag, command.Category, command.Manufacturer, command.Model, command.Grade, command.Functional);
            var names = DeviceModel.CandidateNames(device.Manufacturer, device.Model);
            var references = await db.DeviceModels.AsNoTracking().Where(m => names.Contains(m.NormalizedName)).ToDictionaryAsync(m => m.NormalizedName, cancellationToken);
            if (DeviceModel.Find(references, device.Manufacturer, device.Model) is { } reference)
            {
                device.Manufacturer ??= reference.Manufacturer;
                device.AueDate = device.Category == DeviceCategory.Chromebook ? reference.AueDate : null;
            }
            return Unit.Value;
        }
    }
}

public static class RemoveDevice
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, Guid DeviceId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            lot.RemoveDevice(command.DeviceId);
            return Unit.Value;
        }
    }
}

public static class LotLoading
{
    /// <summary>The lot with devices and quotes, only if it belongs to the signed-in district.</summary>
    public static async Task<Lot> LoadDistrictLotAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.Lots.Include(l => l.Devices).Include(l => l.Quotes)
                   .AsSplitQuery()
                   .SingleOrDefaultAsync(l => l.Id == lotId && l.DistrictId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Lot");
    }

    /// <summary>The lot without its devices (which may number tens of thousands), only if it belongs to the signed-in district.</summary>
    public static async Task<Lot> LoadDistrictLotHeaderAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.Lots.SingleOrDefaultAsync(l => l.Id == lotId && l.DistrictId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Lot");
    }

    /// <summary>The lot, only if the signed-in refurbisher bought it.</summary>
    public static async Task<Lot> LoadPurchasedLotAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.Lots.Include(l => l.Devices).Include(l => l.Quotes)
                   .AsSplitQuery()
                   .SingleOrDefaultAsync(l => l.Id == lotId && l.BuyerId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Lot");
    }

    /// <summary>Any lot by id, for background jobs acting as the system.</summary>
    public static async Task<Lot> LoadLotAsync(this MarketplaceDb db, Guid lotId, CancellationToken cancellationToken) =>
        await db.Lots.Include(l => l.Devices).Include(l => l.Quotes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken)
        ?? throw new NotFoundException("Lot");
}
