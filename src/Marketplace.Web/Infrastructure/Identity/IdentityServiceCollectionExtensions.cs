using Marketplace.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddMarketplaceIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 12;
                options.User.RequireUniqueEmail = true;
                // A person signs in only once their e-mail address is confirmed: a sign-up must prove it reaches them.
                // The demo users and people the app adds itself are created confirmed.
                options.SignIn.RequireConfirmedEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<MarketplaceDb>()
            .AddClaimsPrincipalFactory<OrganizationClaimsFactory>()
            .AddDefaultTokenProviders();

        // Failed sign-ins are counted per address and client (SignInThrottle), not by Identity's per-account lockout,
        // which anyone who knows an address could trigger: the sign-in page never asks Identity to count failures.
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "k12market.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        // Keys in the database: every web instance can read every other instance's cookies.
        services.AddDataProtection()
            .SetApplicationName("k12-device-marketplace")
            .PersistKeysToDbContext<MarketplaceDb>();
        return services;
    }
}
