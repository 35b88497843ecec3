using Marketplace.Web.Domain.People;

namespace Marketplace.Web.Features.Admin;

public sealed record UserRow(Guid Id, string Name, string Email, string Organization, OrganizationKind OrganizationKind, IReadOnlyList<string> Duties,
    bool TwoFactorEnabled, DateTimeOffset? DeactivatedAt, DateTimeOffset? LastSignInAt)
{
    public bool Active => DeactivatedAt is null;
    public bool TwoFactorRequired => DutyGrants.RequireTwoFactor(Duties);
}

public sealed record UserSearch(string? Q, string? Status, string? TwoFactor)
{
    /// <summary>The search as a query string for the pager's links.</summary>
    public string ToQuery(int page) =>
        "?" + string.Join("&", new[] { ("q", Q), ("status", Status), ("twoFactor", TwoFactor), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}

public sealed record UsersPage(UserSearch Search, Shared.PageOf<UserRow> Users);

public sealed record UserAccountPage(UserRow User, string? DeactivatedBy, string? DeactivationReason, bool DeactivatedByPlatform, bool IsSelf);
