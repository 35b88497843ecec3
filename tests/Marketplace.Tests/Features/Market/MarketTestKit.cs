using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Market;

/// <summary>Devices of one kind in a lot the kit lists.</summary>
public sealed record DeviceBatch(int Count, DeviceCategory Category, string Manufacturer, string Model, CosmeticGrade Grade, int? AueYearsFromToday = null);

/// <summary>
/// Listed lots written as the app's commands would leave them (lot, devices, sale on its terms, summary and manifest groups
/// from the app's own valuation), with a chosen listing time and sale mode, which the district's pages cannot yet set.
/// </summary>
public static class MarketTestKit
{
    public const string MapleValley = "Maple Valley School District";
    public const string CedarRidge = "Cedar Ridge Unified School District";

    public static async Task<Guid> ListAsync(this MarketplaceFactory factory, string title, string district, DateTimeOffset listedAt, SaleTerms terms, params DeviceBatch[] batches)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var districtId = await db.Organizations.Where(o => o.Name == district).Select(o => o.Id).SingleAsync();
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = districtId, Title = title, CreatedAt = listedAt };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var serial = 0;
        var prefix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var devices = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(_ =>
        {
            var device = lot.NewDevice($"MK{prefix}{serial++:D5}", null, b.Category, b.Manufacturer, b.Model, b.Grade, FunctionalStatus.Working);
            device.AueDate = b.AueYearsFromToday is { } years ? today.AddDays((int)(years * 365.25) + 30) : null;
            return device;
        })).ToList();
        var sale = lot.Submit(new SubmissionCheck(devices.Count, devices.Any(d => d.IsDataBearing), 0, []), terms, listedAt);
        db.Lots.Add(lot);
        db.Devices.AddRange(devices);
        db.Sales.Add(sale);
        await db.SaveChangesAsync();
        var (summary, groups) = await scope.ServiceProvider.GetRequiredService<ManifestValuation>().SummarizeWithGroupsAsync(lot.Id, CancellationToken.None);
        lot.Revalue(summary);
        db.ManifestGroups.AddRange(groups);
        await db.SaveChangesAsync();
        return lot.Id;
    }
}
