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

/// <summary>
/// Whether a signed-in person's duties allow a message, read from the same <see cref="AllowedRolesAttribute"/> the
/// pipeline enforces, so a page offers exactly the buttons whose commands would be accepted.
/// </summary>
public static class AllowedRolesRules
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, AllowedRolesAttribute?> Rules = new();

    public static AllowedRolesAttribute? For(Type messageType) =>
        Rules.GetOrAdd(messageType, t => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<AllowedRolesAttribute>(t));

    public static bool May<TMessage>(this System.Security.Claims.ClaimsPrincipal user) =>
        For(typeof(TMessage)) is { } rule
        && (rule.Anonymous || (user.Identity?.IsAuthenticated == true && rule.Roles.Any(user.IsInRole)));

    public static bool May<TMessage>(this Identity.ICurrentUser user) =>
        For(typeof(TMessage)) is { } rule && (rule.Anonymous || (user.IsAuthenticated && rule.Roles.Any(user.IsInRole)));
}

/// <summary>
/// A command that races others on one aggregate (bids on one auction) and is safe to run again from the start: when its
/// save loses to a concurrent one (the version token changed), <see cref="ConflictRetryBehavior{TMessage, TResponse}"/>
/// runs it again, in a new transaction against the state that won, a bounded number of times.
/// </summary>
public interface IRetryOnConflict;
