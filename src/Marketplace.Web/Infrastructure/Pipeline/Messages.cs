namespace Marketplace.Web.Infrastructure.Pipeline;

/// <summary>
/// Which roles may send a message. Every command and query carries one; the authorization behavior
/// refuses the rest, and a test checks that no message type forgets it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles.SelectMany(r => r.Split(',')).ToArray();

    /// <summary>Also allow requests without a signed-in user (public pages, webhooks).</summary>
    public bool Anonymous { get; init; }
}
