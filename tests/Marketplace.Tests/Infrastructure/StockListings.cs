using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Storefront;

namespace Marketplace.Tests.Infrastructure;

/// <summary>New-listing commands for tests about buying: a working Chromebook SKU with the given title, price and stock.</summary>
internal static class StockListings
{
    public static CreateListing.Command Command(string title, string? description, DeviceCategory category, CosmeticGrade grade, decimal price, int quantity,
        int warrantyMonths, string manufacturer = "Dell", string model = "Chromebook 3110", int ramGb = 4, int storageGb = 32, DateOnly? aue = null,
        (int Quantity, decimal Price)? tier1 = null, (int Quantity, decimal Price)? tier2 = null) =>
        new(new ListingDetails(title, description, category, manufacturer, model, "Intel Celeron N4500", ramGb, storageGb, 11.6m, grade,
            FunctionalStatus.Working, 92, aue ?? new DateOnly(2031, 6, 1), price, quantity, warrantyMonths, tier1?.Quantity, tier1?.Price, tier2?.Quantity, tier2?.Price));
}
