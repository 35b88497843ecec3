using AutoMapper;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>The district's dashboard: its lots with their stage, and what the ledger says it is owed and was paid.</summary>
public static class ListDistrictLots
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query : IQuery<Result>;

    /// <param name="OverduePickups">Paid lots the buyer has not collected by their removal deadline.</param>
    public sealed record Result(IReadOnlyList<LotSummary> Lots, decimal OwedToDistrict, decimal PaidToDistrict)
    {
        public int OverduePickups => Lots.Count(l => l.PickupOverdue);
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var rows = await db.LotsOwnedBy(user).AsNoTracking()
                .OrderByDescending(l => l.CreatedAt)
                .WithProgress(db)
                .ToListAsync(cancellationToken);
            var hammers = await db.SalesOwnedBy(user).Where(s => s.HammerPrice != null)
                .ToDictionaryAsync(s => s.LotId, s => s.HammerPrice, cancellationToken);
            var lots = rows.Select(row =>
            {
                var summary = mapper.Map<LotSummary>(row.Lot);
                summary.Stage = row.Progress.Stage;
                summary.HammerPrice = hammers.GetValueOrDefault(row.Lot.Id);
                summary.RemovalDueOn = row.RemovalDueOn;
                summary.PickupOverdue = row.PickupOverdueOn(clock.Today);
                return summary;
            }).ToList();
            return new Result(lots,
                await db.BalanceForAsync(LedgerAccount.DistrictPayable, organizationId, cancellationToken),
                await db.PaidOutToAsync(organizationId, cancellationToken));
        }
    }
}
