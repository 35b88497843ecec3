using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The refurbisher records how one serial was sanitized; the last one queues the certificate. A scan
/// reads the lot's fulfillment and the one device (by the lot-and-serial index) and writes one record,
/// so it costs the same on a 10-device and a 50,000-device lot.
/// </summary>
public static class RecordSanitization
{
    [AllowedRoles(Roles.RefurbisherTechnician)]
    public sealed record Command(Guid LotId, string Serial, SanitizationMethod Method, string Tool, string Technician) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Serial).NotEmpty().WithMessage("Scan or type the serial number of the device you sanitized.").MaximumLength(64);
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Tool).NotEmpty().WithMessage("Name the tool or process (e.g. \"Chrome OS powerwash + verified TPM clear\").").MaximumLength(200);
            RuleFor(c => c.Technician).NotEmpty().WithMessage("Name the technician who verified the result.").MaximumLength(200);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.FulfillmentsBoughtBy(user).AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken)
                              ?? throw new NotFoundException("Lot");
            var serial = SerialNumber.Parse(command.Serial);
            var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.LotId == fulfillment.LotId && d.Serial == serial, cancellationToken);
            if (device is null)
            {
                var number = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
                throw new DomainException($"Serial {serial} is not in lot {number}. Check the label, or whether the device came from another lot.");
            }

            var attempts = await db.SanitizationRecords.CountAsync(r => r.DeviceId == device.Id, cancellationToken);
            db.SanitizationRecords.Add(fulfillment.RecordSanitization(device, attempts + 1, command.Method, command.Tool, command.Technician, user.UserId, clock.Now));
            if (attempts > 0)
            {
                // A repeat adds its record; the serial was already counted, and the certificate takes the latest attempt.
                return Unit.Value;
            }

            // The fulfillment was read untracked: its count is stored by an atomic increment (the +1 the record made in
            // memory) rather than a write through its version, so two technicians scanning the same lot never conflict.
            await db.LotFulfillments.Where(f => f.Id == fulfillment.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.SanitizedCount, f => f.SanitizedCount + 1), cancellationToken);
            var sanitized = await db.LotFulfillments.Where(f => f.Id == fulfillment.Id).Select(f => f.SanitizedCount).SingleAsync(cancellationToken);
            if (sanitized == fulfillment.DeviceCount)
            {
                outbox.Enqueue(new IssueCertificate.Command(fulfillment.LotId));
            }

            return Unit.Value;
        }
    }
}
