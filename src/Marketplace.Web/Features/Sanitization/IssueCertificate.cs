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

    private const int PageSize = 500;

    /// <summary>A medium and its device; set by initializers, which EF Core can see through in later operators (a constructor it cannot).</summary>
    private sealed class LotMedium
    {
        public required string Serial { get; init; }
        public string? AssetTag { get; init; }
        public required SanitizationRecord Record { get; init; }
    }

    private sealed record MediumKey(Guid RecordId, string Serial, string MediumSerial, bool Accepted);

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
            // The job runs once per lot, so it may read the whole lot; it checks completeness itself rather than trusting the
            // counters. It holds only each medium's key, though: the rows are read a page at a time as the PDF is drawn, since
            // a 50,000-device lot's records at once would take a few hundred megabytes.
            var lotMedia = LotMedia(db, lot.Id);
            var keys = await lotMedia.Select(m => new MediumKey(m.Record.Id, m.Serial, m.Record.MediumSerial, m.Record.Status == RecordStatus.Accepted))
                .ToListAsync(cancellationToken);
            var checks = await db.QualityChecks.AsNoTracking().Where(c => c.LotId == lot.Id).ToListAsync(cancellationToken);
            var serialCount = keys.Select(m => m.Serial).Distinct().Count();
            if (serialCount != fulfillment.DevicesToSanitize || keys.Any(m => !m.Accepted))
            {
                throw new DomainException("Every medium of every serial needs an accepted record before the certificate is issued.");
            }

            if (checks.Count == 0 || checks.Any(c => c.Result != QualityCheckResult.Passed))
            {
                throw new DomainException("The quality-control sample must pass before the certificate is issued.");
            }

            var byRecord = keys.ToDictionary(m => m.RecordId);
            var printOrder = keys.OrderBy(m => m.Serial, StringComparer.Ordinal).ThenBy(m => m.MediumSerial, StringComparer.Ordinal).Select(m => m.RecordId).ToList();
            var code = ReferenceNumber.RandomCode(10);
            var publicUrl = new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), $"/verify/{code}");
            var pdf = CertificateDocument.Render(new CertificateContent(
                code, publicUrl, lot.Number, lot.Title, district.Name, processor.Name,
                certification?.ToString() ?? "no current certification on file", now,
                serialCount, keys.Count, InPrintOrder(lotMedia, printOrder),
                checks.Select(c => (Check: c, Medium: byRecord[c.RecordId]))
                    .OrderBy(x => x.Medium.Serial, StringComparer.Ordinal).ThenBy(x => x.Medium.MediumSerial, StringComparer.Ordinal)
                    .Select(x => new CertificateQualityCheck(x.Medium.Serial, x.Medium.MediumSerial, x.Check.Result.ToString(), x.Check.Checker!, x.Check.CheckedAt!.Value))
                    .ToList()));
            // The next link of the chain. Two issues at once would take the same number: the unique index refuses the second,
            // whose job is retried and then links to the first (SQLite runs commands one at a time anyway).
            db.Certificates.Add(Certificate.Issue(lot.Id, code, now, serialCount, pdf, await db.LastCertificateLinkAsync(cancellationToken)));

            var notice = $"Certificate {code} covers {(fulfillment.MissingCount == 0 ? "all " : "")}{serialCount} serials ({keys.Count} storage media) of lot {lot.Number}" +
                         (fulfillment.MissingCount == 0 ? "" : $"; the {fulfillment.MissingCount} serials reported missing at receiving are not covered") + $". Verify it at {publicUrl}";
            outbox.Email(lot.DistrictId, $"Certificate of data destruction for lot {lot.Number}", notice, Roles.DistrictInventory, Roles.DistrictApprover);
            outbox.Email(processor.Id, $"Certificate issued for lot {lot.Number}", notice, Roles.RefurbisherTechnician);
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lot.Id));
            return Unit.Value;
        }

        private static IQueryable<LotMedium> LotMedia(MarketplaceDb db, Guid lotId) =>
            db.Devices.AsNoTracking().Where(d => d.LotId == lotId)
                .Join(db.SanitizationRecords.AsNoTracking(), d => d.Id, r => r.DeviceId, (d, r) => new LotMedium { Serial = d.Serial, AssetTag = d.AssetTag, Record = r });

        /// <summary>
        /// The lot's media in print order, read <see cref="PageSize"/> records at a time as the renderer asks for them. The
        /// renderer draws synchronously, so each page is a synchronous query (SQLite runs in-process either way).
        /// </summary>
        private static IEnumerable<CertificateMedium> InPrintOrder(IQueryable<LotMedium> lotMedia, List<Guid> printOrder)
        {
            foreach (var page in printOrder.Chunk(PageSize))
            {
                var rows = lotMedia.Where(m => page.Contains(m.Record.Id)).ToDictionary(m => m.Record.Id);
                foreach (var id in page)
                {
                    var m = rows[id];
                    yield return CertificateMedium.Of(m.Serial, m.AssetTag, m.Record);
                }
            }
        }
    }
}
