using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>One fixed-window limit per client address: so many requests per window, then 429 until the window turns.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Posts to the sign-in form (right or wrong password), per client address.</summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 20 };

    /// <summary>Posts to the Stripe webhook, per client address; Stripe retries what it is refused.</summary>
    public RateLimit Webhooks { get; set; } = new() { PermitLimit = 300 };
}

/// <summary>
/// ASP.NET Core's rate limiter on the endpoints a stranger can hammer without an account: sign-in and the Stripe
/// webhook (and password reset, should the app get one: put <c>[EnableRateLimiting(RateLimits.SignIn)]</c> on it). The
/// client is the connection's address, which is the browser's only behind a proxy listed in <c>ForwardedHeaders:KnownProxies</c>:
/// a stranger cannot pick a fresh partition by sending X-Forwarded-For.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Webhooks = "webhooks";

    public static IServiceCollection AddMarketplaceRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignIn, http => PerClient(http, o => o.SignIn));
            options.AddPolicy(Webhooks, http => PerClient(http, o => o.Webhooks));
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                Refusal.WithStatus(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Too many attempts from your network. Wait {(seconds < 120 ? $"{seconds} seconds" : $"{seconds / 60} minutes")} and try again.");
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The client's address as ASP.NET Core sees it once forwarded headers from trusted proxies are applied.</summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerClient(HttpContext http, Func<RateLimitOptions, RateLimit> pick) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ =>
        {
            var limit = pick(http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
            return new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true };
        });
}
