using System.Security.Claims;
using Marketplace.Web.Domain;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Who is asking: a signed-in person, or a background job acting as the system.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid UserId { get; }
    Guid OrganizationId { get; }
    string Name { get; }
    bool IsInRole(string role);

    /// <summary>The signed-in user's organization; throws when there is none (system or anonymous).</summary>
    Guid RequireOrganization() =>
        IsAuthenticated && OrganizationId != Guid.Empty ? OrganizationId : throw new ForbiddenException("Sign in with an organization account.");
}

public static class MarketplaceClaims
{
    public const string OrganizationId = "org";
    public const string OrganizationName = "org_name";
    public const string DisplayName = "display_name";

    /// <summary>The user row's concurrency stamp when the cookie was made: a different one in the row means duties or details changed.</summary>
    public const string UserVersion = "user_version";

    /// <summary>"true" while the person's duties require two-factor sign-in and they have not turned it on.</summary>
    public const string TwoFactorSetupRequired = "two_factor_setup_required";
}

/// <summary>
/// Scoped: reads the HTTP user, unless a job has switched the scope to the system identity.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    private bool _system;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsAuthenticated => _system || Principal?.Identity?.IsAuthenticated == true;

    public Guid UserId => _system ? Guid.Empty : ParseGuid(ClaimTypes.NameIdentifier);

    public Guid OrganizationId => _system ? Guid.Empty : ParseGuid(MarketplaceClaims.OrganizationId);

    public string Name => _system ? "system" : Principal?.FindFirstValue(MarketplaceClaims.DisplayName) ?? Principal?.Identity?.Name ?? "anonymous";

    public bool IsInRole(string role) => _system ? role == Roles.System : Principal?.IsInRole(role) == true;

    public void ActAsSystem() => _system = true;

    private Guid ParseGuid(string claim) => Guid.TryParse(Principal?.FindFirstValue(claim), out var id) ? id : Guid.Empty;
}
