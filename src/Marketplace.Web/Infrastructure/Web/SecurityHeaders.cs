using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>Which proxies may say who the client is and whether it came over HTTPS (X-Forwarded-For, X-Forwarded-Proto).</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Comma-separated addresses of the proxies in front of the app (a load balancer, nginx); empty: none.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>Comma-separated networks in CIDR form (10.0.0.0/8) whose hosts are all proxies, as in a container network.</summary>
    public string? KnownNetworks { get; set; }
}

/// <summary>
/// Response headers every page gets, and which proxies are believed. The policy allows scripts and styles from this
/// site's own files only: no page has an inline script, an on* handler or a style="" attribute (progress bars take
/// their width from data-progress through site.js, and fixed styles are classes in site.css), so 'unsafe-inline' is
/// not needed. Hangfire's dashboard (/admin/jobs, admins only) is third-party markup whose charts style elements
/// inline: it alone may use inline styles. form-action is left out on purpose: a card checkout's post is redirected to
/// Stripe Checkout, and browsers apply form-action to that redirect.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private const string DashboardPath = "/admin/jobs";

    private static readonly string DashboardPolicy = ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static IServiceCollection AddMarketplaceSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        // No "Server: Kestrel": the banner only helps someone looking for a known flaw.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });

        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the proxies configured here are believed; with none configured the headers are ignored, because
            // ASP.NET Core checks the sender against these lists only when they are not empty.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in List(settings.KnownProxies))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in List(settings.KnownNetworks))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            options.ForwardedHeaders = options.KnownProxies.Count + options.KnownIPNetworks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });
        return services;
    }

    public static IApplicationBuilder UseMarketplaceSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(DashboardPath) ? DashboardPolicy : ContentSecurityPolicy;
            await next();
        });

    private static IEnumerable<string> List(string? setting) =>
        (setting ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Downloads (manifests, certificates, labels, import reports) hold a district's inventory or a buyer's records: no
/// browser or proxy cache keeps them (Cache-Control: no-store), unless the action chose its own caching (lot photos).
/// </summary>
public sealed class NoStoreDownloads : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is FileResult && !context.HttpContext.Response.Headers.ContainsKey(HeaderNames.CacheControl))
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
