using Marketplace.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<MarketplaceDb>()
            .AddClaimsPrincipalFactory<OrganizationClaimsFactory>()
            .AddSignInManager<MarketplaceSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName);

        // The sign-in cookie is checked by SessionCheck; these options now govern only the "remember this browser" cookie of
        // two-factor sign-in, which is read once per sign-in: checked every time, a remembered browser is forgotten as soon
        // as the security stamp changes (password reset, two-factor turned off or on, deactivation), not up to 30 minutes later.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.Configure<AccountOptions>(configuration.GetSection(AccountOptions.Section));
        services.AddOptions<PasswordResetTokenProviderOptions>()
            .Configure<IOptions<AccountOptions>>((tokens, account) => tokens.TokenLifespan = account.Value.PasswordResetLinkLifetime);

        // Failed sign-ins are counted per address and client (SignInThrottle), not by Identity's per-account lockout,
        // which anyone who knows an address could trigger: the sign-in page never asks Identity to count failures.
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.Configure<TwoFactorThrottleOptions>(configuration.GetSection(TwoFactorThrottleOptions.Section));
        services.AddSingleton<TwoFactorThrottle>();
        services.AddSingleton<PasswordResetLimit>();

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
            // Deactivation, a password reset and changed duties take effect on the person's next request (SessionCheck).
            options.Events.OnValidatePrincipal = SessionCheck.ValidatePrincipalAsync;
        });

        // Keys in the database: every web instance can read every other instance's cookies.
        services.AddDataProtection()
            .SetApplicationName("k12-device-marketplace")
            .PersistKeysToDbContext<MarketplaceDb>();
        return services;
    }
}
