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
/// The refurbisher records how one storage medium of one serial was sanitized (NIST SP 800-88 Rev. 2 §4.6); recording
/// the same medium again is a repeat attempt that updates its record. A scan reads the lot's fulfillment, the one device
/// (by the lot-and-serial index) and its own records, and writes one row, so it costs the same on a 10-device and a
/// 50,000-device lot. Nothing counts until a second person validates the record (<see cref="ValidateSanitization"/>).
/// </summary>
public static class RecordSanitization
{
    [AllowedRoles(Roles.RefurbisherTechnician)]
    public sealed record Command(Guid LotId, string Serial, MediumReport Medium) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Serial).NotEmpty().WithMessage("Scan or type the serial number of the device.").MaximumLength(64);
            RuleFor(c => c.Medium).NotNull();
            RuleFor(c => c.Medium.MediumSerial).NotEmpty().When(c => c.Medium is { MediaType: not MediaType.None })
                .WithMessage("Scan or type the medium's own serial (the drive or eMMC serial).").MaximumLength(100);
            RuleFor(c => c.Medium.Manufacturer).MaximumLength(100);
            RuleFor(c => c.Medium.Model).MaximumLength(100);
            RuleFor(c => c.Medium.MediaType).IsInEnum();
            RuleFor(c => c.Medium.MediaSource).NotEmpty().WithMessage("Say where the medium sits (e.g. internal, removable).").MaximumLength(50);
            RuleFor(c => c.Medium.Confidentiality).MaximumLength(50);
            RuleFor(c => c.Medium.Method).IsInEnum();
            RuleFor(c => c.Medium.Technique).IsInEnum();
            RuleFor(c => c.Medium.StandardFollowed).MaximumLength(200);
            RuleFor(c => c.Medium.Tool).NotEmpty().WithMessage("Name the tool or process (e.g. \"Blancco Drive Eraser\").").MaximumLength(200);
            RuleFor(c => c.Medium.ToolVersion).MaximumLength(50);
            RuleFor(c => c.Medium.VerificationMethod).NotEmpty().WithMessage("Say how the result was verified (e.g. full read-back, sampled read).").MaximumLength(200);
            RuleFor(c => c.Medium.VerificationResult).IsInEnum();
            RuleFor(c => c.Medium.Destination).IsInEnum();
            RuleFor(c => c.Medium.DataBackedUp).IsInEnum();
            RuleFor(c => c.Medium.BackupLocation).MaximumLength(200);
            RuleFor(c => c.Medium.Performer).SetValidator(new PersonValidator("performed the sanitization"));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
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

            if (fulfillment.MissingCount > 0 && await db.DevicesReportedMissing().ContainsAsync(device.Id, cancellationToken))
            {
                throw new DomainException(LotReconciliation.ReportedMissing(device.Serial));
            }

            var mediumSerial = SanitizationRecord.NormalizeSerial(command.Medium);
            var media = await db.SanitizationRecords.Where(r => r.DeviceId == device.Id).ToListAsync(cancellationToken);
            var existing = media.SingleOrDefault(r => r.MediumSerial == mediumSerial);
            var record = fulfillment.RecordSanitization(device, existing, media.Count > 0, command.Medium, user.UserId, clock.Now);
            if (existing is not null)
            {
                // A repeat after a failed quality check waits for a fresh re-check once it is accepted again.
                var check = await db.QualityChecks.SingleOrDefaultAsync(c => c.RecordId == existing.Id, cancellationToken);
                if (check is { Result: QualityCheckResult.Failed })
                {
                    check.Reopen();
                }

                return existing.Id;
            }

            db.SanitizationRecords.Add(record);
            await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, devices: media.Count == 0 ? 1 : 0, recorded: 1, cancellationToken: cancellationToken);
            return record.Id;
        }
    }
}

/// <summary>Name, title, location and contact of a person of record (Rev. 2 §4.6 asks for each who performs, verifies and validates).</summary>
public sealed class PersonValidator : AbstractValidator<PersonOfRecord>
{
    public PersonValidator(string role)
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage($"Name the person who {role}.").MaximumLength(200);
        RuleFor(p => p.Title).NotEmpty().WithMessage($"Give the title of the person who {role}.").MaximumLength(100);
        RuleFor(p => p.Location).NotEmpty().WithMessage($"Give the location of the person who {role}.").MaximumLength(200);
        RuleFor(p => p.Contact).NotEmpty().WithMessage($"Give a contact (phone or e-mail) for the person who {role}.").MaximumLength(200);
    }
}
