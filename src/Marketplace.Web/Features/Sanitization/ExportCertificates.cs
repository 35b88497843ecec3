using System.IO.Compression;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The district downloads every certificate of data destruction issued for its lots in a period as one .zip (for its
/// records retention or an auditor). The archive is written to a temporary file one PDF at a time, so a year of
/// certificates never sits in memory; the file is deleted when the response is done with it.
/// </summary>
public static class ExportCertificates
{
    /// <summary>A year at most per archive: an auditor asks by school or fiscal year.</summary>
    public const int MaxDays = 366;

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(DateOnly From, DateOnly To) : IQuery<Result>;

    /// <param name="Archive">The .zip, open for reading from its start and deleted when closed.</param>
    public sealed record Result(string FileName, int Certificates, Stream Archive);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("Certificates: the end of the period comes before its start.");
            RuleFor(q => q).Must(q => q.To.DayNumber - q.From.DayNumber < MaxDays)
                .WithMessage($"Certificates: choose a period of at most {MaxDays} days (a school or fiscal year).");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var from = new DateTimeOffset(query.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var until = new DateTimeOffset(query.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var owned = db.LotsOwnedBy(user);
            var certificates = await db.Certificates.AsNoTracking()
                .Where(c => owned.Any(l => l.Id == c.LotId) && c.IssuedAt >= from && c.IssuedAt < until)
                .Join(db.Lots, c => c.LotId, l => l.Id, (c, l) => new { c.Id, c.VerificationCode, c.IssuedAt, l.Number })
                .OrderBy(c => c.IssuedAt)
                .ToListAsync(cancellationToken);
            if (certificates.Count == 0)
            {
                throw new DomainException($"No certificate was issued for your lots between {query.From:MMMM d, yyyy} and {query.To:MMMM d, yyyy}.");
            }

            var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            try
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var certificate in certificates)
                    {
                        var pdf = await db.Certificates.Where(c => c.Id == certificate.Id).Select(c => c.Pdf).SingleAsync(cancellationToken);
                        // PDFs do not compress further; storing them keeps the archive quick to write and to open.
                        var entry = zip.CreateEntry($"certificate-{certificate.Number}-{certificate.VerificationCode}.pdf", CompressionLevel.NoCompression);
                        entry.LastWriteTime = certificate.IssuedAt;
                        await using var stream = entry.Open();
                        await stream.WriteAsync(pdf, cancellationToken);
                    }
                }

                file.Position = 0;
                return new Result($"certificates-{query.From:yyyy-MM-dd}-to-{query.To:yyyy-MM-dd}.zip", certificates.Count, file);
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }
    }
}
