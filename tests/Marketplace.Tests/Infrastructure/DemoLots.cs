using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Lots saved straight into a running app's database, owned by the demo district and bought by the demo refurbisher.</summary>
public static class DemoLots
{
    public const string District = "Maple Valley School District";
    public const string Refurbisher = "GreenCycle ITAD";

    public static Task<Lot> SaveCertifiedAsync(this MarketplaceFactory factory, decimal hammer) =>
        factory.SaveAsync((district, buyer, now) => SampleLots.Certified(district, buyer, hammer, now));

    public static Task<Lot> SaveReceivedAsync(this MarketplaceFactory factory, decimal hammer) =>
        factory.SaveAsync((district, buyer, now) => SampleLots.Received(district, buyer, hammer, now));

    private static Task<Lot> SaveAsync(this MarketplaceFactory factory, Func<Guid, Organization, DateTimeOffset, Lot> build) =>
        factory.WithDbAsync(async db =>
        {
            var district = await db.Organizations.SingleAsync(o => o.Name == District);
            var buyer = await db.Organizations.SingleAsync(o => o.Name == Refurbisher);
            var lot = build(district.Id, buyer, DateTimeOffset.UtcNow);
            db.Lots.Add(lot);
            await db.SaveChangesAsync();
            return lot;
        });
}
