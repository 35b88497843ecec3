namespace Marketplace.Web.Features.Lots;

public static class LotsServiceCollectionExtensions
{
    /// <summary>The manifest valuation, and the per-command list of lots whose manifest changed (revalued before commit).</summary>
    public static IServiceCollection AddLots(this IServiceCollection services)
    {
        services.AddScoped<ManifestValuation>();
        services.AddScoped<ManifestChanges>();
        services.AddScoped<LotFederalShare>();
        return services;
    }
}
