using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>"Where is serial X?": the district's devices matching a serial or asset tag, with the lot each is in and how far it got.</summary>
public static class FindDevice
{
    public const int MaxResults = 50;

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(string Term) : IQuery<IReadOnlyList<Match>>;

    public sealed record Match(string Serial, string? AssetTag, string Model, Guid LotId, string LotNumber, string LotTitle, LotStage LotStage,
        DateTimeOffset? SanitizedAt, string? CertificateCode)
    {
        /// <summary>The device, for the link to its chain of custody.</summary>
        public Guid DeviceId { get; init; }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Match>>
    {
        public async ValueTask<IReadOnlyList<Match>> Handle(Query query, CancellationToken cancellationToken)
        {
            var term = SerialNumber.Normalize(query.Term) ?? "";

            // Serials and asset tags are at most 64 characters: a longer term matches nothing (and SQLite refuses LIKE
            // patterns of 50,000 characters and more).
            if (term.Length is 0 or > SerialNumber.MaxLength)
            {
                return [];
            }

            var rows = await db.Devices
                .Where(d => d.Serial == term || d.AssetTag == term || d.Serial.StartsWith(term) || (d.AssetTag != null && d.AssetTag.StartsWith(term)))
                .Join(db.LotsOwnedBy(user).WithProgress(db), d => d.LotId, l => l.Lot.Id, (d, l) => new { d, l })
                .OrderBy(x => x.d.Serial)
                .Take(MaxResults)
                .Select(x => new
                {
                    DeviceId = x.d.Id, x.d.Serial, x.d.AssetTag, x.d.Model, x.l.Lot.Id, x.l.Lot.Number, x.l.Lot.Title, Lot = x.l,
                    SanitizedAt = db.SanitizationRecords.Where(r => r.DeviceId == x.d.Id).Max(r => (DateTimeOffset?)r.RecordedAt),
                    Certificate = db.Certificates.Where(c => c.LotId == x.l.Lot.Id).Select(c => c.VerificationCode).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Match(r.Serial, r.AssetTag, r.Model, r.Id, r.Number, r.Title, r.Lot.Progress.Stage, r.SanitizedAt, r.Certificate) { DeviceId = r.DeviceId })
                .ToList();
        }
    }
}
