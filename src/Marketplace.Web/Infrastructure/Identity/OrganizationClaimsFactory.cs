using System.Security.Claims;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// Puts the user's organization in the sign-in cookie so every request knows its tenant, with what <see cref="SessionCheck"/>
/// and <see cref="TwoFactorSetupGate"/> read: the row's version and whether two-factor set-up is still owed.
/// </summary>
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
        identity.AddClaim(new Claim(MarketplaceClaims.UserVersion, user.ConcurrencyStamp ?? ""));
        if (!user.TwoFactorEnabled && DutyGrants.RequireTwoFactor(identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(MarketplaceClaims.TwoFactorSetupRequired, "true"));
        }

        if (organization is not null && Roles.MembershipOf(organization.Kind) is { } membership)
        {
            // Membership is derived, never stored: a member may read what the organization owns whatever their duties.
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, membership));
        }

        return identity;
    }
}
