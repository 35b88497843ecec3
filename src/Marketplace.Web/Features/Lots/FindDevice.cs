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

    public sealed record Match(string Serial, string? AssetTag, string Model, Guid LotId, string LotNumber, string LotTitle, LotStatus LotStatus,
        DateTimeOffset? SanitizedAt, string? CertificateCode);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Match>>
    {
        public async ValueTask<IReadOnlyList<Match>> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var term = query.Term.Trim();
            if (term.Length == 0)
            {
                return [];
            }

            return await db.Devices
                .Where(d => d.Serial == term || d.AssetTag == term || d.Serial.StartsWith(term) || (d.AssetTag != null && d.AssetTag.StartsWith(term)))
                .Join(db.Lots.Where(l => l.DistrictId == organizationId), d => d.LotId, l => l.Id, (d, l) => new { d, l })
                .OrderBy(x => x.d.Serial)
                .Take(MaxResults)
                .Select(x => new Match(x.d.Serial, x.d.AssetTag, x.d.Model, x.l.Id, x.l.Number, x.l.Title, x.l.Status, x.d.SanitizedAt,
                    db.Certificates.Where(c => c.LotId == x.l.Id).Select(c => c.VerificationCode).FirstOrDefault()))
                .ToListAsync(cancellationToken);
        }
    }
}
