using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The instant estimate and the manifest's counts: each device's base price (its model's, else its
/// category's) × grade factor × functional factor × update-runway factor, summed over groups of devices
/// that price alike — a 50,000-device lot has a few hundred groups. Run when the manifest or the price
/// guide changes; pages read the stored <see cref="ManifestSummary"/>.
/// </summary>
public sealed class ManifestValuation(MarketplaceDb db, IClock clock)
{
    public async Task<ManifestSummary> SummarizeAsync(Guid lotId, CancellationToken cancellationToken) =>
        (await SummarizeWithGroupsAsync(lotId, cancellationToken)).Summary;

    /// <summary>The price guide with every base price, to value devices one by one (the reconciliation at receiving).</summary>
    public async Task<DevicePrices> PricesAsync(CancellationToken cancellationToken) => new(
        await db.PriceGuides.AsNoTracking().SingleAsync(cancellationToken),
        await db.CategoryPrices.AsNoTracking().ToDictionaryAsync(c => c.Category, c => c.BasePrice, cancellationToken),
        await db.DeviceModels.AsNoTracking().Where(m => m.BasePrice != null).ToDictionaryAsync(m => m.NormalizedName, m => m.BasePrice!.Value, cancellationToken));

    /// <summary>The summary and the lot's <see cref="ManifestGroup"/> rows, from the one grouping query over its devices.</summary>
    public async Task<(ManifestSummary Summary, List<ManifestGroup> Groups)> SummarizeWithGroupsAsync(Guid lotId, CancellationToken cancellationToken)
    {
        var prices = await PricesAsync(cancellationToken);
        var groups = await db.Devices.Where(d => d.LotId == lotId)
            .GroupBy(d => new { d.Model, d.Manufacturer, d.Category, d.Grade, d.Functional, d.AueDate, d.FundingSource })
            .Select(g => new { g.Key.Model, g.Key.Manufacturer, g.Key.Category, g.Key.Grade, g.Key.Functional, g.Key.AueDate, g.Key.FundingSource, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var today = clock.Today;
        decimal total = 0, federal = 0;
        int devices = 0, dataBearing = 0, priced = 0, unpriced = 0, federalDevices = 0, pastAue = 0, yearsCount = 0;
        double yearsSum = 0;
        foreach (var group in groups)
        {
            devices += group.Count;
            dataBearing += group.Category != DeviceCategory.Other ? group.Count : 0;
            var years = AueYears.Left(group.AueDate, today);
            if (years is { } y && group.Category == DeviceCategory.Chromebook)
            {
                yearsSum += y * group.Count;
                yearsCount += group.Count;
                pastAue += y <= 0 ? group.Count : 0;
            }

            if (prices.Value(group.Model, group.Category, group.Grade, group.Functional, years) is not { } each)
            {
                unpriced += group.Count;
                continue;
            }

            var value = each * group.Count;
            total += value;
            priced += group.Count;
            if (group.FundingSource == FundingSource.FederalGrant)
            {
                federal += value;
                federalDevices += group.Count;
            }
        }

        var estimate = prices.Guide.Range(total, priced, unpriced);
        var manifestGroups = groups
            .GroupBy(g => (g.Category, g.Manufacturer, g.Model, g.Grade, g.AueDate))
            .Select(g => new ManifestGroup
            {
                LotId = lotId, Category = g.Key.Category, Manufacturer = g.Key.Manufacturer, Model = g.Key.Model, Grade = g.Key.Grade,
                AueDate = g.Key.AueDate, Devices = g.Sum(x => x.Count),
            })
            .ToList();
        return (new ManifestSummary
        {
            Devices = devices,
            DataBearingDevices = dataBearing,
            PricedDevices = priced,
            UnpricedDevices = unpriced,
            EstimateLow = estimate.Low,
            EstimatePoint = estimate.Point,
            EstimateHigh = estimate.High,
            FederalEquipmentValue = decimal.Round(federal, 2),
            FederalDevices = federalDevices,
            AverageYearsOfUpdatesLeft = yearsCount == 0 ? null : Math.Round(yearsSum / yearsCount, 1),
            ChromebooksPastAue = pastAue,
            ERateRestrictedDevices = await db.Devices.Where(d => d.LotId == lotId).Where(Device.ERateRestrictedOn(today)).CountAsync(cancellationToken),
            ValuedAt = clock.Now,
        }, manifestGroups);
    }

    /// <summary>The first E-rate-restricted serials of a lot (in serial order) and how many there are, for the district's warning and the submission check.</summary>
    public async Task<(int Count, IReadOnlyList<string> First)> ERateRestrictedAsync(Guid lotId, int first, CancellationToken cancellationToken)
    {
        var restricted = db.Devices.Where(d => d.LotId == lotId).Where(Device.ERateRestrictedOn(clock.Today));
        var serials = await restricted.OrderBy(d => d.Serial).Select(d => d.Serial).Take(first).ToListAsync(cancellationToken);
        var count = serials.Count < first ? serials.Count : await restricted.CountAsync(cancellationToken);
        return (count, serials);
    }
}

/// <summary>The price guide and its base prices (per model, else per category), as the estimate values a device.</summary>
public sealed record DevicePrices(PriceGuide Guide, IReadOnlyDictionary<DeviceCategory, decimal> CategoryPrices, IReadOnlyDictionary<string, decimal> ModelPrices)
{
    /// <summary>The guide value of one device, or null when neither its model nor its category has a base price.</summary>
    public decimal? Value(string model, DeviceCategory category, CosmeticGrade grade, FunctionalStatus functional, double? yearsLeft)
    {
        decimal? basePrice = ModelPrices.TryGetValue(DeviceModel.NormalizeName(model), out var modelPrice) ? modelPrice
            : CategoryPrices.TryGetValue(category, out var categoryPrice) ? categoryPrice : null;
        return basePrice is { } price ? Guide.Estimate(price, grade, functional, category, yearsLeft) : null;
    }
}
