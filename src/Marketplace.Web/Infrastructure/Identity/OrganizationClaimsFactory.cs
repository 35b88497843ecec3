using System.Security.Claims;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Puts the user's organization in the sign-in cookie so every request knows its tenant.</summary>
public sealed class OrganizationClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    MarketplaceDb db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organization = await db.Organizations.FindAsync(user.OrganizationId);
        identity.AddClaim(new Claim(MarketplaceClaims.OrganizationId, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(MarketplaceClaims.OrganizationName, organization?.Name ?? ""));
        identity.AddClaim(new Claim(MarketplaceClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
