using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>Public: anyone holding a certificate's code (or its QR code) can check it is genuine.</summary>
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
                .Join(db.LotFulfillments, c => c.LotId, f => f.LotId, (c, f) => new { c, f })
                .Join(db.Lots, x => x.c.LotId, l => l.Id, (x, l) => new { x.c, x.f, l.Number })
                .Join(db.Organizations, x => x.f.DistrictId, d => d.Id, (x, d) => new { x.c, x.f, x.Number, District = d.Name })
                .Join(db.Organizations, x => x.f.BuyerId, p => p.Id, (x, p) => new Result(x.c.VerificationCode, x.Number, x.District, p.Name, x.c.IssuedAt, x.c.DeviceCount))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}
