using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Data;

/// <summary>A person who signs in. Each belongs to exactly one organization.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid OrganizationId { get; set; }
    public required string DisplayName { get; set; }
}
