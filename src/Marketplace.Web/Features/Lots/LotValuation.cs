using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>What a lot's devices are worth by the price guide, and whether federal rules apply to its proceeds.</summary>
public sealed record LotValue(
    LotEstimate Estimate,
    decimal FederalEquipmentValue,
    bool FederalShareApplies,
    int FederalDevices,
    double? AverageYearsOfUpdatesLeft,
    int ChromebooksPastAue,
    IReadOnlyList<string> ERateRestrictedSerials);

/// <summary>
/// The instant estimate: each device's base price (its model's, else its category's) × grade factor
/// × functional factor × update-runway factor, summed in SQL-friendly passes over the lot.
/// </summary>
public sealed class LotValuation(MarketplaceDb db, IClock clock)
{
    public async Task<LotValue> ValueAsync(Guid lotId, CancellationToken cancellationToken)
    {
        var guide = await db.PriceGuides.AsNoTracking().SingleAsync(cancellationToken);
        var categoryPrices = await db.CategoryPrices.AsNoTracking().ToDictionaryAsync(c => c.Category, c => c.BasePrice, cancellationToken);
        var modelPrices = await db.DeviceModels.AsNoTracking().Where(m => m.BasePrice != null)
            .ToDictionaryAsync(m => m.NormalizedName, m => m.BasePrice!.Value, cancellationToken);

        // Devices grouped by what the price depends on: a 50,000-device lot has a few hundred groups.
        var groups = await db.Devices.Where(d => d.LotId == lotId)
            .GroupBy(d => new { d.Model, d.Category, d.Grade, d.Functional, d.AueDate, d.FundingSource })
            .Select(g => new { g.Key.Model, g.Key.Category, g.Key.Grade, g.Key.Functional, g.Key.AueDate, g.Key.FundingSource, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var today = clock.Today;
        decimal total = 0, federal = 0;
        int priced = 0, unpriced = 0, federalDevices = 0, pastAue = 0;
        double yearsSum = 0;
        var yearsCount = 0;
        foreach (var group in groups)
        {
            var years = AueYears.Left(group.AueDate, today);
            if (years is { } y && group.Category == DeviceCategory.Chromebook)
            {
                yearsSum += y * group.Count;
                yearsCount += group.Count;
                pastAue += y <= 0 ? group.Count : 0;
            }

            decimal? basePrice = modelPrices.TryGetValue(DeviceModel.NormalizeName(group.Model), out var modelPrice) ? modelPrice
                : categoryPrices.TryGetValue(group.Category, out var categoryPrice) ? categoryPrice : null;
            if (basePrice is null)
            {
                unpriced += group.Count;
                continue;
            }

            var value = guide.Estimate(basePrice.Value, group.Grade, group.Functional, group.Category, years) * group.Count;
            total += value;
            priced += group.Count;
            if (group.FundingSource == FundingSource.FederalGrant)
            {
                federal += value;
                federalDevices += group.Count;
            }
        }

        var eRateDevices = await db.Devices.AsNoTracking().Where(d => d.LotId == lotId && d.FundingSource == FundingSource.ERate).ToListAsync(cancellationToken);
        return new LotValue(
            guide.Range(total, priced, unpriced),
            decimal.Round(federal, 2),
            federal >= Lot.FederalShareThreshold,
            federalDevices,
            yearsCount == 0 ? null : Math.Round(yearsSum / yearsCount, 1),
            pastAue,
            eRateDevices.Where(d => d.IsERateRestricted(today)).Select(d => d.Serial).Order(StringComparer.Ordinal).ToList());
    }
}
