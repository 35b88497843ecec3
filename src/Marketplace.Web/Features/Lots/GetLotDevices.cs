using AutoMapper;
using AutoMapper.QueryableExtensions;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Lots;

/// <summary>One page of a lot's device grid: a filtered, sorted page of rows, whatever the size of the lot.</summary>
public static class GetLotDevices
{
    /// <summary>The district owner and the buyer see a lot's devices; refurbishers too while it is open for quotes.</summary>
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, DeviceFilter Filter, bool WithSanitization = false) : IQuery<DevicePage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper) : IQueryHandler<Query, DevicePage>
    {
        public async ValueTask<DevicePage> Handle(Query query, CancellationToken cancellationToken)
        {
            var lotTotal = await db.LotsVisibleTo(user).Where(l => l.Id == query.LotId).Select(l => (int?)l.Manifest.Devices).SingleOrDefaultAsync(cancellationToken)
                           ?? throw new NotFoundException("Lot");
            return await ReadAsync(db, mapper, query.LotId, lotTotal, query.Filter, query.WithSanitization, cancellationToken);
        }

        /// <param name="lotTotal">The lot's device count from its manifest summary: no count over the whole lot per page.</param>
        internal static async Task<DevicePage> ReadAsync(MarketplaceDb db, IMapper mapper, Guid lotId, int lotTotal, DeviceFilter filter,
            bool withSanitization, CancellationToken cancellationToken)
        {
            var matching = filter.Apply(db.Devices.Where(d => d.LotId == lotId));
            var total = filter.IsFiltered ? await matching.CountAsync(cancellationToken) : lotTotal;
            var (page, pages) = Paging.Clamp(total, filter.Page, DeviceFilter.PageSize);
            var rows = await filter.Order(matching)
                .Skip((page - 1) * DeviceFilter.PageSize).Take(DeviceFilter.PageSize)
                .ProjectTo<DeviceRow>(mapper.ConfigurationProvider)
                .ToListAsync(cancellationToken);
            if (withSanitization && rows.Count > 0)
            {
                var ids = rows.Select(r => r.Id).ToList();
                var records = await db.SanitizationRecords.Where(r => ids.Contains(r.DeviceId))
                    .Select(r => new { r.DeviceId, r.Status, r.Method, r.Performer.Name, r.RecordedAt })
                    .ToListAsync(cancellationToken);
                var latest = records.GroupBy(r => r.DeviceId).ToDictionary(g => g.Key, g =>
                {
                    var last = g.MaxBy(r => r.RecordedAt)!;
                    return new SanitizationView(g.Key, g.Count(), g.Count(r => r.Status == RecordStatus.Accepted), last.Method, last.Name, last.RecordedAt);
                });
                var missing = await db.DevicesReportedMissing().Where(id => ids.Contains(id)).ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    row.Sanitization = latest.GetValueOrDefault(row.Id);
                    row.ReportedMissing = missing.Contains(row.Id);
                }
            }

            return new DevicePage(rows, total, lotTotal, page, pages, filter with { Page = page });
        }
    }
}
