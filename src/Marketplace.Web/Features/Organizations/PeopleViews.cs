using Marketplace.Web.Domain.People;

namespace Marketplace.Web.Features.Organizations;

public sealed record MemberRow(Guid Id, string Name, string Email, IReadOnlyList<string> Duties, bool TwoFactorEnabled, DateTimeOffset? DeactivatedAt,
    DateTimeOffset? LastSignInAt)
{
    public bool Active => DeactivatedAt is null;
    public bool TwoFactorRequired => DutyGrants.RequireTwoFactor(Duties);
    public bool IsAdmin => Duties.Contains(Roles.OrganizationAdmin);
}

public sealed record InvitationRow(Guid Id, string Email, IReadOnlyList<string> Duties, string InvitedByName, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    int TimesSent, DateTimeOffset ExpiresAt, InvitationState State);

public sealed record PeoplePage(string OrganizationName, OrganizationKind Kind, IReadOnlyList<string> Grantable, IReadOnlyList<MemberRow> Members,
    IReadOnlyList<InvitationRow> Invitations, TimeSpan InvitationLifetime, Guid CurrentUserId);

public sealed record MemberPage(MemberRow Member, string OrganizationName, IReadOnlyList<string> Grantable, bool IsSelf, bool IsLastAdmin,
    string? DeactivatedBy, string? DeactivationReason, bool DeactivatedByPlatform);

/// <summary>What the holder of an invitation's link sees.</summary>
public sealed record InvitationView(string Token, InvitationState State, string Why, string OrganizationName, string Email, IReadOnlyList<string> Duties,
    string InvitedByName, string InvitedByEmail, DateTimeOffset ExpiresAt)
{
    public bool RequiresTwoFactor => DutyGrants.RequireTwoFactor(Duties);
}
