using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>The certificate PDF, for the lot's district and buyer, and for platform staff.</summary>
public static class GetCertificatePdf
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Admin, Roles.Finance)]
    public sealed record Query(Guid LotId) : IQuery<(string Code, byte[] Pdf)>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, (string Code, byte[] Pdf)>
    {
        public async ValueTask<(string Code, byte[] Pdf)> Handle(Query query, CancellationToken cancellationToken)
        {
            var certificate = await db.Certificates
                .Where(c => c.LotId == query.LotId && db.LotsOfPartiesOrPlatform(user).Any(l => l.Id == c.LotId))
                .Select(c => new { c.VerificationCode, c.Pdf })
                .SingleOrDefaultAsync(cancellationToken);
            return certificate is null ? throw new NotFoundException("Certificate") : (certificate.VerificationCode, certificate.Pdf);
        }
    }
}
