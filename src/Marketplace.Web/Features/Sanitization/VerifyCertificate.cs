using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// Public: anyone holding a certificate's code (or its QR code) can check it is genuine, compare the SHA-256 of their copy
/// of the PDF, and ask whether one serial is covered. The answer is yes or no for that serial alone: the page never lists
/// the lot's serials.
/// </summary>
public static class VerifyCertificate
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(string Code, string? Serial = null) : IQuery<Result?>;

    /// <param name="Serial">The serial asked about, as normalized; null when none was asked.</param>
    /// <param name="SerialCovered">Whether that serial is one the certificate covers; null when none was asked.</param>
    public sealed record Result(string Code, string LotNumber, string District, string Processor, DateTimeOffset IssuedAt, int DeviceCount, string Sha256, long Sequence,
        string? Serial = null, bool? SerialCovered = null);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.Code.Trim().ToUpperInvariant();
            var found = await db.Certificates.Where(c => c.VerificationCode == code)
                .Join(db.LotFulfillments, c => c.LotId, f => f.LotId, (c, f) => new { c, f })
                .Join(db.Lots, x => x.c.LotId, l => l.Id, (x, l) => new { x.c, x.f, l.Number })
                .Join(db.Organizations, x => x.f.DistrictId, d => d.Id, (x, d) => new { x.c, x.f, x.Number, District = d.Name })
                .Join(db.Organizations, x => x.f.BuyerId, p => p.Id, (x, p) => new
                {
                    x.c.LotId,
                    Result = new Result(x.c.VerificationCode, x.Number, x.District, p.Name, x.c.IssuedAt, x.c.DeviceCount, x.c.Sha256, x.c.Sequence, null, null),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null || string.IsNullOrWhiteSpace(query.Serial))
            {
                return found?.Result;
            }

            // Normalized as serials are stored (SerialNumber), and matched whatever the case the holder typed it in: within
            // one lot (its index) a case-blind comparison costs nothing.
            var serial = SerialNumber.Parse(query.Serial);
            var upper = serial.ToUpperInvariant();
            // Covered means sanitized under this certificate: a serial of the lot reported missing at receiving has no record and is not.
            var covered = await db.Devices.Where(d => d.LotId == found.LotId && d.Serial.ToUpper() == upper && db.SanitizationRecords.Any(r => r.DeviceId == d.Id))
                .Select(d => d.Serial).FirstOrDefaultAsync(cancellationToken);
            return found.Result with { Serial = covered ?? serial, SerialCovered = covered is not null };
        }
    }
}
