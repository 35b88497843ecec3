using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>Bulk edit or removal of devices in a draft lot: the ticked rows, or every device matching the filter.</summary>
public static class BulkEditDevices
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, IReadOnlyList<Guid> DeviceIds, bool AllMatching, DeviceFilter Filter, bool Remove,
        CosmeticGrade? Grade, DeviceCategory? Category, DeclaredSanitization? Sanitization, FundingSource? Funding) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DeviceIds).NotEmpty().When(c => !c.AllMatching).WithMessage("Tick at least one device, or choose every device matching the filter.");
            RuleFor(c => c).Must(c => c.Remove || c.Grade is not null || c.Category is not null || c.Sanitization is not null || c.Funding is not null)
                .WithMessage("Choose at least one field to change.");
            RuleFor(c => c.Grade).IsInEnum().WithMessage(c => $"Grade: \"{c.Grade}\" is not one of the listed grades.");
            RuleFor(c => c.Category).IsInEnum().WithMessage(c => $"Category: \"{c.Category}\" is not one of the listed categories.");
            RuleFor(c => c.Sanitization).IsInEnum().WithMessage(c => $"Wiped: \"{c.Sanitization}\" is not one of the listed answers.");
            RuleFor(c => c.Funding).IsInEnum().WithMessage(c => $"Funding source: \"{c.Funding}\" is not one of the listed sources.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ManifestChanges manifest) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            lot.EnsureDraft(command.Remove ? "Removing devices" : "Editing devices");
            var devices = db.Devices.Where(d => d.LotId == lot.Id);
            devices = command.AllMatching ? command.Filter.Apply(devices) : devices.Where(d => command.DeviceIds.Contains(d.Id));
            VersionInterceptor.Touch(db, lot);
            manifest.Changed(lot.Id);
            if (command.Remove)
            {
                return await devices.ExecuteDeleteAsync(cancellationToken);
            }

            return await devices.ExecuteUpdateAsync(set =>
            {
                if (command.Grade is { } grade)
                {
                    set.SetProperty(d => d.Grade, grade);
                }

                if (command.Category is { } category)
                {
                    set.SetProperty(d => d.Category, category);
                }

                if (command.Sanitization is { } sanitization)
                {
                    set.SetProperty(d => d.DeclaredSanitization, sanitization);
                }

                if (command.Funding is { } funding)
                {
                    set.SetProperty(d => d.FundingSource, funding);
                }
            }, cancellationToken);
        }
    }
}
