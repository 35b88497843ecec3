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
            var records = await db.Devices.AsNoTracking().Where(d => d.LotId == lot.Id)
                .Join(db.SanitizationRecords, d => d.Id, r => r.DeviceId, (d, r) => new { d.Serial, d.AssetTag, d.Model, r.Attempt, r.Method, r.Tool, r.Technician, r.RecordedAt })
                .ToListAsync(cancellationToken);
            var serials = records.GroupBy(s => s.Serial).Select(g => g.MaxBy(s => s.Attempt)!).OrderBy(s => s.Serial, StringComparer.Ordinal).ToList();
            if (serials.Count != fulfillment.DeviceCount)
            {
                throw new DomainException("Every serial needs a sanitization record before the certificate is issued.");
            }

            var code = ReferenceNumber.RandomCode(10);
            var publicUrl = new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), $"/verify/{code}");
            var pdf = CertificateDocument.Render(new CertificateContent(
                code, publicUrl, lot.Number, lot.Title, district.Name, processor.Name,
                certification?.ToString() ?? "no current certification on file", now,
                serials.Select(s => new CertificateSerial(s.Serial, s.AssetTag, s.Model, s.Method.ToString(), s.Tool, s.Technician, s.RecordedAt)).ToList()));
            // The next link of the chain. Two issues at once would take the same number: the unique index refuses the second,
            // whose job is retried and then links to the first (SQLite runs commands one at a time anyway).
            var last = await db.Certificates.OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.Sha256 }).FirstOrDefaultAsync(cancellationToken);
            db.Certificates.Add(Certificate.Issue(lot.Id, code, now, serials.Count, pdf, last is null ? null : (last.Sequence, last.Sha256)));

            var notice = $"Certificate {code} covers all {serials.Count} serials of lot {lot.Number}. Verify it at {publicUrl}";
            outbox.Email(lot.DistrictId, $"Certificate of data destruction for lot {lot.Number}", notice, Roles.DistrictInventory, Roles.DistrictApprover);
            outbox.Email(processor.Id, $"Certificate issued for lot {lot.Number}", notice, Roles.RefurbisherTechnician);
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lot.Id));
            return Unit.Value;
        }
    }
}
