using System.Buffers.Binary;
using System.Security.Cryptography;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
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
/// the district's funds. Idempotent: a second run finds the certificate and does nothing. The PDF is drawn by
/// <see cref="Draft"/> before the transaction (a 50,000-device certificate takes seconds to draw, and SQLite would
/// otherwise keep every other write of the marketplace waiting meanwhile); the handler keeps that PDF only when the
/// lot's records and checks are still at the versions it was drawn from, and draws it again inside otherwise.
/// </summary>
public static class IssueCertificate
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId) : ICommand, IPreparedBeforeTransaction;

    private const int PageSize = 500;

    /// <summary>A medium and its device; set by initializers, which EF Core can see through in later operators (a constructor it cannot).</summary>
    private sealed class LotMedium
    {
        public required string Serial { get; init; }
        public string? AssetTag { get; init; }
        public required SanitizationRecord Record { get; init; }
    }

    private sealed record MediumKey(Guid RecordId, string Serial, string MediumSerial, bool Accepted, int Version);

    /// <summary>What a certificate is drawn from: the lot's parties, its media (keys only) and its quality checks, as read at one moment.</summary>
    private sealed record Facts(Lot Lot, Organization District, Organization Processor, string Certification, LotFulfillment Fulfillment,
        List<MediumKey> Keys, List<QualityCheck> Checks)
    {
        public int SerialCount { get; } = Keys.Select(m => m.Serial).Distinct().Count();

        /// <summary>
        /// Changes when any record or check the PDF prints is added, removed or changed (each row's version moves on every
        /// update): a SHA-256 over their ids and versions, written row by row so a 50,000-medium lot allocates no text for it.
        /// </summary>
        public string Fingerprint { get; } = FingerprintOf(Keys, Checks);

        private static string FingerprintOf(List<MediumKey> keys, List<QualityCheck> checks)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> row = stackalloc byte[20];
            foreach (var (id, version) in keys.Select(k => (k.RecordId, k.Version)).Order()
                         .Append((Guid.Empty, -1))
                         .Concat(checks.Select(c => (c.Id, c.Version)).Order()))
            {
                id.TryWriteBytes(row);
                BinaryPrimitives.WriteInt32LittleEndian(row[16..], version);
                hash.AppendData(row);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>A drawn certificate and the fingerprint of the rows it was drawn from.</summary>
    internal sealed record Drawn(string Code, Uri PublicUrl, DateTimeOffset IssuedAt, byte[] Pdf, string Fingerprint);

    /// <summary>Draws the certificate before the transaction; the handler decides whether the drawing still holds.</summary>
    public sealed class Draft(MarketplaceDb db, IClock clock, IConfiguration configuration) : IPreparation<Command>
    {
        private (Guid LotId, Drawn Drawn)? _prepared;

        internal Drawn? For(Guid lotId) => _prepared is { } prepared && prepared.LotId == lotId ? prepared.Drawn : null;

        public async ValueTask PrepareAsync(Command command, CancellationToken cancellationToken)
        {
            if (For(command.LotId) is not null)
            {
                // Drawn already in this scope (the command is being run again): the handler checks it still holds.
                return;
            }

            if (await db.Certificates.AnyAsync(c => c.LotId == command.LotId, cancellationToken)
                || await ReadAsync(db, clock, command.LotId, tracked: false, cancellationToken) is not { } facts
                || Incomplete(facts) is not null)
            {
                // Nothing to draw (issued already, or not ready): the handler says why, inside its transaction.
                return;
            }

            _prepared = (command.LotId, Draw(db, facts, clock.Now, configuration));
        }
    }

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration, Draft draft) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Certificates.AnyAsync(c => c.LotId == command.LotId, cancellationToken))
            {
                return Unit.Value;
            }

            var facts = await ReadAsync(db, clock, command.LotId, tracked: true, cancellationToken) ?? throw new NotFoundException("Lot");
            if (Incomplete(facts) is { } reason)
            {
                throw new DomainException(reason);
            }

            var drawn = draft.For(command.LotId) is { } prepared && prepared.Fingerprint == facts.Fingerprint
                ? prepared
                : Draw(db, facts, clock.Now, configuration);
            var (lot, fulfillment) = (facts.Lot, facts.Fulfillment);
            fulfillment.Certify(drawn.IssuedAt);
            // The next link of the chain, read inside the transaction. Two issues at once would take the same number: the unique
            // index refuses the second, whose job is retried and then links to the first (SQLite runs commands one at a time anyway).
            db.Certificates.Add(Certificate.Issue(lot.Id, drawn.Code, drawn.IssuedAt, facts.SerialCount, drawn.Pdf, await db.LastCertificateLinkAsync(cancellationToken)));

            var notice = $"Certificate {drawn.Code} covers {(fulfillment.MissingCount == 0 ? "all " : "")}{facts.SerialCount} serials ({facts.Keys.Count} storage media) of lot {lot.Number}" +
                         (fulfillment.MissingCount == 0 ? "" : $"; the {fulfillment.MissingCount} serials reported missing at receiving are not covered") + $". Verify it at {drawn.PublicUrl}";
            outbox.Email(lot.DistrictId, $"Certificate of data destruction for lot {lot.Number}", notice, Roles.DistrictInventory, Roles.DistrictApprover);
            outbox.Email(facts.Processor.Id, $"Certificate issued for lot {lot.Number}", notice, Roles.RefurbisherTechnician);
            outbox.Enqueue(new ReleaseDistrictFunds.Command(lot.Id));
            return Unit.Value;
        }
    }

    /// <summary>
    /// The lot's facts, or null when it has no fulfillment. The job runs once per lot, so it may read the whole lot; it
    /// checks completeness itself rather than trusting the counters. It holds only each medium's key, though: the rows are
    /// read a page at a time as the PDF is drawn, since a 50,000-device lot's records at once would take a few hundred megabytes.
    /// </summary>
    private static async Task<Facts?> ReadAsync(MarketplaceDb db, IClock clock, Guid lotId, bool tracked, CancellationToken cancellationToken)
    {
        var fulfillments = tracked ? db.LotFulfillments : db.LotFulfillments.AsNoTracking();
        if (await fulfillments.SingleOrDefaultAsync(f => f.LotId == lotId, cancellationToken) is not { } fulfillment)
        {
            return null;
        }

        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == fulfillment.LotId, cancellationToken);
        var district = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == fulfillment.DistrictId, cancellationToken);
        var processor = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == fulfillment.BuyerId, cancellationToken);
        var certification = await db.CurrentCertificationOfAsync(processor.Id, clock.Today, cancellationToken);
        var keys = await LotMedia(db, lot.Id)
            .Select(m => new MediumKey(m.Record.Id, m.Serial, m.Record.MediumSerial, m.Record.Status == RecordStatus.Accepted, m.Record.Version))
            .ToListAsync(cancellationToken);
        var checks = await db.QualityChecks.AsNoTracking().Where(c => c.LotId == lot.Id).ToListAsync(cancellationToken);
        return new Facts(lot, district, processor, certification?.ToString() ?? "no current certification on file", fulfillment, keys, checks);
    }

    /// <summary>Why the lot cannot be certified yet, or null when it can.</summary>
    private static string? Incomplete(Facts facts) =>
        facts.SerialCount != facts.Fulfillment.DevicesToSanitize || facts.Keys.Any(m => !m.Accepted)
            ? "Every medium of every serial needs an accepted record before the certificate is issued."
            : facts.Checks.Count == 0 || facts.Checks.Any(c => c.Result != QualityCheckResult.Passed)
                ? "The quality-control sample must pass before the certificate is issued."
                : null;

    private static Drawn Draw(MarketplaceDb db, Facts facts, DateTimeOffset now, IConfiguration configuration)
    {
        var byRecord = facts.Keys.ToDictionary(m => m.RecordId);
        var printOrder = facts.Keys.OrderBy(m => m.Serial, StringComparer.Ordinal).ThenBy(m => m.MediumSerial, StringComparer.Ordinal).Select(m => m.RecordId).ToList();
        var code = ReferenceNumber.RandomCode(10);
        var publicUrl = new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), $"/verify/{code}");
        var lot = facts.Lot;
        var pdf = CertificateDocument.Render(new CertificateContent(
            code, publicUrl, lot.Number, lot.Title, facts.District.Name, facts.Processor.Name, facts.Certification, now,
            facts.SerialCount, facts.Keys.Count, InPrintOrder(LotMedia(db, lot.Id), printOrder),
            facts.Checks.Select(c => (Check: c, Medium: byRecord[c.RecordId]))
                .OrderBy(x => x.Medium.Serial, StringComparer.Ordinal).ThenBy(x => x.Medium.MediumSerial, StringComparer.Ordinal)
                .Select(x => new CertificateQualityCheck(x.Medium.Serial, x.Medium.MediumSerial, x.Check.Result.ToString(), x.Check.Checker!, x.Check.CheckedAt!.Value))
                .ToList()));
        return new Drawn(code, publicUrl, now, pdf, facts.Fingerprint);
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

/// <summary>The sanitization area's services beyond its handlers and validators.</summary>
public static class SanitizationServiceCollectionExtensions
{
    public static IServiceCollection AddSanitization(this IServiceCollection services)
    {
        services.AddScoped<IssueCertificate.Draft>();
        services.AddScoped<IPreparation<IssueCertificate.Command>>(sp => sp.GetRequiredService<IssueCertificate.Draft>());
        services.AddScoped<UploadErasureReport.Reading>();
        services.AddScoped<IPreparation<UploadErasureReport.Command>>(sp => sp.GetRequiredService<UploadErasureReport.Reading>());
        return services;
    }
}
