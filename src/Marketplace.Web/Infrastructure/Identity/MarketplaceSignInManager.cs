using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in with the marketplace's rules: a deactivated account cannot sign in by any path; a browser remembered
/// for two-factor is never remembered for someone whose duties require the second factor every time; every completed
/// sign-in is recorded on the user (refreshing a cookie is not a sign-in).
/// </summary>
public sealed class MarketplaceSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    MarketplaceDb db,
    IClock clock)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<bool> IsTwoFactorClientRememberedAsync(AppUser user) =>
        !DutyGrants.RequireTwoFactor(await UserManager.GetRolesAsync(user)) && await base.IsTwoFactorClientRememberedAsync(user);

    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        if (!_refreshing)
        {
            // Written past the change tracker: the user's concurrency stamp, which the cookie carries, stays as it is.
            var now = clock.Now;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        }
    }
}
