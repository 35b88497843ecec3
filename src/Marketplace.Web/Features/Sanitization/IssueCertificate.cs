using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// Background: renders the certificate of data destruction, certifies the lot and queues the release of
/// the district's funds. Idempotent: a second run finds the certificate and does nothing.
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

            var fulfillment = await db.LotFulfillments.SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken) ?? throw new NotFoundException("Lot");
            var now = clock.Now;
            fulfillment.Certify(now);
            var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == fulfillment.LotId, cancellationToken);
            var district = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == fulfillment.DistrictId, cancellationToken);
            var processor = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == fulfillment.BuyerId, cancellationToken);
            var certification = (await db.CurrentCertificationsOfAsync([processor.Id], clock.Today, cancellationToken)).GetValueOrDefault(processor.Id);
            // The job runs once per lot, so it may read the whole lot; it checks completeness itself rather than trusting the counters.
            var media = await db.Devices.AsNoTracking().Where(d => d.LotId == lot.Id)
                .Join(db.SanitizationRecords, d => d.Id, r => r.DeviceId, (d, r) => new { d.Serial, d.AssetTag, Record = r })
                .ToListAsync(cancellationToken);
            var checks = await db.QualityChecks.AsNoTracking().Where(c => c.LotId == lot.Id).ToListAsync(cancellationToken);
            var serialCount = media.Select(m => m.Serial).Distinct().Count();
            if (serialCount != fulfillment.DevicesToSanitize || media.Any(m => !m.Record.IsAccepted))
            {
                throw new DomainException("Every medium of every serial needs an accepted record before the certificate is issued.");
            }

            if (checks.Count == 0 || checks.Any(c => c.Result != QualityCheckResult.Passed))
            {
                throw new DomainException("The quality-control sample must pass before the certificate is issued.");
            }

            var bySerial = media.ToDictionary(m => m.Record.Id);
            var code = ReferenceNumber.RandomCode(10);
            var publicUrl = new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), $"/verify/{code}");
            var pdf = CertificateDocument.Render(new CertificateContent(
                code, publicUrl, lot.Number, lot.Title, district.Name, processor.Name,
                certification?.ToString() ?? "no current certification on file", now,
                media.OrderBy(m => m.Serial, StringComparer.Ordinal).ThenBy(m => m.Record.MediumSerial, StringComparer.Ordinal)
                    .Select(m => CertificateMedium.Of(m.Serial, m.AssetTag, m.Record)).ToList(),
                checks.Select(c => (Check: c, Medium: bySerial[c.RecordId]))
                    .OrderBy(x => x.Medium.Serial, StringComparer.Ordinal).ThenBy(x => x.Medium.Record.MediumSerial, StringComparer.Ordinal)
                    .Select(x => new CertificateQualityCheck(x.Medium.Serial, x.Medium.Record.MediumSerial, x.Check.Result.ToString(), x.Check.Checker!, x.Check.CheckedAt!.Value))
                    .ToList()));
            // The next link of the chain. Two issues at once would take the same number: the unique index refuses the second,
            // whose job is retried and then links to the first (SQLite runs commands one at a time anyway).
            db.Certificates.Add(Certificate.Issue(lot.Id, code, now, serialCount, pdf, await db.LastCertificateLinkAsync(cancellationToken)));

            var notice = $"Certificate {code} covers {(fulfillment.MissingCount == 0 ? "all " : "")}{serialCount} serials ({media.Count} storage media) of lot {lot.Number}" +
                         (fulfillment.MissingCount == 0 ? "" : $"; the {fulfillment.MissingCount} serials reported missing at receiving are not covered") + $". Verify it at {publicUrl}";
            outbox.Email(lot.DistrictId, $"Certificate of data destruction for lot {lot.Number}", notice, Roles.DistrictInventory, Roles.DistrictApprover);
            outbox.Email(processor.Id, $"Certificate issued for lot {lot.Number}", notice, Roles.RefurbisherTechnician);
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lot.Id));
            return Unit.Value;
        }
    }
}
