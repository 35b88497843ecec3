using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
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
        if (organization is not null && Roles.MembershipOf(organization.Kind) is { } membership)
        {
            // Membership is derived, never stored: a member may read what the organization owns whatever their duties.
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, membership));
        }

        return identity;
    }
}
