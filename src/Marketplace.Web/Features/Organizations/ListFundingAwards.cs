using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The district's federal funding awards, with how many of its devices each paid for.</summary>
public static class ListFundingAwards
{
    [AllowedRoles(Roles.OrganizationAdmin, Roles.DistrictApprover)]
    public sealed record Query : IQuery<Result>;

    public sealed record Row(Guid Id, string Name, DateOnly AwardDate, decimal FederalPercent, int Devices)
    {
        public decimal Threshold => FederalShare.ThresholdFor(AwardDate);
    }

    /// <param name="IsDistrict">Only districts record awards; another organization's admin is told so.</param>
    /// <param name="DevicesWithoutAward">The district's federally funded devices no award is recorded for yet.</param>
    public sealed record Result(bool IsDistrict, IReadOnlyList<Row> Awards, int DevicesWithoutAward);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Kind).SingleAsync(cancellationToken);
            if (kind != OrganizationKind.District)
            {
                return new Result(false, [], 0);
            }

            var awards = await db.FundingAwards.AsNoTracking().Where(a => a.DistrictId == organizationId)
                .Select(a => new Row(a.Id, a.Name, a.AwardDate, a.FederalPercent, db.Devices.Count(d => d.FundingAwardId == a.Id)))
                .ToListAsync(cancellationToken);
            var waiting = await db.DevicesOf(db.LotsOwnedBy(user))
                .CountAsync(d => d.FundingSource == FundingSource.FederalGrant && d.FundingAwardId == null, cancellationToken);
            return new Result(true, [.. awards.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)], waiting);
        }
    }
}
