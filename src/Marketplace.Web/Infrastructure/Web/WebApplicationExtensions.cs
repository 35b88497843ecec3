using Marketplace.Web.Data;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Infrastructure.Web;

public static class WebApplicationExtensions
{
    public static IServiceCollection AddMarketplaceWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllersWithViews(options =>
        {
            options.Filters.Add<CommandFailureFilter>();
            options.Filters.Add<InvalidInputFilter>();
            options.Filters.Add<NoStoreDownloads>();
            options.ModelMetadataDetailsProviders.Add(new BindingMessages());
            // Whether a field may be empty is each command's validator's call (with its own message), not an implicit
            // [Required] on every non-nullable string that InvalidInputFilter would then refuse with a generic one.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            // Anti-forgery on every unsafe request; the Stripe webhook opts out and checks Stripe's signature instead.
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        });
        services.Configure<RazorViewEngineOptions>(options => options.ViewLocationExpanders.Add(new FeatureViewLocations()));
        services.AddAntiforgery(options => options.HeaderName = "X-CSRF-TOKEN");
        services.AddSingleton<RequestProgress>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // Pages of hundreds of rows are mostly repeated markup: compressed, a 1 MB page crosses a school network as
        // about 100 KB. Anti-forgery tokens are encrypted anew for every response, so BREACH-style guessing has nothing stable to find.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddMarketplaceRateLimits(configuration);
        services.AddScoped<DemoData>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<DatabaseStartup>();
        services.AddMarketplaceSecurityHeaders(configuration);
        return services;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(app.Lifetime.ApplicationStopping);
        }

        // Lots carried over by a migration have no manifest summary yet; pages read it, so it is made before the first request.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Identity.CurrentUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new Features.Lots.RevalueLots.Command(OnlyNeverValued: true), app.Lifetime.ApplicationStopping);
        }
    }

    public static WebApplication UseMarketplaceWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseResponseCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            // Sent only over HTTPS (directly, or as a trusted proxy's X-Forwarded-Proto says), never for localhost.
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMarketplaceSecurityHeaders();
        app.UseRequestLocalization("en-US");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<Identity.TwoFactorSetupGate>();
        app.UseAuthorization();
        app.UseMiddleware<FormBodyGuard>();
        return app;
    }

    public static WebApplication MapMarketplaceEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    role = context.RequestServices.GetRequiredService<AppRole>().Value,
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        });
        app.MapJobDashboard();
        app.MapControllers();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(MarketplaceDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is unreachable.");
}
