using Marketplace.Web.Features.Imports;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Sanitization;

namespace Marketplace.Web.Features;

public static class FeaturesServiceCollectionExtensions
{
    /// <summary>
    /// The services of each feature area beyond its handlers and validators (which the pipeline finds by
    /// itself): one registration per area, in the area's folder.
    /// </summary>
    public static IServiceCollection AddMarketplaceFeatures(this IServiceCollection services)
    {
        services.AddLots();
        services.AddSales();
        services.AddImports();
        services.AddInvoicePayments();
        services.AddSanitization();
        services.AddNotifications();
        services.AddSingleton<Storefront.CatalogIndexCache>();
        services.AddScoped<IPreparation<Storefront.RequestReturn.Command>, Storefront.RequestReturn.CheckPhotos>();
        services.AddScoped<Fulfillment.RecordScan.Lookup>();
        services.AddScoped<IPreparation<Fulfillment.RecordScan.Command>>(sp => sp.GetRequiredService<Fulfillment.RecordScan.Lookup>());
        return services;
    }
}
