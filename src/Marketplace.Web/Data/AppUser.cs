using Marketplace.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Data;

/// <summary>A person who signs in. Each belongs to exactly one organization.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid OrganizationId { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>When the person last completed a sign-in (both steps when they have two).</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Set while the account is deactivated: its sessions end at their next request and it cannot sign in.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Who deactivated the account: the organization's admin or a platform admin, by name.</summary>
    public string? DeactivatedBy { get; private set; }

    public string? DeactivationReason { get; private set; }

    /// <summary>Deactivated by the marketplace's staff, not by the organization: only platform admins reactivate it.</summary>
    public bool DeactivatedByPlatform { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <remarks>The caller also changes the security stamp, so a session that is still open ends at once.</remarks>
    public void Deactivate(DateTimeOffset now, string byName, string? reason, bool byPlatform = false)
    {
        if (!IsActive)
        {
            throw new DomainException($"{DisplayName}'s account is already deactivated.");
        }

        DeactivatedAt = now;
        DeactivatedBy = byName;
        DeactivationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DeactivatedByPlatform = byPlatform;
    }

    public void Reactivate(bool byPlatform = false)
    {
        if (IsActive)
        {
            throw new DomainException($"{DisplayName}'s account is active.");
        }

        if (DeactivatedByPlatform && !byPlatform)
        {
            throw new DomainException($"The marketplace's staff deactivated {DisplayName}'s account{(DeactivationReason is null ? "" : $" ({DeactivationReason})")}: only they can reactivate it.");
        }

        DeactivatedAt = null;
        DeactivatedBy = null;
        DeactivationReason = null;
        DeactivatedByPlatform = false;
    }
}
