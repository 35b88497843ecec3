using AutoMapper;
using AutoMapper.QueryableExtensions;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class ListDistrictLots
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<LotSummary> Lots, decimal OwedToDistrict, decimal PaidToDistrict);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var lots = await db.Lots.Where(l => l.DistrictId == organizationId)
                .OrderByDescending(l => l.CreatedAt)
                .ProjectTo<LotSummary>(mapper.ConfigurationProvider)
                .ToListAsync(cancellationToken);
            var payable = await db.LedgerEntries
                .Where(e => e.Account == Domain.Finance.LedgerAccount.DistrictPayable && e.OrganizationId == organizationId)
                .GroupBy(e => 1)
                .Select(g => new { Credit = g.Sum(e => e.Credit), Debit = g.Sum(e => e.Debit) })
                .SingleOrDefaultAsync(cancellationToken);
            return new Result(lots, payable is null ? 0 : payable.Credit - payable.Debit, payable?.Debit ?? 0);
        }
    }
}

public static class GetLotDetails
{
    /// <summary>The lot as its district or its buyer sees it; anyone else gets "not found".</summary>
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff)]
    public sealed record Query(Guid LotId, DeviceFilter? Filter = null) : IQuery<LotDetails>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IPaymentProvider payments, LotValuation valuation) : IQueryHandler<Query, LotDetails>
    {
        public async ValueTask<LotDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var lot = await db.Lots.AsNoTracking()
                .Include(l => l.Quotes)
                .SingleOrDefaultAsync(l => l.Id == query.LotId && (l.DistrictId == organizationId || l.BuyerId == organizationId), cancellationToken)
                ?? throw new NotFoundException("Lot");
            var devices = await GetLotDevices.Handler.ReadAsync(db, mapper, lot.Id, query.Filter ?? new DeviceFilter(), cancellationToken);
            var value = await valuation.ValueAsync(lot.Id, cancellationToken);
            return await LotDetailsReader.ReadAsync(db, payments, lot, devices, value, includeAllQuotes: lot.DistrictId == organizationId, cancellationToken);
        }
    }
}

internal static class LotDetailsReader
{
    public static async Task<LotDetails> ReadAsync(MarketplaceDb db, IPaymentProvider payments, Lot lot, DevicePage devices, LotValue value,
        bool includeAllQuotes, CancellationToken cancellationToken)
    {
        var sanitized = await db.Devices.CountAsync(d => d.LotId == lot.Id && d.SanitizedAt != null, cancellationToken);
        var names = await db.Organizations
            .Where(o => o.Id == lot.DistrictId || o.Id == lot.BuyerId || lot.Quotes.Select(q => q.RefurbisherId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var quotes = lot.Quotes
            .Where(q => includeAllQuotes || q.RefurbisherId == lot.BuyerId)
            .OrderByDescending(q => q.Amount)
            .Select(q =>
            {
                var org = names.GetValueOrDefault(q.RefurbisherId);
                var certification = org is null || org.Certification == CertificationStandard.None ? null : $"{org.Certification} until {org.CertificationExpires:MMM yyyy}";
                return new QuoteRow(q.Id, q.RefurbisherId, org?.Name ?? "Unknown", certification, q.Amount, q.Note, q.SubmittedAt, q.ValidUntil, q.Status);
            })
            .ToList();
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.LotId == lot.Id).OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken);
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.LotId == lot.Id, cancellationToken);
        var certificate = await db.Certificates.Where(c => c.LotId == lot.Id).Select(c => c.VerificationCode).SingleOrDefaultAsync(cancellationToken);
        var fees = await db.FeeSchedules.AsNoTracking().SingleAsync(cancellationToken);
        return new LotDetails
        {
            Lot = lot,
            DistrictName = names.GetValueOrDefault(lot.DistrictId)?.Name ?? "",
            BuyerName = lot.BuyerId is { } buyer ? names.GetValueOrDefault(buyer)?.Name : null,
            Devices = devices,
            SanitizedCount = sanitized,
            Value = value,
            Quotes = quotes,
            Invoice = invoice,
            Payout = payout,
            CertificateCode = certificate,
            Settlement = lot.HammerPrice is { } hammer ? fees.ForLot(hammer) : null,
            AcceptsCards = payments.AcceptsCards,
        };
    }
}

public static class GetCertificatePdf
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Admin, Roles.Finance)]
    public sealed record Query(Guid LotId) : IQuery<(string Code, byte[] Pdf)>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, (string Code, byte[] Pdf)>
    {
        public async ValueTask<(string Code, byte[] Pdf)> Handle(Query query, CancellationToken cancellationToken)
        {
            var platform = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Finance);
            var organizationId = user.RequireOrganization();
            var allowed = platform || await db.Lots.AnyAsync(l => l.Id == query.LotId && (l.DistrictId == organizationId || l.BuyerId == organizationId), cancellationToken);
            var certificate = allowed ? await db.Certificates.SingleOrDefaultAsync(c => c.LotId == query.LotId, cancellationToken) : null;
            return certificate is null ? throw new NotFoundException("Certificate") : (certificate.VerificationCode, certificate.Pdf);
        }
    }
}
