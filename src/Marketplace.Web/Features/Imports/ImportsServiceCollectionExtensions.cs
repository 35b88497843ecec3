namespace Marketplace.Web.Features.Imports;

public static class ImportsServiceCollectionExtensions
{
    /// <summary>The manifest check, and the progress of running imports (one per process: the background job reports it, the page polls it).</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddScoped<ManifestValidator>();
        services.AddSingleton<ImportProgress>();
        return services;
    }
}
