using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// A lot's federal share per award (<see cref="FederalShare"/>), valuing each federally funded device at its price-guide value
/// before a sale, or at its share of the district's proceeds after one (<see cref="ProceedsAllocation"/>). One grouping query
/// over the lot's devices: devices alike in model, grade, condition, award and cost are valued once.
/// </summary>
public sealed class LotFederalShare(MarketplaceDb db, ManifestValuation valuation, IClock clock)
{
    /// <param name="proceeds">What the district receives for the whole lot, or null to value devices at the price guide.</param>
    public async Task<IReadOnlyList<AwardShare>> ForLotAsync(Guid lotId, Guid districtId, decimal? proceeds, CancellationToken cancellationToken)
    {
        if (!await db.Devices.AnyAsync(d => d.LotId == lotId && d.FundingSource == FundingSource.FederalGrant, cancellationToken))
        {
            return [];
        }

        var prices = await valuation.PricesAsync(cancellationToken);
        // Only federal devices need their award and cost; the others are grouped by what values them, for the proceeds' weights.
        var groups = await db.Devices.Where(d => d.LotId == lotId)
            .GroupBy(d => new
            {
                d.Model, d.Category, d.Grade, d.Functional, d.AueDate,
                Federal = d.FundingSource == FundingSource.FederalGrant,
                AwardId = d.FundingSource == FundingSource.FederalGrant ? d.FundingAwardId : null,
                Cost = d.FundingSource == FundingSource.FederalGrant ? d.PurchaseCost : null,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var today = clock.Today;
        var values = groups.Select(g => prices.Value(g.Key.Model, g.Key.Category, g.Key.Grade, g.Key.Functional, AueYears.Left(g.Key.AueDate, today))).ToList();
        IReadOnlyList<decimal?> unitValues = proceeds is { } amount
            ? [.. ProceedsAllocation.UnitShares(values.Select((v, i) => (v, groups[i].Count)).ToList(), amount).Select(s => (decimal?)s)]
            : values;
        var federal = groups.Select((g, i) => (g, i)).Where(x => x.g.Key.Federal)
            .Select(x => new FederalDevices(x.g.Key.AwardId, x.g.Key.Cost, unitValues[x.i], x.g.Count))
            .ToList();
        var awardIds = federal.Where(d => d.AwardId is not null).Select(d => d.AwardId!.Value).Distinct().ToList();
        var awards = await db.FundingAwards.AsNoTracking().Where(a => a.DistrictId == districtId && awardIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Terms, cancellationToken);
        return FederalShare.Of(federal, awards, proceeds is null ? FederalValueSource.GuideEstimate : FederalValueSource.Proceeds);
    }
}
