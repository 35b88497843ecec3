using AutoMapper;
using AutoMapper.QueryableExtensions;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Market;

public static class ListListedLots
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<LotSummary> Listed, IReadOnlyList<LotSummary> Won, bool MayBuyDataBearing);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var me = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
            var listed = await db.Lots.Where(l => l.Status == LotStatus.Listed)
                .OrderByDescending(l => l.ListedAt)
                .ProjectTo<LotSummary>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            var won = await db.Lots.Where(l => l.BuyerId == organizationId)
                .OrderByDescending(l => l.AwardedAt)
                .ProjectTo<LotSummary>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            var districtIds = listed.Concat(won).Select(l => l.Id).ToList();
            var districts = await db.Lots.Where(l => districtIds.Contains(l.Id))
                .Join(db.Organizations, l => l.DistrictId, o => o.Id, (l, o) => new { l.Id, o.Name })
                .ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
            foreach (var lot in listed.Concat(won))
            {
                lot.DistrictName = districts.GetValueOrDefault(lot.Id, "");
            }

            return new Result(listed, won, me.MayBuyDataBearingDevices(clock.Today));
        }
    }
}

public static class GetListedLot
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(Guid LotId, DeviceFilter? Filter = null) : IQuery<Result>;

    public sealed record ModelMix(string Model, int Count, IReadOnlyDictionary<CosmeticGrade, int> Grades);

    public sealed record Result(LotSummary Lot, string? Description, string? PickupArea, IReadOnlyList<ModelMix> Mix, DevicePage Devices, QuoteRow? MyQuote, int QuoteCount);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var lot = await db.Lots.AsNoTracking().Include(l => l.Quotes)
                          .SingleOrDefaultAsync(l => l.Id == query.LotId && l.Status == LotStatus.Listed, cancellationToken)
                      ?? throw new NotFoundException("Listed lot");
            var summary = mapper.Map<LotSummary>(lot);
            var district = await db.Organizations.SingleAsync(o => o.Id == lot.DistrictId, cancellationToken);
            summary.DistrictName = district.Name;
            var devices = await GetLotDevices.Handler.ReadAsync(db, mapper, lot.Id, query.Filter ?? new DeviceFilter(), cancellationToken);
            var mix = (await db.Devices.Where(d => d.LotId == lot.Id)
                    .GroupBy(d => new { d.Model, d.Grade })
                    .Select(g => new { g.Key.Model, g.Key.Grade, Count = g.Count() })
                    .ToListAsync(cancellationToken))
                .GroupBy(x => x.Model)
                .Select(g => new ModelMix(g.Key, g.Sum(x => x.Count), g.ToDictionary(x => x.Grade, x => x.Count)))
                .OrderByDescending(m => m.Count)
                .ToList();
            var mine = lot.Quotes.SingleOrDefault(q => q.RefurbisherId == organizationId && q.Status == QuoteStatus.Active);
            var myQuote = mine is null ? null : new QuoteRow(mine.Id, mine.RefurbisherId, "", null, mine.Amount, mine.Note, mine.SubmittedAt, mine.ValidUntil, mine.Status);
            return new Result(summary, lot.Description, $"{district.City}, {district.State}", mix, devices, myQuote,
                lot.Quotes.Count(q => q.Status == QuoteStatus.Active));
        }
    }
}
