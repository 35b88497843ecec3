using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Tests.Infrastructure;

/// <summary>A stand-in for the signed-in user when a pipeline behavior is tested on its own.</summary>
public sealed class TestUser(params string[] roles) : ICurrentUser
{
    public static TestUser Anonymous { get; } = new() { IsAuthenticated = false };

    public bool IsAuthenticated { get; init; } = true;
    public Guid UserId { get; init; } = Guid.NewGuid();
    public Guid OrganizationId { get; init; } = Guid.NewGuid();
    public string Name { get; init; } = "Dana Whitfield";

    public bool IsInRole(string role) => IsAuthenticated && roles.Contains(role);
}
