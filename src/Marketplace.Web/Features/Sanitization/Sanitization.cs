using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Payouts;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>The refurbisher records how one serial was sanitized; the last one triggers the certificate job.</summary>
public static class RecordSanitization
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Command(Guid LotId, string Serial, SanitizationMethod Method, string Tool, string Technician) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Serial).NotEmpty().WithMessage("Scan or type the serial number of the device you sanitized.");
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Tool).NotEmpty().WithMessage("Name the tool or process (e.g. \"Chrome OS powerwash + verified TPM clear\").").MaximumLength(200);
            RuleFor(c => c.Technician).NotEmpty().WithMessage("Name the technician who verified the result.").MaximumLength(200);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadPurchasedLotAsync(command.LotId, user, cancellationToken);
            var serial = command.Serial.Trim();
            var device = lot.Devices.SingleOrDefault(d => string.Equals(d.Serial, serial, StringComparison.OrdinalIgnoreCase))
                         ?? throw new DomainException($"Serial {serial} is not in lot {lot.Number}. Check the label, or whether the device came from another lot.");
            if (lot.RecordSanitization(device.Id, command.Method, command.Tool, command.Technician, clock.Now))
            {
                outbox.Enqueue(new IssueCertificate.Command(lot.Id));
            }

            return Unit.Value;
        }
    }
}

/// <summary>
/// Background: renders the certificate of data destruction, certifies the lot and queues the payout.
/// Idempotent: a second run finds the certificate and does nothing.
/// </summary>
public static class IssueCertificate
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Certificates.AnyAsync(c => c.LotId == command.LotId, cancellationToken))
            {
                return Unit.Value;
            }

            var lot = await db.LoadLotAsync(command.LotId, cancellationToken);
            var now = clock.Now;
            lot.Certify(now);
            var district = await db.Organizations.SingleAsync(o => o.Id == lot.DistrictId, cancellationToken);
            var processor = await db.Organizations.SingleAsync(o => o.Id == lot.BuyerId, cancellationToken);
            var code = ReferenceNumber.RandomCode(10);
            var publicUrl = new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), $"/verify/{code}");
            var pdf = CertificateDocument.Render(new CertificateContent(
                code, publicUrl, lot.Number, lot.Title, district.Name, processor.Name,
                $"{processor.Certification} {processor.CertificationNumber}".Trim(), now,
                lot.Devices.OrderBy(d => d.Serial, StringComparer.Ordinal)
                    .Select(d => new CertificateSerial(d.Serial, d.AssetTag, d.Model, d.SanitizationMethod!.Value.ToString(), d.SanitizationTool!, d.SanitizedBy!, d.SanitizedAt!.Value))
                    .ToList()));
            db.Certificates.Add(new Certificate { LotId = lot.Id, VerificationCode = code, IssuedAt = now, DeviceCount = lot.Devices.Count, Pdf = pdf });

            var notice = $"Certificate {code} covers all {lot.Devices.Count} serials of lot {lot.Number}. Verify it at {publicUrl}";
            outbox.Email(lot.DistrictId, $"Certificate of data destruction for lot {lot.Number}", notice);
            outbox.Email(processor.Id, $"Certificate issued for lot {lot.Number}", notice);
            outbox.Enqueue(new RecordPayout.Command(lot.Id));
            return Unit.Value;
        }
    }
}

public static class VerifyCertificate
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(string Code) : IQuery<Result?>;

    public sealed record Result(string Code, string LotNumber, string District, string Processor, DateTimeOffset IssuedAt, int DeviceCount);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.Code.Trim().ToUpperInvariant();
            return await db.Certificates.Where(c => c.VerificationCode == code)
                .Join(db.Lots, c => c.LotId, l => l.Id, (c, l) => new { c, l })
                .Join(db.Organizations, x => x.l.DistrictId, d => d.Id, (x, d) => new { x.c, x.l, District = d.Name })
                .Join(db.Organizations, x => x.l.BuyerId, p => p.Id, (x, p) => new Result(x.c.VerificationCode, x.l.Number, x.District, p.Name, x.c.IssuedAt, x.c.DeviceCount))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}
